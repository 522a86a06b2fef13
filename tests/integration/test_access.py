"""Every endpoint but /health and /ready needs a key; roles decide what it may do."""
from __future__ import annotations

from fastapi.testclient import TestClient

from app.api.auth import required_role
from app.db.graph import Graph
from app.models.keys import Role
from app.services.keys import create_key


def test_role_policy_is_one_function_of_method_and_path() -> None:
    assert required_role("GET", "/health") is None and required_role("GET", "/ready") is None
    assert required_role("GET", "/contacts/c-1/reach") is Role.viewer
    assert required_role("PUT", "/contacts/c-1") is Role.editor
    assert required_role("POST", "/viz/opportunities/o-1") is Role.viewer   # renders, writes nothing
    assert required_role("DELETE", "/contacts/c-1") is Role.editor   # issue 14: editors curate on the page
    assert required_role("POST", "/import") is Role.admin
    assert required_role("GET", "/export") is Role.admin
    assert required_role("GET", "/keys") is Role.admin
    assert required_role("GET", "/audit") is Role.editor   # issue 14: the history panel


def test_missing_wrong_and_revoked_keys_are_401(anon_client: TestClient, graph: Graph) -> None:
    assert anon_client.get("/health").status_code == 200
    assert anon_client.get("/ready").status_code == 200
    response = anon_client.get("/keys")
    assert response.status_code == 401 and "API key is required" in response.json()["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert anon_client.get("/keys", headers={"X-API-Key": "brm_nope_nope"}).status_code == 401
    admin = create_key(graph, "ops", Role.admin).key
    assert anon_client.get("/keys", headers={"Authorization": f"Bearer {admin}"}).status_code == 200
    revoked = anon_client.delete("/keys/ops", headers={"X-API-Key": admin})
    assert revoked.status_code == 200
    assert anon_client.get("/keys", headers={"X-API-Key": admin}).status_code == 401


def test_roles_are_enforced(anon_client: TestClient, graph: Graph) -> None:
    viewer = {"X-API-Key": create_key(graph, "reader", Role.viewer).key}
    editor = {"X-API-Key": create_key(graph, "curator", Role.editor).key}
    admin = {"X-API-Key": create_key(graph, "boss", Role.admin).key}
    assert anon_client.get("/keys", headers=viewer).status_code == 403
    assert anon_client.get("/keys", headers=editor).status_code == 403
    assert anon_client.get("/keys", headers=admin).status_code == 200
    created = anon_client.post("/keys", json={"name": "new", "role": "viewer"}, headers=admin)
    assert created.status_code == 201 and created.json()["key"].startswith("brm_")
    forbidden = anon_client.post("/keys", json={"name": "x", "role": "admin"}, headers=editor)
    assert forbidden.status_code == 403 and "needs 'admin'" in forbidden.json()["message"]


def test_unknown_fields_are_rejected_with_the_field_named(client: TestClient) -> None:
    response = client.post("/keys", json={"name": "n", "role": "viewer", "colour": "red"})
    assert response.status_code == 422
    assert "colour" in str(response.json())


def test_oversized_body_is_413(client: TestClient, settings) -> None:  # noqa: ANN001
    too_big = b"x" * (settings.max_body_bytes + 1)
    response = client.post("/keys", content=too_big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
