"""History snapshots and what is read from them: as-of degrees, monthly trends, account operations, charts.

Timeline (months relative to today's month M; hand-worked values in the comments):
  t1 = 15th of M-2: h-a (closeness 40, solution 50, price 30, full profile), h-b (60, 70, no price, no
       orientation); deal oh: h-a approver with ROLE_IN closeness 50, h-b user; e-x KNOWS h-a (0.5)
  t2 = 15th of M-1: h-b closeness 80, price 50, orientation set; tie strength 0.9
  t3 = now:         h-a's ROLE_IN closeness 90; new contact h-c (100, 100, 100, full); tie removed
"""
from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.services.audit import NodeRef, RelRef
from app.services.history import account_as_of, capture_for_ref, capture_history
from app.services.importer import import_bundle
from app.services.trends import account_degrees, account_operations, account_trend, label, month_points, \
    opportunity_trend, shift

pytestmark = pytest.mark.integration

TODAY = date.today()
M = (TODAY.year, TODAY.month)
T1 = datetime(*shift(M, -2), 15, tzinfo=UTC)
T2 = datetime(*shift(M, -1), 15, tzinfo=UTC)
LAST_DAY_PREVIOUS_MONTH = date(*M, 1) - timedelta(days=1)


def capture(graph: Graph, at: datetime | date, **kwargs: Any) -> int:
    return graph.write_transaction(lambda tx: capture_history(tx, at=at, **kwargs))


def run(graph: Graph, cypher: str) -> None:
    graph.driver.execute_query(cypher, database_=graph.database)


def harbor_t1() -> dict[str, Any]:
    return {
        "accounts": [{"id": "harbor", "name": "Harbor"}],
        "contacts": [
            {"id": "h-a", "name": "A", "account": "harbor", "orientation": "technical", "attitude": "neutral",
             "importance": 4, "closeness": 40, "solution_acceptance": 50, "price_acceptance": 30},
            {"id": "h-b", "name": "B", "account": "harbor", "attitude": "positive", "importance": 3,
             "closeness": 60, "solution_acceptance": 70}],
        "employees": [{"id": "e-x", "name": "Xu"}],
        "knows": [{"employee": "e-x", "contact": "h-a", "strength": 0.5}],
        "opportunities": [{"id": "oh", "name": "Harbor deal", "account": "harbor", "amount": 100, "stage": "bid",
                           "owner": "e-x"}],
        "roles": [{"opportunity": "oh", "contact": "h-a", "role": "approver", "closeness": 50},
                  {"opportunity": "oh", "contact": "h-b", "role": "user"}],
    }


@pytest.fixture
def harbor(graph: Graph) -> Graph:
    bundle = harbor_t1()
    report = import_bundle(graph, bundle, effective_at=T1)   # the import itself snapshots what it touched
    assert report.counters["history_snapshots"] == 6        # 2 contacts + 2 roles + 1 tie + the deal, all new
    assert capture(graph, T1 + timedelta(days=1)) == 0      # nothing changed: nothing appended
    bundle = copy.deepcopy(bundle)
    bundle["contacts"][1].update(closeness=80, price_acceptance=50, orientation="balanced")
    bundle["knows"][0]["strength"] = 0.9
    report = import_bundle(graph, bundle, effective_at=T2)
    assert report.counters["history_snapshots"] == 2        # h-b and the tie; h-b's ROLE_IN itself did not change
    bundle = copy.deepcopy(bundle)
    bundle["roles"][0]["closeness"] = 90
    bundle["contacts"].append({"id": "h-c", "name": "C", "account": "harbor", "orientation": "balanced",
                               "attitude": "positive", "importance": 2, "closeness": 100,
                               "solution_acceptance": 100, "price_acceptance": 100})
    report = import_bundle(graph, bundle, effective_at=datetime.now(UTC))
    assert report.counters["history_snapshots"] == 2        # h-a's role, h-c (new)
    run(graph, "MATCH (:Employee {id: 'e-x'})-[k:KNOWS]->(:Contact {id: 'h-a'}) DELETE k")
    assert capture(graph, datetime.now(UTC)) == 1           # the tie, now `present: false`
    return graph


