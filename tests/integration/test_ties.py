"""Issue 13: derived ties in Neo4j: stored as KNOWS (live) or KNEW (dormant), manual ties win, decay, reach on
derived ties only, explanations on GET /employees/{id}/knows/{contact} and on reach's KNOWS steps.
Strengths worked by hand in tests/unit/test_ties_formula.py and in the comments here."""
from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.ingest.capture import capture_calendar
from app.services.importer import import_bundle
from app.services.ties import recompute
from tests.integration.test_capture import AS_OF, DATA, WINDOW, ics, mail, people, ties


def test_calendar_ties_live_and_dormant(graph: Graph, settings: Settings) -> None:
    import_bundle(graph, people())
    report = capture_calendar(graph, settings, ics(), **WINDOW)
    # (ann, zw) and (bob, zw): 4 meetings, last Nov 10 = as of -> 1 x 4/8 x 1 = 0.5
    # (bob, li): 1 meeting 21 days before -> 0.0981 < 0.1: dormant, kept as KNEW
    # (ann, chen): only the webinar, which does not count toward ties -> nothing
    assert ties(graph) == {("KNOWS", "e-ann", "c-zw"): 0.5, ("KNOWS", "e-bob", "c-zw"): 0.5,
                           ("KNEW", "e-bob", "c-li"): 0.0981}
    assert report["ties"] == {"as_of": "2026-11-10", "pairs": 3, "live": 2, "dormant": 1, "manual": 0, "pruned": 0}


def test_mail_then_calendar_combined(graph: Graph, settings: Settings) -> None:
    import_bundle(graph, people())
    mail(graph, settings, DATA / "one.eml", DATA / "thread.mbox", DATA / "maildir")
    # (ann, zw): out Oct 1, Nov 8; in Oct 2, Oct 13 -> 2^(-2/60) x 0.2 x 1 = 0.1954
    # (bob, zw): in Oct 13 only (one.eml from Zhang Wei) -> 0.0181 dormant; Li Na was only cc'd: no pair
    # (bob, chen): out Nov 1, in Nov 2 -> 2^(-8/60) x 0.1 x 1 = 0.0912 dormant
    assert ties(graph) == {("KNOWS", "e-ann", "c-zw"): 0.1954, ("KNEW", "e-bob", "c-zw"): 0.0181,
                           ("KNEW", "e-bob", "c-chen"): 0.0912}
    capture_calendar(graph, settings, ics(), **WINDOW)
    # (ann, zw): 4 meetings + 4 emails, last Nov 10 -> (4 + 1.6) / 8 = 0.7; (bob, zw): 4 meetings + 1 email
    # -> (4 + 0.4) / 8 = 0.55, back from dormant to KNOWS
    got = ties(graph)
    assert got[("KNOWS", "e-ann", "c-zw")] == 0.7 and got[("KNOWS", "e-bob", "c-zw")] == 0.55
    assert ("KNEW", "e-bob", "c-zw") not in got


def test_manual_tie_always_wins(client: TestClient, graph: Graph, settings: Settings) -> None:
    bundle = people()
    bundle["knows"] = [{"employee": "e-bob", "contact": "c-li"}]  # typed in a bundle, no strength, no source
    import_bundle(graph, bundle)
    assert client.put("/employees/e-ann/knows/c-zw", json={"strength": 0.9, "source": "manual"}).status_code == 201
    capture_calendar(graph, settings, ics(), **WINDOW)
    recompute(graph, settings, as_of=AS_OF)
    got = ties(graph)
    assert got[("KNOWS", "e-ann", "c-zw")] == 0.9 and got[("KNOWS", "e-bob", "c-li")] is None
    assert ("KNEW", "e-bob", "c-li") not in got  # the manual tie is the only tie of the pair
    got_tie = client.get("/employees/e-ann/knows/c-zw", params={"as_of": "2026-11-10"})
    answer = got_tie.json()
    assert answer["tie"]["source"] == "manual" and answer["tie"]["text"] == "set by hand → 0.90"
    # the same GET is also the KNOWS link's (issue 14): its properties and version, the ETag an If-Match sends back
    assert answer["properties"]["strength"] == 0.9 and got_tie.headers["ETag"] == f'"{answer["version"]}"'
    assert client.put("/employees/e-ann/knows/c-zw", json={"strength": 0.8, "source": "manual"},
                      headers={"If-Match": '"stale"'}).status_code == 412
    assert answer["captured"]["source"] == "derived" and answer["captured"]["strength"] == 0.5
    assert answer["captured"]["text"] == "4 meetings both ways, last today → 0.50"


