"""Issue 18, part 7: erasure and subject access. After an erasure the person's name, addresses and values
appear nowhere in the store (every property of every node and relationship is scanned)."""
from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.db.graph import Graph
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key

NAME = "Zhao Secretname"
EMAIL = "zhao.secretname@northwind.example"
TITLE = "Chief Unusual Officer"
CLOSENESS = 17.25
ACCEPTANCE = 23.75


def bundle() -> dict[str, Any]:
    return {
        "accounts": [{"id": "acc-nw", "name": "Northwind"}],
        "contacts": [
            {"id": "c-boss", "name": "Boss Person", "account": "acc-nw", "attitude": "positive"},
            {"id": "c-x", "name": NAME, "title": TITLE, "account": "acc-nw", "attitude": "negative",
             "closeness": CLOSENESS, "solution_acceptance": ACCEPTANCE},
        ],
        "reports_to": [{"from": "c-x", "to": "c-boss"}],
        "influences": [{"from": "c-x", "to": "c-boss", "strength": 0.35}],
        "employees": [{"id": "e-amy", "name": "Amy Tan"}],
        "knows": [{"employee": "e-amy", "contact": "c-x", "strength": 0.65, "source": f"met {NAME} at a fair"}],
        "opportunities": [{"id": "o-1", "name": "Deal", "account": "acc-nw", "stage": "validate", "owner": "e-amy"}],
        "roles": [{"opportunity": "o-1", "contact": "c-x", "role": "decision_maker", "attitude": "strong_negative",
                   "closeness": CLOSENESS}],
        "circles": [{"id": "ci-1", "name": "Circle", "account": "acc-nw", "members": [{"contact": "c-x"}]}],
        "activities": [{"id": "a-1", "employee": "e-amy", "contacts": ["c-x", "c-boss"], "type": "meal",
                        "date": "2026-10-01", "summary": f"Lunch with {NAME} <{EMAIL}> and the boss"}],
    }


def whole_store(graph: Graph) -> str:
    """Every property of every node and relationship, as one text."""
    nodes = graph.driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p",
                                       database_=graph.database).records
    rels = graph.driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p",
                                      database_=graph.database).records
    return json.dumps([[r["l"], r["p"]] for r in nodes] + [[r["t"], r["p"]] for r in rels],
                      default=str, ensure_ascii=False)


def count_mentions(graph: Graph, label: str, needle: str) -> int:
    """Nodes of one label with any property value that contains the text."""
    records = graph.driver.execute_query(
        "MATCH (n:$($label)) WHERE any(k IN keys(n) WHERE toString(n[k]) CONTAINS $needle) RETURN count(n) AS n",
        label=label, needle=needle, database_=graph.database).records
    return records[0]["n"]


def build_history(client: TestClient, graph: Graph) -> None:
    import_bundle(graph, bundle())
    # copies of the person's data that only an erasure must reach: audit values, a captured address
    assert client.put("/contacts/c-x", json={"name": NAME, "title": TITLE, "account": "acc-nw",
                                             "attitude": "neutral", "closeness": CLOSENESS + 1}).status_code == 200
    assert client.put("/employees/e-amy/knows/c-x", json={"strength": 0.7}).status_code == 200
    assert client.put("/contacts/c-boss", json={"name": "Boss Person", "account": "acc-nw",
                                                "attitude": "neutral"}).status_code == 200
    graph.driver.execute_query("MATCH (c:Contact {id: 'c-x'}) SET c.emails = [$email]", email=EMAIL,
                               database_=graph.database)
    graph.driver.execute_query("CREATE (:CapturedAddress {address: $email, seen_in: ['mail-1']})", email=EMAIL,
                               database_=graph.database)


def test_subject_access_lists_everything_held_about_a_person(client: TestClient, graph: Graph) -> None:
    build_history(client, graph)
    viewer = {"X-API-Key": create_key(graph, "reader", Role.viewer).key}
    assert client.get("/contacts/c-x/personal-data", headers=viewer).status_code == 403
    answer = client.get("/contacts/c-x/personal-data").json()
    assert answer["properties"]["name"] == NAME and answer["properties"]["emails"] == [EMAIL]
    types = {r["type"] for r in answer["relationships"]}
    assert {"REPORTS_TO", "INFLUENCES", "KNOWS", "ROLE_IN", "MEMBER_OF", "WITH", "WORKS_AT"} <= types
    assert {h["kind"] for h in answer["history"]} >= {"ContactState", "RoleState", "TieState"}
    assert {e["action"] for e in answer["audit"]} >= {"update"}
    assert client.get("/contacts/nobody/personal-data").status_code == 404


