"""People who change jobs or leave, and the org chart over time (issue 17), on a timeline built by hand:

  T1 2026-10-05  acme: k1 (decision maker in open d1, strong_positive; user in won d0), k2 (approver, neutral),
                 boss; k1 -> boss since 2026-01-01; k2 -> boss 2026-01-01 .. 2026-10-10, then k2 -> k1 from
                 2026-10-10 (dated rows); beta: open deal b1. e1 KNOWS k1 (0.8), one activity with k1 on d1.
                 circle "lab" at acme: k1 and k2.
  T2 2026-10-19  the CRM export says k1 now works at beta (another account in the row; her old role in d1,
                 k2's line to her and her place in the lab circle still listed: rows the move ends, accepted
                 and ended, issue 18's link rules; her line to the boss gone)
  T3 2026-10-26  k2 left acme on 2026-10-24 (left_at); the same stale rows again: they stay ended
"""
from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.services.export import export_bundle
from app.services.importer import import_bundle
from tests.conftest import wipe

pytestmark = pytest.mark.integration

T1, T2, T3 = (datetime(2026, 10, 5, 9, tzinfo=UTC), datetime(2026, 10, 19, 9, tzinfo=UTC),
              datetime(2026, 10, 26, 9, tzinfo=UTC))


def people_t1() -> dict[str, Any]:
    return {
        "accounts": [{"id": "acme", "name": "Acme"}, {"id": "beta", "name": "Beta"}],
        "contacts": [
            {"id": "boss", "name": "Boss", "account": "acme", "attitude": "neutral"},
            {"id": "k1", "name": "Kim", "account": "acme", "attitude": "positive", "closeness": 80},
            {"id": "k2", "name": "Ken", "account": "acme", "attitude": "neutral", "closeness": 40}],
        "reports_to": [{"from": "k1", "to": "boss", "valid_from": "2026-01-01"},
                       {"from": "k2", "to": "boss", "valid_from": "2026-01-01", "valid_to": "2026-10-10"},
                       {"from": "k2", "to": "k1", "valid_from": "2026-10-10"}],
        "circles": [{"id": "lab", "name": "Lab", "account": "acme", "members": [{"contact": "k1"}, {"contact": "k2"}]}],
        "employees": [{"id": "e1", "name": "Eve", "team": "north"}],
        "knows": [{"employee": "e1", "contact": "k1", "strength": 0.8}],
        "opportunities": [
            {"id": "d1", "name": "Acme platform", "account": "acme", "amount": 300, "stage": "negotiate",
             "compelling_event": True, "owner": "e1"},
            {"id": "d0", "name": "Acme pilot", "account": "acme", "amount": 20, "stage": "won", "owner": "e1"},
            {"id": "b1", "name": "Beta rollout", "account": "beta", "amount": 50, "stage": "validate", "owner": "e1"}],
        "roles": [{"opportunity": "d1", "contact": "k1", "role": "decision_maker", "attitude": "strong_positive"},
                  {"opportunity": "d1", "contact": "k2", "role": "approver"},
                  {"opportunity": "d0", "contact": "k1", "role": "user"}],
        "activities": [{"id": "a1", "employee": "e1", "contacts": ["k1"], "opportunity": "d1", "type": "meeting",
                        "date": "2026-10-01"}],
    }


def build(graph: Graph) -> None:
    bundle = people_t1()
    import_bundle(graph, bundle, effective_at=T1)
    bundle = copy.deepcopy(bundle)
    bundle["contacts"][1]["account"] = "beta"        # the CRM says so; its old role row is still in the export
    bundle["reports_to"] = bundle["reports_to"][1:]  # and no manager at acme any more
    import_bundle(graph, bundle, effective_at=T2)
    bundle = copy.deepcopy(bundle)
    bundle["contacts"][2]["left_at"] = "2026-10-24"
    import_bundle(graph, bundle, effective_at=T3)


@pytest.fixture
def people(graph: Graph, client: TestClient) -> TestClient:
    build(graph)
    return client


