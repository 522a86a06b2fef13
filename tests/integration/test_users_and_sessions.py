"""People sign in as themselves: users, the session cookie, CSRF, login limits, sign-out, disabled users."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.auth import required_role
from app.core.config import Settings
from app.db.graph import Graph
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from app.services.users import create_user

PASSWORD = "correct horse battery"
CONTACT = {"account": "acc-nw", "name": "Wang Lei"}


def login(client: TestClient, username: str, password: str = PASSWORD):  # noqa: ANN201
    return client.post("/auth/login", json={"username": username, "password": password})


@pytest.fixture
def users(graph: Graph, mini_bundle: dict[str, Any]) -> Graph:
    """The mini graph; ann is an editor and employee e-amy, vic a viewer."""
    import_bundle(graph, mini_bundle)
    create_user(graph, "ann", PASSWORD, Role.editor, "e-amy")
    create_user(graph, "vic", PASSWORD, Role.viewer)
    return graph


@pytest.fixture
def browser(users: Graph, settings: Settings) -> Iterator[TestClient]:
    """A client that behaves like the page: no API key, cookies kept."""
    with TestClient(create_app(settings)) as client:
        yield client


def test_policy_for_sign_in_paths() -> None:
    assert required_role("POST", "/auth/login") is None
    assert required_role("POST", "/auth/logout") is Role.viewer
    assert required_role("GET", "/auth/me") is Role.viewer
    assert required_role("POST", "/users") is Role.admin
    assert required_role("DELETE", "/contacts/c-1/influences/c-2") is Role.editor  # editors build the map
    assert required_role("POST", "/audit/x/undo") is Role.editor


def test_login_sets_an_httponly_lax_cookie_with_expiry(browser: TestClient, settings: Settings) -> None:
    answer = login(browser, "ann")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["username"] == "ann" and body["role"] == "editor" and body["employee"] == "e-amy"
    assert re.fullmatch(r"[0-9a-f]{64}", body["csrf_token"])
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("brm_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert f"Max-Age={settings.session_ttl_s}" in cookie
    assert "Secure" not in cookie  # plain http on the test client
    me = browser.get("/auth/me")
    assert me.status_code == 200 and me.json()["username"] == "ann" and me.json()["csrf_token"] == body["csrf_token"]
    assert browser.get("/contacts/c-ceo").status_code == 200  # the cookie reads like a key


def test_cookie_is_secure_over_https(users: Graph, settings: Settings) -> None:
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        cookie = login(client, "ann").headers["set-cookie"]
    assert "Secure" in cookie
    forced = settings.model_copy(update={"session_cookie_secure": True})
    with TestClient(create_app(forced)) as client:
        assert "Secure" in login(client, "ann").headers["set-cookie"]


def test_only_a_hash_of_the_session_token_is_stored(browser: TestClient, users: Graph) -> None:
    login(browser, "ann")
    token = browser.cookies["brm_session"]
    with users.driver.session(database=users.database) as session:
        ids = [r["id"] for r in session.run("MATCH (s:Session) RETURN s.id AS id")]
        hashes = [r["h"] for r in session.run("MATCH (u:User {username: 'ann'}) RETURN u.hash AS h")]
    assert ids and token not in ids and all(len(i) == 64 for i in ids)
    assert hashes[0].startswith("$argon2id$") and PASSWORD not in hashes[0]


def test_writes_with_the_cookie_need_the_csrf_token(browser: TestClient) -> None:
    csrf = login(browser, "ann").json()["csrf_token"]
    change = {**CONTACT, "title": "CTO"}
    refused = browser.put("/contacts/c-ceo", json=change)
    assert refused.status_code == 403 and "X-CSRF-Token" in refused.json()["message"]
    wrong = browser.put("/contacts/c-ceo", json=change, headers={"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    assert browser.get("/contacts/c-ceo").json()["title"] == "CEO"  # nothing written
    ok = browser.put("/contacts/c-ceo", json=change, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json()["title"] == "CTO"


def test_api_keys_need_no_csrf_token(users: Graph, settings: Settings) -> None:
    key = create_key(users, "crm-sync", Role.editor).key
    with TestClient(create_app(settings)) as client:
        answer = client.put("/contacts/c-ceo", json={**CONTACT, "title": "CFO"}, headers={"X-API-Key": key})
    assert answer.status_code == 200


def test_wrong_password_is_401_and_failed_logins_are_limited_per_user(browser: TestClient,
                                                                      settings: Settings) -> None:
    allowed = int(settings.login_limit_per_user.split("/")[0])
    for _ in range(allowed):
        assert login(browser, "ann", "wrong password").status_code == 401
    limited = login(browser, "ann")  # even the right password waits now
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1 and limited.json()["error"] == "TooManyLoginAttempts"
    assert login(browser, "vic").status_code == 200  # another user is not blocked


def test_failed_logins_are_limited_per_address(users: Graph, settings: Settings) -> None:
    tight = settings.model_copy(update={"login_limit_per_address": "3/minute", "login_limit_per_user": "100/minute"})
    with TestClient(create_app(tight)) as client:
        for name in ("x1", "x2", "x3"):
            assert login(client, name, "nope nope").status_code == 401
        answer = login(client, "ann")
    assert answer.status_code == 429 and "address" in answer.json()["message"]


def test_logout_revokes_the_session_on_the_server(browser: TestClient) -> None:
    csrf = login(browser, "ann").json()["csrf_token"]
    token = browser.cookies["brm_session"]
    assert browser.post("/auth/logout").status_code == 403  # CSRF applies to sign-out too
    out = browser.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204 and 'brm_session=""' in out.headers["set-cookie"]
    browser.cookies.set("brm_session", token)  # a copy of the old cookie no longer works
    again = browser.get("/auth/me")
    assert again.status_code == 401 and "sign in again" in again.json()["message"]


def test_disabled_user_is_refused_and_loses_sessions_and_keys(browser: TestClient, users: Graph,
                                                             settings: Settings) -> None:
    login(browser, "ann")
    admin = {"X-API-Key": create_key(users, "boss", Role.admin).key}
    ann_key = create_key(users, "ann-script", Role.editor, user="ann").key
    with TestClient(create_app(settings)) as other:
        assert other.get("/auth/me", headers={"X-API-Key": ann_key}).json()["username"] == "ann"
        assert other.post("/users/ann/disable", headers=admin).json() == {"sessions_revoked": 1}
        assert other.get("/auth/me", headers={"X-API-Key": ann_key}).status_code == 401
    assert browser.get("/auth/me").status_code == 401
    assert login(browser, "ann").status_code == 401


def test_users_endpoint_is_for_admins(users: Graph, settings: Settings) -> None:
    admin = {"X-API-Key": create_key(users, "boss", Role.admin).key}
    editor = {"X-API-Key": create_key(users, "ed", Role.editor).key}
    with TestClient(create_app(settings)) as client:
        assert client.get("/users", headers=editor).status_code == 403
        made = client.post("/users", json={"username": "bo", "password": PASSWORD, "role": "viewer",
                                           "employee": "e-amy"}, headers=admin)
        assert made.status_code == 201 and made.json()["employee"] == "e-amy" and "password" not in made.json()
        assert client.post("/users", json={"username": "bo", "password": PASSWORD, "role": "viewer"},
                           headers=admin).status_code == 409
        bad = client.post("/users", json={"username": "cy", "password": "short", "role": "boss",
                                          "employee": "nobody"}, headers=admin)
        assert bad.status_code == 422
        assert {e["field"] for e in bad.json()["errors"]} == {"password", "role"}
        unknown = client.post("/users", json={"username": "cy", "password": PASSWORD, "role": "viewer",
                                              "employee": "nobody"}, headers=admin)
        assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "employee"
        names = [u["username"] for u in client.get("/users", headers=admin).json()]
        assert names == ["ann", "bo", "vic"]
        reset = client.post("/users/bo/password", json={"password": "another long one"}, headers=admin)
        assert reset.status_code == 200
        assert login(client, "bo").status_code == 401 and login(client, "bo", "another long one").status_code == 200


def test_a_viewer_cannot_write_even_with_the_token(browser: TestClient) -> None:
    csrf = login(browser, "vic").json()["csrf_token"]
    answer = browser.put("/contacts/c-ceo", json={**CONTACT, "title": "X"}, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 403 and "needs 'editor'" in answer.json()["message"]
