"""Issue 13 with issue 12: a Salesforce-shaped export (tests/data/crm/salesforce, Tasks and Events, no ties at all)
gives non-empty reach for contacts our people met, through derived ties that explain themselves."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.ingest.crm_import import import_crm_path
from app.services.ties import recompute
from tests.integration.test_capture import ties

SF = Path(__file__).parents[1] / "data" / "crm" / "salesforce"
BOB, DAN = "sf-0055g00000Us002AAB", "sf-0055g00000Us004AAB"
ZHANG, LIU, CHEN = "sf-0035g00000Co001AAB", "sf-0035g00000Co002AAB", "sf-0035g00000Co003AAB"


def test_salesforce_tasks_and_events_give_reach(client: TestClient, graph: Graph, settings: Settings) -> None:
    import_crm_path(graph, "salesforce", SF)
    assert not [key for key in ties(graph) if key[0] == "KNOWS"]  # a CRM export carries no ties
    recompute(graph, settings, as_of=date(2026, 2, 15))
    got = ties(graph)
    # Bob and Zhang Wei: the call of Jan 15 (Task 001; Task 006 is deleted) and the dinner of Jan 9 (Event 003,
    # a meal = the meeting channel): last contact 31 days before Feb 15 -> 2^(-31/60) = 0.69898;
    # (0.7 + 1) / 8 = 0.2125; a call and a meeting go both ways -> 0.69898 x 0.2125 = 0.1485
    assert got[("KNOWS", BOB, ZHANG)] == 0.1485
    # Dan's site visit with Chen Jing (Event 002, Jan 8): 2^(-38/60) x 1/8 = 0.0806 -> dormant
    assert got[("KNEW", DAN, CHEN)] == 0.0806
    body = client.get(f"/contacts/{ZHANG}/reach").json()
    assert [(p["employee"]["id"], p["score"]) for p in body["paths"]] == [(BOB, 0.1485)]
    explanation = body["paths"][0]["relationships"][0]["explanation"]
    assert explanation["source"] == "derived"
    assert explanation["counts"] == {"meetings": 1, "calls": 1, "emails_out": 0, "emails_in": 0}
    assert explanation["text"] == "1 meeting and 1 call both ways, last 31 days ago → 0.15"
    # Chen Jing, whom Dan met, is reached through Bob: Zhang Wei -> Liu Yang -> Chen Jing down the reporting
    # line (Liu reports to Zhang, Chen to Liu): 0.1485 x 0.8 x 0.8 = 0.09504
    chen = client.get(f"/contacts/{CHEN}/reach").json()["paths"]
    assert [(p["employee"]["id"], p["score"], [n["id"] for n in p["nodes"]]) for p in chen] == [
        (BOB, 0.095, [BOB, ZHANG, LIU, CHEN])]
    assert chen[0]["relationships"][0]["explanation"]["text"] == explanation["text"]
