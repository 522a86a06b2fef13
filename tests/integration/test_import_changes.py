"""Re-imports: the report says created / changed / unchanged per key, and unchanged rows are not written."""
from __future__ import annotations

import copy
from typing import Any

from app.db.graph import Graph
from app.services.importer import import_bundle


def state_count(graph: Graph) -> int:
    """History snapshots of every kind (an import appends them for what it writes)."""
    rows = graph.driver.execute_query(
        "MATCH (s) WHERE s:ContactState OR s:RoleState OR s:TieState RETURN count(s) AS n",
        database_=graph.database).records
    return rows[0]["n"]


def test_first_import_reports_every_row_created(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    report = import_bundle(graph, mini_bundle)
    assert report.keys == {key: {"created": len(rows), "changed": 0, "unchanged": 0}
                           for key, rows in mini_bundle.items() if rows}
    assert report.as_dict()["keys"] == report.keys


def test_unchanged_bundle_writes_nothing(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    snapshots = state_count(graph)
    again = import_bundle(graph, mini_bundle)
    assert again.keys == {key: {"created": 0, "changed": 0, "unchanged": len(rows)}
                          for key, rows in mini_bundle.items() if rows}
    written = {name: value for name, value in again.counters.items() if value}
    assert written == {}          # not one property, node, relationship or history snapshot
    assert state_count(graph) == snapshots


def test_unordered_lists_in_another_order_are_unchanged(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    shuffled = copy.deepcopy(mini_bundle)
    for circle in shuffled["circles"]:
        circle["members"].reverse()
    for activity in shuffled["activities"]:
        activity["contacts"].reverse()
    report = import_bundle(graph, shuffled)
    assert report.keys["circles"]["unchanged"] == len(mini_bundle["circles"])
    assert report.keys["activities"]["unchanged"] == len(mini_bundle["activities"])
    assert report.properties_set == 0


def test_changed_rows_alone_are_written(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    snapshots = state_count(graph)
    changed = copy.deepcopy(mini_bundle)
    changed["contacts"][0]["attitude"] = "positive"           # c-ceo: one tracked value
    changed["knows"][0]["strength"] = 0.3                      # e-amy -> c-itmgr
    del changed["contacts"][1]["title"]                       # a field left out is removed: a change
    changed["roles"].append({"opportunity": "o-wms", "contact": "c-itmgr", "role": "user"})
    report = import_bundle(graph, changed)
    assert report.keys["contacts"] == {"created": 0, "changed": 2, "unchanged": 10}
    assert report.keys["knows"] == {"created": 0, "changed": 1, "unchanged": 6}
    assert report.keys["roles"] == {"created": 1, "changed": 0, "unchanged": 9}
    assert report.keys["accounts"] == {"created": 0, "changed": 0, "unchanged": 1}
    assert report.relationships_created == 1                   # the new ROLE_IN only
    # history: c-ceo's attitude, the tie's strength, the new role (c-1's title is not tracked)
    assert state_count(graph) == snapshots + 3
    title = graph.driver.execute_query("MATCH (c:Contact {id: $id}) RETURN c.title AS t",
                                       id=mini_bundle["contacts"][1]["id"], database_=graph.database).records
    assert title[0]["t"] is None
