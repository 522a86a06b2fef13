"""A Salesforce Data Export (tests/data/crm/salesforce, standard objects and field API names) into a real Neo4j.

Expected values are read off the CSV files by hand: every default mapping rule, the re-import that
changes nothing, a newer export, prune, and every error path (422 with a summary, nothing written).
"""
from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.ingest.archive import read_archive
from app.ingest.crm_import import import_crm_files, import_crm_path
from app.services.export import export_bundle
from tests.integration.test_import import label_counts

SF = Path(__file__).parents[1] / "data" / "crm" / "salesforce"
ACME, NORTHWIND, GLOBEX = "sf-0015g00000Ab001AAB", "sf-0015g00000Ab002AAB", "sf-0015g00000Ab003AAB"
ALICE, BOB, CAROL, DAN = (f"sf-0055g00000Us00{i}AAB" for i in range(1, 5))
ZHANG, LIU, CHEN, WANG, HANS, GRETA, JOHN, MARY = (f"sf-0035g00000Co00{i}AAB" for i in range(1, 9))
MES, DATA, FLEET, PILOT, EXPANSION = (f"sf-0065g00000Op00{i}AAB" for i in range(1, 6))


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def export_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(SF, folder)
    return folder


def edit_csv(path: Path, change: Any) -> None:
    """Rewrite one CSV file: `change(rows)` edits the list of row dicts in place (or returns a new list)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows = change(rows) or rows
    header += [key for row in rows for key in row if key not in header]  # a column the change added
    header = list(dict.fromkeys(header))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, quoting=csv.QUOTE_ALL, lineterminator="\r\n",
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def zipped_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, f"WE_00D5g000001abcd_1/{path.name}")  # as the export zip nests them
    return buffer.getvalue()


# ----------------------------------------------------------------------------- the default mapping
def test_every_default_salesforce_rule(graph: Graph) -> None:
    report = import_crm_path(graph, "salesforce", SF)
    stored = export_bundle(graph)
    accounts = by_id(stored["accounts"])
    # Account: Name, Industry, BillingCountry → region, AnnualRevenue money, never the 0–100 revenue; IsDeleted skipped
    assert accounts[ACME] == {"id": ACME, "name": "Acme Shanghai Manufacturing", "industry": "Manufacturing",
                              "region": "China", "annual_revenue": 350_000_000}
    assert accounts[GLOBEX] == {"id": GLOBEX, "name": "Globex Energy", "industry": "Energy", "region": "United States"}
    assert set(accounts) == {ACME, NORTHWIND, GLOBEX}
    # User: inactive kept and marked; ManagerId (15 characters in the file) → the 18-character manager
    employees = by_id(stored["employees"])
    assert employees[CAROL]["active"] is False and employees[BOB]["active"] is True
    assert employees[BOB]["manager"] == ALICE and employees[DAN]["manager"] == BOB
    assert employees[ALICE] == {"id": ALICE, "name": "Alice Chen", "title": "VP Sales", "team": "Enterprise Sales",
                                "active": True, "emails": ["alice.chen@ourco.example"]}
    # Contact: FirstName + LastName, AccountId (15 characters for Liu), one department per (account, Department)
    contacts = by_id(stored["contacts"])
    assert set(contacts) == {ZHANG, LIU, CHEN, WANG, HANS, GRETA, JOHN, MARY}  # deleted and private skipped
    assert contacts[LIU]["name"] == "Yang Liu" and contacts[LIU]["account"] == ACME
    assert contacts[HANS]["name"] == "Hans Müller"
    assert contacts[ZHANG]["emails"] == ["zhang.wei@acme-sh.example.cn"] and "emails" not in contacts[CHEN]  # Email
    departments = by_id(stored["departments"])
    assert {(d["account"], d["name"]) for d in departments.values()} == {
        (ACME, "Executive Office"), (ACME, "IT"), (ACME, "Procurement"), (NORTHWIND, "Operations"),
        (GLOBEX, "Finance")}
    assert contacts[LIU]["department"] == contacts[CHEN]["department"] == f"{ACME}-dept-it"
    assert "department" not in contacts[MARY]
    # ReportsToId → reports_to; John reports to a deleted contact: the link is dropped and counted
    assert {(r["from"], r["to"]) for r in stored["reports_to"]} == {(LIU, ZHANG), (CHEN, LIU), (WANG, ZHANG),
                                                                    (GRETA, HANS)}
    # Opportunity: stage map, IsClosed/IsWon over the stage name, grade from amount thresholds
    deals = by_id(stored["opportunities"])
    assert {d: (deals[d].get("stage"), deals[d].get("grade")) for d in deals} == {
        MES: ("bid", "A"), DATA: ("won", "B"), FLEET: ("lost", "C"), PILOT: ("validate", None),
        EXPANSION: ("present_value", "D")}
    assert deals[MES]["amount"] == 1_200_000 and deals[MES]["close_date"] == "2026-03-31"
    assert deals[EXPANSION]["owner"] == CAROL  # OwnerId given with 15 characters
    # OpportunityContactRole: role map, IsPrimary kept, one role per (deal, contact): the heaviest
    roles = {(r["opportunity"], r["contact"]): (r["role"], r.get("is_primary")) for r in stored["roles"]}
    assert roles == {
        (MES, ZHANG): ("approver", False), (MES, LIU): ("decision_maker", True), (MES, CHEN): ("evaluator", False),
        (MES, WANG): ("user", False), (DATA, LIU): ("approver", True), (DATA, CHEN): ("evaluator", False),
        (FLEET, HANS): ("evaluator", True), (FLEET, GRETA): ("user", False),
        (EXPANSION, JOHN): ("decision_maker", False), (EXPANSION, MARY): ("approver", False),
        (PILOT, JOHN): ("evaluator", False)}
    # OpportunityCompetitor: one competitor per name, no invented numbers
    competitors = by_id(stored["competitors"])
    assert competitors["sf-competitor-sap"] == {"id": "sf-competitor-sap", "name": "SAP", "opportunities": [
        {"opportunity": MES}, {"opportunity": DATA}]}
    assert set(competitors) == {"sf-competitor-sap", "sf-competitor-siemens", "sf-competitor-oracle"}
    # Task and Event: WhoId, WhatId when it is an opportunity, OwnerId, date, type through the map
    activities = {a["summary"]: a for a in stored["activities"]}
    assert {s: (a["type"], a["date"], a.get("opportunity"), a["contacts"], a["employee"])
            for s, a in activities.items()} == {
        "Call": ("call", "2026-01-15", MES, [ZHANG], BOB),
        "Email: MES proposal follow-up": ("email", "2026-01-20", None, [LIU], BOB),  # WhatId is the account
        "Send Quote": ("email", "2025-11-02", FLEET, [HANS], CAROL),
        "Call with John about budget": ("call", "2026-02-10", None, [JOHN], DAN),
        "Meeting": ("meeting", "2025-10-07", FLEET, [HANS], CAROL),
        "Site visit Jinqiao plant": ("meeting", "2026-01-08", MES, [CHEN], DAN),  # Event default, StartDateTime
        "Dinner": ("meal", "2026-01-09", MES, [ZHANG], BOB)}
    # what a CRM cannot give: no tie invented, no feature set, and the report says so
    assert stored["knows"] == []
    assert all(not set(c) & {"attitude", "orientation", "importance", "closeness"} for c in contacts.values())
    source = report["source"]
    assert source["source"] == "salesforce" and len(source["cannot_give"]) == 2 and len(source["next_steps"]) == 2
    assert "no ties" in source["cannot_give"][0] and "seven features" in source["cannot_give"][1]
    assert {(s["file"], s["reason"]): s["rows"] for s in source["skipped"]} == {
        ("Account.csv", "IsDeleted=true"): 1, ("Contact.csv", "IsDeleted=true"): 1, ("Contact.csv", "no AccountId"): 1,
        ("Opportunity.csv", "IsDeleted=true"): 1, ("OpportunityContactRole.csv", "IsDeleted=true"): 1,
        ("Task.csv", "IsDeleted=true"): 1, ("Task.csv", "no contact known in this export"): 1}
    assert {(d["file"], d["column"]): d["links"] for d in source["links_dropped"]} == {
        ("Contact.csv", "ReportsToId"): 1, ("Task.csv", "WhatId"): 1, ("Task.csv", "WhoId"): 1}
    assert source["not_in_export"] == {}
    assert label_counts(graph) == {"Account": 3, "Department": 5, "Contact": 8, "Employee": 4, "Opportunity": 5,
                                   "Competitor": 3, "Activity": 7}


def test_reimport_changes_nothing_and_a_newer_export_updates_exactly_what_changed(graph: Graph,
                                                                                  tmp_path: Path) -> None:
    import_crm_path(graph, "salesforce", SF)
    before = export_bundle(graph)
    again = import_crm_path(graph, "salesforce", SF)
    assert again["nodes_created"] == 0 and again["relationships_created"] == 0 and again["properties_set"] == 0
    assert all(counts["created"] == counts["changed"] == 0 for counts in again["keys"].values())
    assert again["keys"]["contacts"]["unchanged"] == 8
    assert export_bundle(graph) == before
    newer = export_copy(tmp_path)
    edit_csv(newer / "Opportunity.csv", lambda rows: [
        {**r, "StageName": "Negotiation/Review"} if r["Name"] == "Acme MES rollout" else r for r in rows])
    edit_csv(newer / "Contact.csv", lambda rows: [r for r in rows if r["LastName"] != "Jones"])
    edit_csv(newer / "OpportunityContactRole.csv", lambda rows: [r for r in rows if r["Role"] != "Economic Decision Maker"])
    report = import_crm_path(graph, "salesforce", newer)
    after = export_bundle(graph)
    assert by_id(after["opportunities"])[MES]["stage"] == "negotiate"
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"opportunities"}  # Mary is still here: never deleted silently
    assert {key: counts for key, counts in report["keys"].items() if counts["created"] or counts["changed"]} == {
        "opportunities": {"created": 0, "changed": 1, "unchanged": 4}}
    assert report["source"]["not_in_export"] == {"contacts": {"count": 1, "first_ids": [MARY]}}
    assert "not in this export" in report["source"]["not_in_export_message"]
    dry = import_crm_path(graph, "salesforce", newer, dry_run=True, prune=True)
    assert dry["source"]["pruned"]["would_remove"] == 1 and by_id(export_bundle(graph)["contacts"]).get(MARY)
    pruned = import_crm_path(graph, "salesforce", newer, prune=True)
    assert pruned["source"]["pruned"]["removed"] == 1
    final = export_bundle(graph)
    assert MARY not in by_id(final["contacts"]) and len(final["contacts"]) == 7
    assert (EXPANSION, MARY) not in {(r["opportunity"], r["contact"]) for r in final["roles"]}
    assert import_crm_path(graph, "salesforce", newer)["source"]["not_in_export"] == {}


def test_prune_only_touches_records_from_the_same_source(graph: Graph, tmp_path: Path,
                                                         mini_bundle: dict[str, Any]) -> None:
    from app.services.importer import import_bundle

    import_bundle(graph, mini_bundle)
    import_crm_path(graph, "salesforce", SF, prune=True)
    counts = label_counts(graph)
    assert counts["Account"] == 3 + len(mini_bundle["accounts"])


# ----------------------------------------------------------------------------- ids
def test_15_character_ids_are_normalised_and_bad_ones_refused(graph: Graph, tmp_path: Path) -> None:
    newer = export_copy(tmp_path)
    edit_csv(newer / "Account.csv", lambda rows: [{**r, "Id": r["Id"][:15]} for r in rows])  # 15 everywhere
    import_crm_path(graph, "salesforce", newer)
    assert set(by_id(export_bundle(graph)["accounts"])) == {ACME, NORTHWIND, GLOBEX}
    edit_csv(newer / "Account.csv", lambda rows: [{**r, "Id": r["Id"][:15] + "ZZZ"} if i == 0 else r
                                                  for i, r in enumerate(rows)])
    with pytest.raises(InvalidInput) as caught:
        import_crm_path(graph, "salesforce", newer)
    assert caught.value.errors[0]["key"] == "Account.csv" and caught.value.errors[0]["field"] == "Id"
    assert "suffix should be AAB" in caught.value.errors[0]["message"]


# ----------------------------------------------------------------------------- errors a person can act on
def rejected(graph: Graph, folder: Path, mapping: str | None = None) -> InvalidInput:
    before = label_counts(graph)
    with pytest.raises(InvalidInput) as caught:
        import_crm_files(graph, "salesforce", read_archive(folder), mapping)
    assert label_counts(graph) == before  # nothing written
    return caught.value


def test_an_unknown_role_value_names_the_map_to_add_it_to(graph: Graph, tmp_path: Path) -> None:
    folder = export_copy(tmp_path)
    edit_csv(folder / "OpportunityContactRole.csv",
             lambda rows: [{**r, "Role": "Champion"} if r["Role"] in ("Evaluator", "Influencer") else r for r in rows])
    exc = rejected(graph, folder)
    summary = exc.details["summary"]
    assert summary["total"] == 3
    assert summary["problems"] == [{"kind": "unknown value", "key": "OpportunityContactRole.csv", "field": "Role",
                                    "count": 3, "message": "'Champion' is not in the mapping's [values.roles]",
                                    "hint": summary["problems"][0]["hint"]}]
    assert '"Champion"' in summary["problems"][0]["hint"] and "[values.roles]" in summary["problems"][0]["hint"]
    assert [(e["key"], e["row"], e["field"], e["value"]) for e in exc.errors] == [
        ("OpportunityContactRole.csv", 6, "Role", "Champion"), ("OpportunityContactRole.csv", 7, "Role", "Champion"),
        ("OpportunityContactRole.csv", 11, "Role", "Champion")]
    # the fix the hint names: a two-line mapping laid over the default
    report = import_crm_files(graph, "salesforce", read_archive(folder), '[values.roles]\n"Champion" = "evaluator"\n')
    assert report["rows"]["roles"] == 11


def test_an_unknown_stage_suggests_the_closest_value(graph: Graph, tmp_path: Path) -> None:
    folder = export_copy(tmp_path)
    edit_csv(folder / "Opportunity.csv", lambda rows: [{**r, "StageName": "Negotiate"} if i == 0 else r
                                                       for i, r in enumerate(rows)])
    exc = rejected(graph, folder)
    assert '"Negotiate" = "negotiate"' in exc.details["summary"]["problems"][0]["hint"]


def test_a_missing_column_says_which_and_guesses_the_header(graph: Graph, tmp_path: Path) -> None:
    folder = export_copy(tmp_path)
    text = (folder / "Account.csv").read_text(encoding="utf-8")
    (folder / "Account.csv").write_text(text.replace('"Name"', '"Account Name"', 1), encoding="utf-8")
    exc = rejected(graph, folder)
    problem = exc.details["summary"]["problems"][0]
    assert (problem["kind"], problem["key"], problem["field"]) == ("column missing", "Account.csv", "Name")
    assert problem["hint"] == "did you mean 'Account Name'?"
    with pytest.raises(InvalidInput) as caught:  # the same problem in Chinese
        import_crm_files(graph, "salesforce", read_archive(folder), lang="zh")
    assert caught.value.details["summary"]["problems"][0]["hint"] == "是否想用 'Account Name'？"
    assert "缺少列 Name" in caught.value.errors[0]["message"]


@pytest.mark.parametrize("file, column, value, message", [
    ("User.csv", "IsActive", "maybe", "not a boolean"),
    ("Opportunity.csv", "CloseDate", "31.03.2026", "not a date"),
    ("Opportunity.csv", "Amount", "a lot", "not a number"),
])
def test_bad_cells_name_file_row_and_column(graph: Graph, tmp_path: Path, file: str, column: str, value: str,
                                            message: str) -> None:
    folder = export_copy(tmp_path)
    edit_csv(folder / file, lambda rows: [{**r, column: value} if i == 1 else r for i, r in enumerate(rows)])
    exc = rejected(graph, folder)
    assert [(e["key"], e["row"], e["field"], e["value"]) for e in exc.errors] == [(file, 1, column, value)]
    assert message in exc.errors[0]["message"]


def test_a_link_to_an_unknown_record_points_at_the_crm_column(graph: Graph, tmp_path: Path) -> None:
    folder = export_copy(tmp_path)
    edit_csv(folder / "Opportunity.csv", lambda rows: [{**r, "OwnerId": "0055g00000Zz999"} if i == 0 else r
                                                       for i, r in enumerate(rows)])
    exc = rejected(graph, folder)
    assert [(e["key"], e["row"], e["field"]) for e in exc.errors] == [("Opportunity.csv", 0, "OwnerId")]
    assert "unknown employee id" in exc.errors[0]["message"]


def test_missing_required_file_bad_mapping_unknown_source(graph: Graph, tmp_path: Path) -> None:
    folder = export_copy(tmp_path)
    (folder / "Contact.csv").rename(folder / "Contacts.csv")
    exc = rejected(graph, folder)
    problem = exc.details["summary"]["problems"][0]
    assert problem["kind"] == "file missing" and problem["hint"] == "did you mean 'Contacts.csv'?"
    with pytest.raises(InvalidInput, match="not a TOML file"):
        import_crm_files(graph, "salesforce", read_archive(SF), "[values.roles\n")
    with pytest.raises(InvalidInput) as caught:
        import_crm_files(graph, "salesforce", read_archive(SF), '[objects.Account.fields]\nrevenue_money = "X"\n')
    assert caught.value.errors[0]["field"] == "objects.Account.fields.revenue_money"
    with pytest.raises(InvalidInput, match="unknown source 'pipedrive'"):
        import_crm_files(graph, "pipedrive", read_archive(SF))
    (folder / "Contacts.csv").write_bytes("Id,Name\n1,M\xfcller\n".encode("latin-1"))
    (folder / "Contacts.csv").rename(folder / "Contact.csv")
    assert "not UTF-8" in rejected(graph, folder).errors[0]["message"]
    assert label_counts(graph) == {}


# ----------------------------------------------------------------------------- API and CLI
def test_api_zip_body_multipart_and_errors(client: TestClient, graph: Graph, tmp_path: Path) -> None:
    data = zipped_folder(SF)
    dry = client.post("/import", params={"source": "salesforce", "dry_run": "true"}, content=data,
                      headers={"content-type": "application/zip"})
    assert dry.status_code == 200, dry.text
    assert dry.json()["rows"]["contacts"] == 8 and label_counts(graph) == {}
    done = client.post("/import", params={"source": "salesforce", "lang": "zh"}, content=data,
                       headers={"content-type": "application/zip"})
    assert done.status_code == 200 and "CRM 中没有" in done.json()["source"]["cannot_give"][0]
    assert label_counts(graph)["Contact"] == 8
    # multipart: the CSV files and a mapping that adds a role value
    folder = export_copy(tmp_path)
    edit_csv(folder / "OpportunityContactRole.csv",
             lambda rows: [{**r, "Role": "Champion"} if r["Role"] == "Influencer" else r for r in rows])
    files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(folder.glob("*.csv"))]
    bad = client.post("/import", params={"source": "salesforce"}, files=files)
    assert bad.status_code == 422
    body = bad.json()
    assert set(body) == {"error", "message", "errors", "summary"} and body["summary"]["total"] == 1
    assert body["errors"][0]["field"] == "Role" and "[values.roles]" in body["summary"]["problems"][0]["hint"]
    fixed = client.post("/import", params={"source": "salesforce"},
                        files=files + [("mapping", ("my.toml", b'[values.roles]\n"Champion" = "evaluator"\n',
                                                    "application/toml"))])
    assert fixed.status_code == 200, fixed.text
    # a broken zip is a 422, a zip bomb a 413, both in the one shape
    broken = client.post("/import", params={"source": "salesforce"}, content=data[: len(data) // 2],
                         headers={"content-type": "application/zip"})
    assert broken.status_code == 422 and broken.json()["error"] == "InvalidInput"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Contact.csv", b"0" * (200 * 1024 * 1024))
    bomb = client.post("/import", params={"source": "salesforce"}, content=buffer.getvalue(),
                       headers={"content-type": "application/zip"})
    assert bomb.status_code == 413 and {"error", "message"} <= set(bomb.json())
    unknown = client.post("/import", params={"source": "nope"}, content=data, headers={"content-type": "application/zip"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "source"


def test_cli_import_from_salesforce(cli: CliRunner, graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "export.zip").write_bytes(zipped_folder(SF))
    result = cli.invoke(cli_app, ["import", "--from", "salesforce", str(tmp_path / "export.zip")])
    assert result.exit_code == 0, result.output
    assert "capture activities" in result.output and "no ties" in result.output
    assert label_counts(graph)["Opportunity"] == 5
    folder = export_copy(tmp_path)
    edit_csv(folder / "OpportunityContactRole.csv",
             lambda rows: [{**r, "Role": "Champion"} if r["Role"] == "Influencer" else r for r in rows])
    result = cli.invoke(cli_app, ["import", "--from", "salesforce", str(folder)])
    assert result.exit_code == 1
    assert "1 problem(s)" in result.output and "unknown value" in result.output and "Champion" in result.output
    mapping = tmp_path / "my.toml"
    mapping.write_text('[values.roles]\n"Champion" = "evaluator"\n', encoding="utf-8")
    result = cli.invoke(cli_app, ["import", "--from", "salesforce", "--mapping", str(mapping), str(folder)])
    assert result.exit_code == 0, result.output
