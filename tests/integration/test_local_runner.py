"""The local runner itself: one server per home, data kept across stop/start, clear auth errors.

Uses its own home folder and port, so it never touches the session's Neo4j.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase
from pydantic import SecretStr

from app.core.config import Settings
from app.core.errors import RunnerError
from app.runner.local import LocalNeo4j
from tests.neo4j_harness import TEST_PASSWORD, free_port


@pytest.fixture
def runner_settings(tmp_path: Path, neo4j_instance) -> Settings:  # noqa: ANN001
    if neo4j_instance.source != "local-runner":
        pytest.skip("the local runner is only exercised where the tests use it")
    return Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password=TEST_PASSWORD,
                    neo4j_home=tmp_path / "neo4j", neo4j_heap="512m", neo4j_pagecache="64m")


def _count_accounts(settings: Settings) -> int:
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("MATCH (a:Account) RETURN count(a) AS n", database_="neo4j")
        return records[0]["n"]


def test_start_twice_stop_start_keeps_data_and_wrong_password_is_clear(runner_settings: Settings) -> None:
    runner = LocalNeo4j(runner_settings)
    first = runner.start()
    try:
        second = runner.start()
        assert second.pid == first.pid and "already running" in second.message
        assert len(list(Path("/proc").glob("*/cmdline"))) > 0
        auth = (runner_settings.neo4j_user, TEST_PASSWORD)
        with GraphDatabase.driver(runner_settings.neo4j_uri, auth=auth) as driver:
            driver.execute_query("CREATE (:Account {id: 'kept', name: 'Kept'})", database_="neo4j")

        stopped = runner.stop()
        assert not stopped.running and runner.pid() is None
        assert runner.status().running is False

        restarted = runner.start()
        assert restarted.pid != first.pid
        assert _count_accounts(runner_settings) == 1

        wrong = LocalNeo4j(runner_settings.model_copy(update={"neo4j_password": SecretStr("wrong-password")}))
        status = wrong.status()
        assert "authentication failed" in status.message
        with pytest.raises(RunnerError, match="authentication failed"):
            wrong.start()
    finally:
        runner.stop()
    assert runner.pid() is None


def test_missing_java_is_a_clear_error(runner_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RunnerError, match="`java` was not found on PATH"):
        LocalNeo4j(runner_settings).ensure_built()
