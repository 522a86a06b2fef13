"""Issue 15: the company-wide views never serve an answer older than the last write (they are kept per graph
version), and their lists come in pages that can be filtered and sorted. Graph: risk_bundle of
test_managers (expected values worked out there)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.services import view_cache
from app.services.company_lists import departure_page
from app.services.departure import departure_impact
from app.services.importer import import_bundle
from tests.integration.test_managers import risk_bundle

pytestmark = pytest.mark.integration


@pytest.fixture
def risk_graph(graph: Graph) -> Graph:
    import_bundle(graph, risk_bundle())
    return graph


def test_every_write_replaces_the_version_token(risk_graph: Graph) -> None:
    before = risk_graph.version_token()
    assert before is not None
    risk_graph.write("graph_version")          # even a write query that changes nothing moves the version on
    assert risk_graph.version_token() not in (None, before)


def test_views_read_back_a_write_at_once(risk_graph: Graph, client: TestClient) -> None:
    ranking = lambda: {r["employee"]: r for r in client.get("/employees/departure-risk").json()["items"]}  # noqa: E731
    coverage = lambda: {r["account"]: r for r in client.get("/coverage").json()["items"]}  # noqa: E731
    assert ranking()["e-alice"]["amount_at_risk"] == 1000 and ranking()["e-alice"]["contacts"] == 3
    assert coverage()["beta"]["gap"] == 1                     # b1 nobody reaches
    assert client.get("/employees/e-alice/departure-impact").json()["amount_at_risk"] == 1000
    # Bob now knows k1 too: k1 is no longer Alice's alone, so D1 is not at risk with her any more
    assert client.put("/employees/e-bob/knows/k1", json={}).status_code in (200, 201)
    assert ranking()["e-alice"]["amount_at_risk"] == 0 and ranking()["e-alice"]["contacts"] == 2
    assert client.get("/employees/e-alice/departure-impact").json()["amount_at_risk"] == 0
    # Erin gets to know b1: Beta's gap closes, and b1 is at risk with Erin
    assert client.put("/employees/e-erin/knows/b1", json={}).status_code in (200, 201)
    assert coverage()["beta"]["gap"] == 0
    assert ranking()["e-erin"]["contacts"] == 1
    # a delete is a write too
    assert client.delete("/employees/e-erin/knows/b1").status_code == 204
    assert coverage()["beta"]["gap"] == 1 and ranking()["e-erin"]["contacts"] == 0


def test_answers_are_reused_while_nothing_changes(risk_graph: Graph, settings: Settings) -> None:
    view_cache.clear()
    ms = ManagerSettings()
    first = departure_impact(risk_graph, settings, ms, "e-alice")
    assert departure_impact(risk_graph, settings, ms, "e-alice") is first       # same version: kept
    import_bundle(risk_graph, {"knows": [{"employee": "e-carol", "contact": "k4"}]})
    again = departure_impact(risk_graph, settings, ms, "e-alice")
    assert again is not first and [c.id for c in again.at_risk] == ["b2", "k1"]    # k4 now shared with Carol


def test_lists_are_pages_filtered_and_sorted(risk_graph: Graph, client: TestClient, settings: Settings) -> None:
    import_bundle(risk_graph, {"employees": [{"id": "e-alice", "name": "Alice", "team": "East"},
                                             {"id": "e-bob", "name": "Bob", "team": "West"},
                                             {"id": "e-carol", "name": "Carol", "team": "East"}],
                               "accounts": [{"id": "beta", "name": "Beta", "region": "North"}]})
    body = client.get("/employees/departure-risk", params={"limit": 2}).json()
    assert (body["total"], body["offset"], body["limit"]) == (5, 0, 2)
    assert [r["employee"] for r in body["items"]] == ["e-alice", "e-bob"]
    body = client.get("/employees/departure-risk", params={"offset": 2, "limit": 2}).json()
    assert [r["employee"] for r in body["items"]] == ["e-carol", "e-dave"]
    east = client.get("/employees/departure-risk", params={"team": "East"}).json()
    assert [r["employee"] for r in east["items"]] == ["e-alice", "e-carol"] and east["total"] == 2
    # Beta: only Alice alone reaches b2 there
    assert [r["employee"] for r in client.get("/employees/departure-risk",
                                              params={"account": "beta"}).json()["items"]] == ["e-alice"]
    by_contacts = client.get("/employees/departure-risk", params={"sort": "contacts", "order": "asc"}).json()
    assert [r["contacts"] for r in by_contacts["items"]] == [0, 1, 1, 2, 3]
    assert client.get("/employees/departure-risk", params={"limit": 0}).status_code == 422
    assert client.get("/employees/departure-risk", params={"limit": 5000}).status_code == 422
    assert client.get("/employees/departure-risk", params={"offset": -1}).status_code == 422
    # coverage: region filter, unreachable people only with details
    north = client.get("/coverage", params={"region": "North"}).json()
    assert [r["account"] for r in north["items"]] == ["beta"] and north["items"][0]["unreachable"] == []
    detailed = client.get("/coverage", params={"account": "beta", "details": "true"}).json()
    assert [p["id"] for p in detailed["items"][0]["unreachable"]] == ["b1"]
    # levels: the accounts (reasons) only with details; filters by team
    levels = client.get("/employees/levels", params={"team": "West"}).json()
    assert [r["employee"] for r in levels["items"]] == ["e-bob"] and levels["items"][0]["accounts"] == []
    detailed = client.get("/employees/levels", params={"team": "West", "details": "true"}).json()
    assert {a["account"] for a in detailed["items"][0]["accounts"]} == {"acme"}
    # key accounts: a page of the ranking; ranks stay those of all accounts
    scores = client.get("/accounts/scores", params={"offset": 1, "limit": 1}).json()
    assert (scores["total"], len(scores["accounts"]), scores["accounts"][0]["rank"]) == (3, 1, 2)
    assert [a["id"] for a in client.get("/accounts/scores", params={"region": "North"}).json()["accounts"]] == ["beta"]
    page = departure_page(risk_graph, settings, ManagerSettings(), offset=4, limit=10)
    assert (page.total, [r.employee for r in page.items]) == (5, ["e-erin"])


def test_entity_writes_undo_and_roles_read_back_at_once(risk_graph: Graph, client: TestClient,
                                                        settings: Settings) -> None:
    """Bob knows m1, and m1 -INFLUENCES-> k3 (decision maker in D2, 500) is Bob's alone: Bob has 500 at risk,
    Acme's key people k1, k2, k3 are all reachable. Each write below is read back by the next call, and
    applied from its declared changes (the views' state is not built again)."""
    from app.services import company_state

    bob = lambda: client.get("/employees/e-bob/departure-impact").json()  # noqa: E731
    acme = lambda: next(r for r in client.get("/coverage").json()["items"] if r["account"] == "acme")  # noqa: E731
    assert (bob()["amount_at_risk"], bob()["contacts"], acme()["gap"]) == (500, 2, 0)
    builds = company_state.company_state(risk_graph, settings, ManagerSettings()).builds
    # m1 turns hostile: nobody passes through m1 any more, so k3 is out of reach (Bob still knows m1 itself)
    from app.models.entities import ContactIn

    row = client.get("/contacts/m1").json()
    body = {k: v for k, v in row.items() if k in ContactIn.model_fields and v is not None}
    assert client.put("/contacts/m1", json={**body, "attitude": "negative"}).status_code == 200
    assert (bob()["amount_at_risk"], [c["id"] for c in bob()["at_risk"]], acme()["gap"]) == (0, ["m1"], 1)
    # undo puts m1 back: k3 reachable through m1 again
    entry = client.get("/audit", params={"entity": "Contact", "id": "m1", "limit": 1}).json()[0]["id"]
    assert client.post(f"/audit/{entry}/undo").status_code == 200
    assert (bob()["amount_at_risk"], bob()["contacts"], acme()["gap"]) == (500, 2, 0)
    # k3 leaves D2's decision chain: D2 has no key person at risk, k3 is no key contact of Acme any more
    assert client.delete("/opportunities/D2/roles/k3").status_code == 204
    assert (bob()["amount_at_risk"], bob()["contacts"], acme()["key_contacts"]) == (0, 2, 2)
    assert company_state.company_state(risk_graph, settings, ManagerSettings()).builds == builds
