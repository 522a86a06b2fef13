"""The in-memory warm index (issue 15) against warm_paths.warm_sources, the per-target walk the managers'
views used before, on random messy bundles (hostile contacts, circles, parallel relations) and hop limits."""
from __future__ import annotations

import random

import numpy as np
import pytest

from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle
from app.services.warm_index import NONE, load_warm_index, two_smallest
from app.services.warm_paths import warm_sources
from tests import reach_oracle

pytestmark = pytest.mark.integration


def test_two_smallest_distinct_values_per_group() -> None:
    groups = np.array([0, 0, 0, 2, 2, 3])
    v1 = np.array([5, 3, 3, 7, 7, NONE])
    v2 = np.array([NONE, 9, 4, NONE, NONE, NONE])
    first, second = two_smallest(groups, v1, v2, 4)
    # group 0: {5, 3, 9, 4} -> 3, 4; group 1: nothing; group 2: {7} -> 7, none; group 3: only NONE
    assert first.tolist() == [3, NONE, 7, NONE]
    assert second.tolist() == [4, NONE, NONE, NONE]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_source_counts_sole_sources_and_pairs_agree_with_warm_sources(graph: Graph, settings: Settings,
                                                                      seed: int) -> None:
    data = reach_oracle.random_bundle(seed, contacts=90, employees=12, influence=0.8)
    import_bundle(graph, data)
    ids = [c["id"] for c in data["contacts"]]
    index = load_warm_index(graph)
    rng = random.Random(seed)
    occurring: set[int] = set()
    for hops in (0, 1, 2, 3, 4):
        expected = warm_sources(graph, settings, ids, max_hops=hops)
        counts = index.source_counts(hops)
        occurring |= set(counts.tolist())
        assert {cid: int(counts[index.position[cid]]) for cid in ids} == \
            {cid: min(2, len(s)) for cid, s in expected.items()}, hops
        sole: dict[str, list[str]] = {}
        for cid, s in sorted(expected.items()):
            if len(s) == 1:
                sole.setdefault(next(iter(s)), []).append(cid)
        assert index.sole_source(hops) == sole, hops
        for employee in {e["id"] for e in data["employees"]}:
            assert index.sole_source_of(employee, hops) == sole.get(employee, [])
        pairs = [(e["id"], cid) for e in data["employees"] for cid in rng.sample(ids, 30)]
        assert index.reaches(pairs, hops) == {(e, c) for e, c in pairs if e in expected[c]}, hops
    assert occurring == {0, 1, 2}   # nobody, exactly one and several all occur: the check is not vacuous
