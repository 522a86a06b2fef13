"""Issue 15: a query stopped by a memory or time limit while the database is fine answers a clear error
naming the limit (507 memory, 504 time), never 503 with Retry-After (which says: the database is down,
try again), and it is not retried for NEO4J_MAX_RETRY_S first. Provoked for real with tiny limits."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.errors import install_error_handlers
from app.core.config import Settings
from app.core.errors import DatabaseUnavailable, QueryLimitExceeded
from app.db.graph import Graph, create_driver

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tiny_memory_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    """A Neo4j of its own whose transactions may hold 2 MB (db.memory.transaction.max); a limit that small
    on the shared test database would break other tests, and Community cannot change it at run time."""
    from app.runner.local import LocalNeo4j
    from tests.neo4j_harness import TEST_PASSWORD, free_port

    settings = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password=TEST_PASSWORD,
                        neo4j_home=tmp_path_factory.mktemp("tiny") / "neo4j", neo4j_heap="256m",
                        neo4j_pagecache="32m", neo4j_extra_conf={"db.memory.transaction.max": "2m"})
    runner = LocalNeo4j(settings)
    runner.start()
    driver = create_driver(settings)
    try:
        yield Graph.from_settings(driver, settings)
    finally:
        driver.close()
        runner.stop()


def test_a_query_over_the_transaction_memory_limit_is_not_unavailable(tiny_memory_graph: Graph) -> None:
    graph = tiny_memory_graph
    started = time.perf_counter()
    with pytest.raises(QueryLimitExceeded) as caught:
        graph.read("limits_probe_collect", n=2_000_000)
    assert caught.value.status_code == 507 and caught.value.details["limit"] == "db.memory.transaction.max"
    assert not isinstance(caught.value, DatabaseUnavailable)
    assert time.perf_counter() - started < Settings().neo4j_max_retry_s  # not retried for the retry budget
    assert graph.read("limits_probe_collect", n=10) == [{"n": 10}]   # small ones still pass: the db is fine


def test_a_query_over_the_time_limit_names_it(graph: Graph) -> None:
    impatient = Graph(graph.driver, graph.database, timeout_s=0.3)
    with pytest.raises(QueryLimitExceeded) as caught:
        impatient.read("limits_probe_spin", n=2_000_000_000)
    assert caught.value.status_code == 504 and caught.value.details["limit"] == "NEO4J_QUERY_TIMEOUT_S"


def test_limit_errors_over_http_have_no_retry_after(tiny_memory_graph: Graph) -> None:
    from fastapi import FastAPI

    graph = tiny_memory_graph
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
