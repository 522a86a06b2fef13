"""/docs and /redoc render in Chromium with every request outside the server blocked (issue 19)."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import ARTIFACTS, LiveServer, Recorded

pytestmark = pytest.mark.integration


def block_outside(browser_page: Any, server: LiveServer) -> list[str]:
    """Abort every request that does not go to the test server; return the list of those aborted."""
    base = urlparse(server.url)
    blocked: list[str] = []

    def route(request_route: Any) -> None:
        url = urlparse(request_route.request.url)
        if url.scheme in ("data", "blob") or (url.hostname, url.port) == (base.hostname, base.port):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    browser_page.route("**/*", route)
    return blocked


def test_swagger_ui_renders_offline(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    browser_page, recorded = page
    blocked = block_outside(browser_page, live_server)
    browser_page.goto(live_server.url + "/docs")
    browser_page.wait_for_selector(".opblock-summary-path", timeout=90_000)  # operations listed
    paths = browser_page.locator(".opblock-summary-path").all_inner_texts()
    assert "/opportunities/{opportunity_id}/gaps" in paths
    browser_page.screenshot(path=str(ARTIFACTS / "30-docs-offline.png"))
    assert blocked == [], blocked


def test_redoc_renders_offline(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    browser_page, recorded = page
    blocked = block_outside(browser_page, live_server)
    browser_page.goto(live_server.url + "/redoc")
    browser_page.wait_for_function("() => document.body.textContent.includes('Decision-chain gaps and coaching')",
                                   timeout=90_000)
    browser_page.screenshot(path=str(ARTIFACTS / "31-redoc-offline.png"))
    assert blocked == []
