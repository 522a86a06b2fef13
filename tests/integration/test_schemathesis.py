"""Property-based API tests from the OpenAPI schema (schemathesis): no 500s, every answer matches its schema.

Runs against the real app and Neo4j, with the mini bundle loaded and an admin key, so generated
requests reach real data and every write path. (schemathesis' pytest loader does not work with
pytest 9, so each operation's strategy is driven by Hypothesis directly.)
"""
from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from app.db.graph import Graph
from app.services.importer import import_bundle

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 40
# Not JSON documents of a fixed schema (the page, PNG/SVG/HTML renders) or whole-graph swaps with their own tests.
SKIPPED_PATHS = ("/", "/import", "/export")
SKIPPED_SUFFIXES = (".png", ".svg")


def operations(app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if op.path not in SKIPPED_PATHS and not op.path.endswith(SKIPPED_SUFFIXES)
            and not op.path.startswith("/viz/")]


def test_every_operation_conforms_to_the_schema(client: TestClient, graph: Graph,
                                                mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    headers = {"X-API-Key": client.headers["X-API-Key"]}
    cases: dict[str, int] = {}
    failures: list[str] = []
    ops = operations(client.app)
    assert len(ops) > 40

    for op in ops:
        label = f"{op.method.upper()} {op.path}"

        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            cases[label] = cases.get(label, 0) + 1
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect every failure, report them all
            parts = exc.exceptions if isinstance(exc, BaseExceptionGroup) else [exc]
            failures.append(f"{label}: " + " | ".join(str(part)[:1500] for part in parts))
    total = sum(cases.values())
    print(f"schemathesis: {total} cases over {len(cases)} operations")
    assert not failures, "\n\n".join(failures)
    assert total >= len(ops) * 3
