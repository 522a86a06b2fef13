"""Generated and demo bundles go through the real importer into a real Neo4j, and come out whole.

The expected counts are the bundle's own row counts (seed.stats), so any row the
importer drops, or any link it fails to create, shows up as a mismatch by label/type.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.db.graph import Graph
from app.services.importer import import_bundle
from seed import demo
from seed.generate import generate_bundle
from seed.stats import node_counts, relationship_counts

pytestmark = pytest.mark.integration

DOMAIN_LABELS = {"Account", "Department", "Contact", "Employee", "Circle", "Opportunity", "Competitor", "Activity"}


def run(graph: Graph, cypher: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = graph.driver.execute_query(cypher, parameters_=params, database_=graph.database)
    return [r.data() for r in records]


def labels_in_graph(graph: Graph) -> dict[str, int]:
    rows = run(graph, "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    return {r["label"]: r["n"] for r in rows if r["label"] in DOMAIN_LABELS}  # not history/audit bookkeeping


def types_in_graph(graph: Graph) -> dict[str, int]:
    rows = run(graph, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return {r["type"]: r["n"] for r in rows}


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}


def test_generated_bundle_dry_run_then_import(graph: Graph) -> None:
    bundle = generate_bundle(5, 30, 40, seed=21)
    report = import_bundle(graph, bundle, dry_run=True)
    assert report.rows == {key: len(rows) for key, rows in bundle.items() if rows}
    assert labels_in_graph(graph) == {}                          # a dry run writes nothing

    import_bundle(graph, bundle, batch_size=100)                  # several batches per key
    assert labels_in_graph(graph) == nonzero(node_counts(bundle))
    assert types_in_graph(graph) == nonzero(relationship_counts(bundle))

    again = import_bundle(graph, bundle)                          # upsert: nothing new the second time
    assert again.nodes_created == 0 and again.relationships_created == 0
    assert labels_in_graph(graph) == nonzero(node_counts(bundle))
    assert types_in_graph(graph) == nonzero(relationship_counts(bundle))


def test_denser_generated_bundle_imports_whole(graph: Graph) -> None:
    bundle = generate_bundle(12, 80, 60, seed=5, influence_per_contact=3, circles_per_account=4,
                             opportunities_per_account=4, activities_per_opportunity=15)
    import_bundle(graph, bundle)
    assert labels_in_graph(graph) == nonzero(node_counts(bundle))
    assert types_in_graph(graph) == nonzero(relationship_counts(bundle))
    chiefs = run(graph, "MATCH (c:Contact) WHERE NOT (c)-[:REPORTS_TO]->() RETURN count(c) AS n")
    assert chiefs[0]["n"] == 12                                   # one chief per account, everyone else reports


def test_demo_bundle_imports_and_tells_its_story(graph: Graph) -> None:
    bundle = json.loads((Path(demo.__file__).parent / "demo.json").read_text(encoding="utf-8"))
    import_bundle(graph, bundle)
    assert labels_in_graph(graph) == nonzero(node_counts(bundle))
    assert types_in_graph(graph) == nonzero(relationship_counts(bundle))

    advisor = run(graph, "MATCH (a:Contact {title: 'Board Advisor'})-[:INFLUENCES]->(ceo:Contact) "
                         "WHERE NOT (ceo)-[:REPORTS_TO]->() RETURN ceo.id AS ceo")
    assert advisor == [{"ceo": "c-jh-ceo"}]
    veto = run(graph, "MATCH (c:Contact)-[r:ROLE_IN]->(:Opportunity {id: $opp}) "
                      "WHERE r.one_vote_veto AND coalesce(r.attitude, c.attitude) IN ['negative', 'strong_negative'] "
                      "AND r.role IN ['approver', 'decision_maker'] RETURN c.id AS id", opp=demo.VETO)
    assert veto == [{"id": "c-jh-cfo"}]
    threads = run(graph, "MATCH (e:Employee)-[:LOGGED]->(:Activity)-[:ABOUT]->(:Opportunity {id: $opp}) "
                         "RETURN count(DISTINCT e) AS n", opp=demo.SINGLE)
    assert threads == [{"n": 1}]
    healthy = run(graph, "MATCH (e:Employee)-[:LOGGED]->(a:Activity)-[:ABOUT]->(:Opportunity {id: $opp}) "
                         "WHERE a.date > date('2026-11-22') - duration({days: 60}) RETURN count(DISTINCT e) AS n",
                  opp=demo.HEALTHY)
    assert healthy[0]["n"] >= 3
