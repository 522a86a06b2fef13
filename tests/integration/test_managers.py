"""Key accounts, departure risk, coverage and the warm-path sets, on small hand-built graphs.
Expected values are worked out by hand in the comments (docs/managers.md has the rules)."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.core.config import Settings
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.services.coverage import CoverageSort, coverage
from app.services.departure import departure_impact, departure_ranking
from app.services.importer import import_bundle
from app.services.key_accounts import score_accounts
from app.services.warm_paths import warm_sources

pytestmark = pytest.mark.integration
MS = ManagerSettings()


# ----------------------------------------------------------------------------- key accounts
SCORED = {"accounts": [
    {"id": "a", "name": "Alpha", "revenue": 80, "potential": 60, "demonstration": 40, "winnability": 20},
    {"id": "b", "name": "Bravo", "revenue": 50, "potential": 50, "demonstration": 50, "winnability": 50},
    {"id": "c", "name": "Charlie", "revenue": 90},
    {"id": "d", "name": "Delta", "revenue": 10, "potential": 10, "demonstration": 10, "winnability": 10},
]}


def test_key_accounts_rank_ties_by_name_and_missing_as_zero(graph: Graph, settings: Settings) -> None:
    import_bundle(graph, SCORED)
    result = score_accounts(graph, settings)
    # equal weights: Alpha 80+60+40+20 = 200, Bravo 200 (tie: Alpha first by name), Charlie 90 (3 missing), Delta 40
    assert [(a.id, a.score, a.rank) for a in result.accounts] == [("a", 200, 1), ("b", 200, 2), ("c", 90, 3),
                                                                 ("d", 40, 4)]
    assert result.accounts[2].missing == ["potential", "demonstration", "winnability"]
    # 20% of 4 = 0.8 -> ceil 1 key account
    assert result.key_count == 1 and [a.id for a in result.accounts if a.key_account] == ["a"]


def test_key_account_weights_and_share_per_request(graph: Graph, client: TestClient) -> None:
    import_bundle(graph, SCORED)
    response = client.get("/accounts/scores", params={"top_percent": 50, "w_revenue": 3, "w_potential": 0,
                                                       "w_demonstration": 0, "w_winnability": 0})
    assert response.status_code == 200, response.text       # not taken for an account id "scores"
    body = response.json()
    # revenue only, x3: Charlie 270, Alpha 240, Bravo 150, Delta 30; 50% of 4 = 2 key accounts
    assert [(a["id"], a["score"], a["key_account"]) for a in body["accounts"]] == [
        ("c", 270, True), ("a", 240, True), ("b", 150, False), ("d", 30, False)]
    assert body["weights"] == {"revenue": 3, "potential": 0, "demonstration": 0, "winnability": 0}
    assert client.get("/accounts/scores", params={"w_revenue": -1}).status_code == 422
    assert client.get("/accounts/scores", params={"top_percent": 101}).status_code == 422


# ----------------------------------------------------------------------------- departure risk and coverage
def risk_bundle() -> dict[str, Any]:
    """Acme: open deals D1 (1000: k1 approver, k2 decision maker) and D2 (500: k3 decision maker, u1 user),
    won deal D3 (9999: k4 approver). Beta: no deal, importance fallback (b1 5, b2 4, b3 2). Cobalt: an open
    deal with only an evaluator and no contact of importance >= 4.

    Ties: Alice knows k1, k2, k4, b2; Bob knows k2, m1 (m1 -INFLUENCES-> k3); Carol knows u1; Dave knows
    h1 (negative) and h1 -INFLUENCES-> k1 (a hostile contact is never passed through); Erin knows nobody.
    """
    def contact(cid: str, account: str, closeness: float | None = None, **extra: Any) -> dict[str, Any]:
        return {"id": cid, "name": cid.upper(), "account": account,
                **({} if closeness is None else {"closeness": closeness}), **extra}

    full = {"orientation": "balanced", "attitude": "positive", "importance": 5, "solution_acceptance": 60,
            "price_acceptance": 50}
    return {
        "accounts": [{"id": "acme", "name": "Acme"}, {"id": "beta", "name": "Beta"}, {"id": "cobalt", "name": "Cobalt"}],
        "contacts": [contact("k1", "acme", 70, **full), contact("k2", "acme", 50), contact("k3", "acme", 60),
                     contact("m1", "acme", 40), contact("k4", "acme"), contact("u1", "acme", 80),
                     contact("h1", "acme", 20, attitude="negative"),
                     contact("b1", "beta", 30, importance=5), contact("b2", "beta", 90, importance=4),
                     contact("b3", "beta", importance=2), contact("co1", "cobalt", importance=3)],
        "influences": [{"from": "m1", "to": "k3"}, {"from": "h1", "to": "k1"}],
        "employees": [{"id": f"e-{n.lower()}", "name": n} for n in ("Alice", "Bob", "Carol", "Dave", "Erin")],
        "knows": [{"employee": "e-alice", "contact": c} for c in ("k1", "k2", "k4", "b2")]
                 + [{"employee": "e-bob", "contact": c} for c in ("k2", "m1")]
                 + [{"employee": "e-carol", "contact": "u1"}, {"employee": "e-dave", "contact": "h1"}],
        "opportunities": [{"id": "D1", "name": "Deal one", "account": "acme", "amount": 1000, "stage": "bid"},
                          {"id": "D2", "name": "Deal two", "account": "acme", "amount": 500, "stage": "validate"},
                          {"id": "D3", "name": "Deal won", "account": "acme", "amount": 9999, "stage": "won"},
                          {"id": "D4", "name": "Cobalt deal", "account": "cobalt", "amount": 10, "stage": "bid"}],
        "roles": [{"opportunity": "D1", "contact": "k1", "role": "approver"},
                  {"opportunity": "D1", "contact": "k2", "role": "decision_maker"},
                  {"opportunity": "D2", "contact": "k3", "role": "decision_maker"},
                  {"opportunity": "D2", "contact": "u1", "role": "user"},
                  {"opportunity": "D3", "contact": "k4", "role": "approver"},
                  {"opportunity": "D4", "contact": "co1", "role": "evaluator"}],
    }


@pytest.fixture
def risk_graph(graph: Graph) -> Graph:
    import_bundle(graph, risk_bundle())
    return graph


def test_warm_sources_follow_reach_rules(risk_graph: Graph, settings: Settings) -> None:
    sources = warm_sources(risk_graph, settings, ["k1", "k2", "k3", "h1", "b1", "co1"])
    assert sources == {"k1": {"e-alice"},            # Dave's path runs through hostile h1
                       "k2": {"e-alice", "e-bob"},
                       "k3": {"e-bob"},              # through m1 -INFLUENCES->
                       "h1": {"e-dave"},             # a hostile TARGET is still reached directly
                       "b1": set(), "co1": set()}
    assert warm_sources(risk_graph, settings, ["k1"], include_hostile=True) == {"k1": {"e-alice", "e-dave"}}
    assert warm_sources(risk_graph, settings, ["k3"], max_hops=0) == {"k3": set()}


def test_departure_impact_of_one_employee(risk_graph: Graph, settings: Settings) -> None:
    alice = departure_impact(risk_graph, settings, MS, "e-alice")
    # only Alice reaches k1 (key: approver in open D1), k4 (approver in WON D3: not key) and b2 (Beta has no
    # open deal: importance-4 fallback makes b2 key). k2 is shared with Bob.
    assert [(c.id, c.key) for c in alice.at_risk] == [("b2", True), ("k1", True), ("k4", False)]
    assert (alice.key_contacts, alice.contacts) == (2, 3)
    assert [(d.id, d.amount, d.key_contacts_at_risk) for d in alice.deals] == [("D1", 1000, ["k1"])]
    assert alice.amount_at_risk == 1000


def test_departure_ranking_amount_then_key_contacts_then_name(risk_graph: Graph, settings: Settings) -> None:
    rows = departure_ranking(risk_graph, settings, MS)
    # Alice 1000 (k1 in D1); Bob 500 (k3 in D2; m1 too); Carol 0 (u1 is a user of D2: listed, not counted);
    # Dave 0 (h1); Erin nothing. Carol and Dave tie on 0 / 0 key / 1 contact: by name.
    assert [(r.employee, r.amount_at_risk, r.key_contacts, r.contacts, r.deals) for r in rows] == [
        ("e-alice", 1000, 2, 3, 1), ("e-bob", 500, 1, 2, 1), ("e-carol", 0, 0, 1, 1), ("e-dave", 0, 0, 1, 0),
        ("e-erin", 0, 0, 0, 0)]
    carol = departure_impact(risk_graph, settings, MS, "e-carol")
    assert [(d.id, d.key_contacts_at_risk, d.members_at_risk) for d in carol.deals] == [("D2", [], ["u1"])]


def test_departure_routes(risk_graph: Graph, client: TestClient) -> None:
    ranking = client.get("/employees/departure-risk")
    assert ranking.status_code == 200 and ranking.json()["items"][0]["employee"] == "e-alice"
    bob = client.get("/employees/e-bob/departure-impact").json()
    assert [c["id"] for c in bob["at_risk"]] == ["k3", "m1"] and bob["amount_at_risk"] == 500
    assert client.get("/employees/nobody/departure-impact").status_code == 404


def test_coverage_key_contacts_reachable_and_degrees(risk_graph: Graph, settings: Settings) -> None:
    rows = {r.account: r for r in coverage(risk_graph, settings, MS)}
    acme, beta, cobalt = rows["acme"], rows["beta"], rows["cobalt"]
    # Acme: key k1, k2, k3 (open deals), all reachable
    assert (acme.basis, acme.key_contacts, acme.reachable, acme.gap, acme.reachable_share) == ("open_deals", 3, 3, 0, 1.0)
    # closeness k1 70, k2 50, k3 60, m1 40, u1 80, h1 20 -> 320 / 6 = 53.33 (k4 missing) -> medium;
    # only k1 has the full profile -> 1 / 7
    assert (acme.degrees.closeness, acme.degrees.missing["closeness"], acme.degrees.closeness_grade.value) == \
        (53.33, 1, "medium")
    assert acme.degrees.completeness == round(1 / 7, 4)
    # Beta: no open deal -> importance >= 4: b1, b2; only b2 reachable (Alice) -> 1 / 2; closeness (30+90)/2 = 60
    assert (beta.basis, beta.key_contacts, beta.gap, beta.reachable_share, [c.id for c in beta.unreachable]) == \
        ("importance", 2, 1, 0.5, ["b1"])
    assert beta.degrees.closeness == 60 and beta.degrees.closeness_grade.value == "good"
    # Cobalt: an open deal with no approver/decision maker and nobody of importance >= 4 -> no key contacts
    assert (cobalt.basis, cobalt.key_contacts, cobalt.reachable_share) == ("importance", 0, None)
    assert [r.account for r in coverage(risk_graph, settings, MS)] == ["beta", "acme", "cobalt"]   # gap desc
    assert [r.account for r in coverage(risk_graph, settings, MS, CoverageSort.closeness)] == ["acme", "beta", "cobalt"]


def test_coverage_route_sorts(risk_graph: Graph, client: TestClient) -> None:
    names = lambda params: [r["account"] for r in client.get("/coverage", params=params).json()["items"]]  # noqa: E731
    assert names({}) == ["beta", "acme", "cobalt"]
    assert names({"sort": "reachable_share"}) == ["beta", "acme", "cobalt"]
    assert names({"sort": "name", "order": "desc"}) == ["cobalt", "beta", "acme"]
    assert client.get("/coverage", params={"order": "sideways"}).status_code == 422


def test_warm_sources_agree_with_the_mini_expected_reach(graph: Graph, settings: Settings,
                                                        mini_bundle: dict[str, Any],
                                                        mini_expected: dict[str, Any]) -> None:
    """The employees reach (domain.md section 5) finds for each contact, as listed in mini.expected.json."""
    import_bundle(graph, mini_bundle)
    expected = {cid: {p["employee"] for p in paths} for cid, paths in mini_expected["reach"].items()}
    assert warm_sources(graph, settings, list(expected)) == expected


def test_warm_sources_agree_with_the_reach_service(graph: Graph, settings: Settings,
                                                   mini_bundle: dict[str, Any]) -> None:
    reach_module = pytest.importorskip("app.services.reach")
    import_bundle(graph, mini_bundle)
    contacts = [c["id"] for c in mini_bundle["contacts"]]
    got = warm_sources(graph, settings, contacts)
    for cid in contacts:
        answer = reach_module.reach(graph, settings, cid, limit=100)
        assert {p["employee"]["id"] for p in answer["paths"]} == got[cid], cid


def test_cli_tables(risk_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.cli.common as common
    import app.cli.manager_cmds as cmds
    from app.cli import app

    monkeypatch.setattr(common, "get_settings", lambda: settings)
    monkeypatch.setattr(cmds, "get_settings", lambda: settings)
    runner = CliRunner()
    for args, expect in ((["departure-risk"], "Alice"), (["departure-risk", "e-bob"], "Deal two"),
                         (["coverage"], "Beta"), (["key-accounts"], "Acme"), (["rep-levels"], "Erin")):
        result = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.output)
        assert expect in result.output, (args, result.output)
    missing = runner.invoke(app, ["departure-risk", "nobody"])
    assert missing.exit_code == 1
