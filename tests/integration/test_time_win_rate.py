"""Win rate, gaps and the decision chain as of a past date, from the history of deal fields, roles and
competitor ratings (issue 17). The timeline is built by hand with dated imports; values from domain.md s.6:

  T1 2026-10-05  deal d1 (amount 100, analyse_needs, NO compelling event); k1 approver (closeness 60,
                 solution 70), k2 decision maker (40, 50); rival r1 (need 60, closeness 50)
                 -> no win rate, reason no_compelling_event
  T2 2026-10-19  compelling event, stage present_value, k1 becomes inside source
                 ours: need = mean solution (70+50)/2 = 60, closeness (60+40)/2 = 50, strength 55;
                 r1 (60+50)/2 = 55 -> raw 55 / (55+55) = 0.5, coach -> 0.5
  T3 2026-11-02  r1 re-rated (80, 80) -> 80; new rival r2 (20, 40) -> 30; k1 no longer a coach; amount 150
                 raw 55 / (55+80+30) = 1/3, no coach -> x0.7 = 0.2333
"""
from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle

pytestmark = pytest.mark.integration

T1, T2, T3 = (datetime(2026, 10, 5, 9, tzinfo=UTC), datetime(2026, 10, 19, 9, tzinfo=UTC),
              datetime(2026, 11, 2, 9, tzinfo=UTC))


def timeline_t1() -> dict[str, Any]:
    return {
        "accounts": [{"id": "acme", "name": "Acme"}],
        "contacts": [
            {"id": "k1", "name": "K One", "account": "acme", "attitude": "positive", "orientation": "technical",
             "importance": 5, "closeness": 60, "solution_acceptance": 70, "price_acceptance": 50},
            {"id": "k2", "name": "K Two", "account": "acme", "attitude": "neutral", "orientation": "balanced",
             "importance": 4, "closeness": 40, "solution_acceptance": 50, "price_acceptance": 40}],
        "employees": [{"id": "e1", "name": "Rep", "team": "north"}],
        "opportunities": [{"id": "d1", "name": "Deal one", "account": "acme", "amount": 100, "stage": "analyse_needs",
                           "compelling_event": False, "owner": "e1"}],
        "roles": [{"opportunity": "d1", "contact": "k1", "role": "approver"},
                  {"opportunity": "d1", "contact": "k2", "role": "decision_maker"}],
        "competitors": [{"id": "r1", "name": "Rival", "opportunities": [
            {"opportunity": "d1", "need_satisfaction": 60, "closeness": 50}]}],
    }


def build_timeline(graph: Graph) -> None:
    bundle = timeline_t1()
    import_bundle(graph, bundle, effective_at=T1)
    bundle = copy.deepcopy(bundle)
    bundle["opportunities"][0].update(compelling_event=True, stage="present_value")
    bundle["roles"][0]["inside_source"] = True
    import_bundle(graph, bundle, effective_at=T2)
    bundle = copy.deepcopy(bundle)
    bundle["opportunities"][0]["amount"] = 150
    bundle["roles"][0]["inside_source"] = False
    bundle["competitors"][0]["opportunities"][0].update(need_satisfaction=80, closeness=80)
    bundle["competitors"].append({"id": "r2", "name": "Second", "opportunities": [
        {"opportunity": "d1", "need_satisfaction": 20, "closeness": 40}]})
    import_bundle(graph, bundle, effective_at=T3)


@pytest.fixture
def timeline(graph: Graph, client: TestClient) -> TestClient:
    build_timeline(graph)
    return client


def rate(client: TestClient, day: str | None) -> dict[str, Any]:
    response = client.get("/opportunities/d1/win-rate", params={"as_of": day} if day else {})
    assert response.status_code == 200, response.text
    return response.json()


