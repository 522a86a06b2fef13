"""Issue 15: a query stopped by a memory or time limit while the database is fine answers a clear error
naming the limit (507 memory, 504 time), never 503 with Retry-After (which says: the database is down,
try again), and it is not retried for NEO4J_MAX_RETRY_S first. Provoked for real with tiny limits."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.api.errors import install_error_handlers
from app.core.config import Settings
from app.core.errors import DatabaseUnavailable, QueryLimitExceeded
from app.db.graph import Graph

pytestmark = pytest.mark.integration


@pytest.fixture
def tiny_transaction_memory(driver: Driver, graph: Graph) -> Iterator[None]:
    """db.memory.transaction.max (dynamic) set to 2 MB for the test, then back to what it was."""
    rows = driver.execute_query("SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' "
                                "RETURN value", database_="system").records
    before = rows[0]["value"] if rows else "0"
    driver.execute_query("CALL dbms.setConfigValue('db.memory.transaction.max', '2m')", database_="system")
    try:
        yield
    finally:
        driver.execute_query("CALL dbms.setConfigValue('db.memory.transaction.max', $v)", {"v": before},
                             database_="system")


def test_a_query_over_the_transaction_memory_limit_is_not_unavailable(graph: Graph, settings: Settings,
                                                                     tiny_transaction_memory: None) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryLimitExceeded) as caught:
        graph.read("limits_probe_collect", n=2_000_000)
    assert caught.value.status_code == 507 and caught.value.details["limit"] == "db.memory.transaction.max"
    assert not isinstance(caught.value, DatabaseUnavailable)
    assert time.perf_counter() - started < settings.neo4j_max_retry_s     # not retried for the retry budget
    assert graph.read("limits_probe_collect", n=10) == [{"n": 10}]   # small ones still pass: the db is fine


def test_a_query_over_the_time_limit_names_it(graph: Graph) -> None:
    impatient = Graph(graph.driver, graph.database, timeout_s=0.3)
    with pytest.raises(QueryLimitExceeded) as caught:
        impatient.read("limits_probe_spin", n=2_000_000_000)
    assert caught.value.status_code == 504 and caught.value.details["limit"] == "NEO4J_QUERY_TIMEOUT_S"


def test_limit_errors_over_http_have_no_retry_after(graph: Graph, tiny_transaction_memory: None) -> None:
    from fastapi import FastAPI

    app = FastAPI()
    install_error_handlers(app)

    @app.get("/probe/memory")
    def memory() -> list[dict[str, int]]:
        return graph.read("limits_probe_collect", n=2_000_000)

    @app.get("/probe/time")
    def slow() -> list[dict[str, int]]:
        return Graph(graph.driver, graph.database, timeout_s=0.3).read("limits_probe_spin", n=2_000_000_000)

    client = TestClient(app)
    for path, status, limit in (("/probe/memory", 507, "db.memory.transaction.max"),
                                ("/probe/time", 504, "NEO4J_QUERY_TIMEOUT_S")):
        response = client.get(path)
        assert response.status_code == status, response.text
        assert "Retry-After" not in response.headers
        body = response.json()
        assert body["error"] == "QueryLimitExceeded" and body["limit"] == limit and limit in body["message"]