def test_decay_to_dormant_and_back(client: TestClient, graph: Graph, settings: Settings) -> None:
    import_bundle(graph, people())
    capture_calendar(graph, settings, ics(), **WINDOW)
    assert [p["employee"]["id"] for p in client.get("/contacts/c-zw/reach").json()["paths"]] == ["e-ann", "e-bob"]
    # as of 2027-04-15: window after 2026-10-17 holds 2 meetings (Nov 4, Nov 10); last 156 days ago
    # -> 2^(-156/60) x 2/8 x 1 = 0.16494 x 0.25 = 0.0412: dormant
    totals = recompute(graph, settings, as_of=date(2027, 4, 15))
    assert totals["dormant"] == 3 and totals["live"] == 0
    assert ties(graph)[("KNEW", "e-ann", "c-zw")] == 0.0412
    assert client.get("/contacts/c-zw/reach").json()["paths"] == []  # dormant ties are not used by reach
    dormant = client.get("/employees/e-ann/knows/c-zw", params={"as_of": "2027-04-15"}).json()["tie"]
    assert dormant["dormant"] is True and dormant["text"].endswith("(dormant: below 0.1, not used by reach)")
    recompute(graph, settings, as_of=AS_OF)
    assert ties(graph)[("KNOWS", "e-ann", "c-zw")] == 0.5


def test_reach_on_derived_ties_only_with_explanations(client: TestClient, graph: Graph, settings: Settings) -> None:
    import_bundle(graph, people())  # no KNOWS at all: every tie below comes from the calendar
    capture_calendar(graph, settings, ics(), **WINDOW)
    # Li Na: Bob's own tie is dormant; both reach her through Zhang Wei, who reports to her: 0.5 x 0.6 = 0.3
    body = client.get("/contacts/c-li/reach").json()
    assert [(p["employee"]["id"], p["score"], [n["id"] for n in p["nodes"]]) for p in body["paths"]] == [
        ("e-ann", 0.3, ["e-ann", "c-zw", "c-li"]), ("e-bob", 0.3, ["e-bob", "c-zw", "c-li"])]
    step = body["paths"][0]["relationships"][0]
    assert step["type"] == "KNOWS" and step["weight"] == 0.5
    explanation = step["explanation"]
    assert explanation["source"] == "derived" and explanation["text"] == "4 meetings both ways, last today → 0.50"
    assert explanation["counts"] == {"meetings": 4, "calls": 0, "emails_out": 0, "emails_in": 0}
    assert explanation["factors"] == {"recency": 1.0, "frequency": 0.5, "reciprocity": 1.0}
    assert explanation["last_contact"] == "2026-11-10"
    assert body["paths"][0]["relationships"][1]["explanation"] is None  # REPORTS_TO steps have none
    zh = client.get("/employees/e-bob/knows/c-li", params={"as_of": "2026-11-10", "lang": "zh"}).json()
    assert zh["tie"]["text"] == "1 次会议，双向往来，最近一次在 21 天前 → 0.098（休眠：低于 0.1，不用于触达路径）"


def test_full_recompute_prunes_ties_without_activities(client: TestClient, graph: Graph, settings: Settings) -> None:
    import_bundle(graph, people())
    capture_calendar(graph, settings, ics(), **WINDOW)
    with graph.driver.session(database=graph.database) as session:
        session.run("MATCH (a:Activity)-[:WITH]->(:Contact {id: 'c-li'}) DETACH DELETE a").consume()
    totals = recompute(graph, settings, as_of=AS_OF)
    assert totals["pruned"] == 1 and ("KNEW", "e-bob", "c-li") not in ties(graph)
    assert client.get("/employees/e-bob/knows/c-li").status_code == 404
    assert client.get("/employees/e-nobody/knows/c-li").status_code == 404
    assert client.post("/ties/recompute", params={"as_of": "2026-11-10"}).json()["live"] == 2
