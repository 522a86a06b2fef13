"""Issue 15 part 3: reach searched in memory (app.services.reach_memory) answers exactly what cypher/reach.cypher
answers (same employees, order, paths, step kinds, weights, scores, names), on messy random bundles and every
option; a path leaving the account falls back to the query; a write is seen at once (the kept account is dropped),
whether it declares its changes or not."""
from __future__ import annotations

import random
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.services import reach_memory
from app.services.importer import import_bundle
from app.services.reach import ReachOptions, query_params, reach_many, warm_reachable
from tests import reach_oracle
from tests.intel_bundles import bundle, knows

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def forget() -> Any:
    reach_memory.clear()
    yield
    reach_memory.clear()


def shape(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(p["employee"]["id"] if isinstance(p["employee"], dict) else p["employee"], p["steps"], list(p["path"]),
             list(p["types"]), [round(w, 12) for w in p["weights"]], round(p["score"], 12)) for p in rows]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_memory_answers_what_the_query_answers(graph: Graph, settings: Settings, seed: int) -> None:
    data = reach_oracle.random_bundle(seed)
    import_bundle(graph, data)
    entry = reach_memory.build(graph, "acc-r")
    assert entry is not None and len(entry.ids) == len(data["contacts"])
    rng = random.Random(300 + seed)
    employees = [e["id"] for e in data["employees"]]
    compared = nonempty = 0
    for target in [c["id"] for c in data["contacts"]]:
        for max_hops in (1, 2, 3, 4, 5):
            options = ReachOptions(max_hops=max_hops, limit=rng.choice([1, 2, 3, 10, 100]),
                                   include_hostile=rng.random() < 0.3, team=rng.choice([None, None, "East"]),
                                   employees=tuple(rng.sample(employees, 5)) if rng.random() < 0.2 else None)
            params = query_params(settings, [target], options)
            rows = graph.read("reach", **params)
            assert shape(reach_memory.search(entry, settings, target, params)) == shape(rows[0]["paths"]), \
                (seed, target, options)
            compared += 1
            nonempty += bool(rows[0]["paths"])
    assert compared == 5 * len(data["contacts"]) and nonempty > compared // 2   # not vacuous


@pytest.mark.parametrize("seed", [4, 5])
def test_memory_says_who_is_reachable_as_warm_reach_does(graph: Graph, settings: Settings, seed: int) -> None:
    data = reach_oracle.random_bundle(seed, contacts=120, employees=3, influence=0.3)   # sparse: some unreachable
    import_bundle(graph, data)
    everyone = sorted(c["id"] for c in data["contacts"])
    from_query = warm_reachable(graph, settings, everyone)
    assert reach_memory.build(graph, "acc-r") is not None
    params = query_params(settings, everyone, ReachOptions())
    assert reach_memory.reachable(graph, settings, params) == from_query   # every contact answered from memory
    assert warm_reachable(graph, settings, everyone) == from_query
    assert 0 < sum(from_query.values()) < len(everyone)   # some are reachable, some are not


def test_the_service_answers_from_memory_with_names_and_explanations(graph: Graph, settings: Settings,
                                                                     mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    everyone = sorted(c["id"] for c in mini_bundle["contacts"])
    from_query = reach_many(graph, settings, everyone, ReachOptions(max_hops=4))
    reach_memory.build(graph, "acc-nw")
    params = query_params(settings, everyone, ReachOptions(max_hops=4))
    assert len(reach_memory.answer(graph, settings, params)) == len(everyone)   # every target from memory
    assert reach_many(graph, settings, everyone, ReachOptions(max_hops=4)) == from_query
    assert any(p["paths"] for p in from_query.values())


def test_a_path_leaving_the_account_falls_back_to_the_query(graph: Graph, settings: Settings) -> None:
    # c-out works at another account, influences c-mid (0.9), who reports to the target c-t; only e-1 KNOWS c-out:
    # e-1 -> c-out -> c-mid -> c-t = 0.5 * 0.9 * 0.6 = 0.27 (3 steps); e-2 KNOWS c-mid: 0.5 * 0.6 = 0.3 (2 steps)
    data = bundle(["c-t", "c-mid"], ["e-1", "e-2"],
                  reports_to=[{"from": "c-mid", "to": "c-t"}],
                  influences=[{"from": "c-out", "to": "c-mid", "strength": 0.9}],
                  knows=[knows("e-1", "c-out", None), knows("e-2", "c-mid", None)])
    data["accounts"].append({"id": "acc-o", "name": "Other"})
    data["contacts"].append({"id": "c-out", "name": "Out", "account": "acc-o"})
    import_bundle(graph, data)
    entry = reach_memory.build(graph, "acc-t")
    assert entry is not None and entry.border == {"c-mid"}
    params = query_params(settings, ["c-t"], ReachOptions(max_hops=3))
    with pytest.raises(reach_memory.OutsideAccount):
        reach_memory.search(entry, settings, "c-t", params)
    assert reach_memory.answer(graph, settings, params) == []
    found = reach_many(graph, settings, ["c-t"], ReachOptions(max_hops=3))["c-t"]["paths"]
    assert [(p["employee"]["id"], p["score"], [n["id"] for n in p["nodes"]]) for p in found] == [
        ("e-2", 0.3, ["e-2", "c-mid", "c-t"]), ("e-1", 0.27, ["e-1", "c-out", "c-mid", "c-t"])]
    # one hop only: the border contact is the last step, its outside neighbours are never asked for
    one = query_params(settings, ["c-t"], ReachOptions(max_hops=1))
    assert shape(reach_memory.search(entry, settings, "c-t", one)) == shape(graph.read("reach", **one)[0]["paths"])


def test_a_write_is_seen_at_once(graph: Graph, client: TestClient, settings: Settings,
                                 mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    target = "c-arch"   # mini.json: e-dan reaches the architect only through others
    before = client.get(f"/contacts/{target}/reach", params={"max_hops": 3}).json()["paths"]
    assert all(p["steps"] > 1 for p in before if p["employee"]["id"] == "e-dan")
    reach_memory.build(graph, "acc-nw")
    assert reach_memory.entries_for(graph, [target])
    # a curation write (declares its changes): the kept account is dropped, the new tie answers at once
    assert client.put(f"/employees/e-dan/knows/{target}", json={"strength": 0.99}).status_code in (200, 201)
    after = client.get(f"/contacts/{target}/reach", params={"max_hops": 3}).json()["paths"]
    assert after[0]["employee"]["id"] == "e-dan" and after[0]["score"] == 0.99 and after[0]["steps"] == 1
    assert reach_memory.entries_for(graph, [target]) == {}
    # kept again, then a write that declares nothing (an import): dropped as well
    reach_memory.build(graph, "acc-nw")
    assert client.get(f"/contacts/{target}/reach", params={"max_hops": 3}).json()["paths"] == after
    import_bundle(graph, {"contacts": [{"id": "c-new", "name": "New", "account": "acc-nw"}]})
    assert reach_memory.entries_for(graph, [target]) == {}
    # a contact nobody can reach: no path, from memory as from the query
    reach_memory.build(graph, "acc-nw")
    params = query_params(settings, ["c-new"], ReachOptions(max_hops=4))
    assert [r["paths"] for r in reach_memory.answer(graph, settings, params)] == [[]]
    assert client.get("/contacts/c-new/reach", params={"max_hops": 4}).json()["paths"] == []
