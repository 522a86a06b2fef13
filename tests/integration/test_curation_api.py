"""Write API for hand curation against the real app and Neo4j: status codes, shapes, and what a change leaves."""
from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle
from tests.integration.test_import import expected_relationships, label_counts
from tests.integration.test_import import relationship_counts as all_relationship_counts

DOMAIN_TYPES = set(expected_relationships({key: [] for key in (
    "departments", "contacts", "reports_to", "influences", "circles", "knows", "opportunities", "roles",
    "competitors", "activities", "employees")}))


def relationship_counts(graph: Graph) -> dict[str, int]:
    """Counts of the relationship types of domain.md section 2 (other features may add their own)."""
    return {t: n for t, n in all_relationship_counts(graph).items() if t in DOMAIN_TYPES}


@pytest.fixture
def mini(graph: Graph, client: TestClient, mini_bundle: dict[str, Any]) -> dict[str, Any]:
    import_bundle(graph, mini_bundle)
    return mini_bundle


def without_contact(bundle: dict[str, Any], contact_id: str) -> dict[str, Any]:
    """The bundle as it should look once a contact is gone: its rows and every link to it dropped."""
    b = copy.deepcopy(bundle)
    b["contacts"] = [c for c in b["contacts"] if c["id"] != contact_id]
    for key in ("reports_to", "influences"):
        b[key] = [r for r in b[key] if contact_id not in (r["from"], r["to"])]
    for key in ("knows", "roles"):
        b[key] = [r for r in b[key] if r["contact"] != contact_id]
    for circle in b["circles"]:
        circle["members"] = [m for m in circle["members"] if m["contact"] != contact_id]
    for activity in b["activities"]:
        activity["contacts"] = [c for c in activity["contacts"] if c != contact_id]
    return b


