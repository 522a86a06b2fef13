"""Every panel of the page that waits for the server shows a loading state (issue 19).

The server's answers are held back in the browser (Playwright routes, released by the test), so each
panel is seen while its request is still open: the account map, deal view, reach view and weekly
review (the graph area's overlay), the account trend, the deal panel (averages, win rate, gaps), the
deal trend and win-rate curve, and the reach list. Then the answers go through and each panel fills.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from app.services.importer import import_bundle
from tests.browser.conftest import ARTIFACTS, LiveServer, Recorded, sign_in
from tests.browser.test_exploration_page import click_node

pytestmark = pytest.mark.integration
LOADING = {"en": "Loading…", "zh": "加载中…"}


class Held:
    """Requests whose path matches, kept open until `release`."""

    def __init__(self, page: Any, pattern: str) -> None:
        self.page, self.pattern, self.routes = page, re.compile(pattern), []
        page.route(self.pattern, lambda route: self.routes.append(route))

    def wait(self, count: int = 1) -> None:
        for _ in range(600):
            if len(self.routes) >= count:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"no request matched {self.pattern.pattern}")

    def release(self) -> None:
        self.page.unroute(self.pattern)
        for route in self.routes:
            try:
                route.continue_()
            except PlaywrightError as exc:  # a request the page gave up on (a newer view replaced it)
                if "already handled" not in str(exc):
                    raise
        self.routes.clear()


def loading_shown(page: Any, selector: str, lang: str) -> None:
    node = page.locator(selector)
    node.wait_for(state="visible", timeout=10_000)
    assert LOADING[lang] in node.inner_text()
    assert "loading" in (node.get_attribute("class") or "")  # the spinner


def held_while(page: Any, pattern: str, action: Callable[[], None], count: int = 1) -> Held:
    held = Held(page, pattern)
    action()
    held.wait(count)
    return held


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_waiting_panel_shows_a_loading_state(live_server: LiveServer, page: tuple[Any, Recorded],
                                                   mini_bundle: dict[str, Any], lang: str) -> None:
    import_bundle(live_server.graph, mini_bundle)
    browser_page, recorded = page
    browser_page.add_init_script(f"localStorage.setItem('brm.lang', '{lang}')")
    sign_in(browser_page, live_server)
    shot = lambda name: browser_page.screenshot(path=str(ARTIFACTS / f"60-loading-{name}-{lang}.png"))  # noqa: E731

    # the account: its side data first (the deal list waits), then its map and trend thumbnail
    browser_page.fill("#account-q", "north")
    browser_page.wait_for_selector("#account-results button[data-id='acc-nw']")
    held_map = Held(browser_page, r"/viz/accounts/acc-nw\?")
    trend = Held(browser_page, r"/accounts/acc-nw/trend\.png")
    side = held_while(browser_page, r"/viz/accounts/acc-nw/data",
                      lambda: browser_page.click("#account-results button[data-id='acc-nw']"))
    loading_shown(browser_page, "#deal-list li", lang)
    shot("account")
    side.release()
    held_map.wait()
    trend.wait()
    loading_shown(browser_page, "#graph-loading", lang)
    loading_shown(browser_page, "#trend-section .loading", lang)
    shot("map-trend")
    trend.release()
    held_map.release()
    browser_page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=90_000)
    assert browser_page.locator("#graph-loading").is_hidden()
    browser_page.locator("#account-trend").wait_for(state="visible", timeout=90_000)
    assert browser_page.locator("#trend-section .loading").is_hidden()

    # a deal: the deal view and the panel's three calls held, then its two charts
    gaps = Held(browser_page, r"/opportunities/o-wms/gaps")
    deal_view = held_while(browser_page, r"/viz/opportunities/o-wms",
                           lambda: browser_page.click("#deal-list button[data-id='o-wms']"))
    gaps.wait()
    loading_shown(browser_page, "#graph-loading", lang)
    loading_shown(browser_page, "#deal-loading", lang)
    browser_page.locator("#deal-details").scroll_into_view_if_needed()
    shot("deal")
    charts = Held(browser_page, r"/opportunities/o-wms/(trend\.png|win-rate/curve\.png)")
    gaps.release()
    charts.wait(2)
    browser_page.wait_for_selector("#gap-list")
    for chart in ("#win-rate-curve", "#deal-trend"):  # the note just before each chart
        note = browser_page.locator(f"xpath=//img[@id='{chart[1:]}']/preceding-sibling::div[1]")
        assert LOADING[lang] in note.inner_text() and note.is_visible()
        note.scroll_into_view_if_needed()  # the deal trend's note last: the bottom of the panel in view
    shot("deal-charts")
    charts.release()
    deal_view.release()
    browser_page.wait_for_selector("body[data-drawn-view=deal]", state="attached", timeout=90_000)
    browser_page.locator("#deal-trend").wait_for(state="visible", timeout=90_000)
    browser_page.locator("#win-rate-curve").wait_for(state="visible", timeout=90_000)

    # reach: the list and the reach view held
    browser_page.click("nav button[data-view=account]")
    browser_page.wait_for_selector("body[data-drawn-view=account]", state="attached", timeout=90_000)
    browser_page.wait_for_timeout(300)
    click_node(browser_page, "c-ceo")
    reach_list = Held(browser_page, r"\d/contacts/c-ceo/reach")  # the port before it: not /viz/contacts/…
    reach_view = held_while(browser_page, r"/viz/contacts/c-ceo/reach", lambda: browser_page.click("#reach-button"))
    reach_list.wait()
    loading_shown(browser_page, "#reach-details .loading", lang)
    loading_shown(browser_page, "#graph-loading", lang)
    shot("reach")
    reach_list.release()
    reach_view.release()
    browser_page.wait_for_selector("#reach-list li", timeout=90_000)
    browser_page.wait_for_selector("body[data-drawn-view=reach]", state="attached", timeout=90_000)
    assert browser_page.locator("#graph-loading").is_hidden()

    # the weekly review tab
    review = held_while(browser_page, r"/reviews/weekly\.html", lambda: browser_page.click("nav button[data-view=review]"))
    loading_shown(browser_page, "#graph-loading", lang)
    shot("review")
    review.release()
    browser_page.locator("#graph-loading").wait_for(state="hidden", timeout=90_000)
    assert [e for e in recorded.errors if "favicon" not in e] == []
