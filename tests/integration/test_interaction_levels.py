"""Interaction level (domain.md section 3) computed at read time: the window border, per deal, in the API."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.models.domain import InteractionLevel
from app.services.importer import import_bundle
from app.services.interaction import interaction_by_deal, interaction_levels

AS_OF = date(2026, 11, 22)


def bundle_with_activities(days: dict[str, list[date]], deal_days: list[date] = ()) -> dict[str, Any]:
    """One account, contacts named by key, one employee, activities on the given days (deal ones ABOUT o-1)."""
    activities = [{"id": f"a-{cid}-{n}", "employee": "e-1", "contacts": [cid], "type": "call", "date": d.isoformat()}
                  for cid, dates in days.items() for n, d in enumerate(dates)]
    activities += [{"id": f"a-deal-{n}", "employee": "e-1", "contacts": ["c-deal"], "opportunity": "o-1",
                    "type": "meeting", "date": d.isoformat()} for n, d in enumerate(deal_days)]
    contacts = sorted(set(days) | {"c-deal", "c-role"})
    return {
        "accounts": [{"id": "acc", "name": "Acme"}],
        "contacts": [{"id": cid, "name": cid, "account": "acc"} for cid in contacts],
        "employees": [{"id": "e-1", "name": "Amy"}],
        "opportunities": [{"id": "o-1", "name": "Deal", "account": "acc"}],
        "roles": [{"opportunity": "o-1", "contact": "c-role", "role": "user"}],
        "activities": activities,
    }


def test_the_365_day_border_exactly(graph: Graph) -> None:
    before = AS_OF - timedelta(days=365)
    inside = AS_OF - timedelta(days=364)
    import_bundle(graph, bundle_with_activities({
        "c-border": [before],                 # as_of - 365: outside (the window is after as_of - 365)
        "c-inside": [inside],                 # as_of - 364: inside
        "c-asof": [AS_OF],                    # on as_of: inside
        "c-future": [AS_OF + timedelta(days=1)],  # after as_of: outside
        "c-all": [before, inside, AS_OF, AS_OF + timedelta(days=1)],  # 2 count → occasional
    }))
    levels = interaction_levels(graph, ["c-border", "c-inside", "c-asof", "c-future", "c-all", "c-unknown"], AS_OF,
                                settings=Settings())
    assert levels == {"c-border": InteractionLevel.none, "c-inside": InteractionLevel.occasional,
                      "c-asof": InteractionLevel.occasional, "c-future": InteractionLevel.none,
                      "c-all": InteractionLevel.occasional}


def test_level_thresholds_by_count(graph: Graph) -> None:
    days = [AS_OF - timedelta(days=n) for n in range(10)]
    import_bundle(graph, bundle_with_activities({"c-2": days[:2], "c-3": days[:3], "c-9": days[:9],
                                                 "c-10": days[:10]}))
    levels = interaction_levels(graph, ["c-2", "c-3", "c-9", "c-10"], AS_OF, settings=Settings())
    assert [levels[c].value for c in ["c-2", "c-3", "c-9", "c-10"]] == ["occasional", "multiple", "multiple", "deep"]


def test_per_deal_level_counts_only_activities_about_the_deal(graph: Graph) -> None:
    deal_days = [AS_OF - timedelta(days=n) for n in (1, 2, 3)]
    import_bundle(graph, bundle_with_activities({"c-deal": [AS_OF]}, deal_days=deal_days))
    assert interaction_levels(graph, ["c-deal"], AS_OF, settings=Settings())["c-deal"] == InteractionLevel.multiple
    assert interaction_levels(graph, ["c-deal"], AS_OF, "o-1", settings=Settings()) == {
        "c-deal": InteractionLevel.multiple}
    by_deal = interaction_by_deal(graph, ["c-deal", "c-role"], AS_OF, settings=Settings())
    # c-deal: 3 activities about o-1 (the 4th is about no deal); c-role has a role but no activity → none
    assert by_deal == {"c-deal": {"o-1": InteractionLevel.multiple}, "c-role": {"o-1": InteractionLevel.none}}
    # 400 days later nothing is in the window: a deal shows only through a role or an activity in the window
    later = interaction_by_deal(graph, ["c-deal", "c-role"], AS_OF + timedelta(days=400), settings=Settings())
    assert later == {"c-deal": {}, "c-role": {"o-1": InteractionLevel.none}}


def test_contacts_api_returns_levels_as_of(client: TestClient, graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    # hand count from mini.json: c-cio has one activity (a-1, 2026-10-20, about o-wms) and a role in o-wms
    mine = [a for a in mini_bundle["activities"] if "c-cio" in a["contacts"]]
    assert [(a["date"], a.get("opportunity")) for a in mine] == [("2026-10-20", "o-wms")]
    body = client.get("/contacts/c-cio", params={"as_of": "2026-11-22"}).json()
    assert body["interaction_level"] == "occasional"
    assert body["interaction_by_deal"] == {"o-wms": "occasional"}
    before = client.get("/contacts/c-cio", params={"as_of": "2026-10-19"}).json()
    assert before["interaction_level"] == "none" and before["interaction_by_deal"] == {"o-wms": "none"}
    listed = client.get("/contacts", params={"as_of": "2026-11-22", "limit": 100}).json()["items"]
    assert {c["id"]: c["interaction_level"] for c in listed}["c-cio"] == "occasional"
    assert all("interaction_level" in c for c in listed)
