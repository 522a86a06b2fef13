"""Write a Salesforce-shaped Data Export (Account.csv, Contact.csv, …) from a seed.generate bundle.

For the CRM import benchmark: the same org-shaped data as the bundle benchmarks, in the files and
field API names a Salesforce Data Export has, with real 18-character ids.

    .venv/bin/python -m benchmarks.salesforce_export --accounts 1000 --contacts-per-account 100 \
        --employees 2000 --out /tmp/sf-export
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from app.ingest.salesforce import checksum

STAGE_NAMES = {"validate": "Prospecting", "initiate": "Qualification", "analyse_needs": "Needs Analysis",
               "present_value": "Value Proposition", "prepare_bid": "Perception Analysis",
               "bid": "Proposal/Price Quote", "negotiate": "Negotiation/Review", "won": "Closed Won",
               "lost": "Closed Lost"}
ROLE_NAMES = {"approver": "Economic Buyer", "decision_maker": "Decision Maker", "evaluator": "Evaluator",
              "user": "Business User"}
TYPE_NAMES = {"meeting": "Meeting", "call": "Call", "email": "Email", "visit": "Visit", "event": "Meeting",
              "meal": "Lunch"}
KEY_PREFIX = {"accounts": "001", "contacts": "003", "employees": "005", "opportunities": "006", "roles": "00K",
              "competitors": "00J", "activities": "00T"}


class Ids:
    """bundle id → an 18-character Salesforce id with the object's key prefix."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], str] = {}

    def __call__(self, kind: str, bundle_id: str | None) -> str:
        if not bundle_id:
            return ""
        key = (kind, bundle_id)
        if key not in self.ids:
            base = f"{KEY_PREFIX[kind]}5g{len(self.ids):010d}"
            self.ids[key] = base + checksum(base)
        return self.ids[key]


def _write(folder: Path, name: str, header: list[str], rows: list[dict[str, Any]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_ALL, lineterminator="\r\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _split(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return (first, last) if last else ("", first)


def write_salesforce_export(bundle: dict[str, list[dict[str, Any]]], folder: Path) -> dict[str, int]:
    """Write the export's CSV files into `folder`; returns rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    sid = Ids()
    departments = {d["id"]: d["name"] for d in bundle.get("departments", [])}
    manager_of = {}
    for link in bundle.get("reports_to", []):
        if not link.get("dotted"):
            manager_of.setdefault(link["from"], link["to"])
    false = "false"
    files = {
        "Account.csv": (["Id", "IsDeleted", "Name", "Industry", "BillingCountry", "AnnualRevenue"], [
            {"Id": sid("accounts", a["id"]), "IsDeleted": false, "Name": a["name"], "Industry": a.get("industry", ""),
             "BillingCountry": a.get("region", ""), "AnnualRevenue": int(a.get("revenue", 0) * 1_000_000)}
            for a in bundle["accounts"]]),
        "User.csv": (["Id", "FirstName", "LastName", "Title", "Department", "IsActive", "ManagerId"], [
            {"Id": sid("employees", e["id"]), "FirstName": _split(e["name"])[0], "LastName": _split(e["name"])[1],
             "Title": e.get("title", ""), "Department": e.get("team", ""), "IsActive": "true",
             "ManagerId": sid("employees", e.get("manager"))} for e in bundle["employees"]]),
        "Contact.csv": (["Id", "IsDeleted", "AccountId", "FirstName", "LastName", "Title", "Department",
                         "ReportsToId"], [
            {"Id": sid("contacts", c["id"]), "IsDeleted": false, "AccountId": sid("accounts", c["account"]),
             "FirstName": _split(c["name"])[0], "LastName": _split(c["name"])[1], "Title": c.get("title", ""),
             "Department": departments.get(c.get("department"), ""),
             "ReportsToId": sid("contacts", manager_of.get(c["id"]))} for c in bundle["contacts"]]),
        "Opportunity.csv": (["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CloseDate", "IsClosed",
                             "IsWon", "OwnerId"], [
            {"Id": sid("opportunities", o["id"]), "IsDeleted": false, "AccountId": sid("accounts", o["account"]),
             "Name": o["name"], "StageName": STAGE_NAMES.get(o.get("stage") or "validate"),
             "Amount": o.get("amount", ""), "CloseDate": o.get("close_date", ""),
             "IsClosed": str(o.get("stage") in ("won", "lost")).lower(), "IsWon": str(o.get("stage") == "won").lower(),
             "OwnerId": sid("employees", o.get("owner"))} for o in bundle["opportunities"]]),
        "OpportunityContactRole.csv": (["Id", "IsDeleted", "OpportunityId", "ContactId", "Role", "IsPrimary"], [
            {"Id": sid("roles", f"{r['opportunity']}|{r['contact']}"), "IsDeleted": false,
             "OpportunityId": sid("opportunities", r["opportunity"]), "ContactId": sid("contacts", r["contact"]),
             "Role": ROLE_NAMES[r["role"]], "IsPrimary": false} for r in bundle["roles"]]),
        "OpportunityCompetitor.csv": (["Id", "IsDeleted", "OpportunityId", "CompetitorName"], [
            {"Id": sid("competitors", f"{k['id']}|{e['opportunity']}"), "IsDeleted": false,
             "OpportunityId": sid("opportunities", e["opportunity"]), "CompetitorName": k["name"]}
            for k in bundle["competitors"] for e in k.get("opportunities", [])]),
        "Task.csv": (["Id", "IsDeleted", "WhoId", "WhatId", "Subject", "ActivityDate", "OwnerId", "Type"], [
            {"Id": sid("activities", a["id"]), "IsDeleted": false, "WhoId": sid("contacts", a["contacts"][0]),
             "WhatId": sid("opportunities", a.get("opportunity")), "Subject": a.get("summary", "")[:255],
             "ActivityDate": a["date"], "OwnerId": sid("employees", a["employee"]), "Type": TYPE_NAMES[a["type"]]}
            for a in bundle["activities"]]),
    }
    for name, (header, rows) in files.items():
        _write(folder, name, header, rows)
    return {name: len(rows) for name, (_, rows) in files.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--contacts-per-account", type=int, default=100)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from seed.generate import generate_bundle

    bundle = generate_bundle(args.accounts, args.contacts_per_account, args.employees)
    print(write_salesforce_export(bundle, args.out))


if __name__ == "__main__":
    main()