def test_as_of_last_month_differs_from_today(harbor: Graph, settings: Settings) -> None:
    last_month = account_degrees(harbor, settings, "harbor", LAST_DAY_PREVIOUS_MONTH).degrees
    # end of M-1 (state t2): closeness (40 + 80) / 2 = 60 good, solution (50 + 70) / 2 = 60,
    # price (30 + 50) / 2 = 40, both profiles complete
    assert (last_month.n, last_month.closeness, last_month.solution_acceptance, last_month.price_acceptance,
            last_month.closeness_grade.value, last_month.completeness) == (2, 60, 60, 40, "good", 1.0)
    today = account_degrees(harbor, settings, "harbor").degrees      # current values, no snapshots
    # now: closeness (40 + 80 + 100) / 3 = 73.33, solution 220 / 3 = 73.33, price 180 / 3 = 60
    assert (today.n, today.closeness, today.solution_acceptance, today.price_acceptance) == (3, 73.33, 73.33, 60)
    assert account_degrees(harbor, settings, "harbor", TODAY).degrees == today   # snapshots agree with live
    two_months_ago = account_degrees(harbor, settings, "harbor", T1.date()).degrees
    # t1: closeness 50 medium, price only h-a's 30 (h-b missing), completeness 1 / 2
    assert (two_months_ago.closeness, two_months_ago.closeness_grade.value, two_months_ago.price_acceptance,
            two_months_ago.missing["price_acceptance"], two_months_ago.completeness) == (50, "medium", 30, 1, 0.5)
    before = account_degrees(harbor, settings, "harbor", T1.date() - timedelta(days=1)).degrees
    assert before.n == 0 and before.closeness is None


def test_ties_as_of_a_date(harbor: Graph) -> None:
    def ties(day: date) -> dict[str, list[dict[str, Any]]]:
        return {row["id"]: row["ties"] for row in account_as_of(harbor, "harbor", day)}

    assert ties(T1.date())["h-a"] == [{"employee": "e-x", "strength": 0.5}]
    assert ties(LAST_DAY_PREVIOUS_MONTH)["h-a"] == [{"employee": "e-x", "strength": 0.9}]
    assert ties(TODAY) == {"h-a": [], "h-b": [], "h-c": []}


def test_account_trend_month_by_month(harbor: Graph, settings: Settings) -> None:
    points = month_points(shift(M, -3), M, 120)
    trend = account_trend(harbor, settings, "harbor", points)
    got = [(p.month, p.degrees.n, p.degrees.closeness, p.degrees.closeness_grade and p.degrees.closeness_grade.value,
            p.degrees.price_acceptance, p.degrees.completeness) for p in trend.points]
    assert got == [(label(shift(M, -3)), 0, None, None, None, None),
                   (label(shift(M, -2)), 2, 50, "medium", 30, 0.5),
                   (label(shift(M, -1)), 2, 60, "good", 40, 1.0),
                   (label(M), 3, 73.33, "good", 60, 1.0)]


def test_opportunity_trend_role_value_else_contact_value(harbor: Graph, settings: Settings) -> None:
    trend = opportunity_trend(harbor, settings, "oh", month_points(shift(M, -2), M, 120))
    got = [(p.degrees.n, p.degrees.closeness, p.weighted["closeness"], p.degrees.price_acceptance,
            p.weighted["price_acceptance"]) for p in trend.points]
    # M-2: h-a 50 (ROLE_IN) and h-b 60 (contact): mean 55, weighted (4*50 + 1*60) / 5 = 52;
    #      price: h-a 30 only (h-b has none) -> 30 / 30
    # M-1: h-b now 80: mean 65, weighted (200 + 80) / 5 = 56; price (30 + 50) / 2 = 40, (4*30 + 50) / 5 = 34
    # M:   h-a's ROLE_IN 90: mean 85, weighted (360 + 80) / 5 = 88
    assert got == [(2, 55, 52, 30, 30), (2, 65, 56, 40, 34), (2, 85, 88, 40, 34)]
    assert trend.points[-1].degrees.closeness_grade.value == "excellent"


