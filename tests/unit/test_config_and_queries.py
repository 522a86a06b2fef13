"""Settings decide when the local runner is used; the query loader fails loudly on a missing name."""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.config import Settings
from app.core.errors import QueryNotFound
from app.db.queries import query, statements
from app.db.schema import expected_names


@pytest.mark.parametrize(
    ("uri", "local"),
    [
        ("bolt://127.0.0.1:7687", True),
        ("bolt://localhost:17687", True),
        ("bolt://neo4j:7687", False),          # a Docker service name
        ("neo4j://10.0.0.5:7687", False),      # a cluster: routing driver
        ("neo4j+s://abcd.databases.neo4j.io", False),  # Aura
    ],
)
def test_runner_is_used_only_for_local_bolt(uri: str, local: bool) -> None:
    assert Settings(neo4j_uri=uri).uses_local_runner is local


def test_port_comes_from_the_uri() -> None:
    assert Settings(neo4j_uri="bolt://127.0.0.1:17999").neo4j_port == 17999
    assert Settings(neo4j_uri="bolt://127.0.0.1").neo4j_port == 7687


def test_short_password_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationError, match="neo4j_password"):
        Settings(neo4j_password="short")


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_DATABASE", "crm")
    monkeypatch.setenv("API_PORT", "8123")
    settings = Settings()
    assert (settings.neo4j_database, settings.api_port) == ("crm", 8123)


def test_missing_query_name_fails_loudly_and_lists_what_exists() -> None:
    with pytest.raises(QueryNotFound, match="no query named 'reach_typo'.*schema"):
        query("reach_typo")


def test_statements_split_and_drop_comments(tmp_path: Path) -> None:
    (tmp_path / "multi.cypher").write_text("// a comment; with a semicolon\nRETURN 1;\nRETURN\n  2;\n")
    assert statements("multi", tmp_path) == ["RETURN 1", "RETURN\n  2;"] or statements("multi", tmp_path) == [
        "RETURN 1",
        "RETURN\n  2",
    ]


def test_schema_names_every_label_of_the_domain() -> None:
    names = expected_names()
    for label in ["account", "department", "contact", "employee", "circle", "opportunity", "competitor", "activity"]:
        assert f"{label}_id" in names
    assert "entity_names" in names
