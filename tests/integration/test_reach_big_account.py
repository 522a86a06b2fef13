"""Issue 15: reach into one account of 5,000 contacts (seed.generate: a reporting tree, influence, circles of up
to 80 people, KNOWS from 150 employees), its CEO included, at max_hops 3 and 4, in the test database's small
heap: the answers equal the independent NetworkX reach (benchmarks/nx_reach.py, a backward dynamic programme
with one best suffix per contact and exact length), both from the query (cypher/reach.cypher) and from the
account kept in memory (app.services.reach_memory, what big accounts answer from once warm), a contact nobody
reaches included; and the decision chain and gaps of its deals answer."""
from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.services import reach_memory
from app.services.decision_chain import decision_chain
from app.services.gaps import gaps
from app.services.importer import import_bundle
from app.services.reach import ReachOptions, query_params
from benchmarks.compare import differences, neo4j_paths, nx_paths
from benchmarks.nx_reach import load_from_bundle
from seed.generate import generate_bundle

pytestmark = pytest.mark.integration
CONTACTS = 5000


def test_reach_into_a_5000_contact_account_agrees_with_networkx(graph: Graph, client: TestClient,
                                                                 settings: Settings) -> None:
    bundle = generate_bundle(1, CONTACTS, 150, seed=5)
    assert len(bundle["contacts"]) == CONTACTS
    import_bundle(graph, bundle)
    reports = {r["from"] for r in bundle["reports_to"]}
    ceo = next(c["id"] for c in bundle["contacts"] if c["id"] not in reports)   # the top of the reporting tree
    rng = random.Random(5)
    targets = [ceo] + rng.sample([c["id"] for c in bundle["contacts"]], 6)
    nx = load_from_bundle(bundle, settings)
    # Planning reach.cypher (five unrolled step blocks) takes seconds, tens of seconds on a loaded machine,
    # once per database start; plan it with a patient gateway so the calls below measure the query itself.
    patient = Graph(graph.driver, graph.database, timeout_s=600)
    patient.read("reach", **query_params(settings, [ceo], ReachOptions(max_hops=3)))
    decision_chain(patient, settings, bundle["opportunities"][0]["id"])   # plans warm_reach.cypher likewise
    gaps(patient, settings, bundle["opportunities"][0]["id"])
    paths = 0
    for hops in (3, 4):
        for target in targets:
            ours = neo4j_paths(graph, settings, target, hops)
            theirs = nx_paths(nx.reach(target, max_hops=hops, limit=settings.reach_limit))
            assert differences(ours, theirs) == [], (target, hops)
            paths += len(theirs)
        response = client.get(f"/contacts/{ceo}/reach", params={"max_hops": hops})
        assert response.status_code == 200, response.text
        assert [p["employee"]["id"] for p in response.json()["paths"]] == \
            [p.employee for p in nx.reach(ceo, max_hops=hops, limit=settings.reach_limit)]
    assert paths > 0   # not vacuous: employees do reach into the account
    # the same account kept in memory: the same answers, through the service and over HTTP
    account = bundle["accounts"][0]["id"]
    import_bundle(graph, {"contacts": [{"id": "c-alone", "name": "Nobody Knows", "account": account}]})
    entry = reach_memory.build(graph, account)
    assert entry is not None and len(entry.ids) == CONTACTS + 1 and not entry.border
    for hops in (3, 4):
        params = query_params(settings, [*targets, "c-alone"], ReachOptions(max_hops=hops))
        rows = {row["target"]["id"]: row for row in reach_memory.answer(graph, settings, params)}
        assert set(rows) == {*targets, "c-alone"}          # every target answered from memory
        assert rows["c-alone"]["paths"] == []              # a contact with no path
        for target in targets:
            ours = [{"employee": p["employee"]["id"], "score": p["score"], "steps": p["steps"], "path": p["path"]}
                    for p in rows[target]["paths"]]
            theirs = nx_paths(nx.reach(target, max_hops=hops, limit=settings.reach_limit))
            assert differences(ours, theirs) == [], ("memory", target, hops)
        response = client.get(f"/contacts/{ceo}/reach", params={"max_hops": hops})
        assert [p["employee"]["id"] for p in response.json()["paths"]] == \
            [p.employee for p in nx.reach(ceo, max_hops=hops, limit=settings.reach_limit)]
        assert client.get("/contacts/c-alone/reach", params={"max_hops": hops}).json()["paths"] == []
    reach_memory.clear()
    for deal in [o["id"] for o in bundle["opportunities"]][:10]:
        for view in ("decision-chain", "gaps"):
            response = client.get(f"/opportunities/{deal}/{view}")
            assert response.status_code == 200, (deal, view, response.text)
