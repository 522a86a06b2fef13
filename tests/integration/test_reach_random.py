"""Reach in Cypher against an independent NetworkX enumeration, on random bundles with fixed seeds."""
from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle
from app.services.reach import ReachOptions, floors, query_params, warm_reachable
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


@pytest.mark.parametrize("seed", [1, 2])
def test_reach_with_a_small_limit_uses_floors_and_still_matches_the_oracle(graph: Graph, client: TestClient,
                                                                          settings: Settings, seed: int) -> None:
    """A small `limit` lets the shorter searches set a floor for most targets (issue 15): the answer
    through the API is still the oracle's."""
    data = reach_oracle.random_bundle(seed)
    import_bundle(graph, data)
    rng = random.Random(200 + seed)
    bounded = 0
    for target in rng.sample([c["id"] for c in data["contacts"]], 25):
        max_hops, limit = rng.choice([3, 4, 5]), rng.choice([1, 2, 3])
        include_hostile, team = rng.random() < 0.3, rng.choice([None, None, "East"])
        options = ReachOptions(max_hops=max_hops, limit=limit, include_hostile=include_hostile, team=team)
        bounded += bool(floors(graph, query_params(settings, [target], options)))
        params = {"max_hops": max_hops, "include_hostile": include_hostile, "limit": limit,
                  **({"team": team} if team else {})}
        body = client.get(f"/contacts/{target}/reach", params=params).json()
        got = [(p["employee"]["id"], p["steps"], [n["id"] for n in p["nodes"]],
                [r["type"] for r in p["relationships"]]) for p in body["paths"]]
        expected = reach_oracle.reach(data, target, max_hops, include_hostile, limit, team)
        assert got == [(e, steps, nodes, types) for e, _, steps, nodes, types in expected], (seed, target, params)
        # both sides round to 4 digits; a product on a rounding boundary may land one unit apart
        assert all(abs(p["score"] - e[1]) <= 1.5e-4 for p, e in zip(body["paths"], expected)), (seed, target)
    assert bounded >= 10   # the floors were really used


@pytest.mark.parametrize("seed", [4, 5])
def test_warm_reach_existence_matches_the_oracle(graph: Graph, settings: Settings, seed: int) -> None:
    """cypher/warm_reach.cypher (existence only, early stop) agrees with reach's rules on every contact."""
    data = reach_oracle.random_bundle(seed, contacts=120, employees=3, influence=0.3)   # sparse: some unreachable
    import_bundle(graph, data)
    ids = [c["id"] for c in data["contacts"]]
    expected = {cid: bool(reach_oracle.reach(data, cid, 3, False, 1)) for cid in ids}
    assert warm_reachable(graph, settings, ids) == expected
    assert 0 < sum(expected.values()) < len(ids)   # both answers occur
