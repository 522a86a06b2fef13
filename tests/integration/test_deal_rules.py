"""Decision chain, win rate and gap rules (domain.md sections 4, 6, 7) on a hand-made account, as_of 2026-11-22.

Window borders: as_of - 365 = 2025-11-22, as_of - 60 = 2026-09-23 (both NOT "after"), as_of - 59 = 2026-09-24.
"""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle
from tests.intel_bundles import bundle, contact, knows

AS_OF = "2026-11-22"
FULL = {"orientation": "balanced", "attitude": "positive", "closeness": 60, "solution_acceptance": 60,
        "price_acceptance": 60}


def activity(aid: str, employee: str, contact_id: str, day: str, opportunity: str | None = None) -> dict[str, Any]:
    row = {"id": aid, "employee": employee, "contacts": [contact_id], "type": "meeting", "date": day}
    if opportunity:
        row["opportunity"] = opportunity
    return row


def role(opp: str, cid: str, name: str, **fields: Any) -> dict[str, Any]:
    return {"opportunity": opp, "contact": cid, "role": name, **fields}


def competitor(kid: str, *rows: tuple[str, float, float]) -> dict[str, Any]:
    return {"id": kid, "name": kid.upper(),
            "opportunities": [{"opportunity": o, "need_satisfaction": n, "closeness": c} for o, n, c in rows]}


@pytest.fixture
def deals(graph: Graph, client: TestClient) -> TestClient:
    data = bundle(
        [contact("c-ap", orientation="technical", attitude="negative", closeness=20, price_acceptance=30),
         contact("c-ev", orientation="pragmatic", attitude="negative", closeness=50),
         contact("c-us", solution_acceptance=30),
         *(contact(f"c-k{i}", **FULL) for i in range(1, 7))],
        ["e-1", "e-2"],
        knows=[knows("e-1", c) for c in ("c-ap", "c-ev", "c-us", "c-k1", "c-k2", "c-k3", "c-k4", "c-k5")],
        opportunities=[
            {"id": "o-1", "name": "Stack", "account": "acc-t", "compelling_event": True, "need_satisfaction": 70},
            {"id": "o-2", "name": "Borders", "account": "acc-t", "compelling_event": False},
            {"id": "o-3", "name": "Equal", "account": "acc-t", "compelling_event": True, "need_satisfaction": 70},
            {"id": "o-4", "name": "Empty", "account": "acc-t", "compelling_event": True},
        ],
        roles=[
            role("o-1", "c-ap", "approver", closeness=80, attitude="positive", one_vote_veto=True),
            role("o-1", "c-ev", "evaluator", solution_acceptance=60, one_vote_veto=True),
            role("o-1", "c-us", "user", one_vote_veto=True),
            role("o-2", "c-k1", "approver"),
            *(role("o-2", f"c-k{i}", "decision_maker") for i in range(2, 7)),
            role("o-3", "c-ev", "evaluator", closeness=65),
        ],
        competitors=[competitor("k-1", ("o-1", 80, 80), ("o-3", 80, 80)),
                     competitor("k-2", ("o-1", 70, 70), ("o-3", 70, 70)),
                     competitor("k-3", ("o-1", 90, 60)), competitor("k-4", ("o-1", 10, 10)),
                     competitor("k-5", ("o-3", 75, 60))],
        activities=[
            activity("a-1", "e-1", "c-ap", "2026-11-01", "o-1"), activity("a-2", "e-2", "c-ev", "2026-10-01", "o-1"),
            activity("a-3", "e-1", "c-k1", "2025-11-22", "o-2"),   # exactly as_of - 365: not contacted
            activity("a-4", "e-1", "c-k2", "2025-11-23", "o-2"),   # as_of - 364: contacted, stale
            activity("a-5", "e-1", "c-k3", "2026-09-23", "o-2"),   # exactly as_of - 60: still stale
            activity("a-6", "e-1", "c-k4", "2026-09-24", "o-2"),   # as_of - 59: fine
            activity("a-7", "e-2", "c-k5", "2026-11-23", "o-2"),   # after as_of: does not count (nor its employee)
            activity("a-8", "e-1", "c-k5", "2026-11-20"),          # not about the deal
            activity("a-9", "e-1", "c-k6", "2026-11-10", "o-2"),   # recent, but nobody can reach c-k6
        ])
    report = import_bundle(graph, data)
    assert not getattr(report, "errors", None)
    return client


