"""Issue 15 part 3: reach searched in memory (app.services.reach_memory) answers exactly what cypher/reach.cypher
answers (same employees, order, paths, step kinds, weights, scores, names), on messy random bundles and every
option; a path leaving the account falls back to the query; a write is seen at once (the kept account is dropped),
whether it declares its changes or not."""
from __future__ import annotations

import json
import random
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.ingest.capture import capture_calendar
from app.services import reach_memory
from app.services.importer import import_bundle
from app.services.reach import ReachOptions, query_params, reach_many, warm_reachable
from tests import reach_oracle
from tests.integration.test_capture import WINDOW, ics, people
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
    served = client.app.state.graph   # the app's own driver keeps its own entries: the reads below use them
    reach_memory.build(served, "acc-nw")
    assert reach_memory.entries_for(served, [target])
    # a curation write (declares its changes): the kept account is dropped, the new tie answers at once
    assert client.put(f"/employees/e-dan/knows/{target}", json={"strength": 0.99}).status_code in (200, 201)
    after = client.get(f"/contacts/{target}/reach", params={"max_hops": 3}).json()["paths"]
    assert after[0]["employee"]["id"] == "e-dan" and after[0]["score"] == 0.99 and after[0]["steps"] == 1
    assert reach_memory.entries_for(served, [target]) == {}
    # kept again, then a write that declares nothing (an import): dropped as well
    reach_memory.build(served, "acc-nw")
    assert client.get(f"/contacts/{target}/reach", params={"max_hops": 3}).json()["paths"] == after
    import_bundle(served, {"contacts": [{"id": "c-new", "name": "New", "account": "acc-nw"}]})
    assert reach_memory.entries_for(served, [target]) == {}
    # a contact nobody can reach: no path, from memory as from the query
    reach_memory.build(served, "acc-nw")
    params = query_params(settings, ["c-new"], ReachOptions(max_hops=4))
    assert [r["paths"] for r in reach_memory.answer(served, settings, params)] == [[]]
    assert client.get("/contacts/c-new/reach", params={"max_hops": 4}).json()["paths"] == []


