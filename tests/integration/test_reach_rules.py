"""Reach rules of domain.md section 5 on hand-made graphs; expected answers worked out in the comments."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle
from tests.intel_bundles import bundle, contact, knows


def load(graph: Graph, data: dict[str, Any]) -> None:
    report = import_bundle(graph, data)
    assert not getattr(report, "errors", None), report


def paths(client: TestClient, target: str, **params: Any) -> list[tuple[str, float, int, list[str], list[str]]]:
    response = client.get(f"/contacts/{target}/reach", params=params)
    assert response.status_code == 200, response.text
    return [(p["employee"]["id"], p["score"], p["steps"], [n["id"] for n in p["nodes"]],
             [r["type"] for r in p["relationships"]]) for p in response.json()["paths"]]


def test_ties_score_then_steps_then_node_ids(graph: Graph, client: TestClient) -> None:
    load(graph, bundle(
        ["c-t", "c-x", "c-m", "c-k", "c-a1", "c-b1"], ["e-a", "e-b", "e-c", "e-z", "e-y"],
        reports_to=[{"from": "c-x", "to": "c-t"}, {"from": "c-m", "to": "c-t"}, {"from": "c-k", "to": "c-t"},
                    {"from": "c-b1", "to": "c-t"}],
        circles=[{"id": "ci-1", "name": "C", "account": "acc-t",
                  "members": [{"contact": "c-a1", "role": "member"}, {"contact": "c-t", "role": "member"}]}],
        knows=[
            # e-a: direct 0.48 (1 step) vs c-x up 0.8 * 0.6 = 0.48 (2 steps): the shorter wins
            knows("e-a", "c-t", 0.48), knows("e-a", "c-x", 0.8),
            # e-b: c-m up 0.5 * 0.6 = 0.3 and c-k up 0.5 * 0.6 = 0.3, both 2 steps: c-k < c-m
            knows("e-b", "c-m", 0.5), knows("e-b", "c-k", 0.5),
            # e-c: c-a1 circle 0.96 * 0.5 = 0.48 and c-b1 up 0.8 * 0.6 = 0.48 (0.48000000000000004 in floats):
            # equal scores, equal steps: c-a1 < c-b1
            knows("e-c", "c-a1", 0.96), knows("e-c", "c-b1", 0.8),
            # e-z and e-y both KNOW the target with 0.3: same score and steps, e-y < e-z; both rank above
            # e-b (0.3 in two steps)
            knows("e-z", "c-t", 0.3), knows("e-y", "c-t", 0.3),
        ]))
    got = paths(client, "c-t")
    assert got == [
        ("e-a", 0.48, 1, ["e-a", "c-t"], ["KNOWS"]),
        ("e-c", 0.48, 2, ["e-c", "c-a1", "c-t"], ["KNOWS", "SAME_CIRCLE"]),
        ("e-y", 0.3, 1, ["e-y", "c-t"], ["KNOWS"]),
        ("e-z", 0.3, 1, ["e-z", "c-t"], ["KNOWS"]),
        ("e-b", 0.3, 2, ["e-b", "c-k", "c-t"], ["KNOWS", "REPORTS_TO_UP"]),
    ]


def test_parallel_relations_the_best_weight_counts(graph: Graph, client: TestClient) -> None:
    load(graph, bundle(
        ["c-a", "c-b", "c-c", "c-d"], ["e-1", "e-2", "e-3"],
        influences=[{"from": "c-a", "to": "c-b", "strength": 0.9}, {"from": "c-c", "to": "c-d", "strength": 0.3}],
        reports_to=[{"from": "c-a", "to": "c-b"}, {"from": "c-c", "to": "c-d"}],
        circles=[{"id": "ci-1", "name": "C", "account": "acc-t",
                  "members": [{"contact": "c-a", "role": "leader"}, {"contact": "c-b", "role": "member"}]}],
        knows=[knows("e-1", "c-a", 1.0), knows("e-2", "c-b", 1.0), knows("e-3", "c-c", 1.0)]))
    # a -> b: INFLUENCES 0.9 beats REPORTS_TO up 0.6 and the shared circle 0.5
    assert paths(client, "c-b")[1] == ("e-1", 0.9, 2, ["e-1", "c-a", "c-b"], ["KNOWS", "INFLUENCES"])
    # b -> a: INFLUENCES runs the other way; REPORTS_TO downward 0.8 beats the circle 0.5
    assert paths(client, "c-a")[1] == ("e-2", 0.8, 2, ["e-2", "c-b", "c-a"], ["KNOWS", "REPORTS_TO_DOWN"])
    # c -> d: INFLUENCES 0.3 loses to REPORTS_TO up 0.6
    assert paths(client, "c-d") == [("e-3", 0.6, 2, ["e-3", "c-c", "c-d"], ["KNOWS", "REPORTS_TO_UP"])]
    weights = client.get("/contacts/c-b/reach").json()["paths"][1]["relationships"]
    assert [{"type": r["type"], "weight": r["weight"]} for r in weights] == [
        {"type": "KNOWS", "weight": 1.0}, {"type": "INFLUENCES", "weight": 0.9}]
    # issue 13: the KNOWS step says where its weight comes from (here: set by hand in the bundle)
    assert weights[0]["explanation"]["source"] == "manual" and weights[0]["explanation"]["strength"] == 1.0
    assert weights[1]["explanation"] is None


def test_hostile_intermediates_excluded_unless_asked(graph: Graph, client: TestClient) -> None:
    load(graph, bundle(
        [contact("c-t", attitude="strong_negative"), contact("c-h", attitude="negative"),
         contact("c-s", attitude="strong_negative"), contact("c-n"), contact("c-p", attitude="positive")],
        ["e-1", "e-2", "e-3", "e-4"],
        reports_to=[{"from": "c-h", "to": "c-t"}, {"from": "c-n", "to": "c-s"}, {"from": "c-s", "to": "c-t"},
                    {"from": "c-p", "to": "c-t"}],
        knows=[knows("e-1", "c-h", 0.9), knows("e-2", "c-n", 0.9), knows("e-3", "c-t", 0.2),
               knows("e-4", "c-p", 0.5)]))
    # e-1 KNOWS a negative contact: the KNOWS contact is an intermediate, so no path by default;
    # e-2 goes through a strong_negative manager: none; e-3 KNOWS the (hostile) target itself: 0.2;
    # e-4 via c-p (positive, unset attitudes pass too): 0.5 * 0.6 = 0.3
    assert paths(client, "c-t") == [("e-4", 0.3, 2, ["e-4", "c-p", "c-t"], ["KNOWS", "REPORTS_TO_UP"]),
                                    ("e-3", 0.2, 1, ["e-3", "c-t"], ["KNOWS"])]
    # include_hostile: e-1 0.9 * 0.6 = 0.54; e-2 0.9 * 0.6 * 0.6 = 0.324
    got = paths(client, "c-t", include_hostile=True)
    assert [(e, s, n) for e, s, _, n, _ in got] == [
        ("e-1", 0.54, ["e-1", "c-h", "c-t"]), ("e-2", 0.324, ["e-2", "c-n", "c-s", "c-t"]),
        ("e-4", 0.3, ["e-4", "c-p", "c-t"]), ("e-3", 0.2, ["e-3", "c-t"])]


def test_dotted_line_is_a_reporting_line(graph: Graph, client: TestClient) -> None:
    load(graph, bundle(["c-a", "c-b"], ["e-1", "e-2"], reports_to=[{"from": "c-a", "to": "c-b", "dotted": True}],
                       knows=[knows("e-1", "c-a"), knows("e-2", "c-b")]))
    # unset KNOWS strength 0.5; dotted a -> b upward 0.6, downward 0.8
    assert paths(client, "c-b") == [("e-2", 0.5, 1, ["e-2", "c-b"], ["KNOWS"]),
                                    ("e-1", 0.3, 2, ["e-1", "c-a", "c-b"], ["KNOWS", "REPORTS_TO_UP"])]
    assert paths(client, "c-a") == [("e-1", 0.5, 1, ["e-1", "c-a"], ["KNOWS"]),
                                    ("e-2", 0.4, 2, ["e-2", "c-b", "c-a"], ["KNOWS", "REPORTS_TO_DOWN"])]


def test_default_weights_and_zero_weight_steps(graph: Graph, client: TestClient) -> None:
    load(graph, bundle(["c-a", "c-b", "c-c"], ["e-1", "e-2"],
                       influences=[{"from": "c-a", "to": "c-b"}, {"from": "c-c", "to": "c-b", "strength": 0}],
                       knows=[knows("e-1", "c-a"), knows("e-2", "c-c", 1.0), knows("e-2", "c-b", 0)]))
    # KNOWS unset 0.5, INFLUENCES unset 0.7 -> 0.35; weight-0 steps are never taken (no score-0 paths)
    assert paths(client, "c-b") == [("e-1", 0.35, 2, ["e-1", "c-a", "c-b"], ["KNOWS", "INFLUENCES"])]


@pytest.fixture
def mini(graph: Graph, client: TestClient, mini_bundle: dict[str, Any]) -> TestClient:
    load(graph, mini_bundle)
    return client


def test_team_and_employee_restrictions(mini: TestClient) -> None:
    # c-ceo (mini.expected.json): e-dan 0.81, e-carol 0.42, e-bob 0.324, e-amy 0.288, e-eve 0.2058
    east = paths(mini, "c-ceo", team="East")
    assert [p[0] for p in east] == ["e-carol", "e-bob", "e-amy"]
    assert [p[0] for p in paths(mini, "c-ceo", employees="e-eve,e-amy")] == ["e-amy", "e-eve"]
    assert [p[0] for p in paths(mini, "c-ceo", employees=["e-eve", "e-dan"])] == ["e-dan", "e-eve"]
    assert [p[0] for p in paths(mini, "c-ceo", team="East", employees="e-dan,e-bob")] == ["e-bob"]
    assert paths(mini, "c-ceo", team="Nobody") == []


def test_max_hops_and_limit(mini: TestClient) -> None:
    # one customer-side step: e-dan board -INFLUENCES 0.9-> ceo = 0.81; e-carol coo -up-> ceo 0.7 * 0.6 = 0.42
    assert [(p[0], p[1]) for p in paths(mini, "c-ceo", max_hops=1)] == [("e-dan", 0.81), ("e-carol", 0.42)]
    # two steps add e-bob (arch -> cio -> ceo) and e-amy (itmgr -> cio -> ceo); e-eve needs three
    assert [p[0] for p in paths(mini, "c-ceo", max_hops=2)] == ["e-dan", "e-carol", "e-bob", "e-amy"]
    assert [p[0] for p in paths(mini, "c-ceo", limit=2)] == ["e-dan", "e-carol"]
    # c-cfo with four steps: e-eve user1 -> opsmgr -> coo -> ceo -> cfo = 0.7*0.7*0.7*0.6*0.8 = 0.16464
    four = paths(mini, "c-cfo", max_hops=4)
    assert ("e-eve", 0.1646, 5) == four[-1][:3]
    # through the negative c-proc (include_hostile): e-eve 0.4 * up 0.6 = 0.24 in two steps
    hostile = paths(mini, "c-cfo", include_hostile=True)
    assert ("e-eve", 0.24, 2, ["e-eve", "c-proc", "c-cfo"]) in [p[:4] for p in hostile]
