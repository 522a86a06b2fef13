"""Session-wide real Neo4j, a driver, and an empty graph for every test that asks for one."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from typer.testing import CliRunner

from app.core.config import Settings, get_settings
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.main import create_app
from app.models.keys import Role
from app.services.keys import create_key
from tests.neo4j_harness import TestNeo4j, test_neo4j

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def neo4j_instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestNeo4j]:
    with test_neo4j(tmp_path_factory.mktemp("brm")) as instance:
        yield instance


# issue 18: the suite calls far faster than any client may; the rate limits and slots have their own tests
UNTHROTTLED = {"rate_limit_per_address": "100000/second", "rate_limit_per_key": "100000/second",
               "rate_limit_failed_auth": "100000/second", "max_concurrent_requests": 32, "queue_wait_s": 120.0}


@pytest.fixture(scope="session")
def settings(neo4j_instance: TestNeo4j) -> Settings:
    # no warm-up per test app (it plans every query); tests/integration/test_warm_up.py turns it on
    return neo4j_instance.settings.model_copy(update={**UNTHROTTLED, "warm_up": False})


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[Driver]:
    drv = create_driver(settings)
    yield drv
    drv.close()


@pytest.fixture(scope="session")
def graph_schema(driver: Driver, settings: Settings) -> Graph:
    graph = Graph.from_settings(driver, settings)
    apply_schema(graph)
    return graph


def wipe(graph: Graph) -> None:
    with driver_session(graph) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def driver_session(graph: Graph):  # noqa: ANN201 - small test helper
    return graph.driver.session(database=graph.database)


@pytest.fixture
def graph(graph_schema: Graph, neo4j_instance: TestNeo4j) -> Graph:
    """An empty graph with the schema in place; refuses to wipe a database the harness did not start."""
    if not neo4j_instance.wipe_allowed:
        pytest.skip("NEO4J_URI points at a database not marked for tests (set BRM_TEST_ALLOW_WIPE=1 to allow wiping)")
    wipe(graph_schema)
    return graph_schema


@pytest.fixture
def anon_client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The real app (lifespan and all) over an empty graph, sending no API key."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def admin_key(graph: Graph) -> str:
    return create_key(graph, "test-admin", Role.admin).key


@pytest.fixture
def client(anon_client: TestClient, admin_key: str) -> TestClient:
    """The real app over an empty graph, as an admin (access rules have their own tests)."""
    anon_client.headers["X-API-Key"] = admin_key
    return anon_client


@pytest.fixture
def cli(settings: Settings, graph: Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """The CLI, pointed at the test database through the environment, as a user would (a test
    module that needs data loaded first defines its own `cli`)."""
    monkeypatch.setenv("NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def load_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def mini_bundle() -> dict[str, Any]:
    return load_json("mini.json")


@pytest.fixture
def mini_expected() -> dict[str, Any]:
    return load_json("mini.expected.json")


# Tests that failed in the first full run after merging the branches of issues 12-19 (2026-12-01) and
# whose fix is not yet verified by a full run; each is named in that stop's closing note. They still
# run (non-strict xfail: an XPASS shows the fix took); remove a line as soon as its test is green.
OPEN_AFTER_MERGE: set[str] = set()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid in OPEN_AFTER_MERGE:
            item.add_marker(pytest.mark.xfail(reason="open after the merge of issues 12-19: see the closing note",
                                              strict=False))


_OPEN_FAILURES: list[str] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep the failure text of an OPEN_AFTER_MERGE test: as an xfail, pytest would show only its reason,
    and the cause of a failure seen only in full runs must be read from the run that shows it."""
    outcome = yield
    report = outcome.get_result()
    if item.nodeid in OPEN_AFTER_MERGE and getattr(report, "wasxfail", None) is not None and report.failed is False \
            and report.when == "call" and call.excinfo is not None:
        _OPEN_FAILURES.append(f"{item.nodeid}\n{call.excinfo.getrepr(style='short')}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for text in _OPEN_FAILURES:
        terminalreporter.write_sep("=", "OPEN_AFTER_MERGE test failed (run as xfail)")
        terminalreporter.write_line(text)
