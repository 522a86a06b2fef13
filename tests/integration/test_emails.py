"""Issue 13: email addresses on people and domains on accounts, through every way in and out."""
from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.services.csv_bundle import bundle_from_csv, bundle_to_csv
from app.services.export import export_bundle
from app.services.importer import import_bundle


def people_bundle() -> dict[str, Any]:
    return {
        "accounts": [{"id": "acc-a", "name": "Acme", "domains": ["Acme.com", "@acme.cn", "acme.com"]}],
        "contacts": [{"id": "c-1", "name": "Zhang Wei", "account": "acc-a",
                      "emails": ["Zhang.Wei@ACME.com", " zw@acme.cn ", "zhang.wei@acme.com"]}],
        "employees": [{"id": "e-1", "name": "Ann Rep", "emails": ["ann@ours.example"]},
                      {"id": "e-2", "name": "Bo Off", "emails": ["bo@ours.example"], "capture_excluded": True}],
    }


def owners(graph: Graph) -> dict[str, str]:
    with graph.driver.session(database=graph.database) as session:
        rows = session.run("MATCH (p)-[:HAS_EMAIL]->(m:EmailAddress) RETURN m.address AS a, p.id AS id").data()
        orphans = session.run("MATCH (m:EmailAddress) WHERE NOT EXISTS { ()-[:HAS_EMAIL]->(m) } "
                              "RETURN count(m) AS n").single()["n"]
    assert orphans == 0
    return {row["a"]: row["id"] for row in rows}


def test_import_normalises_and_exports_back(graph: Graph) -> None:
    import_bundle(graph, people_bundle())
    exported = export_bundle(graph)
    assert exported["accounts"][0]["domains"] == ["acme.com", "acme.cn"]
    assert exported["contacts"][0]["emails"] == ["zhang.wei@acme.com", "zw@acme.cn"]
    assert exported["employees"][1] == {"id": "e-2", "name": "Bo Off", "emails": ["bo@ours.example"],
                                        "capture_excluded": True}
    assert owners(graph) == {"zhang.wei@acme.com": "c-1", "zw@acme.cn": "c-1", "ann@ours.example": "e-1",
                             "bo@ours.example": "e-2"}
    # the export imports back as the same graph (and the same address book)
    import_bundle(graph, exported)
    assert export_bundle(graph) == exported


def test_an_address_belongs_to_one_person(graph: Graph) -> None:
    bundle = people_bundle()
    bundle["employees"][0]["emails"] = ["ZW@acme.cn"]  # the contact's address, other case
    with pytest.raises(InvalidInput) as caught:
        import_bundle(graph, bundle)
    assert [(e["key"], e["row"], e["field"], e["value"]) for e in caught.value.errors] == [
        ("employees", 0, "emails[0]", "zw@acme.cn")]
    assert owners(graph) == {}
    import_bundle(graph, people_bundle())
    # against the stored owner: refused, nothing written
    with pytest.raises(InvalidInput) as caught:
        import_bundle(graph, {"employees": [{"id": "e-3", "name": "New", "emails": ["zhang.wei@ACME.com"]}]})
    assert "belongs to contact c-1" in caught.value.errors[0]["message"]
    # moving it is fine when the same bundle frees it
    import_bundle(graph, {"contacts": [{"id": "c-1", "name": "Zhang Wei", "account": "acc-a", "emails": ["zw@acme.cn"]}],
                          "employees": [{"id": "e-3", "name": "New", "emails": ["zhang.wei@acme.com"]}]})
    assert owners(graph)["zhang.wei@acme.com"] == "e-3"
    # an address no longer listed goes from the lookup
    import_bundle(graph, {"contacts": [{"id": "c-1", "name": "Zhang Wei", "account": "acc-a"}]})
    assert "zw@acme.cn" not in owners(graph)


def test_bad_addresses_are_named(graph: Graph) -> None:
    bundle = people_bundle()
    bundle["contacts"][0]["emails"] = ["not-an-address"]
    bundle["accounts"][0]["domains"] = ["acme"]
    with pytest.raises(InvalidInput) as caught:
        import_bundle(graph, bundle)
    fields = {(e["key"], e["field"]) for e in caught.value.errors}
    assert fields == {("contacts", "emails[0]"), ("accounts", "domains[0]")}


def test_csv_lists(graph: Graph) -> None:
    files = bundle_to_csv({"accounts": people_bundle()["accounts"], "contacts": people_bundle()["contacts"]})
    assert "Zhang.Wei@ACME.com; zw@acme.cn ;zhang.wei@acme.com" in files["contacts"]  # one `;`-joined cell
    back = bundle_from_csv(files).bundle
    assert back["contacts"][0]["emails"] == ["Zhang.Wei@ACME.com", "zw@acme.cn", "zhang.wei@acme.com"]
    assert back["accounts"][0]["domains"] == ["Acme.com", "@acme.cn", "acme.com"]
    import_bundle(graph, back)
    assert export_bundle(graph)["contacts"][0]["emails"] == ["zhang.wei@acme.com", "zw@acme.cn"]


def test_curation_api(client: TestClient, graph: Graph) -> None:
    import_bundle(graph, people_bundle())
    put = client.put("/employees/e-9", json={"name": "Cy", "emails": ["Cy@Ours.example"]})
    assert put.status_code == 201 and put.json()["emails"] == ["cy@ours.example"]
    clash = client.put("/contacts/c-2", json={"name": "X", "account": "acc-a", "emails": ["cy@ours.example"]})
    assert clash.status_code == 422
    assert clash.json()["errors"][0]["field"] == "emails[0]" and clash.json()["errors"][0]["value"] == "cy@ours.example"
    assert client.get("/contacts/c-2").status_code == 404
    got = client.get("/accounts/acc-a").json()
    assert got["domains"] == ["acme.com", "acme.cn"]
    # deleting a person removes their addresses from the lookup (nothing orphaned)
    assert client.delete("/employees/e-9").status_code == 204
    assert "cy@ours.example" not in owners(graph)
    assert client.delete("/accounts/acc-a", params={"cascade": "true"}).status_code == 204
    assert set(owners(graph)) == {"ann@ours.example", "bo@ours.example"}


def test_restore_replace_wipes_addresses(graph: Graph) -> None:
    import_bundle(graph, people_bundle())
    bundle = copy.deepcopy(people_bundle())
    bundle["contacts"][0]["emails"] = ["new@acme.com"]
    import_bundle(graph, bundle, replace_all=True)
    assert owners(graph)["new@acme.com"] == "c-1" and "zw@acme.cn" not in owners(graph)
