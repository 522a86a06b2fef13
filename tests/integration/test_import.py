"""Bulk import: counts match the bundle, re-import changes nothing, bad bundles write nothing."""
from __future__ import annotations

import copy
from typing import Any

import pytest

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.services.importer import import_bundle

LABEL_KEYS = {"Account": "accounts", "Department": "departments", "Contact": "contacts", "Employee": "employees",
              "Circle": "circles", "Opportunity": "opportunities", "Competitor": "competitors",
              "Activity": "activities"}


def label_counts(graph: Graph) -> dict[str, int]:
    rows = graph.driver.execute_query("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n",
                                      database_=graph.database).records
    return {row["label"]: row["n"] for row in rows if row["label"] in LABEL_KEYS}


def relationship_counts(graph: Graph) -> dict[str, int]:
    rows = graph.driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n",
                                      database_=graph.database).records
    return {row["type"]: row["n"] for row in rows}


def expected_relationships(bundle: dict[str, Any]) -> dict[str, int]:
    """What the bundle implies, counted from its rows (domain.md section 2)."""
    contacts, activities = bundle["contacts"], bundle["activities"]
    return {
        "PART_OF": len(bundle["departments"]),
        "WORKS_AT": len(contacts),
        "WORKS_IN": sum(1 for c in contacts if c.get("department")),
        "REPORTS_TO": len(bundle["reports_to"]) + sum(1 for e in bundle["employees"] if e.get("manager")),
        "INFLUENCES": len(bundle["influences"]),
        "IN": len(bundle["circles"]),
        "MEMBER_OF": sum(len(c["members"]) for c in bundle["circles"]),
        "KNOWS": len(bundle["knows"]),
        "FOR": len(bundle["opportunities"]),
        "OWNS": sum(1 for o in bundle["opportunities"] if o.get("owner")),
        "ROLE_IN": len(bundle["roles"]),
        "COMPETES_IN": sum(len(k["opportunities"]) for k in bundle["competitors"]),
        "LOGGED": len(activities),
        "WITH": sum(len(a["contacts"]) for a in activities),
        "ABOUT": sum(1 for a in activities if a.get("opportunity")),
    }


def test_mini_imports_with_counts_matching_the_bundle(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    report = import_bundle(graph, mini_bundle)
    assert label_counts(graph) == {label: len(mini_bundle[key]) for label, key in LABEL_KEYS.items()}
    assert relationship_counts(graph) == expected_relationships(mini_bundle)
    assert report.nodes_created == sum(len(mini_bundle[key]) for key in LABEL_KEYS.values())
    assert report.relationships_created == sum(expected_relationships(mini_bundle).values())


def test_importing_twice_changes_nothing(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    before = (label_counts(graph), relationship_counts(graph))
    again = import_bundle(graph, mini_bundle)
    assert (again.nodes_created, again.relationships_created, again.relationships_deleted) == (0, 0, 0)
    assert (label_counts(graph), relationship_counts(graph)) == before


def test_dry_run_validates_without_writing(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    report = import_bundle(graph, mini_bundle, dry_run=True)
    assert report.dry_run and report.rows["contacts"] == 12
    assert label_counts(graph) == {}


def broken_bundle(mini: dict[str, Any]) -> dict[str, Any]:
    bundle = copy.deepcopy(mini)
    bundle["contacts"][1]["attitude"] = "hostile"                 # bad enum
    bundle["contacts"][2]["closeness"] = 140                      # out-of-range degree
    bundle["knows"][0]["contact"] = "c-nobody"                    # dangling link
    bundle["roles"].append({"opportunity": "o-wms", "contact": "c-ceo", "role": "user"})  # duplicate role row
    bundle["employees"][0]["nickname"] = "A"                      # unknown field
    return bundle


def test_bad_bundle_lists_every_problem_and_writes_nothing(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as caught:
        import_bundle(graph, broken_bundle(mini_bundle))
    found = {(e["key"], e["row"], e["field"]) for e in caught.value.errors}
    assert found == {
        ("contacts", 1, "attitude"),
        ("contacts", 2, "closeness"),
        ("knows", 0, "contact"),
        ("roles", 9, "contact"),
        ("employees", 0, "nickname"),
    }
    assert label_counts(graph) == {}


def test_links_may_point_at_nodes_already_in_the_database(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    addition = {"contacts": [{"id": "c-new", "name": "Gao Yan", "account": "acc-nw", "department": "d-it"}],
                "reports_to": [{"from": "c-new", "to": "c-cio"}]}
    import_bundle(graph, addition)
    assert label_counts(graph)["Contact"] == 13
    with pytest.raises(InvalidInput) as caught:
        import_bundle(graph, {"contacts": [{"id": "c-x", "name": "X", "account": "acc-missing"}]})
    assert [(e["key"], e["row"], e["field"]) for e in caught.value.errors] == [("contacts", 0, "account")]


def test_failure_in_the_last_batch_commits_nothing(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    class Boom(RuntimeError):
        pass

    def fail_on_activities(name: str, index: int, size: int) -> None:
        if name == "import_activities":
            raise Boom("simulated failure half-way through the write")

    with pytest.raises(Boom):
        import_bundle(graph, mini_bundle, on_batch=fail_on_activities, batch_size=2)
    assert label_counts(graph) == {}


def test_failure_half_way_leaves_an_earlier_import_untouched(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    before = (label_counts(graph), relationship_counts(graph))
    changed = copy.deepcopy(mini_bundle)
    changed["contacts"][0]["name"] = "Renamed"
    changed["activities"].append({"id": "a-9", "employee": "e-bob", "contacts": ["c-cfo"], "type": "call",
                                  "date": "2026-11-01"})

    def fail_late(name: str, index: int, size: int) -> None:
        if name == "import_activities":
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        import_bundle(graph, changed, on_batch=fail_late)
    assert (label_counts(graph), relationship_counts(graph)) == before
    name = graph.driver.execute_query("MATCH (c:Contact {id: 'c-ceo'}) RETURN c.name AS name",
                                      database_=graph.database).records[0]["name"]
    assert name == "Wang Lei"