def test_win_rate_as_of_each_date(timeline: TestClient) -> None:
    first = rate(timeline, "2026-10-10")
    assert (first["win_rate"], first["reason"]) == (None, "no_compelling_event")
    assert first["state_at"].startswith("2026-10-05") and not first["before_history"]
    second = rate(timeline, "2026-10-20")
    assert second["win_rate"] == 0.5 and second["inside_source"] is True
    assert [k["id"] for k in second["competitors"]] == ["r1"]
    third = rate(timeline, "2026-11-10")
    assert third["win_rate"] == round(55 / 165 * 0.7, 4) and third["inside_source"] is False
    assert {k["id"]: k["strength"] for k in third["competitors"]} == {"r1": 80, "r2": 30}
    assert rate(timeline, None)["win_rate"] == third["win_rate"]          # live graph = latest snapshot
    # the day of a change already sees it (as of = end of that day)
    assert rate(timeline, "2026-10-19")["win_rate"] == 0.5
    assert rate(timeline, "2026-10-18")["reason"] == "no_compelling_event"
    # before anything was recorded: the first snapshot, flagged
    early = rate(timeline, "2026-09-01")
    assert early["before_history"] is True and early["reason"] == "no_compelling_event"


def test_gaps_and_chain_as_of(timeline: TestClient) -> None:
    def codes(day: str) -> set[str]:
        response = timeline.get("/opportunities/d1/gaps", params={"as_of": day})
        assert response.status_code == 200, response.text
        return {g["code"] for g in response.json()["gaps"]}

    assert {"NO_COMPELLING_EVENT", "NO_INSIDE_SOURCE"} <= codes("2026-10-10")
    at_t2 = codes("2026-10-20")
    # ours closeness 50 = r1's 50, need 60 = r1's 60: not behind; k1 is a coach
    assert not at_t2 & {"NO_COMPELLING_EVENT", "NO_INSIDE_SOURCE", "BEHIND_COMPETITOR"}
    assert {"NO_INSIDE_SOURCE", "BEHIND_COMPETITOR"} <= codes("2026-11-10")   # r1 at 80 > 50
    chain = timeline.get("/opportunities/d1/decision-chain", params={"as_of": "2026-10-20"}).json()
    assert chain["opportunity"]["stage"] == "present_value" and chain["opportunity"]["amount"] == 100
    assert [(m["contact"]["id"], m["role"], m["inside_source"]) for m in chain["members"]] == [
        ("k1", "approver", True), ("k2", "decision_maker", False)]
    assert chain["degrees"]["closeness"]["mean"] == 50
    # weighted: (4*60 + 3*40) / 7
    assert chain["degrees"]["closeness"]["weighted_mean"] == round((4 * 60 + 3 * 40) / 7, 4)
    later = timeline.get("/opportunities/d1/decision-chain", params={"as_of": "2026-11-10"}).json()
    assert later["opportunity"]["amount"] == 150


def test_audited_write_and_undo_keep_history(timeline: TestClient, graph: Graph) -> None:
    # today's write: r2 re-rated to (100, 100) -> strength 100; yesterday keeps T3's rating
    response = timeline.put("/opportunities/d1/competitors/r2", json={"need_satisfaction": 100, "closeness": 100})
    assert response.status_code == 200, response.text
    now = rate(timeline, None)
    assert now["win_rate"] == round(55 / (55 + 100 + 80) * 0.7, 4)
    assert rate(timeline, "2026-11-10")["win_rate"] == round(55 / 165 * 0.7, 4)
    states = graph.read_one("deal_first_state", opportunity="d1")
    assert states["first"] is not None
    entry = timeline.get("/audit", params={"entity": "COMPETES_IN"}).json()
    entry_id = (entry["items"] if isinstance(entry, dict) else entry)[0]["id"]
    assert timeline.post(f"/audit/{entry_id}/undo").status_code == 200
    assert rate(timeline, None)["win_rate"] == round(55 / 165 * 0.7, 4)
    rows = graph.driver.execute_query(
        "MATCH (s:CompeteState {competitor: 'r2', opportunity: 'd1'}) RETURN s.need_satisfaction AS n ORDER BY s.version",
        database_=graph.database).records
    assert [r["n"] for r in rows] == [20, 100, 20]   # imported, written, undone: appended, never overwritten


def test_unknown_deal_as_of_is_404(timeline: TestClient) -> None:
    response = timeline.get("/opportunities/nope/win-rate", params={"as_of": "2026-10-10"})
    assert response.status_code == 404
    assert timeline.get("/opportunities/d1/win-rate", params={"as_of": "2026-13-01"}).status_code == 422
