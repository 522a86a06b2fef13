"""Issue 18, rows R1, R2 (request bodies), R4 and E1: bad input is a small 4xx in the `{error, message}` shape.

Each test sends the probe's input and checks the status, the shape and that the answer stays small.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.errors import MAX_LISTED_ERRORS
from app.db.graph import Graph
from app.models.keys import Role
from app.models.viz_inputs import MAX_REACH_PATHS
from app.services.importer import import_bundle
from app.services.keys import create_key

CALENDAR_ENDS = ("0001-01-01", "9999-12-31", "0001-01", "9999-12", "0001-W01", "9999-W52", "0000-01-01",
                 "+10000-01-01")
DATE_PARAMS = {"as_of", "from", "to", "month", "week", "since", "until"}
IDS = {"account_id": "acc-nw", "contact_id": "c-ceo", "opportunity_id": "o-wms", "employee_id": "e-amy",
       "entity_id": "c-ceo", "fmt": "svg"}


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert isinstance(body.get("error"), str) and isinstance(body.get("message"), str), body
    return body


# ----------------------------------------------------------------------------- E1
def test_unknown_route_405_and_parse_errors_use_the_error_shape(client: TestClient) -> None:
    missing = assert_error_shape(client.get("/no/such/route"), 404)
    assert missing["error"] == "NotFound" and "/no/such/route" in missing["message"]
    wrong_method = assert_error_shape(client.patch("/health"), 405)
    assert wrong_method["error"] == "MethodNotAllowed"
    broken = assert_error_shape(client.post("/keys", content=b'{"name": ', headers={"Content-Type": "application/json"}),
                                422)
    assert "not valid JSON" in broken["message"] or "JSON" in broken["errors"][0]["message"]
    assert "detail" not in broken


def test_a_bad_body_without_a_key_is_401_not_400(anon_client: TestClient) -> None:
    response = anon_client.post("/keys", content=b"{not json", headers={"Content-Type": "application/json"})
    assert assert_error_shape(response, 401)["error"] == "Unauthorized"
    deep = b"[" * 5000 + b"]" * 5000
    assert anon_client.put("/accounts/x", content=deep, headers={"Content-Type": "application/json"}).status_code == 401


# ----------------------------------------------------------------------------- R4: JSON bodies
def test_json_nested_1000_levels_is_422(client: TestClient) -> None:
    for depth in (1000, 100_000):
        body = b'{"name": ' + b"[" * depth + b"]" * depth + b"}"
        response = client.put("/accounts/x", content=body, headers={"Content-Type": "application/json"})
        assert "nested deeper" in assert_error_shape(response, 422)["message"]
    shallow = client.put("/accounts/x", json={"name": "Shallow", "industry": "x"})
    assert shallow.status_code in (200, 201), shallow.text


@pytest.mark.parametrize("path,method", [("/accounts/x", "put"), ("/keys", "post"),
                                         ("/viz/contacts/c-1/reach", "post"), ("/import?dry_run=true", "post")])
def test_a_lone_surrogate_in_any_json_body_is_422(client: TestClient, path: str, method: str) -> None:
    body = b'{"name": "bad \\ud800 text", "role": "viewer"}'
    response = getattr(client, method)(path, content=body, headers={"Content-Type": "application/json"})
    assert "surrogate" in assert_error_shape(response, 422)["message"]


def test_a_paired_surrogate_is_fine(client: TestClient) -> None:
    response = client.put("/accounts/x", content=b'{"name": "emoji \\ud83d\\ude00"}',
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 201 and response.json()["name"] == "emoji \U0001F600"


def test_300k_unknown_fields_give_a_small_422_with_the_total(client: TestClient) -> None:
    """R2: a 4 MB body of unknown fields: total + the first N + a count per kind, not 25 MB."""
    fields = {f"field{i}": 1 for i in range(300_000)}
    response = client.put("/accounts/x", json={"name": "A", **fields})
    body = assert_error_shape(response, 422)
    assert body["total_errors"] == 300_000
    assert len(body["errors"]) == MAX_LISTED_ERRORS
    assert body["summary"]["unknown field"] == 300_000
    assert len(response.content) < 20_000


# ----------------------------------------------------------------------------- R4: CSV
def test_a_csv_field_over_131072_characters_is_a_row_error(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("accounts.csv", "id,name\nacc-1," + "x" * 200_000 + "\n")
    response = client.post("/import?dry_run=true", files={"file": ("bundle.zip", buffer.getvalue(), "application/zip")})
    body = assert_error_shape(response, 422)
    assert "field" in json.dumps(body["errors"]).lower() and "accounts" in json.dumps(body["errors"])


# ----------------------------------------------------------------------------- R4: the ends of the calendar
def date_operations(client: TestClient) -> list[tuple[str, str]]:
    """(path template, parameter) for every GET operation with a date-like query parameter."""
    spec = client.get("/openapi.json").json()
    found = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method != "get":
                continue
            for param in op.get("parameters", []):
                if param["in"] == "query" and param["name"] in DATE_PARAMS:
                    found.append((path, param["name"]))
    return found


def test_every_date_at_the_ends_of_the_calendar_is_a_4xx(client: TestClient, graph: Graph,
                                                         mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    operations = date_operations(client)
    assert len(operations) >= 8  # decision chain, gaps, contacts (2), viz, degrees, trends (from/to), month
    for template, param in operations:
        path = re.sub(r"\{(\w+)\}", lambda m: IDS[m.group(1)], template)
        for value in CALENDAR_ENDS:
            response = client.get(path, params={param: value})
            assert 400 <= response.status_code < 500, (path, param, value, response.status_code, response.text[:300])
            assert_error_shape(response, response.status_code)


def test_a_stored_date_at_the_calendar_end_is_refused(client: TestClient) -> None:
    client.put("/accounts/acc-1", json={"name": "A"})
    response = client.put("/opportunities/o-1", json={"name": "O", "account": "acc-1", "close_date": "9999-12-31"})
    assert "close_date" in json.dumps(assert_error_shape(response, 422)["errors"])


# ----------------------------------------------------------------------------- R4 + R1: viz POST bodies
MALFORMED_REACH = [{"paths": None}, {"paths": "x"}, {"paths": [None]}, {"paths": [{"nodes": None}]},
                   {"paths": [{"nodes": [{"name": "no id"}]}]}, {"paths": [{"score": "high", "nodes": [{"id": "a"}]}]},
                   {"target": "c-1"}, {"target": {"id": ["list"]}}, {"reach": {"paths": []}}, [], "text", None, 5]
MALFORMED_CHAIN = [{"chain": None}, {"chain": {"members": None}}, {"chain": {"members": [{"contact": None}]}},
                   {"chain": {"members": [{"contact": {"id": "c"}, "importance": "five"}]}},
                   {"chain": {}, "win_rate": {"win_rate": "high"}}, {"chain": {}, "gaps": {"gaps": [None]}},
                   {"chain": {}, "win_rate": {"competitors": "none"}}, {"chain": {"members": [{}]}}, {}]


@pytest.mark.parametrize("body", MALFORMED_REACH)
def test_malformed_reach_render_bodies_are_422(client: TestClient, body: Any) -> None:
    assert_error_shape(client.post("/viz/contacts/c-1/reach", json=body), 422)


@pytest.mark.parametrize("body", MALFORMED_CHAIN)
def test_malformed_deal_render_bodies_are_422(client: TestClient, body: Any) -> None:
    assert_error_shape(client.post("/viz/opportunities/o-1", json=body), 422)


def reach_body(paths: int, length: int = 6) -> dict[str, Any]:
    return {"target": {"id": "t", "name": "Target"}, "paths": [
        {"employee": {"id": f"e{i}"}, "score": 0.5, "steps": length - 1,
         "nodes": [{"id": f"e{i}", "kind": "employee"}] + [{"id": f"c{i}-{j}", "kind": "contact"}
                                                            for j in range(length - 2)] + [{"id": "t", "kind": "contact"}],
         "relationships": [{"type": "KNOWS", "weight": 0.5}] * (length - 1)} for i in range(paths)]}


def test_reach_render_input_is_bounded(graph: Graph, anon_client: TestClient) -> None:
    """R1, with a viewer key: the largest accepted body renders; one path more is a 422 naming the limit."""
    viewer = {"X-API-Key": create_key(graph, "reader", Role.viewer).key}
    largest = anon_client.post("/viz/contacts/t/reach", json=reach_body(MAX_REACH_PATHS), headers=viewer)
    assert largest.status_code == 200 and "<html" in largest.text
    too_many = anon_client.post("/viz/contacts/t/reach", json=reach_body(MAX_REACH_PATHS + 1),
                                headers=viewer)
    body = assert_error_shape(too_many, 422)
    assert "paths" in body["errors"][0]["field"] and str(MAX_REACH_PATHS) in body["errors"][0]["message"]


def test_the_render_budget_stops_a_render(settings: Any, graph: Graph, admin_key: str) -> None:
    """A render that outruns its budget stops with a 422 (here a budget too small for any view)."""
    from app.main import create_app

    tight = settings.model_copy(update={"viz_render_budget_s": 0.0})
    with TestClient(create_app(tight), headers={"X-API-Key": admin_key}) as tight_client:
        response = tight_client.post("/viz/contacts/t/reach", json=reach_body(20))
    assert "budget" in assert_error_shape(response, 422)["message"]


def test_a_render_stops_when_its_client_has_gone() -> None:
    """The renderer checks the budget at every node: a budget whose client left stops the next add."""
    from app.viz.budget import Budget, RenderStopped, current_budget
    from app.viz.reach_view import render_reach_view

    budget = Budget(60)
    budget.gone.set()
    token = current_budget.set(budget)
    try:
        with pytest.raises(RenderStopped):
            render_reach_view(reach_body(5))
    finally:
        current_budget.reset(token)
    assert "<html" in render_reach_view(reach_body(5))  # outside a request: no budget
