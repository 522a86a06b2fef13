"""Issue 12: GET /sources tells a new user what came from each CRM, what a CRM cannot give (ties, the seven
features) and what to do next, with counts that show the map filling in. Counts read off
tests/data/crm/salesforce by hand: 3 accounts; 8 contacts (Co009 is deleted, Co010 has no account)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.ingest.crm_import import import_crm_path
from tests.integration.test_crm_salesforce import BOB, SF, ZHANG


def test_sources_say_what_a_crm_cannot_give_and_what_next(client: TestClient, graph: Graph) -> None:
    assert client.get("/sources").json() == {"sources": []}  # nothing from a CRM: the page shows nothing
    import_crm_path(graph, "salesforce", SF)
    (entry,) = client.get("/sources").json()["sources"]
    assert {k: entry[k] for k in ("source", "accounts", "contacts", "profiled", "tied")} == {
        "source": "salesforce", "accounts": 3, "contacts": 8, "profiled": 0, "tied": 0}
    assert entry["headline"] == "Salesforce: 3 account(s) and 8 contact(s) came from this CRM."
    assert entry["cannot_give"][0] == ("A CRM holds no ties between our people and the customer's: none of these 8 "
                                       "contact(s) has one yet, so reach and warm paths are empty.")
    assert entry["cannot_give"][1].startswith("A CRM holds none of the seven features")
    assert entry["next_steps"][0].startswith("Capture activities from calendars and mail")
    assert "brm capture calendar" in entry["next_steps"][0] and "PUT /contacts/<id>" in entry["next_steps"][1]

    # the map fills in: a profile and a tie typed in are counted, and the lines say how far it has come
    zhang = client.get(f"/contacts/{ZHANG}").json()
    body = {"name": zhang["name"], "account": zhang["account"], "attitude": "positive"}
    answer = client.put(f"/contacts/{ZHANG}", json=body)
    assert answer.status_code == 200, answer.json()
    assert client.put(f"/employees/{BOB}/knows/{ZHANG}", json={"strength": 0.7}).status_code == 201
    (entry,) = client.get("/sources", params={"lang": "zh"}).json()["sources"]
    assert (entry["profiled"], entry["tied"]) == (1, 1)
    assert entry["headline"] == "Salesforce：3 个客户和 8 位联系人来自该 CRM。"
    assert entry["cannot_give"] == ["8 位联系人中有 1 位与我方人员有关系（手工录入或由活动推导）；其余联系人在采集活动之前无法触达。",
                                    "8 位联系人中有 1 位已有画像（七项特征中的任意一项）；其余联系人的三度显示为缺失。"]
