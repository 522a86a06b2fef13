"""The account map as of a past day on the exploration page (issue 17), on the demo with its history:
Ruifeng on 2026-11-01 still has Ma Lin (she left on 2026-11-09) and not yet Zhou Min (at Lanting until the
final demo state); today's map is the other way round. Screenshots in English and 中文 in test-artifacts/."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.services.importer import import_bundle
from seed import demo
from seed.demo_time import import_history
from tests.browser.conftest import ARTIFACTS, LiveServer, Recorded, sign_in

pytestmark = pytest.mark.integration

DAY = "2026-11-01"


def map_html(page: Any) -> str:
    return page.locator("#graph").get_attribute("srcdoc") or ""


def wait_drawn(page: Any, marker: str) -> None:
    """The map whose HTML carries `marker` is in the frame and has reported itself drawn."""
    page.wait_for_function("(m) => (document.querySelector('#graph').srcdoc || '').includes(m)", arg=marker,
                           timeout=150_000)
    page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=150_000)
    page.wait_for_timeout(1500)


def test_map_as_of_a_past_day(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    bundle = json.loads((Path(demo.__file__).parent / "demo.json").read_text(encoding="utf-8"))
    import_history(live_server.graph, bundle)
    import_bundle(live_server.graph, bundle)
    browser_page, recorded = page
    sign_in(browser_page, live_server)
    browser_page.fill("#account-q", "Ruifeng")
    browser_page.click("#account-results button[data-id='acc-ruifeng']")
    wait_drawn(browser_page, "Ruifeng")
    today = map_html(browser_page)
    assert "Zhou Min" in today and "Ma Lin" not in today        # she left on 2026-11-09: not drawn today
    browser_page.screenshot(path=str(ARTIFACTS / "17-map-today-en.png"))

    browser_page.fill("#map-as-of", DAY)
    browser_page.dispatch_event("#map-as-of", "change")
    wait_drawn(browser_page, f"as of {DAY}")
    past = map_html(browser_page)
    assert "Ma Lin" in past and "Zhou Min" not in past
    browser_page.screenshot(path=str(ARTIFACTS / "17-map-as-of-en.png"))

    browser_page.click("#lang")
    browser_page.wait_for_function("() => document.querySelector('header h1').textContent === '关系地图'")
    wait_drawn(browser_page, f"截至 {DAY}")
    assert "Ma Lin" in map_html(browser_page)
    browser_page.screenshot(path=str(ARTIFACTS / "17-map-as-of-zh.png"))
    assert not [e for e in recorded.errors if "favicon" not in e]
