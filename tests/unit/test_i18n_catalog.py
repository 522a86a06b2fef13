"""Every message exists in every language with the same placeholders; language negotiation."""
import string

import pytest

from app.i18n import LANGUAGES, catalog, negotiate, t


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(catalog()))
def test_message_has_every_language_and_same_placeholders(key: str) -> None:
    texts = catalog()[key]
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(texts[lang].strip() for lang in LANGUAGES), f"{key}: empty text"
    assert placeholders(texts["en"]) == placeholders(texts["zh"]), key


@pytest.mark.parametrize(("lang", "header", "expected"), [
    (None, None, "en"), ("zh", None, "zh"), ("zh-CN", "en", "zh"), (None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
    (None, "en-US,en;q=0.9,zh;q=0.8", "en"), (None, "fr;q=1, zh;q=0.5", "zh"), (None, "fr, de", "en"),
    ("fr", "zh", "en"), (None, "zh;q=0.2, en;q=0.9", "en"),
])
def test_negotiate(lang: str | None, header: str | None, expected: str) -> None:
    assert negotiate(lang, header) == expected


def test_t_fills_placeholders_in_both_languages() -> None:
    assert t("common.not_found", "en", kind="contact", id="c-1") == "contact c-1 not found"
    assert "c-1" in t("common.not_found", "zh-CN", kind="联系人", id="c-1")
