"""The account map (pyvis) as of a past day (issue 17), on the hand-built timeline of test_time_people:

  T1 2026-10-05  acme: boss, k1 (positive; decision maker in open d1, user in won d0), k2 (neutral, approver
                 in d1); k1 -> boss from 2026-01-01; k2 -> boss 2026-01-01 .. 2026-10-10, k2 -> k1 from
                 2026-10-10; circle lab (k1, k2); one activity with k1 on 2026-10-01. beta: open deal b1.
  T2 2026-10-19  k1 moves to beta (her d1 role, her lines and her place in the lab end)
  T3 2026-10-26  k2 left acme on 2026-10-24

Worked by hand, the acme map as of:
  Oct 6   boss, k1, k2; lines k1 -> boss, k2 -> boss; k1 decision maker and k2 approver in d1 (d0 is won:
          not drawn); k1 positive with 1 activity
  Oct 12  the same people; lines k1 -> boss, k2 -> k1
  Oct 20  boss, k2 (k1 works at beta now); no line (k2 -> boss ended Oct 10, k1 is gone); k2 still approver
  Oct 25  boss, k2: her departure (Oct 24) was recorded on Oct 26, so on Oct 25 the records still had her
  Oct 30  boss only (k2 had left)
and beta: nobody on Oct 6, k1 from Oct 20. Circles have no history: the lab shows today's members (k2).
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.viz.account_map import build_account_map
from tests.integration.test_time_people import build

pytestmark = pytest.mark.integration


@pytest.fixture
def people(graph: Graph, client: TestClient) -> TestClient:
    build(graph)
    return client


def data(client: TestClient, account: str, day: str, **params: str) -> dict:
    response = client.get(f"/viz/accounts/{account}/data", params={"as_of": day, **params})
    assert response.status_code == 200, response.text
    return response.json()


def ids(body: dict) -> list[str]:
    return [c["id"] for c in body["contacts"]]


def lines(body: dict) -> list[tuple[str, str]]:
    return [(e["from"], e["to"]) for e in body["reports_to"]]


def test_people_and_lines_of_each_day(people: TestClient) -> None:
    oct6 = data(people, "acme", "2026-10-06")
    assert (oct6["history"], oct6["as_of"]) == (True, "2026-10-06")
    assert ids(oct6) == ["boss", "k1", "k2"]
    assert lines(oct6) == [("k1", "boss"), ("k2", "boss")]
    k1 = next(c for c in oct6["contacts"] if c["id"] == "k1")
    assert (k1["attitude"], k1["activities"]) == ("positive", 1)
    assert [(r["opportunity"], r["role"]) for r in k1["roles"]] == [("d1", "decision_maker")]
    assert [o["id"] for o in oct6["opportunities"]] == ["d1"]           # d0 was won: not an open deal
    assert lines(data(people, "acme", "2026-10-12")) == [("k1", "boss"), ("k2", "k1")]
    oct20 = data(people, "acme", "2026-10-20")
    assert ids(oct20) == ["boss", "k2"] and lines(oct20) == []
    assert [(r["opportunity"], r["role"]) for r in oct20["contacts"][1]["roles"]] == [("d1", "approver")]
    assert ids(data(people, "acme", "2026-10-25")) == ["boss", "k2"]
    assert ids(data(people, "acme", "2026-10-30")) == ["boss"]
    assert ids(data(people, "beta", "2026-10-06")) == []
    assert ids(data(people, "beta", "2026-10-20")) == ["k1"]
    # circles are today's: the lab (k2 only since the move); the filter keeps its members of that day
    assert ids(data(people, "acme", "2026-10-12", circle="lab")) == ["k2"]


def test_today_and_later_read_the_live_map(people: TestClient) -> None:
    live = people.get("/viz/accounts/acme/data").json()
    assert live["history"] is False and ids(live) == ["boss"]      # k2 left on Oct 24: not drawn any more
    today = date.today().isoformat()
    assert data(people, "acme", today)["history"] is False
    future = people.get("/viz/accounts/acme/data", params={"as_of": (date.today() + timedelta(days=2)).isoformat()})
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "as_of"
    assert people.get("/viz/accounts/nope/data", params={"as_of": "2026-10-06"}).status_code == 404
    assert people.get("/viz/accounts/acme/data", params={"as_of": "last week"}).status_code == 422


def test_the_page_of_a_past_day(people: TestClient) -> None:
    page = people.get("/viz/accounts/acme", params={"as_of": "2026-10-12"})
    assert page.status_code == 200 and "as of 2026-10-12" in page.text
    zh = people.get("/viz/accounts/acme", params={"as_of": "2026-10-12", "lang": "zh"})
    assert "截至 2026-10-12" in zh.text
    net, _, legend = build_account_map(data(people, "acme", "2026-10-12"))
    assert sorted(n["id"] for n in net.nodes) == ["boss", "k1", "k2"]
    # drawn manager -> report: boss -> k1, k1 -> k2
    assert sorted((e["from"], e["to"]) for e in net.edges) == [("boss", "k1"), ("k1", "k2")]
    assert "circles, influence and our ties are today" in legend
