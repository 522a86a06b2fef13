"""Issue 18, rows I1 (ids the API can always address) and I2 (contact cycles, links across accounts)."""
from __future__ import annotations

import copy
from urllib.parse import quote
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.models.domain import RESERVED_IDS
from app.services.csv_bundle import bundle_from_csv
from app.services.importer import import_bundle
from app.services.link_rules import contacts_on_cycles

BAD_IDS = ["x/y", "line\nbreak", "tab\there", " lead", "trail ", "scores", "levels", "departure-risk", "nul\x00"]


def two_accounts() -> dict[str, Any]:
    return {
        "accounts": [{"id": "acc-a", "name": "A"}, {"id": "acc-b", "name": "B"}],
        "contacts": [{"id": f"{p}{i}", "name": f"{p}{i}", "account": f"acc-{p}"} for p in "ab" for i in range(1, 4)],
        "opportunities": [{"id": "o-a", "name": "Deal A", "account": "acc-a", "stage": "validate"}],
        "circles": [{"id": "ci-a", "name": "Circle A", "account": "acc-a", "members": [{"contact": "a1"}]}],
    }


# ----------------------------------------------------------------------------- I1
def test_route_segments_under_a_resource_are_reserved_ids(client: TestClient) -> None:
    """Every fixed segment like /accounts/scores must be a reserved id, or a record could hide behind it."""
    paths = client.get("/openapi.json").json()["paths"]
    fixed = {p.split("/")[2] for p in paths if p.count("/") == 2 and "{" not in p.split("/")[2]
             and p.split("/")[1] in {"accounts", "contacts", "employees", "opportunities", "departments",
                                     "circles", "competitors", "activities"}}
    assert fixed and fixed <= RESERVED_IDS, fixed - RESERVED_IDS


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_are_refused_by_import_csv_and_api(client: TestClient, graph: Graph, bad: str) -> None:
    bundle = {"accounts": [{"id": bad, "name": "Bad"}]}
    with pytest.raises(InvalidInput) as refused:
        import_bundle(graph, bundle, dry_run=True)
    assert refused.value.errors[0]["field"] == "id"
    if "\n" not in bad and "\x00" not in bad and bad == bad.strip():  # a CSV cell is trimmed; a newline is quoted
        with pytest.raises(InvalidInput):
            bundle_from_csv_and_validate(graph, f"id,name\n{bad},Bad\n")
    response = client.put(f"/accounts/{quote(bad, safe='')}", json={"name": "Bad"})
    assert 400 <= response.status_code < 500 and response.json()["error"]
    assert client.get("/accounts").json()["total"] == 0


def bundle_from_csv_and_validate(graph: Graph, accounts_csv: str) -> None:
    converted = bundle_from_csv({"accounts": accounts_csv})
    import_bundle(graph, converted.bundle, dry_run=True)


def test_good_ids_with_inner_spaces_and_unicode_still_work(client: TestClient) -> None:
    for good in ("acc 1", "客户-1", "a.b_c"):
        assert client.put(f"/accounts/{good}", json={"name": "Good"}).status_code == 201
        assert client.get(f"/accounts/{good}").json()["id"] == good


# ----------------------------------------------------------------------------- I2: cycles
def test_contact_reporting_cycles_are_refused_in_the_api(client: TestClient, graph: Graph) -> None:
    import_bundle(graph, two_accounts())
    assert client.put("/contacts/a1/reports-to/a2", json={}).status_code == 201
    assert client.put("/contacts/a2/reports-to/a3", json={}).status_code == 201
    cycle = client.put("/contacts/a3/reports-to/a1", json={})
    assert cycle.status_code == 409 and "cycle" in cycle.json()["message"]
    dotted = client.put("/contacts/a3/reports-to/a1", json={"dotted": True})
    assert dotted.status_code == 201  # a matrix line may run against the solid chain
    assert client.put("/contacts/a3/reports-to/a1", json={}).status_code == 409  # made solid: a cycle


def test_contact_reporting_cycles_are_row_errors_in_import(graph: Graph) -> None:
    bundle = two_accounts()
    bundle["reports_to"] = [{"from": "a1", "to": "a2"}, {"from": "a2", "to": "a3"}, {"from": "a3", "to": "a1"},
                            {"from": "b1", "to": "b2"}, {"from": "b2", "to": "b1", "dotted": True}]
    with pytest.raises(InvalidInput) as refused:
        import_bundle(graph, bundle)
    rows = {(e["key"], e["row"]) for e in refused.value.errors}
    assert rows == {("reports_to", 0), ("reports_to", 1), ("reports_to", 2)}
    # against the stored graph: a1 -> a2 stored, the bundle adds a2 -> a1
    ok = two_accounts()
    ok["reports_to"] = [{"from": "a1", "to": "a2"}]
    import_bundle(graph, ok)
    closing = {"reports_to": [{"from": "a2", "to": "a1"}]}
    with pytest.raises(InvalidInput) as refused:
        import_bundle(graph, closing)
    assert refused.value.errors[0]["row"] == 0 and "cycle" in refused.value.errors[0]["message"]


def test_cycle_finder_on_small_graphs() -> None:
    assert contacts_on_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {"a", "b", "c"}
    assert contacts_on_cycles({"a": {"b"}, "b": {"c"}, "d": {"c"}}) == set()
    assert contacts_on_cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}) == {"a", "b", "c", "d"}


# ----------------------------------------------------------------------------- I2: across accounts
def test_cross_account_links_are_refused_in_the_api(client: TestClient, graph: Graph) -> None:
    import_bundle(graph, two_accounts())
    for path, body in [("/contacts/a1/reports-to/b1", {}), ("/opportunities/o-a/roles/b1", {"role": "user"}),
                       ("/circles/ci-a/members/b1", {})]:
        response = client.put(path, json=body)
        assert response.status_code == 422, (path, response.text)
        assert "account" in response.json()["message"]
    influence = client.put("/contacts/b1/influences/a1", json={"strength": 0.5})
    assert influence.status_code == 201  # the documented exception
    assert client.put("/contacts/a1/reports-to/a2", json={}).status_code == 201
    moved = client.put("/contacts/a1", json={"name": "a1", "account": "acc-b"})
    assert moved.status_code == 200, moved.text  # issue 17: a job change; the old account's lines end with it
    assert client.get("/contacts/a1/reports-to/a2").status_code == 404


def test_cross_account_links_are_row_errors_in_import(graph: Graph) -> None:
    bundle = two_accounts()
    bundle["reports_to"] = [{"from": "a1", "to": "b1"}]
    bundle["roles"] = [{"opportunity": "o-a", "contact": "b2", "role": "user"}]
    bundle["circles"][0]["members"].append({"contact": "b3"})
    bundle["influences"] = [{"from": "b1", "to": "a1", "strength": 0.4}]
    with pytest.raises(InvalidInput) as refused:
        import_bundle(graph, bundle)
    found = {(e["key"], e["field"]) for e in refused.value.errors}
    assert found == {("reports_to", "to"), ("roles", "contact"), ("circles", "members[1].contact")}
    allowed = copy.deepcopy(two_accounts())
    allowed["influences"] = bundle["influences"]
    import_bundle(graph, allowed)