# ---------------------------------------------------------------------- tie explanations kept with the entry
def named_queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the queries run from now on (every named query goes through Graph.run_in; it still runs)."""
    names: list[str] = []
    run_in = Graph.run_in

    def recording(tx: Any, name: str, /, **params: Any) -> list[dict[str, Any]]:
        names.append(name)
        return run_in(tx, name, **params)

    monkeypatch.setattr(Graph, "run_in", staticmethod(recording))
    return names


def ties_team(graph: Graph, client: TestClient, settings: Settings) -> list[str]:
    """tests/data/capture/people.json with the calendar captured (derived ties, worked in test_ties.py: ann and bob
    KNOW Zhang Wei 0.5, 4 meetings; bob KNEW Li Na 0.0981) and two manual ties: ann -> Chen Jie 0.7, bob -> Chen
    Jie with no strength (reach's default 0.5). Returns acc-a's contacts."""
    import_bundle(graph, people())
    capture_calendar(graph, settings, ics(), **WINDOW)
    assert client.put("/employees/e-ann/knows/c-chen", json={"strength": 0.7, "source": "manual"}).status_code == 201
    assert client.put("/employees/e-bob/knows/c-chen", json={}).status_code == 201
    return ["c-chen", "c-li", "c-zw"]


def explained(answer: dict[str, Any]) -> list[tuple[str, float, str | None]]:
    return [(p["employee"]["id"], p["score"], p["relationships"][0]["explanation"]["text"]) for p in answer["paths"]]


def test_memory_explains_every_knows_step_as_the_query_does_without_a_query(
        graph: Graph, client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    everyone = ties_team(graph, client, settings)
    options = ReachOptions(max_hops=3)
    from_query = reach_many(graph, settings, everyone, options)
    over_http = {cid: client.get(f"/contacts/{cid}/reach", params={"max_hops": 3}).content for cid in everyone}
    # Li Na: both reach her through Zhang Wei, who reports to her: 0.5 x 0.6 = 0.3 (derived ties, 4 meetings);
    # Chen Jie: ann's manual 0.7, bob's manual tie without strength (reach's default 0.5)
    assert explained(from_query["c-li"]) == [("e-ann", 0.3, "4 meetings both ways, last today → 0.50"),
                                             ("e-bob", 0.3, "4 meetings both ways, last today → 0.50")]
    assert explained(from_query["c-chen"]) == [("e-ann", 0.7, "set by hand → 0.70"),
                                               ("e-bob", 0.5, "set by hand without a strength → 0.50 (the default)")]
    entry = reach_memory.build(graph, "acc-a")
    assert entry is not None and set(entry.ties) == {("e-ann", "c-zw"), ("e-bob", "c-zw"), ("e-ann", "c-chen"),
                                                     ("e-bob", "c-chen")}
    served = client.app.state.graph                   # the app's own driver: its entries are its own
    assert reach_memory.build(served, "acc-a") is not None
    names = named_queries(monkeypatch)
    from_memory = reach_many(graph, settings, everyone, options)
    assert names == ["graph_changes_since"]          # one small query: the change check, no tie_explain
    assert from_memory == from_query
    assert json.dumps(from_memory, default=str) == json.dumps(from_query, default=str)   # key order too
    names.clear()
    assert {cid: client.get(f"/contacts/{cid}/reach", params={"max_hops": 3}).content for cid in everyone} == over_http
    assert names.count("graph_changes_since") == len(everyone) and not {"reach", "tie_explain"} & set(names)
    assert reach_memory.entries_for(graph, everyone) and reach_memory.entries_for(served, everyone)   # still kept


def test_a_declared_tie_or_activity_write_changes_the_explanation_at_once(
        graph: Graph, client: TestClient, settings: Settings) -> None:
    everyone = ties_team(graph, client, settings)

    def read_back(target: str) -> dict[str, Any]:
        return client.get(f"/contacts/{target}/reach", params={"max_hops": 3}).json()

    served = client.app.state.graph                   # the app's own driver: its entries are its own

    def kept() -> None:
        assert reach_memory.build(served, "acc-a") is not None and reach_memory.entries_for(served, everyone)

    kept()
    # a manual tie for bob to Li Na (a curation write, declared): one step, explained as set by hand
    assert client.put("/employees/e-bob/knows/c-li", json={"strength": 0.9, "source": "manual"}).status_code == 201
    answer = read_back("c-li")
    assert explained(answer)[0] == ("e-bob", 0.9, "set by hand → 0.90") and answer["paths"][0]["steps"] == 1
    assert reach_memory.entries_for(served, everyone) == {}
    kept()
    assert read_back("c-li") == answer                    # the rebuilt entry answers the same
    # its strength edited: the explanation follows at once
    assert client.put("/employees/e-bob/knows/c-li", json={"strength": 0.8, "source": "manual"}).status_code == 200
    assert explained(read_back("c-li"))[0] == ("e-bob", 0.8, "set by hand → 0.80")
    kept()
    # two more meetings of ann with Zhang Wei (activities written through the API, then the ties recomputed as of
    # the capture day): 6 meetings in the window, last today -> 1 x 6/8 x 1 = 0.75; Li Na through him: 0.45
    for day, activity in (("2026-11-10", "a-x1"), ("2026-11-09", "a-x2")):
        assert client.put(f"/activities/{activity}", json={"employee": "e-ann", "contacts": ["c-zw"],
                                                           "type": "meeting", "date": day}).status_code == 201
    assert client.post("/ties/recompute", params={"as_of": "2026-11-10"}).status_code == 200
    got = read_back("c-li")
    assert ("e-ann", 0.45, "6 meetings both ways, last today → 0.75") in explained(got)
    ann = next(p for p in got["paths"] if p["employee"]["id"] == "e-ann")["relationships"][0]["explanation"]
    assert ann["counts"] == {"meetings": 6, "calls": 0, "emails_out": 0, "emails_in": 0}
    assert ann["factors"] == {"recency": 1.0, "frequency": 0.75, "reciprocity": 1.0}
    kept()
    assert read_back("c-li") == got                       # from memory again: the same answer
    reach_memory.clear()
    assert read_back("c-li") == got                       # and the query's
