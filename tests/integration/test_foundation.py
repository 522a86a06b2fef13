"""The skeleton against a real Neo4j: health, readiness, schema, and plain create/read/delete."""
from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.db.schema import apply_schema, missing_schema
from app.main import create_app
from tests.neo4j_harness import free_port


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    response = client.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ready"


def test_openapi_is_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert "/ready" in client.get("/openapi.json").json()["paths"]


def test_schema_apply_is_idempotent(graph: Graph) -> None:
    apply_schema(graph)
    apply_schema(graph)
    assert missing_schema(graph) == set()


def test_uniqueness_constraint_holds(graph: Graph) -> None:
    session = graph.driver.session(database=graph.database)
    with session:
        session.run("CREATE (:Contact {id: 'c-1', name: 'Zhang Wei'})").consume()
        try:
            session.run("CREATE (:Contact {id: 'c-1', name: 'Someone else'})").consume()
            raise AssertionError("a second Contact with the same id was accepted")
        except Exception as exc:  # noqa: BLE001 - the driver's ConstraintError
            assert "already exists" in str(exc)


def test_create_read_delete_roundtrip(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run("CREATE (:Account {id: 'acc-1', name: 'Northwind'})").consume()
        name = session.run("MATCH (a:Account {id: 'acc-1'}) RETURN a.name AS name").single()["name"]
        assert name == "Northwind"
        session.run("MATCH (a:Account {id: 'acc-1'}) DELETE a").consume()
        assert session.run("MATCH (a:Account) RETURN count(a) AS n").single()["n"] == 0


def test_ready_is_503_when_neo4j_is_down_and_the_reason_goes_to_the_log(
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    """H2: the unauthenticated caller learns only "unavailable"; host, port and driver text go to the log."""
    port = free_port()
    nowhere = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{port}",
                                          "neo4j_connect_timeout_s": 1.0})
    with caplog.at_level(logging.WARNING, logger="brm"), TestClient(create_app(nowhere)) as client:
        assert client.get("/health").status_code == 200
        response = client.get("/ready")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.json() == {"status": "unavailable", "reason": None}
    assert str(port) not in response.text and "not reachable" not in response.text
    assert any("not ready" in r.getMessage() and "not reachable" in r.getMessage() for r in caplog.records)


def test_ready_is_503_when_the_password_is_wrong(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    wrong = settings.model_copy(update={"neo4j_password": type(settings.neo4j_password)("not-the-password")})
    with caplog.at_level(logging.WARNING, logger="brm"), TestClient(create_app(wrong)) as client:
        response = client.get("/ready")
    assert response.status_code == 503
    assert "credentials" not in response.text
    assert any("credentials" in r.getMessage() for r in caplog.records)
