"""API keys and the audit trail at the service level (HTTP wiring is tested in test_access.py)."""
from __future__ import annotations

from typing import Any

import pytest

from app.core.errors import Conflict, NotFound
from app.db.graph import Graph
from app.models.keys import Role
from app.services.audit import NodeRef, RelRef, audited_write, list_entries, undo
from app.services.importer import import_bundle
from app.services.keys import KeyCache, authenticate, create_key, list_keys, revoke_key


def test_key_lifecycle_stores_only_a_hash(graph: Graph) -> None:
    created = create_key(graph, "ci-bot", Role.editor)
    secret = created.key.split("_", 2)[2]
    stored = graph.driver.execute_query("MATCH (k:ApiKey) RETURN properties(k) AS p", database_=graph.database)
    props = stored.records[0]["p"]
    assert secret not in str(props) and len(props["hash"]) == 64
    cache = KeyCache(ttl_s=0)
    principal = authenticate(graph, cache, created.key)
    assert principal is not None and (principal.name, principal.role) == ("ci-bot", Role.editor)
    assert authenticate(graph, cache, created.key[:-1] + ("A" if created.key[-1] != "A" else "B")) is None
    assert authenticate(graph, cache, "not-a-key") is None
    assert [k.name for k in list_keys(graph)] == ["ci-bot"]
    revoke_key(graph, "ci-bot", cache)
    assert authenticate(graph, cache, created.key) is None
    assert list_keys(graph)[0].revoked_at is not None
    with pytest.raises(NotFound):
        revoke_key(graph, "ci-bot")


def _contact_name(graph: Graph, contact_id: str) -> Any:
    rows = graph.driver.execute_query("MATCH (c:Contact {id: $id}) RETURN c.name AS name", id=contact_id,
                                      database_=graph.database).records
    return rows[0]["name"] if rows else None


def test_audited_update_can_be_seen_and_undone(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    ref = NodeRef("Contact", "c-ceo")
    audited_write(graph, None, ref,
                  lambda tx: tx.run("MATCH (c:Contact {id: 'c-ceo'}) SET c.name = 'Oops'").consume())
    entries = list_entries(graph, "Contact", "c-ceo", None, 0, 10)
    assert len(entries) == 1
    entry = entries[0]
    assert entry["previous"]["props"]["name"] == "Wang Lei" and entry["current"]["props"]["name"] == "Oops"
    assert _contact_name(graph, "c-ceo") == "Oops"
    undo(graph, None, entry["id"])
    assert _contact_name(graph, "c-ceo") == "Wang Lei"
    with pytest.raises(Conflict, match="already undone"):
        undo(graph, None, entry["id"])


def test_undo_of_a_delete_restores_node_and_relationships(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    count = "MATCH (c:Contact {id: 'c-cfo'})-[r]-() RETURN count(r) AS n"
    before = graph.driver.execute_query(count, database_=graph.database).records[0]["n"]
    assert before > 0
    audited_write(graph, None, NodeRef("Contact", "c-cfo"),
                  lambda tx: tx.run("MATCH (c:Contact {id: 'c-cfo'}) DETACH DELETE c").consume())
    assert _contact_name(graph, "c-cfo") is None
    entry = list_entries(graph, "Contact", "c-cfo", None, 0, 10)[0]
    undo(graph, None, entry["id"])
    assert _contact_name(graph, "c-cfo") == "Li Na"
    assert graph.driver.execute_query(count, database_=graph.database).records[0]["n"] == before


def test_undo_is_refused_when_the_entity_changed_since(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    ref = RelRef("INFLUENCES", "Contact", "c-board", "Contact", "c-ceo")
    set_strength = "MATCH (:Contact {id: 'c-board'})-[r:INFLUENCES]->(:Contact {id: 'c-ceo'}) SET r.strength = $s"
    audited_write(graph, None, ref, lambda tx: tx.run(set_strength, s=0.2).consume())
    audited_write(graph, None, ref, lambda tx: tx.run(set_strength, s=0.3).consume())
    older, newer = reversed(list_entries(graph, "INFLUENCES", "c-board->c-ceo", None, 0, 10))
    with pytest.raises(Conflict, match="changed after"):
        undo(graph, None, older["id"])
    undo(graph, None, newer["id"])
    undo(graph, None, older["id"])
    strength = graph.driver.execute_query(
        "MATCH (:Contact {id: 'c-board'})-[r:INFLUENCES]->() RETURN r.strength AS s", database_=graph.database
    ).records[0]["s"]
    assert strength == 0.9


def test_a_write_that_changes_nothing_records_nothing(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    audited_write(graph, None, NodeRef("Contact", "c-ceo"),
                  lambda tx: tx.run("MATCH (c:Contact {id: 'c-ceo'}) SET c.name = 'Wang Lei'").consume())
    assert list_entries(graph, "Contact", "c-ceo", None, 0, 10) == []
