"""Issue 18, rows D1, K1 (rate limits, failed authentication, slots), A1, A3 (key audit), H1, H2 (headers)."""
from __future__ import annotations

import secrets
import time
from collections import Counter
from html.parser import HTMLParser
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.core.config import Settings
from app.api.gate import RequestGate
from app.db.graph import Graph
from app.main import create_app
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from tests.conftest import load_json
from tests.integration.test_hardening_input import reach_body


def limited(settings: Settings, **limits: Any) -> TestClient:
    base = {"rate_limit_per_address": "100000/second", "rate_limit_per_key": "100000/second",
            "rate_limit_failed_auth": "100000/second"}
    return TestClient(create_app(settings.model_copy(update={**base, **limits})))


def random_key() -> str:
    return f"brm_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}"


# ----------------------------------------------------------------------------- rate limits (D1)
def test_per_address_limit_gives_429_with_retry_after_and_health_is_exempt(graph: Graph, settings: Settings) -> None:
    key = {"X-API-Key": create_key(graph, "a", Role.viewer).key}
    with limited(settings, rate_limit_per_address="5/minute") as client:
        statuses = [client.get("/accounts", headers=key).status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        refused = client.get("/accounts", headers=key)
        assert refused.json()["error"] == "TooManyRequests" and 1 <= int(refused.headers["Retry-After"]) <= 60
        assert all(client.get("/health").status_code == 200 for _ in range(50))
        assert client.get("/ready").status_code == 200
        zh = client.get("/accounts", headers={**key, "Accept-Language": "zh-CN"})
        assert "请求过多" in zh.json()["message"]


def test_per_key_limit_counts_each_key_apart(graph: Graph, settings: Settings) -> None:
    first = {"X-API-Key": create_key(graph, "first", Role.viewer).key}
    second = {"X-API-Key": create_key(graph, "second", Role.viewer).key}
    with limited(settings, rate_limit_per_key="3/minute") as client:
        assert [client.get("/accounts", headers=first).status_code for _ in range(4)] == [200, 200, 200, 429]
        assert client.get("/accounts", headers=second).status_code == 200


def test_failed_authentication_is_throttled_without_lookups(graph: Graph, settings: Settings) -> None:
    """K1: 2,000 random keys at 50 in parallel: at most the failed-auth limit reaches Neo4j, the rest get 429."""
    with limited(settings, rate_limit_failed_auth="10/minute") as client:
        cache = client.app.state.key_cache
        with ThreadPoolExecutor(50) as pool:
            statuses = Counter(pool.map(lambda _: client.get("/accounts", headers={"X-API-Key": random_key()})
                                        .status_code, range(2000)))
        assert statuses[401] <= 10 + 50 and statuses[429] >= 2000 - 60 and set(statuses) <= {401, 429}
        assert cache.lookups <= 60  # the limit, plus requests already past the check when it filled
        again = client.get("/accounts", headers={"X-API-Key": random_key()})
        assert again.status_code == 429 and again.headers["Retry-After"]


def test_the_same_wrong_key_is_looked_up_once(graph: Graph, settings: Settings) -> None:
    with limited(settings) as client:
        wrong = random_key()
        for _ in range(20):
            assert client.get("/accounts", headers={"X-API-Key": wrong}).status_code == 401
        assert client.app.state.key_cache.lookups == 1


def request_gate(client: TestClient) -> RequestGate:
    """The app's RequestGate instance (the middleware stack is built by the first request)."""
    layer: Any = client.app.middleware_stack
    while not isinstance(layer, RequestGate):
        layer = layer.app
    return layer


def test_busy_server_answers_429_and_health_still_answers(graph: Graph, settings: Settings) -> None:
    """One slot: while it is held, a second request waits queue_wait_s, then 429; /health is free.

    The test holds the slot itself, in the app's event loop (a heavy render released it too soon on a
    quiet machine, so the second request got in), then a heavy render goes through once it is free."""
    key = {"X-API-Key": create_key(graph, "heavy", Role.viewer).key}
    with limited(settings, max_concurrent_requests=1, queue_wait_s=0.2) as client:
        assert client.get("/accounts", headers=key).status_code == 200  # the key is looked up (and cached) first
        gate = request_gate(client)
        assert gate.slots is not None
        client.portal.call(gate.slots.acquire)  # the one slot is taken, as by a long render
        try:
            busy = client.get("/accounts", headers=key)
            started = time.monotonic()
            health = client.get("/health")
            health_s = time.monotonic() - started
        finally:
            client.portal.call(gate.slots.release)
        heavy = client.post("/viz/contacts/t/reach", json=reach_body(200), headers=key)
    assert busy.status_code == 429 and busy.json()["error"] == "TooManyRequests"
    assert health.status_code == 200
    assert heavy.status_code == 200  # the slot is free again
    print(f"/health while the only slot was held: {health_s * 1000:.1f} ms")


# ----------------------------------------------------------------------------- key audit (A1, A3)
def audit_of(client: TestClient, key_id: str) -> list[dict[str, Any]]:
    return client.get("/audit", params={"entity": "ApiKey", "id": key_id}).json()


def test_key_creation_and_revocation_are_audited_with_the_actor(client: TestClient, graph: Graph) -> None:
    me = client.get("/keys").json()[0]
    created = client.post("/keys", json={"name": "crm-sync", "role": "editor"}).json()
    revoked = client.delete("/keys/crm-sync")
    assert revoked.status_code == 200 and revoked.json() == {"revoked": [created["id"]]}
    entries = audit_of(client, created["id"])
    assert [e["action"] for e in entries] == ["revoke", "create"]
    for entry in entries:
        assert (entry["actor"], entry["actor_key_id"], entry["role"]) == ("test-admin", me["id"], "admin")
    assert entries[1]["current"]["name"] == "crm-sync" and entries[1]["previous"] is None
    assert entries[0]["current"]["revoked_at"] and "hash" not in str(entries)
    assert created["key"].split("_", 2)[2] not in str(entries)
    assert client.post(f"/audit/{entries[0]['id']}/undo").status_code == 409  # keys are not undone


def test_key_names_are_unique_and_revocation_is_unambiguous(client: TestClient, graph: Graph) -> None:
    first = client.post("/keys", json={"name": "bot", "role": "viewer"})
    assert first.status_code == 201
    duplicate = client.post("/keys", json={"name": "bot", "role": "admin"})
    assert duplicate.status_code == 409 and duplicate.json()["error"] == "Conflict"
    # a legacy store with two live keys of one name: revoking by name is refused, by id works
    graph.write("keys_create", id="legacy1", name="twin", role="viewer", hash="0" * 64)
    graph.write("keys_create", id="legacy2", name="twin", role="viewer", hash="1" * 64)
    ambiguous = client.delete("/keys/twin")
    assert ambiguous.status_code == 409 and "revoke by id" in ambiguous.json()["message"]
    assert client.delete("/keys/legacy1").json() == {"revoked": ["legacy1"]}
    assert client.delete("/keys/twin").json() == {"revoked": ["legacy2"]}
    assert client.delete("/keys/twin").status_code == 404
    # a revoked name may be used again
    client.delete("/keys/bot")
    assert client.post("/keys", json={"name": "bot", "role": "viewer"}).status_code == 201


def test_cli_key_commands_are_audited(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.cli.common.get_settings", lambda: settings)
    runner = CliRunner()
    made = runner.invoke(cli_app, ["keys", "create", "--role", "viewer", "--name", "nightly", "-q"])
    assert made.exit_code == 0, made.output
    assert runner.invoke(cli_app, ["keys", "revoke", "nightly"]).exit_code == 0
    again = runner.invoke(cli_app, ["keys", "create", "--role", "viewer", "--name", "nightly"])
    twice = runner.invoke(cli_app, ["keys", "create", "--role", "viewer", "--name", "nightly"])
    assert again.exit_code == 0 and twice.exit_code == 1 and "already named" in twice.output
    rows = graph.read("audit_list", entity="ApiKey", entity_id=None, actor=None, offset=0, limit=10)
    assert [r["action"] for r in rows] == ["create", "revoke", "create"]
    assert all(r["actor"].startswith("cli:") and r["actor_key_id"] == "cli" for r in rows)


# ----------------------------------------------------------------------------- headers (H1)
def test_security_headers_on_the_page_views_and_data(client: TestClient, graph: Graph) -> None:
    page = client.get("/")
    data = client.get("/accounts")
    view = client.post("/viz/contacts/t/reach", json=reach_body(2))
    for response in (page, data, view, client.get("/health"), client.get("/nope")):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"
    for html in (page, view):
        csp = html.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "object-src 'none'" in csp and "connect-src 'self'" in csp
    assert data.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "api-key" not in page.text  # no key kept in the page's storage: the session is an HttpOnly cookie


class ScriptTags(HTMLParser):
    """The document's real script start tags and inline event-handler attributes (script text is skipped)."""

    def __init__(self, document: str) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]


def nonce_of(response: Any) -> str:
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part.strip() for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, script_src
    nonces = [word[len("'nonce-"):-1] for word in script_src.split() if word.startswith("'nonce-")]
    assert len(nonces) == 1, script_src
    return nonces[0]


def test_html_answers_run_only_their_own_nonced_scripts(client: TestClient, graph: Graph) -> None:
    """H1/part 5: a script CSP without 'unsafe-inline': every inline script carries the answer's nonce, none
    is an event-handler attribute; a view fetched by the page (X-CSP-Nonce) carries the page's nonce."""
    import_bundle(graph, load_json("mini.json"))
    page = client.get("/")
    nonce = nonce_of(page)
    assert nonce_of(client.get("/")) != nonce  # a new one per answer
    fetched = {"X-CSP-Nonce": nonce}
    views = [client.get("/viz/accounts/acc-nw", headers=fetched),
             client.get("/viz/opportunities/o-wms", headers=fetched),
             client.post("/viz/contacts/t/reach", json=reach_body(2), headers=fetched),
             client.get("/reviews/weekly.html", headers=fetched), client.get("/alerts.html", headers=fetched)]
    for response in [page, *views]:
        assert response.status_code == 200, response.text[:300]
        own = nonce_of(response)
        assert response is page or own == nonce
        tags = ScriptTags(response.text)
        assert tags.scripts and not tags.handlers, tags.handlers
        assert all(tag.get("nonce") == own or tag.get("src", "").startswith("/static/") for tag in tags.scripts)
    direct = client.get("/viz/accounts/acc-nw", headers={"X-CSP-Nonce": "not a nonce!"})
    assert nonce_of(direct) != "not a nonce!" and all(
        tag.get("nonce") == nonce_of(direct) for tag in ScriptTags(direct.text).scripts)
