"""User text → Lucene query: special characters escaped, words as terms or prefixes."""
from __future__ import annotations

from app.services.search import escape_lucene, lucene_query


def test_every_special_character_is_escaped() -> None:
    assert escape_lucene('a+b-c&&d||e!(f){g}[h]^"i"~j*k?l:m\\n/o') == \
        'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^\\"i\\"\\~j\\*k\\?l\\:m\\\\n\\/o'


def test_words_match_as_terms_or_prefixes_all_required() -> None:
    assert lucene_query("Zhang") == "(zhang OR zhang*)"
    assert lucene_query("  zhang  WEI ") == "(zhang OR zhang*) AND (wei OR wei*)"
    assert lucene_query("NOT") == "(not OR not*)"     # operators typed by a user stay words
    assert lucene_query("   ") is None
