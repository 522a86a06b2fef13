"""/openapi.json is fit for client generators: readable unique names, every $ref resolves, /import's body."""
from __future__ import annotations

import re
from typing import Any

import pytest

from app.main import create_app


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


def refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(refs(v) for v in node))
    return set()


def test_schema_names_are_readable(spec: dict[str, Any]) -> None:
    names = list(spec["components"]["schemas"])
    assert [n for n in names if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", n)] == []
    assert {"ManagersContactRef", "IntelligenceContactRef", "Bundle", "DealViewFromJsonBody", "AccountRowOutPage"} <= set(names)


def test_every_ref_resolves(spec: dict[str, Any]) -> None:
    prefix = "#/components/schemas/"
    assert {r for r in refs(spec) if not r.startswith(prefix) or r[len(prefix):] not in spec["components"]["schemas"]} == set()


def test_operation_ids_are_unique_and_short(spec: dict[str, Any]) -> None:
    ids = [(op["operationId"], method, path) for path, item in spec["paths"].items() for method, op in item.items()]
    assert len({i for i, _, _ in ids}) == len(ids)
    by_id = {i: (m, p) for i, m, p in ids}
    assert by_id["get_gaps"] == ("get", "/opportunities/{opportunity_id}/gaps")
    assert by_id["list_contacts"] == ("get", "/contacts")
    assert by_id["put_contact_reports_to"] == ("put", "/contacts/{entity_id}/reports-to/{other_id}")
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i, _, _ in ids)


def test_import_documents_its_three_bodies(spec: dict[str, Any]) -> None:
    body = spec["paths"]["/import"]["post"]["requestBody"]
    assert set(body["content"]) == {"application/json", "application/zip", "multipart/form-data"}
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Bundle"}
    bundle = spec["components"]["schemas"]["Bundle"]
    assert {"accounts", "contacts", "reports_to", "knows", "activities"} <= set(bundle["properties"])


def test_error_answers_are_documented_as_json_everywhere(spec: dict[str, Any]) -> None:
    """Issue 18: errors are `{error, message}` JSON, also on the HTML, CSV and image routes."""
    html_routes = [path for path, item in spec["paths"].items()
                   if "text/html" in item.get("get", {}).get("responses", {}).get("200", {}).get("content", {})]
    assert "/reviews/weekly.html" in html_routes and "/alerts.html" in html_routes
    wrong = [(path, method, status, sorted(response.get("content", {})))
             for path, item in spec["paths"].items() for method, op in item.items()
             for status, response in op["responses"].items()
             if status.isdigit() and int(status) >= 400 and set(response.get("content", {})) - {"application/json"}]
    assert wrong == []
    assert spec["paths"]["/reviews/weekly.html"]["get"]["responses"]["422"]["content"]["application/json"]["schema"] \
        == {"$ref": "#/components/schemas/ErrorBody"}
