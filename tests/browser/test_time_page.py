"""The time features on the exploration page (issue 17), on the demo with its history: the falling win-rate
curve in the deal panel, the weekly review and the alerts tabs, in English and Chinese (screenshots in
test-artifacts/)."""
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


def open_deal(page: Any, server: LiveServer) -> None:
    sign_in(page, server)  # issue 14: the page signs in with a form
    page.fill("#account-q", "Jinhai")
    page.click("#account-results button[data-id='acc-jinhai']")
    page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=150_000)
    page.click(f"#deal-list button[data-id='{demo.VETO}']")
    page.wait_for_selector("#averages", timeout=150_000)
    page.wait_for_function("() => document.querySelector('#win-rate-curve') && document.querySelector('#win-rate-curve').naturalWidth > 0",
                           timeout=150_000)


def test_curve_review_and_alerts_on_the_page(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    bundle = json.loads((Path(demo.__file__).parent / "demo.json").read_text(encoding="utf-8"))
    import_history(live_server.graph, bundle)
    import_bundle(live_server.graph, bundle)
    browser_page, recorded = page
    try:
        open_deal(browser_page, live_server)
    finally:
        browser_page.screenshot(path=str(ARTIFACTS / "17-deal-panel-en.png"), full_page=True)
    browser_page.locator("#win-rate-curve").scroll_into_view_if_needed()
    browser_page.wait_for_timeout(300)
    browser_page.screenshot(path=str(ARTIFACTS / "17-curve-en.png"), full_page=True)
    browser_page.locator("#win-rate-curve").screenshot(path=str(ARTIFACTS / "17-curve-chart-en.png"))

    browser_page.click("nav button[data-view=review]")
    browser_page.wait_for_selector("body[data-drawn-view=review]", state="attached", timeout=150_000)
    frame = browser_page.frame_locator("#graph")
    assert frame.locator("tbody tr").count() >= 4
    assert "Ma Lin" in frame.locator("body").inner_text()               # the champion-left alert on LIMS
    browser_page.screenshot(path=str(ARTIFACTS / "17-review-en.png"))

    browser_page.click("nav button[data-view=alerts]")
    browser_page.wait_for_selector("body[data-drawn-view=alerts]", state="attached", timeout=150_000)
    text = browser_page.frame_locator("#graph").locator("body").inner_text()
    assert "Champion left: Ma Lin" in text and "Former champion at Ruifeng" in text
    browser_page.screenshot(path=str(ARTIFACTS / "17-alerts-en.png"))

    browser_page.click("#lang")
    browser_page.wait_for_function("() => document.querySelector('header h1').textContent === '关系地图'")
    browser_page.click("nav button[data-view=alerts]")
    browser_page.wait_for_selector("body[data-drawn-view=alerts]", state="attached", timeout=150_000)
    browser_page.wait_for_timeout(500)
    assert "前支持者" in browser_page.frame_locator("#graph").locator("body").inner_text()
    browser_page.screenshot(path=str(ARTIFACTS / "17-alerts-zh.png"))
    browser_page.click("nav button[data-view=review]")
    browser_page.wait_for_timeout(500)
    browser_page.wait_for_selector("body[data-drawn-view=review]", state="attached", timeout=150_000)
    browser_page.wait_for_timeout(800)
    assert "销售周会" in browser_page.frame_locator("#graph").locator("body").inner_text()
    browser_page.screenshot(path=str(ARTIFACTS / "17-review-zh.png"))
    browser_page.click(f"#deal-list button[data-id='{demo.VETO}']")
    browser_page.wait_for_function("() => document.querySelector('#win-rate-curve') && document.querySelector('#win-rate-curve').naturalWidth > 0",
                                   timeout=150_000)
    browser_page.wait_for_timeout(800)
    browser_page.locator("#win-rate-curve").screenshot(path=str(ARTIFACTS / "17-curve-chart-zh.png"))
    assert not [e for e in recorded.errors if "favicon" not in e]
