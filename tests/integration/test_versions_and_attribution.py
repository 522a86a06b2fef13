"""No lost update (versions, ETag, If-Match → 412) and an audit trail that names the person behind a change."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from app.services.users import create_user

PASSWORD = "correct horse battery"


@pytest.fixture
def mini(graph: Graph, mini_bundle: dict[str, Any]) -> Graph:
    import_bundle(graph, mini_bundle)
    return graph


def body_of(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("id", "version", "interaction_level", "interaction_by_deal")}


def test_get_and_put_carry_the_version_as_etag(client: TestClient, mini: Graph) -> None:
    got = client.get("/contacts/c-ceo")
    version = got.json()["version"]
    assert got.headers["ETag"] == f'"{version}"' and len(version) == 20
    same = client.get("/accounts/acc-nw")
    assert same.headers["ETag"] == f'"{same.json()["version"]}"'
    listed = client.get("/contacts?q=wang").json()["items"]
    assert [c["version"] for c in listed if c["id"] == "c-ceo"] == [version]
    put = client.put("/contacts/c-ceo", json={**body_of(got.json()), "attitude": "positive"},
                     headers={"If-Match": f'"{version}"'})
    assert put.status_code == 200 and put.json()["version"] != version
    assert put.headers["ETag"] == f'"{put.json()["version"]}"'
    assert client.get("/contacts/c-ceo").json()["version"] == put.json()["version"]


def test_stale_if_match_is_412_with_the_current_state_and_who_changed_it(anon_client: TestClient, mini: Graph) -> None:
    create_user(mini, "ann", PASSWORD, Role.editor, "e-amy")
    ann_key = {"X-API-Key": create_key(mini, "ann-laptop", Role.editor, user="ann").key}
    bob_key = {"X-API-Key": create_key(mini, "bob-sync", Role.editor).key}
    seen = anon_client.get("/contacts/c-ceo", headers=bob_key).json()
    stale = {"If-Match": f'"{seen["version"]}"'}
    first = anon_client.put("/contacts/c-ceo", json={**body_of(seen), "attitude": "positive"},
                            headers={**ann_key, **stale})
    assert first.status_code == 200
    lost = anon_client.put("/contacts/c-ceo", json={**body_of(seen), "importance": 1}, headers={**bob_key, **stale})
    assert lost.status_code == 412
    answer = lost.json()
    assert answer["error"] == "PreconditionFailed"
    assert answer["current"]["attitude"] == "positive" and answer["version"] == first.json()["version"]
    assert answer["changed_by"]["user"] == "ann" and answer["changed_by"]["employee"] == "e-amy"
    assert answer["changed_by"]["actor"] == "ann-laptop" and "by ann at" in answer["message"]
    now = anon_client.get("/contacts/c-ceo", headers=bob_key).json()
    assert now["attitude"] == "positive" and now["importance"] == seen["importance"]  # nothing lost, nothing half-written
    retry = anon_client.put("/contacts/c-ceo", json={**body_of(now), "importance": 1},
                            headers={**bob_key, "If-Match": f'"{answer["version"]}"'})
    assert retry.status_code == 200 and retry.json()["attitude"] == "positive" and retry.json()["importance"] == 1


def test_without_if_match_the_last_writer_wins_as_before(client: TestClient, mini: Graph) -> None:
    seen = client.get("/contacts/c-ceo").json()
    assert client.put("/contacts/c-ceo", json={**body_of(seen), "attitude": "positive"}).status_code == 200
    assert client.put("/contacts/c-ceo", json={**body_of(seen), "attitude": "negative"}).status_code == 200
    assert client.get("/contacts/c-ceo").json()["attitude"] == "negative"


def test_relationships_have_versions_too(client: TestClient, mini: Graph) -> None:
    got = client.get("/contacts/c-board/influences/c-ceo")
    assert got.status_code == 200 and got.json()["properties"] == {"strength": 0.9}
    version = got.json()["version"]
    assert got.headers["ETag"] == f'"{version}"'
    changed = client.put("/contacts/c-board/influences/c-ceo", json={"strength": 0.5},
                         headers={"If-Match": f'"{version}"'})
    assert changed.status_code == 200 and changed.json()["version"] != version
    stale = client.put("/contacts/c-board/influences/c-ceo", json={"strength": 0.1},
                       headers={"If-Match": f'"{version}"'})
    assert stale.status_code == 412 and stale.json()["current"] == {"strength": 0.5}
    gone = client.delete("/contacts/c-board/influences/c-ceo", headers={"If-Match": f'"{version}"'})
    assert gone.status_code == 412
    assert client.delete("/contacts/c-board/influences/c-ceo",
                         headers={"If-Match": changed.headers["ETag"]}).status_code == 204


def test_if_match_on_a_missing_entity_is_412(client: TestClient, mini: Graph) -> None:
    answer = client.put("/accounts/acc-new", json={"name": "New"}, headers={"If-Match": '"abc"'})
    assert answer.status_code == 412 and answer.json()["current"] is None
    assert client.get("/accounts/acc-new").status_code == 404


def test_audit_names_the_signed_in_user_and_their_employee(mini: Graph, settings: Settings) -> None:
    create_user(mini, "ann", PASSWORD, Role.editor, "e-amy")
    with TestClient(create_app(settings)) as page:
        csrf = page.post("/auth/login", json={"username": "ann", "password": PASSWORD}).json()["csrf_token"]
        seen = page.get("/contacts/c-cfo").json()
        assert page.put("/contacts/c-cfo", json={**body_of(seen), "attitude": "positive"},
                        headers={"X-CSRF-Token": csrf}).status_code == 200
        entries = page.get("/audit?entity=Contact&id=c-cfo", headers={"X-CSRF-Token": csrf}).json()
    assert entries[0]["user"] == "ann" and entries[0]["employee"] == "e-amy" and entries[0]["actor"] == "ann"
    program = create_key(mini, "crm-sync", Role.editor).key  # a key of no user: no user in the entry
    with TestClient(create_app(settings)) as client:
        client.put("/contacts/c-cfo", json={**body_of(seen), "attitude": "neutral"}, headers={"X-API-Key": program})
        latest = client.get("/audit?entity=Contact&id=c-cfo",
                            headers={"X-API-Key": create_key(mini, "a", Role.admin).key}).json()[0]
    assert latest["actor"] == "crm-sync" and latest["user"] is None


def test_a_deal_and_a_person_history_include_their_relationships(client: TestClient, mini: Graph) -> None:
    """The page's history panel: a deal's member and competitor changes, a person's lines, with undo (issue 14)."""
    assert client.put("/opportunities/o-wms/roles/c-itmgr", json={"role": "evaluator"}).status_code in (200, 201)
    assert client.put("/opportunities/o-wms/competitors/k-rival",
                      json={"need_satisfaction": 40, "closeness": 65}).status_code in (200, 201)
    assert client.put("/opportunities/o-fin/roles/c-ctl", json={"role": "decision_maker"}).status_code in (200, 201)
    assert client.put("/contacts/c-itmgr/influences/c-cio", json={"strength": 0.4}).status_code in (200, 201)
    seen = client.get("/opportunities/o-wms").json()
    assert client.put("/opportunities/o-wms", json={**body_of(seen), "amount": 123}).status_code == 200

    deal = client.get("/audit?entity=Opportunity&id=o-wms&related=true").json()
    assert [(e["entity"], e["entity_id"]) for e in deal] == [  # newest first; o-fin's member is not o-wms' history
        ("Opportunity", "o-wms"), ("COMPETES_IN", "k-rival->o-wms"), ("ROLE_IN", "c-itmgr->o-wms")]
    assert deal[2]["action"] == "create" and deal[2]["current"]["props"]["role"] == "evaluator"
    person = client.get("/audit?entity=Contact&id=c-itmgr&related=true").json()
    assert [(e["entity"], e["entity_id"]) for e in person] == [
        ("INFLUENCES", "c-itmgr->c-cio"), ("ROLE_IN", "c-itmgr->o-wms")]
    assert client.get("/audit?entity=Contact&id=c-cio&related=true").json()[0]["entity_id"] == "c-itmgr->c-cio"
    assert client.get("/audit?entity=Opportunity&id=o-wms").json()[0]["entity"] == "Opportunity"  # as before

    undone = client.post(f"/audit/{deal[2]['id']}/undo")  # the member added from the deal's history
    assert undone.status_code == 200
    assert client.get("/opportunities/o-wms/roles/c-itmgr").status_code == 404
    assert client.get("/audit?entity=Opportunity&id=o-wms&related=true&limit=1").json()[0]["action"] == "undo"


@pytest.mark.parametrize(("query", "field"), [("related=true&id=o-wms", "entity"),
                                             ("related=true&entity=Opportunity", "id"),
                                             ("related=true&entity=Opportunity&id=o-wms&actor=x", "actor")])
def test_related_history_names_the_missing_or_extra_field(client: TestClient, mini: Graph, query: str,
                                                         field: str) -> None:
    answer = client.get(f"/audit?{query}")
    assert answer.status_code == 422
    body = answer.json()
    assert set(body) >= {"error", "message"} and body["errors"][0]["field"] == field
