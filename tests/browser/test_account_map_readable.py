"""The account map reads at a glance (issue 19): key people's labels legible at the default zoom on the
133-contact demo account, a folded 1,000-contact account that opens a department on click, person search.

Screenshots go to test-artifacts/ (40-… to 45-…) for a person to look at.
"""
from __future__ import annotations

import io
from typing import Any

import pytest
from matplotlib import image

from app.services.importer import import_bundle
from tests.browser.conftest import ARTIFACTS, LiveServer, Recorded, sign_in
from tests.browser.test_exploration_page import outside_requests

pytestmark = pytest.mark.integration
MIN_LABEL_PX = 12  # on-screen text height of a key person's label at the default zoom


def open_map(page: Any, server: LiveServer, query: str, account: str, lang: str = "en") -> None:
    page.add_init_script(f"localStorage.setItem('brm.lang', '{lang}')")
    sign_in(page, server)  # issue 14: the page signs in with a form
    page.fill("#account-q", query)
    page.click(f"#account-results button[data-id='{account}']", timeout=60_000)
    page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=90_000)
    page.wait_for_timeout(800)


LABEL_BOXES = """() => {
    // every label drawn now, in page pixels of the frame: vis-network's own label box, moved by vadjust
    const scale = network.getScale();
    return nodes.get().map((n) => {
        const label = network.body.nodes[n.id] && network.body.nodes[n.id].labelModule;
        const font = n.font || {};
        const px = (font.size || 13) * scale;
        if (!label || !label.size || !n.label || n.labelPlace === 'hidden' || px < 5) return null;
        const s = label.size, dy = font.vadjust || 0;
        const a = network.canvasToDOM({x: s.left, y: s.top + dy}), b = network.canvasToDOM({x: s.left + s.width, y: s.top + dy + s.height});
        return {id: n.id, key: !!n.key, kind: n.kind, label: n.label, place: n.labelPlace || 'below', px: px,
                x0: a.x, y0: a.y, x1: b.x, y1: b.y};
    }).filter((b) => b);
}"""


def label_boxes(page: Any) -> list[dict[str, Any]]:
    return page.frame(url="about:srcdoc").evaluate(LABEL_BOXES)


