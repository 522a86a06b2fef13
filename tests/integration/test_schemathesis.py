"""Property-based API tests from the OpenAPI schema (schemathesis): no 500s, every answer matches its schema.

Runs against the real app and Neo4j, with the mini bundle loaded and an admin key, so generated
requests reach real data and every write path. (schemathesis' pytest loader does not work with
pytest 9, so each operation's strategy is driven by Hypothesis directly: tests/schemathesis_run.py,
shared with the >= 1,000-case run of test_schemathesis_slow.py.)
"""
from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from app.db.graph import Graph
from app.services.importer import import_bundle
from tests import schemathesis_run

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 40
# Not JSON documents of a fixed schema (the page, PNG/SVG/HTML renders) or whole-graph swaps with their own tests.
SKIPPED_PATHS = ("/", "/import", "/export")
SKIPPED_SUFFIXES = (".png", ".svg")


def conforming(op: Any) -> bool:
    return (op.path not in SKIPPED_PATHS and not op.path.endswith(SKIPPED_SUFFIXES)
            and not op.path.startswith("/viz/"))


def test_every_operation_conforms_to_the_schema(client: TestClient, graph: Graph,
                                                mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    ops = schemathesis_run.operations(client.app, conforming)
    assert len(ops) > 40
    outcome = schemathesis_run.run(ops, {"X-API-Key": client.headers["X-API-Key"]}, EXAMPLES_PER_OPERATION, CHECKS)
    print(f"schemathesis: {outcome.summary()}")
    assert not outcome.failures, "\n\n".join(outcome.failures)
    assert outcome.total >= len(ops) * 3