def test_account_operations_month_on_month_and_year_on_year(harbor: Graph, settings: Settings) -> None:
    ops = account_operations(harbor, settings, "e-x", label(shift(M, -1)))
    acc = ops.accounts[0]
    assert (acc.account, acc.deals) == ("harbor", ["oh"])
    # M-1 vs M-2: closeness 60 - 50 = +10, medium -> good = +1 step, completeness 1.0 - 0.5 = +0.5
    assert (acc.month_on_month.closeness, acc.month_on_month.closeness_grade_steps,
            acc.month_on_month.completeness, acc.month_on_month.price_acceptance) == (10, 1, 0.5, 10)
    # a year before there was no history: no change can be computed
    assert acc.year_ago.n == 0 and acc.year_on_year.closeness is None
    now = account_operations(harbor, settings, "e-x").accounts[0]
    assert (now.month_on_month.closeness, now.month_on_month.closeness_grade_steps) == (13.33, 0)


def test_trend_routes_json_png_svg(harbor: Graph, client: TestClient) -> None:
    params = {"from": label(shift(M, -3)), "to": label(M)}
    body = client.get("/accounts/harbor/trend", params=params).json()
    assert [p["degrees"]["closeness"] for p in body["points"]] == [None, 50, 60, 73.33]
    png = client.get("/accounts/harbor/trend.png", params=params)
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = client.get("/opportunities/oh/trend.svg", params=params)
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    assert client.get("/opportunities/oh/trend", params=params).json()["points"][-1]["weighted"]["closeness"] == 88
    degrees = client.get("/accounts/harbor/degrees", params={"as_of": LAST_DAY_PREVIOUS_MONTH.isoformat()}).json()
    assert degrees["degrees"]["closeness"] == 60
    assert client.get("/accounts/nowhere/trend").status_code == 404
    assert client.get("/accounts/harbor/trend", params={"from": "2026-13"}).status_code == 422
    ops = client.get("/employees/e-x/account-operations").json()
    assert ops["accounts"][0]["month_on_month"]["closeness"] == 13.33


def test_deletes_are_recorded_and_refs_capture_their_edges(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    d1, d2, d3 = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)
    # mini: 12 contacts + 9 roles + 7 KNOWS ties + (issue 17) 2 deals + 2 competitor ratings + 11 reporting lines
    assert capture(graph, d1) == 43
    run(graph, "MATCH (c:Contact {id: 'c-hr'}) DETACH DELETE c")
    # the contact, its one role (user in o-fin) and its reporting line are gone: one `present: false` state each
    assert graph.write_transaction(lambda tx: capture_for_ref(tx, NodeRef("Contact", "c-hr"), d2)) == 3
    assert capture(graph, d3) == 0                 # already recorded: a full capture adds nothing
    run(graph, "MATCH (:Employee {id: 'e-amy'})-[k:KNOWS]->(:Contact {id: 'c-itmgr'}) SET k.strength = 0.3")
    ref = RelRef("KNOWS", "Employee", "e-amy", "Contact", "c-itmgr")
    assert graph.write_transaction(lambda tx: capture_for_ref(tx, ref, d3)) == 1
    assert "c-hr" in {row["id"] for row in account_as_of(graph, "acc-nw", d1)}
    assert "c-hr" not in {row["id"] for row in account_as_of(graph, "acc-nw", d2)}
    itmgr = {row["id"]: row for row in account_as_of(graph, "acc-nw", d3)}["c-itmgr"]
    assert itmgr["ties"] == [{"employee": "e-amy", "strength": 0.3}]