def get(client: TestClient, opp: str, what: str) -> dict[str, Any]:
    response = client.get(f"/opportunities/{opp}/{what}", params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    return response.json()


def test_fallback_and_missing_counts(deals: TestClient) -> None:
    body = get(deals, "o-1", "decision-chain")
    # closeness: ap ROLE_IN 80 (not the contact's 20, weight 4), ev contact 50 (weight 2), us missing
    #   mean (80+50)/2 = 65; weighted (4*80 + 2*50)/(4+2) = 420/6 = 70
    # solution: ap missing, ev ROLE_IN 60 (w2), us contact 30 (w1): mean 45, weighted (120+30)/3 = 50
    # price: ap contact 30 only: mean 30, weighted 30, 2 missing
    assert body["degrees"] == {
        "closeness": {"mean": 65.0, "weighted_mean": 70.0, "n": 2, "missing": 1},
        "solution_acceptance": {"mean": 45.0, "weighted_mean": 50.0, "n": 2, "missing": 1},
        "price_acceptance": {"mean": 30.0, "weighted_mean": 30.0, "n": 1, "missing": 2},
    }
    members = {m["contact"]["id"]: m for m in body["members"]}
    assert members["c-ap"]["attitude"] == "positive"       # ROLE_IN beats the contact's negative
    assert members["c-ev"]["attitude"] == "negative"       # no ROLE_IN value: the contact's
    assert members["c-us"]["attitude"] is None and members["c-us"]["orientation"] is None
    empty = get(deals, "o-4", "decision-chain")
    assert empty["members"] == [] and empty["degrees"]["closeness"] == {"mean": None, "weighted_mean": None,
                                                                      "n": 0, "missing": 0}


def test_three_stronger_competitors_give_zero(deals: TestClient) -> None:
    body = get(deals, "o-1", "win-rate")
    # ours: need 70 (the deal's own value wins over the chain's 45), closeness 65 -> 67.5
    # k-1 80, k-3 (90+60)/2 = 75, k-2 70 are strictly stronger (three) -> 0; k-4 10
    # raw = 67.5 / (67.5 + 80 + 75) = 0.303371
    assert body["ours"] == {"need_satisfaction": 70.0, "closeness": 65.0, "strength": 67.5}
    assert (body["win_rate"], body["reason"], body["raw"]) == (0.0, "not_top_three", 0.3034)
    codes = [(g["code"], g["severity"], g["contact"]["id"] if g["contact"] else None) for g in get(deals, "o-1", "gaps")["gaps"]]
    assert codes == [
        ("NOT_TOP_THREE", "high", None), ("NO_DECISION_MAKER", "high", None),
        ("VETO_NOT_SUPPORTIVE", "high", "c-ev"),   # veto + negative (contact's, no ROLE_IN value)
        ("VETO_NOT_SUPPORTIVE", "high", "c-us"),   # veto + unknown attitude; c-ap (veto, positive) is fine
        ("BEHIND_COMPETITOR", "medium", None), ("NO_INSIDE_SOURCE", "medium", None),
        ("INCOMPLETE_PROFILE", "low", "c-ap"),     # solution acceptance missing
        ("INCOMPLETE_PROFILE", "low", "c-ev"),     # price acceptance missing
        ("INCOMPLETE_PROFILE", "low", "c-us"),     # orientation, attitude, closeness, price missing
    ]


def test_equal_strength_is_not_stronger_and_no_inside_source_factor(deals: TestClient) -> None:
    body = get(deals, "o-3", "win-rate")
    # ours (70 + 65)/2 = 67.5; k-1 80 and k-2 70 stronger, k-5 (75+60)/2 = 67.5 equal: only two stronger
    # raw = 67.5 / (67.5 + 80 + 70) = 0.310345; no inside source: x 0.7 = 0.217241
    assert (body["win_rate"], body["reason"], body["raw"]) == (0.2172, None, 0.3103)
    codes = {g["code"] for g in get(deals, "o-3", "gaps")["gaps"]}
    assert "BEHIND_COMPETITOR" in codes and "NOT_TOP_THREE" not in codes


def test_insufficient_data(deals: TestClient) -> None:
    body = get(deals, "o-4", "win-rate")
    assert (body["win_rate"], body["reason"], body["raw"]) == (None, "insufficient_data", None)
    codes = [g["code"] for g in get(deals, "o-4", "gaps")["gaps"]]
    assert codes == ["NO_APPROVER", "NO_DECISION_MAKER", "NO_INSIDE_SOURCE", "NO_EVALUATOR"]


def test_activity_window_borders(deals: TestClient) -> None:
    gaps = get(deals, "o-2", "gaps")["gaps"]
    got = sorted((g["code"], g["contact"]["id"] if g["contact"] else None) for g in gaps)
    assert got == sorted([
        ("KEY_PERSON_NOT_CONTACTED", "c-k1"),   # only on as_of - 365
        ("STALE_KEY_PERSON", "c-k2"),           # as_of - 364
        ("STALE_KEY_PERSON", "c-k3"),           # exactly as_of - 60
        ("KEY_PERSON_NOT_CONTACTED", "c-k5"),   # only after as_of, or not about the deal
        ("KEY_PERSON_NO_WARM_PATH", "c-k6"),
        ("NO_EVALUATOR", None), ("NO_INSIDE_SOURCE", None), ("NO_COMPELLING_EVENT", None),
        ("SINGLE_THREADED", None),              # e-1 only: e-2's activity is after as_of
    ])
    stale = next(g for g in gaps if g["contact"] and g["contact"]["id"] == "c-k3")
    assert "Strategy: defend:" in stale["action"] and "Ask E-1 for an introduction" in stale["action"]  # positive; e-1 KNOWS c-k3
    no_path = next(g for g in gaps if g["code"] == "KEY_PERSON_NO_WARM_PATH")
    assert "Nobody in our company" in no_path["action"]
    chain = {m["contact"]["id"]: m for m in get(deals, "o-2", "decision-chain")["members"]}
    # overall level counts activities in (2025-11-22, 2026-11-22]: c-k1 none, c-k4 one, c-k5 one (a-8, no deal)
    assert chain["c-k1"]["interaction_level"] == "none" and chain["c-k4"]["interaction_level"] == "occasional"
    assert chain["c-k5"]["interaction_level"] == "occasional" and chain["c-k5"]["deal_interaction_level"] == "none"
    assert chain["c-k6"]["warm_path"] is False and chain["c-k4"]["warm_path"] is True
    # one day later (as_of 2026-11-23): a-7 counts for c-k5 and e-2 joins: no longer single-threaded
    later = {g["code"] for g in deals.get("/opportunities/o-2/gaps", params={"as_of": "2026-11-23"}).json()["gaps"]}
    assert "SINGLE_THREADED" not in later


def test_veto_action_names_the_strategy(deals: TestClient) -> None:
    gaps = get(deals, "o-1", "gaps")["gaps"]
    by_contact = {g["contact"]["id"]: g for g in gaps if g["code"] == "VETO_NOT_SUPPORTIVE"}
    assert "Strategy: balance:" in by_contact["c-ev"]["action"]
    assert "find out their attitude first" in by_contact["c-us"]["action"]
