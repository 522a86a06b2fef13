"""Issue 12: after a CRM import the page's start panel says what the CRM could not give and the next steps, in
English and in 中文 (the texts come from GET /sources in the page's language); it goes when a graph is shown."""
from __future__ import annotations

from typing import Any

import pytest

from app.ingest.crm_import import import_crm_path
from tests.browser.conftest import ARTIFACTS, LiveServer, Recorded, sign_in
from tests.integration.test_crm_salesforce import SF

pytestmark = pytest.mark.integration


def test_start_panel_after_a_crm_import_in_both_languages(live_server: LiveServer, page: tuple[Any, Recorded]) -> None:
    import_crm_path(live_server.graph, "salesforce", SF)
    browser_page, recorded = page
    sign_in(browser_page, live_server)
    browser_page.wait_for_selector("#crm-start .crm-source[data-source=salesforce]", timeout=30_000)
    panel = browser_page.inner_text("#crm-start")
    assert "Imported from a CRM" in panel and "Salesforce: 3 account(s) and 8 contact(s) came from this CRM." in panel
    assert "What a CRM cannot give" in panel and "none of these 8 contact(s) has one yet" in panel and "Next steps" in panel
    browser_page.screenshot(path=str(ARTIFACTS / "30-en-crm-start.png"), full_page=True)

    browser_page.click("#lang")
    browser_page.wait_for_function("() => document.querySelector('#crm-start').innerText.includes('来自该 CRM')",
                                   timeout=30_000)
    panel = browser_page.inner_text("#crm-start")
    assert "来自 CRM 的数据" in panel and "CRM 无法提供的内容" in panel and "下一步" in panel and "这 8 位联系人都还没有关系" in panel
    assert "Salesforce：3 个客户和 8 位联系人来自该 CRM。" in panel and "A CRM holds" not in panel
    browser_page.screenshot(path=str(ARTIFACTS / "31-zh-crm-start.png"), full_page=True)
    assert recorded.errors == []
