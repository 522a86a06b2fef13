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


def key_labels(page: Any) -> list[dict[str, Any]]:
    """Each key node on screen: its label's on-screen font size and where the label is (page pixels)."""
    frame = page.frame(url="about:srcdoc")
    box = page.locator("#graph").bounding_box()
    found = frame.evaluate("""() => {
        const scale = network.getScale();
        return nodes.get({filter: (n) => n.key && n.kind !== 'department'}).map((n) => {
            const p = network.canvasToDOM(network.getPositions([n.id])[n.id]);
            const b = network.getBoundingBox(n.id);
            const bottom = network.canvasToDOM({x: p.x, y: b.bottom});
            return {id: n.id, label: n.label, px: ((n.font && n.font.size) || 14) * scale, x: p.x, y: bottom.y};
        });
    }""")
    offset = page.evaluate("() => document.querySelector('#graph').contentDocument.querySelector('#mynetwork').getBoundingClientRect().top")
    return [{**k, "x": k["x"] + box["x"], "y": k["y"] + box["y"] + offset} for k in found]


def dark_pixels(png: bytes) -> int:
    pixels = image.imread(io.BytesIO(png))
    return int((pixels[..., :3].max(axis=2) < 0.35).sum())


def test_key_people_are_labelled_legibly_on_the_133_contact_map(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    from seed.demo import build_demo

    import_bundle(live_server.graph, build_demo())
    browser_page, recorded = page
    open_map(browser_page, live_server, "jinhai", "acc-jinhai")
    browser_page.screenshot(path=str(ARTIFACTS / "40-jinhai-133-en.png"))
    labels = key_labels(browser_page)
    assert len(labels) >= 10, labels  # approvers, decision makers, important people, circle leaders
    assert min(k["px"] for k in labels) >= MIN_LABEL_PX, sorted(labels, key=lambda k: k["px"])[:3]
    box = browser_page.locator("#graph").bounding_box()
    inside = [k for k in labels if box["x"] + 20 < k["x"] < box["x"] + box["width"] - 80
              and box["y"] < k["y"] < box["y"] + box["height"] - 24]
    assert len(inside) >= len(labels) * 0.8
    for k in inside[:12]:  # text is really drawn under the node: dark pixels where the label is
        clip = {"x": k["x"] - 30, "y": k["y"], "width": 60, "height": 20}
        assert dark_pixels(browser_page.screenshot(clip=clip)) > 20, k
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
    browser_page.screenshot(path=str(ARTIFACTS / "45-1000-folded.png"))
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
    browser_page.screenshot(path=str(ARTIFACTS / "46-1000-expanded.png"))
    assert outside_requests(recorded.requests, live_server) == []
    assert recorded.errors == []
