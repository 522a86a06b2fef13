"""The 中文 page shows no English sentence from the server and no raw codes or ids (issue 19).

Every name in the test data is stripped from the page text first (names are data, not server
texts); what remains must hold no run of three English words and no snake_case / UPPER_CASE code.
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from app.services.importer import import_bundle
from tests.browser.conftest import ARTIFACTS, LiveServer, Recorded
from tests.browser.test_exploration_page import click_node, open_account, outside_requests

pytestmark = pytest.mark.integration
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,:;'-]+[A-Za-z]{2,}){2,}")
RAW_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b")


def data_names(bundle: dict[str, Any]) -> list[str]:
    names = {str(row[key]) for rows in bundle.values() if isinstance(rows, list) for row in rows
             if isinstance(row, dict) for key in ("name", "title") if row.get(key)}
    return sorted(names, key=len, reverse=True)


def server_text(text: str, bundle: dict[str, Any]) -> str:
    for name in data_names(bundle):
        text = text.replace(name, " ")
    return text.replace("brm keys create", " ")  # a command name, the same in every language


def test_chinese_page_has_no_english_sentence_and_no_raw_codes(live_server: LiveServer, page: tuple[Any, Recorded],
                                                               mini_bundle: dict[str, Any]) -> None:
    import_bundle(live_server.graph, mini_bundle)
    browser_page, recorded = page
    browser_page.add_init_script("localStorage.setItem('brm.lang', 'zh')")
    open_account(browser_page, live_server)
    browser_page.click("#deal-list button[data-id='o-wms']")
    browser_page.wait_for_selector("body[data-drawn-view=deal]", state="attached", timeout=90_000)
    browser_page.wait_for_selector("#gap-list .person")
    browser_page.wait_for_function("() => document.querySelector('#deal-trend') && "
                                   "document.querySelector('#deal-trend').naturalWidth > 0", timeout=90_000)
    browser_page.click("nav button[data-view=account]")
    browser_page.wait_for_selector("body[data-drawn-view=account]", state="attached")
    browser_page.wait_for_timeout(300)
    click_node(browser_page, "c-ceo")
    browser_page.click("#reach-button")
    browser_page.wait_for_selector("#reach-list li", timeout=90_000)
    browser_page.screenshot(path=str(ARTIFACTS / "20-zh-deal-gaps-reach.png"), full_page=True)

    text = server_text(browser_page.inner_text("body"), mini_bundle)
    assert "策略" in text and "决策链差距" in text  # the gap cards are there, in Chinese
    assert ENGLISH_SENTENCE.findall(text) == []
    assert RAW_CODE.findall(text) == []
    assert "e-dan" not in text and "c-cfo" not in text  # ids only in tooltips
    # one card per person, each with one action
    cards = browser_page.locator("#gap-list .person")
    ids = [cards.nth(i).get_attribute("data-contact") for i in range(cards.count())]
    assert len(ids) == len(set(ids)) > 0
    for i in range(cards.count()):
        assert cards.nth(i).locator(".action").count() == 1
    # an error shown in a panel is Chinese too
    missing = browser_page.evaluate("() => fetch('/opportunities/nope/gaps?lang=zh', {headers: {'X-API-Key': "
                                    f"'{live_server.key}'}}}}).then((r) => r.json())")
    assert missing["error"] == "NotFound" and missing["message"].startswith("未找到")
    assert outside_requests(recorded.requests, live_server) == []
    assert [e for e in recorded.errors if "404" not in e] == []  # the deliberate /opportunities/nope is a 404