def test_after_an_erasure_the_person_appears_nowhere_in_the_store(client: TestClient, graph: Graph) -> None:
    build_history(client, graph)
    before = whole_store(graph)
    for needle in (NAME, EMAIL, TITLE, str(CLOSENESS), '"c-x"'):
        assert needle in before  # the scan would see them
    # issue 16's import journal and issue 17's history hold the person too (so the scan below covers them)
    held = {label: count_mentions(graph, label, "c-x")
            for label in ("ImportChange", "ContactState", "RoleState", "TieState", "LineState")}
    assert all(held.values()), held
    response = client.delete("/contacts/c-x", params={"erase": "true"})
    assert response.status_code == 204, response.text
    after = whole_store(graph)
    for needle in (NAME, "Secretname", EMAIL, TITLE, str(CLOSENESS), str(CLOSENESS + 1), str(ACCEPTANCE),
                   '"c-x"', "c-x->", "->c-x", "strong_negative"):
        assert needle not in after, needle
    # the tombstones keep who did what when
    trail = client.get("/audit", params={"limit": 500}).json()
    erase = [e for e in trail if e["action"] == "erase"]
    assert len(erase) == 1 and erase[0]["actor"] == "test-admin" and erase[0]["entity"] == "Contact"
    token = erase[0]["entity_id"]
    assert token.startswith("erased-")
    about = [e for e in trail if token in e["entity_id"] and e["action"] != "erase"]
    assert {(e["entity"], e["action"]) for e in about} >= {("Contact", "update"), ("KNOWS", "update")}
    assert all(e["previous"] is None and e["current"] is None and e["actor"] == "test-admin" for e in about)
    assert client.post(f"/audit/{about[0]['id']}/undo").status_code == 409
    # the rest of the map is intact
    assert client.get("/contacts/c-boss").json()["name"] == "Boss Person"
    assert client.get("/contacts/c-x").status_code == 404
    assert "[erased]" in json.dumps(client.get("/activities/a-1").json())


def test_the_cli_erases_an_employee(client: TestClient, graph: Graph, settings: Any, monkeypatch: Any) -> None:
    build_history(client, graph)
    monkeypatch.setattr("app.cli.common.get_settings", lambda: settings)
    runner = CliRunner()
    shown = runner.invoke(cli_app, ["personal-data", "employee", "e-amy"])
    assert shown.exit_code == 0 and "Amy Tan" in shown.output
    refused = runner.invoke(cli_app, ["erase", "employee", "e-amy", "--yes"])
    assert refused.exit_code == 1 and "delete those first" in refused.output  # she logged an activity
    assert count_mentions(graph, "DealState", "e-amy") and count_mentions(graph, "ImportChange", "e-amy")
    # issue 14: she signs in as a user, and the audit names her as the actor's employee
    graph.driver.execute_query("CREATE (:User {username: 'amy', employee: 'e-amy'}) "
                               "CREATE (:AuditEntry {id: 'by-amy', actor: 'amy', user: 'amy', employee: 'e-amy', "
                               "action: 'update', entity: 'Account', entity_id: 'acc-nw'})", database_=graph.database)
    done = runner.invoke(cli_app, ["erase", "employee", "e-amy", "--yes", "--cascade"])
    assert done.exit_code == 0, done.output
    store = whole_store(graph)
    assert "Amy Tan" not in store and '"e-amy"' not in store and "e-amy" not in store
    trail = graph.read("audit_list", entity="Employee", entity_id=None, actor=None, offset=0, limit=50)
    assert any(e["action"] == "erase" and e["actor"].startswith("cli:") for e in trail)
    kept = graph.driver.execute_query("MATCH (u:User {username: 'amy'}) MATCH (e:AuditEntry {id: 'by-amy'}) "
                                      "RETURN u.employee AS linked, e.employee AS actor, e.user AS user",
                                      database_=graph.database).records[0]
    assert kept["linked"] is None and kept["actor"].startswith("erased-") and kept["user"] == "amy"
