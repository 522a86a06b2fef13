"""Name search: user text → a safe Lucene query for the `entity_names` full-text index.

Every Lucene special character in user input is escaped, so input is always
searched as text, never parsed as query syntax. Each word matches as a whole term
or as a prefix ("zha" finds "Zhang Wei"); all words must match.
"""
from __future__ import annotations

LUCENE_SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/')
MAX_TERMS = 10


def escape_lucene(text: str) -> str:
    return "".join(f"\\{ch}" if ch in LUCENE_SPECIAL else ch for ch in text)


def lucene_query(text: str) -> str | None:
    """`None` when there is nothing to search for. Lower-cased: prefix terms skip the analyzer, and
    upper-case AND/OR/NOT typed by a user must stay words, not operators."""
    words = [escape_lucene(word) for word in text.lower().split()][:MAX_TERMS]
    if not words:
        return None
    return " AND ".join(f"({word} OR {word}*)" for word in words)