def run(graph: Graph, cypher: str) -> list[dict[str, Any]]:
    return [r.data() for r in graph.driver.execute_query(cypher, database_=graph.database).records]


def test_a_move_keeps_the_person_and_ends_the_old_roles(people: TestClient, graph: Graph) -> None:
    k1 = people.get("/contacts/k1").json()
    assert (k1["account"], k1["previous_account"]) == ("beta", "acme")
    # one person: the tie and the activity follow; the role in the open acme deal ended, the won deal keeps it
    assert run(graph, "MATCH (:Employee {id: 'e1'})-[k:KNOWS]->(:Contact {id: 'k1'}) RETURN k.strength AS s") == [{"s": 0.8}]
    assert run(graph, "MATCH (:Activity {id: 'a1'})-[:WITH]->(c:Contact) RETURN c.id AS c") == [{"c": "k1"}]
    roles = run(graph, "MATCH (:Contact {id: 'k1'})-[:ROLE_IN]->(o) RETURN o.id AS o ORDER BY o")
    assert roles == [{"o": "d0"}]
    # the move ended her lines with acme people (to the boss, and k2's to her, though the CRM still lists it)
    # and her place in acme's circle; stale rows imported again at T3 did not bring them back
    assert run(graph, "MATCH (a:Contact)-[:REPORTS_TO]->(b:Contact) RETURN a.id AS a, b.id AS b") == []
    assert run(graph, "MATCH (c:Contact)-[:MEMBER_OF]->(:Circle {id: 'lab'}) RETURN c.id AS c") == [{"c": "k2"}]
    # the decision chain today has no k1 (and no k2, who left); as of before the move it had both
    assert [m["contact"]["id"] for m in people.get("/opportunities/d1/decision-chain").json()["members"]] == []
    before = people.get("/opportunities/d1/decision-chain", params={"as_of": "2026-10-12"}).json()
    assert [m["contact"]["id"] for m in before["members"]] == ["k2", "k1"]    # approver first
    # as of Oct 12, k2 reports to k1 (from Oct 10); on Oct 6 still to the boss
    assert before["members"][0]["reports_to"] == [{"id": "k1", "name": "Kim", "dotted": False}]
    early = people.get("/opportunities/d1/decision-chain", params={"as_of": "2026-10-06"}).json()
    assert early["members"][0]["reports_to"] == [{"id": "boss", "name": "Boss", "dotted": False}]


def test_alerts_champion_left_and_former_champion(people: TestClient) -> None:
    body = people.get("/alerts").json()
    assert body["total"] == 2                               # k2 left too, but was neutral: no alert
    left, opening = body["alerts"]
    assert (left["kind"], left["contact"]["id"], left["account"]["id"]) == ("champion_left", "k1", "acme")
    assert [d["id"] for d in left["opportunities"]] == ["d1"]   # open deals only: not the won d0
    assert left["since"] == "2026-10-19"
    assert (opening["kind"], opening["account"]["id"], opening["former_account"]["id"]) == (
        "former_champion", "beta", "acme")
    assert [d["id"] for d in opening["opportunities"]] == ["b1"]
    assert opening["known_by"] == [{"id": "e1", "name": "Eve", "strength": 0.8}]
    assert "Eve" in opening["message"]
    zh = people.get("/alerts", params={"lang": "zh", "kind": "former_champion"}).json()
    assert zh["total"] == 1 and "前支持者" in zh["alerts"][0]["message"]
    risk = people.get("/departure-risk/customer").json()
    assert risk["amount_at_risk"] == 300
    assert [(d["opportunity"]["id"], [c["id"] for c in d["champions_left"]]) for d in risk["deals"]] == [("d1", ["k1"])]
    review = people.get("/reviews/weekly", params={"week": "2026-W44"}).json()
    d1 = next(d for d in review["deals"] if d["opportunity"]["id"] == "d1")
    assert d1["alerts"] and "Kim" in d1["alerts"][0]
    page = people.get("/alerts.html", params={"lang": "zh"})
    assert page.status_code == 200 and "预警" in page.text


