"""Reach in Cypher against an independent NetworkX enumeration, on random bundles with fixed seeds."""
from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle
from app.services.reach import warm_reachable
from tests import reach_oracle


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reach_matches_the_oracle(graph: Graph, client: TestClient, seed: int) -> None:
    data = reach_oracle.random_bundle(seed)
    report = import_bundle(graph, data)
    assert not getattr(report, "errors", None)
    rng = random.Random(100 + seed)
    targets = rng.sample([c["id"] for c in data["contacts"]], 25)
    nonempty = 0
    for target in targets:
        max_hops = rng.choice([1, 2, 3, 3, 3, 4, 5])
        include_hostile = rng.random() < 0.3
        team = rng.choice([None, None, "East"])
        params = {"max_hops": max_hops, "include_hostile": include_hostile, "limit": 100}
        if team:
            params["team"] = team
        body = client.get(f"/contacts/{target}/reach", params=params).json()
        got = [(p["employee"]["id"], p["score"], p["steps"], [n["id"] for n in p["nodes"]],
                [r["type"] for r in p["relationships"]]) for p in body["paths"]]
        expected = reach_oracle.reach(data, target, max_hops, include_hostile, 100, team)
        assert got == expected, (seed, target, params)
        nonempty += bool(expected)
    assert nonempty >= 10   # the comparison is not vacuous


@pytest.mark.parametrize("seed", [4, 5])
def test_warm_reach_existence_matches_the_oracle(graph: Graph, settings: Settings, seed: int) -> None:
    """cypher/warm_reach.cypher (existence only, early stop) agrees with reach's rules on every contact."""
    data = reach_oracle.random_bundle(seed, contacts=120, employees=3, influence=0.3)   # sparse: some unreachable
    import_bundle(graph, data)
    ids = [c["id"] for c in data["contacts"]]
    expected = {cid: bool(reach_oracle.reach(data, cid, 3, False, 1)) for cid in ids}
    assert warm_reachable(graph, settings, ids) == expected
    assert 0 < sum(expected.values()) < len(ids)   # both answers occur
