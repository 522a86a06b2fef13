"""A HubSpot export (tests/data/crm/hubspot, property internal names) into a real Neo4j, by the default mapping."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.ingest.crm_import import import_crm_path
from app.services.export import export_bundle
from tests.integration.test_crm_salesforce import by_id, edit_csv
from tests.integration.test_import import label_counts

HS = Path(__file__).parents[1] / "data" / "crm" / "hubspot"


def test_every_default_hubspot_rule(graph: Graph) -> None:
    report = import_crm_path(graph, "hubspot", HS)
    stored = export_bundle(graph)
    accounts = by_id(stored["accounts"])
    assert accounts == {
        "hs-5001": {"id": "hs-5001", "name": "Lumen Health Group", "industry": "HOSPITAL_HEALTH_CARE",
                    "region": "Singapore", "annual_revenue": 85_000_000, "domains": ["lumenhealth.example"]},
        "hs-5002": {"id": "hs-5002", "name": "Kestrel Foods", "industry": "FOOD_BEVERAGES", "region": "Victoria",
                    "domains": ["kestrelfoods.example"]}}
    employees = by_id(stored["employees"])
    assert {e: (employees[e]["name"], employees[e]["active"]) for e in employees} == {
        "hs-701": ("Mei Tan", True), "hs-702": ("Raj Patel", True), "hs-703": ("old.rep@ourco.example", False)}
    assert employees["hs-702"]["emails"] == ["raj.patel@ourco.example"]
    contacts = by_id(stored["contacts"])
    assert contacts["hs-9003"]["emails"] == ["procurement@lumenhealth.example"]
    assert {c: (contacts[c]["name"], contacts[c]["account"]) for c in contacts} == {
        "hs-9001": ("Grace Lim", "hs-5001"), "hs-9002": ("Arjun Nair", "hs-5001"),
        "hs-9003": ("procurement@lumenhealth.example", "hs-5001"), "hs-9004": ("Sophie Walsh", "hs-5002")}
    deals = by_id(stored["opportunities"])
    assert {d: (deals[d]["stage"], deals[d]["grade"], deals[d]["owner"], deals[d]["close_date"]) for d in deals} == {
        "hs-8001": ("negotiate", "B", "hs-701", "2026-02-28"),
        "hs-8002": ("won", "D", "hs-701", "2025-08-15"),
        "hs-8003": ("lost", "E", "hs-703", "2025-10-31")}  # hs_is_closed without won beats the stage
    assert {(r["opportunity"], r["contact"], r["role"]) for r in stored["roles"]} == {
        ("hs-8001", "hs-9001", "user"), ("hs-8001", "hs-9002", "user"), ("hs-8002", "hs-9002", "user"),
        ("hs-8003", "hs-9004", "user")}
    activities = by_id(stored["activities"])
    assert {a: (activities[a]["type"], activities[a]["date"], activities[a]["contacts"], activities[a].get("opportunity"))
            for a in activities} == {
        "hs-40001": ("call", "2026-01-01", ["hs-9001"], "hs-8001"),
        "hs-40002": ("email", "2025-11-02", ["hs-9001", "hs-9002"], "hs-8001"),
        "hs-40003": ("meeting", "2025-10-09", ["hs-9004"], "hs-8003")}
    assert stored["knows"] == [] and stored["departments"] == []
    source = report["source"]
    assert {(s["file"], s["reason"]): s["rows"] for s in source["skipped"]} == {
        ("contacts.csv", "no associatedcompanyid"): 1, ("deals.csv", "no associations.companyIds"): 1,
        ("engagements.csv", "engagement.type=NOTE"): 1, ("engagements.csv", "engagement.type=TASK"): 1,
        ("engagements.csv", "no contact known in this export"): 1}
    assert import_crm_path(graph, "hubspot", HS)["nodes_created"] == 0
    assert export_bundle(graph) == stored


def test_hubspot_roles_column_and_an_unknown_engagement_type(graph: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "hs"
    shutil.copytree(HS, folder)
    edit_csv(folder / "deals.csv", lambda rows: [{**r, "hs_deal_contact_role": "Decision maker"} for r in rows])
    edit_csv(folder / "engagements.csv", lambda rows: [{**r, "engagement.type": "LINKEDIN_MESSAGE"}
                                                       if r["engagement.id"] == "40003" else r for r in rows])
    with pytest.raises(InvalidInput) as caught:
        import_crm_path(graph, "hubspot", folder)
    problem = caught.value.details["summary"]["problems"][0]
    assert (problem["key"], problem["field"], problem["count"]) == ("engagements.csv", "engagement.type", 1)
    assert "[values.activity_types]" in problem["hint"]
    assert label_counts(graph) == {}
    mapping = tmp_path / "my.toml"
    mapping.write_text('[values.activity_types]\n"LINKEDIN_MESSAGE" = "email"\n', encoding="utf-8")
    import_crm_path(graph, "hubspot", folder, mapping)
    assert {r["role"] for r in export_bundle(graph)["roles"]} == {"decision_maker"}