def test_departure_via_put_and_undo(people: TestClient, graph: Graph) -> None:
    # b1 gets Kim as decision maker, then she leaves beta (PUT with left_at): the role ends, an alert appears
    assert people.put("/opportunities/b1/roles/k1", json={"role": "decision_maker", "attitude": "positive"}).status_code == 201
    contact = people.get("/contacts/k1").json()
    body = {k: v for k, v in contact.items() if k not in ("id", "version", "interaction_level", "interaction_by_deal")}
    assert people.put("/contacts/k1", json={**body, "left_at": "2026-11-30"}).status_code == 200
    assert run(graph, "MATCH (:Contact {id: 'k1'})-[:ROLE_IN]->(o:Opportunity {id: 'b1'}) RETURN o.id AS o") == []
    kinds = {(a["kind"], a["account"]["id"]) for a in people.get("/alerts").json()["alerts"]}
    assert ("champion_left", "beta") in kinds and ("former_champion", "beta") not in kinds


def test_org_chart_as_of(people: TestClient) -> None:
    june = people.get("/accounts/acme/org-chart", params={"as_of": "2026-10-06"}).json()
    # Oct 6 (T1 recorded Oct 5): all three at acme; k2 -> boss still valid (ends Oct 10)
    assert [c["id"] for c in june["contacts"]] == ["boss", "k1", "k2"]
    assert june["lines"] == [
        {"contact": "k1", "manager": "boss", "dotted": False, "valid_from": "2026-01-01", "valid_to": "2026-10-19"},
        {"contact": "k2", "manager": "boss", "dotted": False, "valid_from": "2026-01-01", "valid_to": "2026-10-10"}]
    later = people.get("/accounts/acme/org-chart", params={"as_of": "2026-10-12"}).json()
    assert [(l["contact"], l["manager"], l["valid_from"]) for l in later["lines"]] == [
        ("k1", "boss", "2026-01-01"), ("k2", "k1", "2026-10-10")]
    after = people.get("/accounts/acme/org-chart", params={"as_of": "2026-10-30"}).json()
    assert [c["id"] for c in after["contacts"]] == ["boss", "k2"]        # Kim moved; Ken left but is still listed
    assert after["contacts"][1]["left_at"] == "2026-10-24"
    assert after["lines"] == []                                           # k2 -> k1 crosses accounts now
    assert people.get("/accounts/nope/org-chart").status_code == 404


def test_new_fields_round_trip(graph: Graph) -> None:
    build(graph)
    first = export_bundle(graph)
    contacts = {c["id"]: c for c in first["contacts"]}
    assert contacts["k1"]["previous_account"] == "acme" and contacts["k2"]["left_at"] == "2026-10-24"
    assert {(r["from"], r["to"], r.get("valid_from"), r.get("valid_to")) for r in first["reports_to"]} == {
        ("k2", "boss", "2026-01-01", "2026-10-10"), ("k2", "k1", "2026-10-10", "2026-10-19"),
        ("k1", "boss", "2026-01-01", "2026-10-19")}
    wipe(graph)
    import_bundle(graph, json.loads(json.dumps(first)))
    assert export_bundle(graph) == first


def test_a_line_across_accounts_that_no_move_ends_is_refused(people: TestClient, graph: Graph) -> None:
    """Issue 18's rule still holds next to a move: only the rows linking the mover to the account they left
    pass. A new line from k2 (acme) to b9 (beta, never moved) is refused, naming both accounts."""
    bundle = people_t1()
    bundle["contacts"][1]["account"] = "beta"
    bundle["contacts"].append({"id": "b9", "name": "Bo", "account": "beta"})
    bundle["reports_to"].append({"from": "k2", "to": "b9"})
    with pytest.raises(InvalidInput) as refused:
        import_bundle(graph, bundle, effective_at=T3)
    assert [(e["key"], e["row"], e["field"]) for e in refused.value.errors] == [("reports_to", 3, "to")]
    message = refused.value.errors[0]["message"]
    assert "b9 works at account beta" in message and "k2 at acme" in message
    assert run(graph, "MATCH (c:Contact {id: 'b9'}) RETURN c.id AS c") == []      # nothing written
