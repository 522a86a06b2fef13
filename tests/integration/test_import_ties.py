"""Issue 13: activities an import writes update derived tie strength like captured ones, for the pairs touched
only (a re-import recomputes nothing; a contact taken off an activity loses the tie it gave). Strengths worked by
hand from docs/ties.md with the default settings: half-life 60 days, window 180, full frequency at 8 weighted
activities (meeting 1, call 0.7, email 0.4), one-way factor 0.5, dormant below 0.1."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle
from tests.integration.test_capture import people, ties

AS_OF = date(2026, 11, 10)


def with_activities(*rows: dict[str, Any], knows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    bundle = people()
    bundle["activities"] = list(rows)
    if knows:
        bundle["knows"] = knows
    return bundle


MEETING = {"id": "a-1", "type": "meeting", "date": "2026-11-10", "employee": "e-ann", "contacts": ["c-zw", "c-li"]}
CALL = {"id": "a-2", "type": "call", "date": "2026-10-31", "employee": "e-ann", "contacts": ["c-zw"]}
EMAIL = {"id": "a-3", "type": "email", "date": "2026-11-05", "employee": "e-bob", "contacts": ["c-zw"]}


def test_imported_activities_give_derived_ties_for_the_touched_pairs(graph: Graph, settings: Settings) -> None:
    report = import_bundle(graph, with_activities(MEETING, CALL, EMAIL), tie_settings=settings, effective_at=AS_OF)
    # (ann, zw): a meeting today and a call 10 days ago: recency 1; (1 + 0.7) / 8 = 0.2125; both ways -> 0.2125
    # (ann, li): the meeting alone: 1 / 8 = 0.125
    # (bob, zw): one email from Bob 5 days ago (a bundle email counts as sent by its employee): one way ->
    #            2^(-5/60) x 0.4/8 x 0.5 = 0.94387 x 0.05 x 0.5 = 0.0236, dormant (KNEW)
    assert ties(graph) == {("KNOWS", "e-ann", "c-zw"): 0.2125, ("KNOWS", "e-ann", "c-li"): 0.125,
                           ("KNEW", "e-bob", "c-zw"): 0.0236}
    assert report.as_dict()["ties"] == {"as_of": "2026-11-10", "pairs": 3, "live": 2, "dormant": 1, "manual": 0,
                                        "pruned": 0}

    again = import_bundle(graph, with_activities(MEETING, CALL, EMAIL), tie_settings=settings, effective_at=AS_OF)
    assert again.ties == {"as_of": "2026-11-10", "pairs": 0, "live": 0, "dormant": 0, "manual": 0, "pruned": 0}

    # Li Na is taken off the meeting; Bob's tie to Zhang Wei is now typed in (manual) and he emails him again
    newer = with_activities({**MEETING, "contacts": ["c-zw"]}, CALL, EMAIL,
                            {"id": "a-4", "type": "email", "date": "2026-11-09", "employee": "e-bob",
                             "contacts": ["c-zw"]},
                            knows=[{"employee": "e-bob", "contact": "c-zw", "strength": 0.8}])
    report = import_bundle(graph, newer, tie_settings=settings, effective_at=AS_OF)
    # touched: (ann, zw) and (ann, li) by the changed meeting, (bob, zw) by the new email.
    # (ann, zw) is as before; (ann, li) has no activity left: its derived tie goes; (bob, zw): the manual 0.8 wins
    # and the dormant KNEW beside it goes
    assert ties(graph) == {("KNOWS", "e-ann", "c-zw"): 0.2125, ("KNOWS", "e-bob", "c-zw"): 0.8}
    assert report.ties == {"as_of": "2026-11-10", "pairs": 2, "live": 1, "dormant": 0, "manual": 1, "pruned": 1}


def test_an_import_without_tie_settings_leaves_ties_alone(graph: Graph) -> None:
    report = import_bundle(graph, with_activities(MEETING))
    assert ties(graph) == {} and "ties" not in report.as_dict()


def test_post_import_recomputes_the_ties_of_its_activities(client: TestClient) -> None:
    body = client.post("/import", json=with_activities(MEETING, CALL, EMAIL)).json()
    # as of today: three pairs recomputed; how strong they are now depends on today, how many does not
    assert body["ties"]["as_of"] == date.today().isoformat() and body["ties"]["pairs"] == 3
    tie = client.get("/employees/e-ann/knows/c-zw").json()
    assert tie["captured"]["counts"] == {"meetings": 1, "calls": 1, "emails_out": 0, "emails_in": 0}