def unversioned(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer without its `version` (issue 14: a hash of the stored state, tested on its own)."""
    return {k: v for k, v in answer.items() if k != "version"}


# ----------------------------------------------------------------------------- nodes
def test_put_creates_then_replaces_idempotently(client: TestClient, graph: Graph) -> None:
    body = {"name": "Eastwind Retail", "industry": "retail", "revenue": 55}
    first = client.put("/accounts/acc-ew", json=body)
    assert first.status_code == 201
    assert unversioned(first.json()) == {"id": "acc-ew", **body}
    again = client.put("/accounts/acc-ew", json=body)
    assert again.status_code == 200 and again.json() == first.json()
    assert label_counts(graph) == {"Account": 1}
    replaced = client.put("/accounts/acc-ew", json={"name": "Eastwind"})   # the body is the whole row
    assert replaced.status_code == 200 and unversioned(replaced.json()) == {"id": "acc-ew", "name": "Eastwind"}
    assert unversioned(client.get("/accounts/acc-ew").json()) == {"id": "acc-ew", "name": "Eastwind"}


def test_every_kind_can_be_created_read_and_listed(client: TestClient, graph: Graph) -> None:
    puts = [
        ("accounts", "acc-1", {"name": "Acme"}),
        ("departments", "d-1", {"name": "IT", "account": "acc-1"}),
        ("departments", "d-2", {"name": "Apps", "account": "acc-1", "parent": "d-1"}),
        ("contacts", "c-1", {"name": "Zhang Wei", "account": "acc-1", "department": "d-2", "attitude": "positive",
                             "importance": 4, "closeness": 70}),
        ("contacts", "c-2", {"name": "Li Na", "account": "acc-1"}),
        ("employees", "e-1", {"name": "Amy", "team": "East"}),
        ("employees", "e-2", {"name": "Bob", "manager": "e-1"}),
        ("circles", "ci-1", {"name": "Reformers", "account": "acc-1"}),
        ("opportunities", "o-1", {"name": "ERP", "account": "acc-1", "stage": "bid", "grade": "A",
                                  "compelling_event": True, "owner": "e-1", "close_date": "2027-01-31"}),
        ("competitors", "k-1", {"name": "RivalSoft"}),
        ("activities", "a-1", {"employee": "e-1", "contacts": ["c-1", "c-2"], "opportunity": "o-1",
                               "type": "meeting", "date": "2026-11-01", "summary": "kick-off workshop"}),
    ]
    for key, entity_id, body in puts:
        response = client.put(f"/{key}/{entity_id}", json=body)
        assert response.status_code == 201, (key, response.json())
    for key, entity_id, body in puts:
        got = client.get(f"/{key}/{entity_id}").json()
        assert {k: got[k] for k in body} == body, key
    assert client.get("/circles/ci-1").json()["members"] == []
    assert client.get("/competitors/k-1").json()["opportunities"] == []
    assert client.get("/departments/d-2").json()["account"] == "acc-1"
    assert client.get("/contacts").json()["total"] == 2
    assert [a["id"] for a in client.get("/activities", params={"q": "kick"}).json()["items"]] == ["a-1"]
    assert label_counts(graph) == {"Account": 1, "Department": 2, "Contact": 2, "Employee": 2, "Circle": 1,
                                   "Opportunity": 1, "Competitor": 1, "Activity": 1}


def test_unknown_ids(client: TestClient, mini: dict[str, Any]) -> None:
    assert client.get("/contacts/c-nobody").status_code == 404
    assert client.delete("/opportunities/o-nobody").status_code == 404
    response = client.put("/contacts/c-new", json={"name": "New", "account": "acc-nowhere", "department": "d-none"})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "InvalidInput"
    assert {(e["field"], e["value"]) for e in body["errors"]} == {("account", "acc-nowhere"), ("department", "d-none")}


def test_bad_values_are_422_naming_the_field(client: TestClient, mini: dict[str, Any]) -> None:
    for body, field in [({"name": "X", "account": "acc-nw", "attitude": "hostile"}, "attitude"),
                        ({"name": "X", "account": "acc-nw", "closeness": 101}, "closeness"),
                        ({"name": "X", "account": "acc-nw", "importance": 0}, "importance"),
                        ({"name": "X", "account": "acc-nw", "nickname": "x"}, "nickname"),
                        ({"account": "acc-nw"}, "name")]:
        response = client.put("/contacts/c-x", json=body)
        assert response.status_code == 422, body
        error = response.json()
        assert error["error"] == "InvalidInput", body
        assert [(e["key"], e["field"]) for e in error["errors"]] == [("contacts", field)], body
    assert client.get("/contacts/c-x").status_code == 404


def test_department_must_belong_to_the_contacts_account(client: TestClient, mini: dict[str, Any]) -> None:
    assert client.put("/accounts/acc-2", json={"name": "Other"}).status_code == 201
    response = client.put("/contacts/c-cio", json={"name": "Zhang Wei", "account": "acc-2", "department": "d-it"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["department"]


def test_department_cycles_are_conflicts(client: TestClient, mini: dict[str, Any]) -> None:
    # d-it is PART_OF d-exec: making d-exec part of d-it would close a loop
    response = client.put("/departments/d-exec", json={"name": "Executive Office", "account": "acc-nw",
                                                       "parent": "d-it"})
    assert response.status_code == 409
    assert client.put("/departments/d-it", json={"name": "IT", "account": "acc-nw", "parent": "d-it"}).status_code == 422
    assert client.get("/departments/d-exec").json().get("parent") is None


def test_employee_reporting_cycles_are_conflicts(client: TestClient, mini: dict[str, Any]) -> None:
    manager_of = {e["id"]: e.get("manager") for e in mini["employees"]}
    report, manager = next((e, m) for e, m in manager_of.items() if m)
    response = client.put(f"/employees/{manager}", json={"name": "Boss", "manager": report})
    assert response.status_code == 409


def test_deleting_an_account_with_dependants_needs_cascade(client: TestClient, graph: Graph,
                                                           mini: dict[str, Any]) -> None:
    response = client.delete("/accounts/acc-nw")
    assert response.status_code == 409
    assert response.json()["blockers"] == {"departments": 1, "contacts": len(mini["contacts"]),
                                           "circles": len(mini["circles"]),
                                           "opportunities": len(mini["opportunities"])}
    assert client.delete("/accounts/acc-nw", params={"cascade": "true"}).status_code == 204
    # every contact of mini is at acc-nw, so every activity loses all its contacts and goes too
    assert label_counts(graph) == {"Employee": len(mini["employees"]), "Competitor": len(mini["competitors"])}
    assert relationship_counts(graph) == {"REPORTS_TO": sum(1 for e in mini["employees"] if e.get("manager"))}


def test_deleting_a_contact_removes_only_its_relationships(client: TestClient, graph: Graph,
                                                           mini: dict[str, Any]) -> None:
    before = label_counts(graph)
    assert client.delete("/contacts/c-opsmgr").status_code == 204
    assert label_counts(graph) == {**before, "Contact": before["Contact"] - 1}
    expected = {k: v for k, v in expected_relationships(without_contact(mini, "c-opsmgr")).items() if v}
    assert relationship_counts(graph) == expected
    assert client.get("/activities/a-4").json()["contacts"] == ["c-user1"]


def test_deleting_the_only_contact_of_an_activity_is_a_conflict(client: TestClient, graph: Graph,
                                                                mini: dict[str, Any]) -> None:
    alone = [a["id"] for a in mini["activities"] if a["contacts"] == ["c-cio"]]
    response = client.delete("/contacts/c-cio")
    assert response.status_code == 409 and response.json()["blockers"] == {"activities": len(alone)}
    assert client.delete("/contacts/c-cio", params={"cascade": "true"}).status_code == 204
    assert label_counts(graph)["Activity"] == len(mini["activities"]) - len(alone)


def test_deleting_a_department_keeps_its_contacts(client: TestClient, graph: Graph, mini: dict[str, Any]) -> None:
    assert client.delete("/departments/d-exec").status_code == 409        # d-it, d-fin, d-ops are below it
    assert client.delete("/departments/d-it").status_code == 204
    assert label_counts(graph)["Contact"] == len(mini["contacts"])
    assert "department" not in client.get("/contacts/c-cio").json()


# ----------------------------------------------------------------------------- relationships
def test_reporting_line_put_and_delete(client: TestClient, graph: Graph, mini: dict[str, Any]) -> None:
    before = relationship_counts(graph)["REPORTS_TO"]
    created = client.put("/contacts/c-board/reports-to/c-hr", json={"dotted": True})
    assert created.status_code == 201
    assert unversioned(created.json()) == {"type": "REPORTS_TO", "from_id": "c-board", "to_id": "c-hr",
                              "properties": {"dotted": True}}
    assert client.put("/contacts/c-board/reports-to/c-hr", json={"dotted": True}).status_code == 200
    assert relationship_counts(graph)["REPORTS_TO"] == before + 1
    assert client.put("/contacts/c-board/reports-to/c-board", json={}).status_code == 422
    assert client.put("/contacts/c-board/reports-to/c-nobody", json={}).status_code == 404
    assert client.delete("/contacts/c-board/reports-to/c-hr").status_code == 204
    assert client.delete("/contacts/c-board/reports-to/c-hr").status_code == 404
    assert relationship_counts(graph)["REPORTS_TO"] == before


def test_relationship_bodies_use_the_bundle_domains(client: TestClient, mini: dict[str, Any]) -> None:
    assert client.put("/contacts/c-hr/influences/c-ceo", json={"strength": 1.5}).status_code == 422
    assert client.put("/contacts/c-hr/influences/c-ceo", json={"strength": 0.3}).status_code == 201
    assert client.put("/circles/circ-digital/members/c-hr", json={"role": "boss"}).status_code == 422
    assert client.put("/circles/circ-digital/members/c-hr", json={"role": "core"}).status_code == 201
    assert {"contact": "c-hr", "role": "core"} in client.get("/circles/circ-digital").json()["members"]
    role = {"role": "evaluator", "attitude": "positive", "closeness": 60, "inside_source": True}
    response = client.put("/opportunities/o-wms/roles/c-hr", json=role)
    assert response.status_code == 201
    assert response.json()["properties"] == {**role, "one_vote_approve": False, "one_vote_veto": False}
    assert client.put("/opportunities/o-wms/roles/c-hr", json={"role": "king"}).status_code == 422
    knows = client.put("/employees/e-bob/knows/c-hr", json={"strength": 0.5, "since": "2020", "source": "event"})
    assert knows.status_code == 201 and knows.json()["from_id"] == "e-bob"
    entry = client.put("/opportunities/o-fin/competitors/k-rival", json={"need_satisfaction": 50, "closeness": 40})
    assert entry.status_code == 201 and entry.json()["from_id"] == "k-rival"
    assert {"opportunity": "o-fin", "need_satisfaction": 50, "closeness": 40} in \
        client.get("/competitors/k-rival").json()["opportunities"]
    assert client.put("/opportunities/o-fin/competitors/k-nobody", json={"need_satisfaction": 1,
                                                                        "closeness": 1}).status_code == 404
    for path in ["/contacts/c-hr/influences/c-ceo", "/circles/circ-digital/members/c-hr",
                 "/opportunities/o-wms/roles/c-hr", "/employees/e-bob/knows/c-hr",
                 "/opportunities/o-fin/competitors/k-rival"]:
        assert client.delete(path).status_code == 204, path


def test_a_curated_graph_exports_what_was_put(client: TestClient, mini: dict[str, Any]) -> None:
    """Curation and import agree: an edge put by hand comes out of export as an import row."""
    client.put("/contacts/c-hr/influences/c-ceo", json={"strength": 0.3})
    exported = client.get("/export").json()
    assert {"from": "c-hr", "to": "c-ceo", "strength": 0.3} in exported["influences"]


# ----------------------------------------------------------------------------- listing and search
def test_listing_pages_and_totals(client: TestClient, mini: dict[str, Any]) -> None:
    ids = sorted(c["id"] for c in mini["contacts"])
    first = client.get("/contacts", params={"limit": 5}).json()
    second = client.get("/contacts", params={"offset": 5, "limit": 5}).json()
    assert first["total"] == second["total"] == len(ids)
    assert [c["id"] for c in first["items"] + second["items"]] == ids[:10]
    assert client.get("/contacts", params={"limit": 0}).status_code == 422
    assert client.get("/contacts", params={"limit": 10_000}).status_code == 422
    assert client.get("/contacts", params={"offset": -1}).status_code == 422


def test_name_search_whole_words_and_prefixes(client: TestClient, mini: dict[str, Any]) -> None:
    def names(q: str, key: str = "contacts") -> list[str]:
        return [item["name"] for item in client.get(f"/{key}", params={"q": q}).json()["items"]]

    assert names("zhang") == ["Zhang Wei"]
    assert names("zhan") == ["Zhang Wei"]
    assert sorted(names("zha")) == ["Zhang Wei", "Zhao Min"]
    assert names("ZHANG wei") == ["Zhang Wei"]
    assert "Zhao Min" in names("zh")
    assert names("wang") == ["Wang Lei"]                       # contacts only: no other kind leaks in
    assert names("northwind", "accounts") == ["Northwind Logistics"]
    for hostile in ['zh(a', 'a AND', '"', 'name:*', '\\', '~', 'OR', '*']:
        response = client.get("/contacts", params={"q": hostile})
        assert response.status_code == 200, hostile


def test_activity_links_are_checked_field_by_field(client: TestClient, mini: dict[str, Any]) -> None:
    body = {"employee": "e-amy", "contacts": ["c-cio", "c-nobody"], "opportunity": "o-none", "type": "call",
            "date": "2026-11-02"}
    response = client.put("/activities/a-new", json=body)
    assert response.status_code == 422
    assert {(e["field"], e["value"]) for e in response.json()["errors"]} == {("contacts[1]", "c-nobody"),
                                                                           ("opportunity", "o-none")}
    assert client.put("/activities/a-new", json={**body, "type": "lunch"}).status_code == 422
    ok = client.put("/activities/a-new", json={**body, "contacts": ["c-cio"], "opportunity": "o-wms"})
    assert ok.status_code == 201 and ok.json()["date"] == "2026-11-02"


def test_deleting_an_opportunity_keeps_its_activities_and_contacts(client: TestClient, graph: Graph,
                                                                   mini: dict[str, Any]) -> None:
    before = label_counts(graph)
    about = [a["id"] for a in mini["activities"] if a.get("opportunity") == "o-wms"]
    assert client.delete("/opportunities/o-wms").status_code == 204
    assert label_counts(graph) == {**before, "Opportunity": before["Opportunity"] - 1}
    assert all("opportunity" not in client.get(f"/activities/{a}").json() for a in about)


def test_deleting_an_employee_who_logged_activities_needs_cascade(client: TestClient, graph: Graph,
                                                                  mini: dict[str, Any]) -> None:
    logged = sum(1 for a in mini["activities"] if a["employee"] == "e-bob")
    response = client.delete("/employees/e-bob")
    assert response.status_code == 409 and response.json()["blockers"] == {"activities": logged}
    assert client.delete("/employees/e-bob", params={"cascade": "true"}).status_code == 204
    assert label_counts(graph)["Activity"] == len(mini["activities"]) - logged
    assert label_counts(graph)["Contact"] == len(mini["contacts"])


def test_put_circle_keeps_its_members(client: TestClient, mini: dict[str, Any]) -> None:
    members = client.get("/circles/circ-digital").json()["members"]
    assert client.put("/circles/circ-digital", json={"name": "Digital", "account": "acc-nw"}).status_code == 200
    assert client.get("/circles/circ-digital").json()["members"] == members
    assert client.put("/circles/circ-digital", json={"name": "Digital", "account": "acc-nw",
                                                     "members": []}).status_code == 422


def test_undo_of_a_contact_delete_brings_back_its_email_addresses(client: TestClient, graph: Graph,
                                                                   mini: dict[str, Any]) -> None:
    """Email addresses are keyed by address, not id: undo must find (or make) them by address."""
    body = {k: v for k, v in next(c for c in mini["contacts"] if c["id"] == "c-opsmgr").items() if k != "id"}
    addresses = ["ops.manager@example.cn", "zhou@home.example"]
    put = client.put("/contacts/c-opsmgr", json={**body, "emails": addresses})
    assert put.status_code == 200, put.text
    assert client.delete("/contacts/c-opsmgr").status_code == 204
    entry = client.get("/audit?entity=Contact&id=c-opsmgr&limit=1").json()[0]
    assert entry["action"] == "delete"
    assert client.post(f"/audit/{entry['id']}/undo").status_code == 200
    assert sorted(client.get("/contacts/c-opsmgr").json()["emails"]) == sorted(addresses)
    held = graph.driver.execute_query(
        "MATCH (:Contact {id: 'c-opsmgr'})-[:HAS_EMAIL]->(m:EmailAddress) RETURN m.address AS a",
        database_=graph.database).records
    assert sorted(r["a"] for r in held) == sorted(addresses)
