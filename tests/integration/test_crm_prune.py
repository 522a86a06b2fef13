"""Issue 12: prune is part of the import (one switch: readers see the old graph or the newer export pruned; a
failed prune rolls the import back) and covers the relationships the CRM no longer has (a removed contact role,
a reporting line gone from ReportsToId). Issue 13: the derived ties of pruned activities are recomputed.
Expected values read off tests/data/crm/salesforce by hand."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.core.config import Settings
from app.db.graph import Graph
from app.ingest import crm_import
from app.ingest.crm_import import import_crm_path
from app.services.export import export_bundle
from app.services.graph_changes import changes_since
from tests.integration.test_capture import ties
from tests.integration.test_crm_salesforce import BOB, LIU, MES, SF, WANG, ZHANG, by_id, edit_csv, export_copy

ROLE_ID = "00K5g00000Rl004EAB"      # Wang Fang, Business User on the Acme MES rollout
DINNER = "sf-00U5g00000Ev003EAB"    # Bob's dinner with Zhang Wei, Jan 9


def newer_export(tmp_path: Path) -> Path:
    """The export a week later: Wang Fang's role is gone, Liu Yang no longer reports to Zhang Wei, the MES deal
    moved to Negotiation/Review."""
    folder = export_copy(tmp_path)
    edit_csv(folder / "OpportunityContactRole.csv", lambda rows: [r for r in rows if r["Id"] != ROLE_ID])
    edit_csv(folder / "Contact.csv", lambda rows: [{**r, "ReportsToId": ""} if r["LastName"] == "Liu" else r
                                                   for r in rows])
    edit_csv(folder / "Opportunity.csv", lambda rows: [
        {**r, "StageName": "Negotiation/Review"} if r["Name"] == "Acme MES rollout" else r for r in rows])
    return folder


def pairs(bundle: dict[str, Any], key: str, a: str, b: str) -> set[tuple[str, str]]:
    """The live pairs of a link key (an ended row, with valid_to, is history)."""
    return {(row[a], row[b]) for row in bundle[key] if "valid_to" not in row}


def test_lost_relationships_are_listed_then_pruned_with_the_import(graph: Graph, tmp_path: Path) -> None:
    import_crm_path(graph, "salesforce", SF)
    newer = newer_export(tmp_path)
    report = import_crm_path(graph, "salesforce", newer)
    assert report["source"]["not_in_export"] == {"roles": {"count": 1, "first_ids": [f"{MES}->{WANG}"]},
                                                 "reports_to": {"count": 1, "first_ids": [f"{LIU}->{ZHANG}"]}}
    kept = export_bundle(graph)  # listed, never deleted silently
    assert (MES, WANG) in pairs(kept, "roles", "opportunity", "contact")
    assert (LIU, ZHANG) in pairs(kept, "reports_to", "from", "to")
    assert import_crm_path(graph, "salesforce", newer, dry_run=True, prune=True)["source"]["pruned"][
        "would_remove"] == 2

    before = graph.read_one("graph_version") or {}
    pruned = import_crm_path(graph, "salesforce", newer, prune=True)["source"]["pruned"]
    assert pruned["removed"] == 2 and pruned["removed_by_kind"] == {"nodes": 0, "roles": 1, "reports_to": 1}
    changes = changes_since(graph, before["version"], before["token"])[2]  # issue 15: the prune declared
    assert changes is not None and {WANG, LIU, ZHANG} <= changes.contacts and MES in changes.opportunities
    final = export_bundle(graph)
    assert (MES, WANG) not in pairs(final, "roles", "opportunity", "contact")
    lines = {(row["from"], row["to"]): row for row in final["reports_to"]}
    assert "valid_to" in lines[(LIU, ZHANG)]  # no live line; the export keeps it as ended (issue 17's history)
    assert len(final["roles"]) == len(kept["roles"]) - 1 and len(final["contacts"]) == len(kept["contacts"])
    with graph.driver.session(database=graph.database) as session:  # as-of reads see the role end (issue 17)
        ended = session.run("MATCH (s:RoleState {contact: $c, opportunity: $o}) WHERE s.present = false "
                            "RETURN count(s) AS n", c=WANG, o=MES).single()["n"]
    assert ended == 1
    assert import_crm_path(graph, "salesforce", newer)["source"]["not_in_export"] == {}


def test_a_failed_prune_rolls_the_whole_import_back(graph: Graph, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import_crm_path(graph, "salesforce", SF)
    before = export_bundle(graph)
    real = crm_import.prune_in

    def prune_then_fail(tx: Any, missing: dict[str, list[Any]]) -> dict[str, Any]:
        real(tx, missing)  # the deletes run, then the transaction fails before it commits
        raise RuntimeError("the disk filled up during the prune")

    monkeypatch.setattr(crm_import, "prune_in", prune_then_fail)
    with pytest.raises(RuntimeError):
        import_crm_path(graph, "salesforce", newer_export(tmp_path), prune=True)
    after = export_bundle(graph)
    assert after == before  # neither the prune nor the import's own changes (the MES stage) are in
    assert by_id(after["opportunities"])[MES]["stage"] == by_id(before["opportunities"])[MES]["stage"]
    monkeypatch.undo()
    import_crm_path(graph, "salesforce", newer_export(tmp_path / "again"), prune=True)  # the lock was released
    assert by_id(export_bundle(graph)["opportunities"])[MES]["stage"] == "negotiate"


def test_pruned_activities_no_longer_count_toward_ties(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    as_of = {"tie_settings": settings, "effective_at": date(2026, 2, 15)}
    import_crm_path(graph, "salesforce", SF, **as_of)
    # the call of Jan 15 and the dinner of Jan 9: 2^(-31/60) x (0.7 + 1)/8 = 0.1485 (as in test_ties_crm)
    assert ties(graph)[("KNOWS", BOB, ZHANG)] == 0.1485
    folder = export_copy(tmp_path)
    edit_csv(folder / "Event.csv", lambda rows: [r for r in rows if r["Id"] != DINNER.removeprefix("sf-")])
    report = import_crm_path(graph, "salesforce", folder, prune=True, **as_of)
    assert report["source"]["not_in_export"] == {"activities": {"count": 1, "first_ids": [DINNER]}}
    # the call alone: 2^(-31/60) x 0.7/8 x 1 (a call goes both ways) = 0.69898 x 0.0875 = 0.0612 -> dormant
    assert ties(graph)[("KNEW", BOB, ZHANG)] == 0.0612 and ("KNOWS", BOB, ZHANG) not in ties(graph)
    assert report["ties"] == {"as_of": "2026-02-15", "pairs": 1, "live": 0, "dormant": 1, "manual": 0, "pruned": 0}
