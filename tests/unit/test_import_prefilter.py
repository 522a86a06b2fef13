"""The generated no-op check queries are exactly what the builder makes of today's row queries."""
from __future__ import annotations

import pytest

from app.core.config import PROJECT_ROOT
from app.services.import_diff import identity
from app.services.import_prefilter import build, ident_text
from app.services.import_writes import KEY_ORDER

CYPHER = PROJECT_ROOT / "cypher"


@pytest.mark.parametrize("key", KEY_ORDER)
def test_generated_file_is_the_builders_output(key: str) -> None:
    path = CYPHER / f"import_differs_{key}.cypher"
    assert path.read_text(encoding="utf-8") == build(key, CYPHER), \
        f"{path.name} is stale: run python -m app.services.import_prefilter"


def test_the_source_query_and_identity_are_wrapped() -> None:
    contacts, roles, circles = build("contacts", CYPHER), build("roles", CYPHER), build("circles", CYPHER)
    assert "MATCH (c:Contact {id: id})" in contacts and "WITH row, row.id AS ident" in contacts
    assert "row.`opportunity` + '\\u001F' + row.`contact`" in roles
    assert "WHEN k IN ['members']" in circles and "WHEN k IN []" in contacts


def test_a_link_identity_joins_both_ids() -> None:
    assert ident_text(identity("roles", {"opportunity": "o1", "contact": "c1"})) == "o1\x1fc1"
    assert ident_text(identity("contacts", {"id": "c1"})) == "c1"
