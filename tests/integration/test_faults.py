"""Neo4j down at start-up, and restarted while the app serves: clean 503s, then recovery without a restart."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph, create_driver
from app.main import create_app
from app.models.keys import Role
from app.runner.local import LocalNeo4j
from app.services.keys import create_key
from tests.neo4j_harness import TEST_PASSWORD, free_port


@pytest.fixture
def own_neo4j(tmp_path: Path, neo4j_instance) -> Settings:  # noqa: ANN001
    if neo4j_instance.source != "local-runner":
        pytest.skip("stopping and starting Neo4j is only possible with the local runner")
    return Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password=TEST_PASSWORD,
                    neo4j_home=tmp_path / "neo4j", neo4j_heap="512m", neo4j_pagecache="64m",
                    neo4j_connect_timeout_s=1.0, neo4j_max_retry_s=2.0, auth_cache_ttl_s=60)


def _assert_unavailable(response) -> None:  # noqa: ANN001
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"]
    assert "Neo4j" in response.json()["message"]


def test_down_at_start_then_restarted_while_serving(own_neo4j: Settings) -> None:
    runner = LocalNeo4j(own_neo4j)
    with TestClient(create_app(own_neo4j)) as client:          # Neo4j is not running yet
        assert client.get("/health").status_code == 200
        ready = client.get("/ready")
        assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        _assert_unavailable(client.get("/keys", headers={"X-API-Key": "brm_abc_def"}))

        runner.start()
        try:
            assert client.get("/ready").status_code == 200     # schema applied lazily, no app restart
            with create_driver(own_neo4j) as driver:
                key = create_key(Graph.from_settings(driver, own_neo4j), "ops", Role.admin).key
            headers = {"X-API-Key": key}
            assert client.get("/keys", headers=headers).status_code == 200

            runner.stop()                                      # outage while serving
            statuses = [client.get("/keys", headers=headers) for _ in range(3)]
            for response in statuses:
                _assert_unavailable(response)
            assert client.get("/ready").status_code == 503

            runner.start()                                     # back: the same app recovers
            assert client.get("/keys", headers=headers).status_code == 200
            assert client.get("/ready").status_code == 200
        finally:
            runner.stop()