def collisions(boxes: list[dict[str, Any]], slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs (key label, other drawn label) whose boxes overlap by more than `slack` pixels both ways."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if not (a["key"] or b["key"]):
                continue
            if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > slack and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > slack:
                out.append((a["label"], b["label"]))
    return out


def zoomed_out(page: Any) -> None:
    """Half the default zoom: key labels keep their screen size, so crowded rows crowd more."""
    page.frame(url="about:srcdoc").evaluate("() => network.moveTo({scale: network.getScale() * 0.5})")
    page.wait_for_timeout(600)


def key_labels(page: Any) -> list[dict[str, Any]]:
    """Each key label drawn on screen: its on-screen font size and its box (page pixels)."""
    box = page.locator("#graph").bounding_box()
    offset = page.evaluate("() => document.querySelector('#graph').contentDocument.querySelector('#mynetwork').getBoundingClientRect().top")
    return [{**k, "x": (k["x0"] + k["x1"]) / 2 + box["x"], "y": k["y0"] + box["y"] + offset}
            for k in label_boxes(page) if k["key"] and k["kind"] != "department"]


def dark_pixels(png: bytes) -> int:
    pixels = image.imread(io.BytesIO(png))
    return int((pixels[..., :3].max(axis=2) < 0.35).sum())


def test_key_people_are_labelled_legibly_on_the_133_contact_map(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    from seed.demo import build_demo

    import_bundle(live_server.graph, build_demo())
    browser_page, recorded = page
    open_map(browser_page, live_server, "jinhai", "acc-jinhai")
    browser_page.wait_for_timeout(4500)  # the page places labels again once the short start-up repulsion has moved nodes
    browser_page.screenshot(path=str(ARTIFACTS / "40-jinhai-133-en.png"))
    labels = key_labels(browser_page)
    assert len(labels) >= 10, labels  # approvers, decision makers, important people, circle leaders
    assert min(k["px"] for k in labels) >= MIN_LABEL_PX, sorted(labels, key=lambda k: k["px"])[:3]
    box = browser_page.locator("#graph").bounding_box()
    inside = [k for k in labels if box["x"] + 20 < k["x"] < box["x"] + box["width"] - 80
              and box["y"] < k["y"] < box["y"] + box["height"] - 24]
    assert len(inside) >= len(labels) * 0.8
    assert collisions(label_boxes(browser_page)) == []  # no key label covers another label
    for k in inside[:12]:  # text is really drawn where the label is: dark pixels there
        clip = {"x": k["x"] - 30, "y": k["y"], "width": 60, "height": 20}
        assert dark_pixels(browser_page.screenshot(clip=clip)) > 20, k
    zoomed_out(browser_page)
    assert collisions(label_boxes(browser_page)) == []
    browser_page.screenshot(path=str(ARTIFACTS / "40-jinhai-133-zoomed-out-en.png"))
    # search focuses and highlights a person
    browser_page.fill("#person-q", labels[0]["label"].split(" ", 1)[-1])
    browser_page.press("#person-q", "Enter")
    browser_page.wait_for_timeout(800)
    selected = browser_page.frame(url="about:srcdoc").evaluate("() => network.getSelectedNodes()")
    assert selected == [labels[0]["id"]], (selected, recorded.errors, browser_page.inner_text("#person-note"))
    browser_page.screenshot(path=str(ARTIFACTS / "41-jinhai-search.png"))
    browser_page.check("#all-ties")
    browser_page.wait_for_timeout(500)
    hidden = browser_page.frame(url="about:srcdoc").evaluate("() => edges.get({filter: (e) => e.reveal && e.hidden}).length")
    assert hidden == 0
    browser_page.screenshot(path=str(ARTIFACTS / "42-jinhai-all-ties.png"))
    assert outside_requests(recorded.requests, live_server) == []
    assert recorded.errors == []


def test_chinese_133_contact_map(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    from seed.demo import build_demo

    import_bundle(live_server.graph, build_demo())
    browser_page, recorded = page
    open_map(browser_page, live_server, "jinhai", "acc-jinhai", lang="zh")
    browser_page.click("#deal-list button >> nth=0")
    browser_page.wait_for_selector("body[data-drawn-view=deal]", state="attached", timeout=90_000)
    browser_page.wait_for_selector("#gap-list", timeout=90_000)
    browser_page.wait_for_timeout(500)
    browser_page.screenshot(path=str(ARTIFACTS / "43-jinhai-deal-zh.png"), full_page=True)
    browser_page.click("nav button[data-view=account]")
    browser_page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=90_000)
    browser_page.wait_for_timeout(800)
    browser_page.screenshot(path=str(ARTIFACTS / "44-jinhai-133-zh-with-deal.png"))
    assert recorded.errors == []


def test_a_1000_contact_account_opens_folded_and_expands_on_click(live_server: LiveServer,
                                                                  page: tuple[Any, Recorded]) -> None:
    from seed.generate import generate_bundle

    bundle = generate_bundle(accounts=1, contacts_per_account=1000, employees=60, seed=19)
    import_bundle(live_server.graph, bundle)
    account = bundle["accounts"][0]
    browser_page, recorded = page
    open_map(browser_page, live_server, account["name"].split()[0], account["id"])
    browser_page.wait_for_timeout(4500)
    browser_page.screenshot(path=str(ARTIFACTS / "45-1000-folded.png"))
    assert collisions(label_boxes(browser_page)) == []  # dense rows: no key label covers another label
    zoomed_out(browser_page)
    assert collisions(label_boxes(browser_page)) == [] and len([b for b in label_boxes(browser_page) if b["key"]]) > 5
    browser_page.screenshot(path=str(ARTIFACTS / "45-1000-folded-zoomed-out.png"))
    browser_page.frame(url="about:srcdoc").evaluate("() => network.fit()")
    browser_page.wait_for_timeout(500)
    frame = browser_page.frame(url="about:srcdoc")
    departments = frame.evaluate("() => nodes.get({filter: (n) => n.kind === 'department'}).map((n) => n.id)")
    total = frame.evaluate("() => nodes.length")
    assert departments and total < 400, (len(departments), total)
    first = departments[0]
    point = frame.evaluate("(id) => network.canvasToDOM(network.getPositions([id])[id])", first)
    box = browser_page.locator("#graph").bounding_box()
    offset = browser_page.evaluate("() => document.querySelector('#graph').contentDocument.querySelector('#mynetwork').getBoundingClientRect().top")
    status = browser_page.inner_text("#status")
    browser_page.mouse.click(box["x"] + point["x"], box["y"] + offset + point["y"])
    browser_page.wait_for_function(f"() => document.querySelector('#status').textContent !== {status!r}"
                                   " && document.querySelector('#status').textContent.includes('ms')", timeout=90_000)
    browser_page.wait_for_timeout(800)
    frame = browser_page.frame(url="about:srcdoc")
    assert frame.evaluate(f"() => nodes.get('{first}')") is None  # the clicked department is open now
    assert frame.evaluate("() => nodes.length") > total - 1
    assert collisions(label_boxes(browser_page)) == []
    browser_page.screenshot(path=str(ARTIFACTS / "46-1000-expanded.png"))
    browser_page.click("#lang")                                   # the same map in Chinese
    browser_page.wait_for_function("() => document.querySelector('header h1').textContent === '关系地图'")
    browser_page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=90_000)
    browser_page.wait_for_timeout(4500)
    assert collisions(label_boxes(browser_page)) == []
    browser_page.screenshot(path=str(ARTIFACTS / "47-1000-folded-zh.png"))
    assert outside_requests(recorded.requests, live_server) == []
    assert recorded.errors == []


def redrawn(page: Any, before: str) -> None:
    """Wait until the page has drawn a new map (the status line changes to a new 'rendered … ms')."""
    page.wait_for_function(f"() => document.querySelector('#status').textContent !== {before!r}"
                           " && document.querySelector('#status').textContent.includes('ms')", timeout=90_000)
    page.wait_for_timeout(500)


def drawn_contacts(page: Any) -> set[str]:
    return set(page.frame(url="about:srcdoc").evaluate("() => nodes.get({filter: (n) => n.kind === 'contact'}).map((n) => n.id)"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_department_filter_counts_and_draws_exactly_its_people(live_server: LiveServer, page: tuple[Any, Recorded],
                                                                   lang: str) -> None:
    """Issue 19: Jinhai's top department holds every other one, so the filter showed 132 of 133 people.
    Now an option counts, and the map draws, exactly the people who work in that department; 'include
    sub-departments' adds those below it. Expected sets come from the demo bundle itself."""
    from seed.demo import build_demo

    bundle = build_demo()
    import_bundle(live_server.graph, bundle)
    people = [c for c in bundle["contacts"] if c["account"] == "acc-jinhai" and not c.get("left_at")]
    top = "d-jh-exec"
    below = {top}
    while True:  # every department under the executive office, from the bundle's PART_OF links
        more = {d["id"] for d in bundle["departments"] if d.get("parent") in below} - below
        if not more:
            break
        below |= more
    own = {c["id"] for c in people if c.get("department") == top}
    tree = {c["id"] for c in people if c.get("department") in below}
    assert 0 < len(own) < len(tree) <= len(people)

    browser_page, recorded = page
    open_map(browser_page, live_server, "jinhai", "acc-jinhai", lang=lang)
    option = browser_page.locator(f"#department option[value='{top}']")
    assert option.get_attribute("data-people") == str(len(own))
    assert option.inner_text().endswith(f"({len(own)})")
    status = browser_page.inner_text("#status")
    browser_page.select_option("#department", top)
    redrawn(browser_page, status)
    assert drawn_contacts(browser_page) == own
    browser_page.screenshot(path=str(ARTIFACTS / f"47-jinhai-department-{lang}.png"))
    status = browser_page.inner_text("#status")
    browser_page.check("#subunits")
    redrawn(browser_page, status)
    assert browser_page.locator(f"#department option[value='{top}']").get_attribute("data-people") == str(len(tree))
    assert drawn_contacts(browser_page) == tree
    browser_page.screenshot(path=str(ARTIFACTS / f"48-jinhai-department-subunits-{lang}.png"))
    assert recorded.errors == []
