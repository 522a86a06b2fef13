"""Win rate, gaps and the decision chain as of a past date, from the history of deal fields, roles and
competitor ratings (issue 17). The timeline is built by hand with dated imports; values from domain.md s.6:

  T1 2026-10-05  deal d1 (amount 100, analyse_needs, NO compelling event); k1 approver (closeness 60,
                 solution 70), k2 decision maker (40, 50); rival r1 (need 60, closeness 50)
                 -> no win rate, reason no_compelling_event
  T2 2026-10-19  compelling event, stage present_value, k1 becomes inside source
                 ours: need = mean solution (70+50)/2 = 60, closeness (60+40)/2 = 50, strength 55;
                 r1 (60+50)/2 = 55 -> raw 55 / (55+55) = 0.5, coach -> 0.5
  T3 2026-11-02  r1 re-rated (80, 80) -> 80; new rival r2 (20, 40) -> 30; k1 no longer a coach; amount 150
                 raw 55 / (55+80+30) = 1/3, no coach -> x0.7 = 0.2333
"""
from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle

pytestmark = pytest.mark.integration

T1, T2, T3 = (datetime(2026, 10, 5, 9, tzinfo=UTC), datetime(2026, 10, 19, 9, tzinfo=UTC),
              datetime(2026, 11, 2, 9, tzinfo=UTC))


def timeline_t1() -> dict[str, Any]:
    return {
        "accounts": [{"id": "acme", "name": "Acme"}],
        "contacts": [
            {"id": "k1", "name": "K One", "account": "acme", "attitude": "positive", "orientation": "technical",
             "importance": 5, "closeness": 60, "solution_acceptance": 70, "price_acceptance": 50},
            {"id": "k2", "name": "K Two", "account": "acme", "attitude": "neutral", "orientation": "balanced",
             "importance": 4, "closeness": 40, "solution_acceptance": 50, "price_acceptance": 40}],
        "employees": [{"id": "e1", "name": "Rep", "team": "north"}, {"id": "e2", "name": "Other", "team": "south"}],
        "opportunities": [{"id": "d1", "name": "Deal one", "account": "acme", "amount": 100, "stage": "analyse_needs",
                           "compelling_event": False, "owner": "e1"},
                          # review only: d2 steady at 0.65 (k1 alone: (70+60)/2 = 65, no rival: 65/100), moves stage
                          {"id": "d2", "name": "Deal two", "account": "acme", "amount": 1000, "stage": "bid",
                           "compelling_event": True, "owner": "e1"},
                          # review only: d3 never has a win rate (no compelling event), team south
                          {"id": "d3", "name": "Deal three", "account": "acme", "amount": 500, "stage": "validate",
                           "compelling_event": False, "owner": "e2"}],
        "roles": [{"opportunity": "d1", "contact": "k1", "role": "approver"},
                  {"opportunity": "d1", "contact": "k2", "role": "decision_maker"},
                  {"opportunity": "d2", "contact": "k1", "role": "approver", "inside_source": True},
                  {"opportunity": "d3", "contact": "k2", "role": "approver"}],
        "competitors": [{"id": "r1", "name": "Rival", "opportunities": [
            {"opportunity": "d1", "need_satisfaction": 60, "closeness": 50}]}],
    }


def build_timeline(graph: Graph) -> None:
    bundle = timeline_t1()
    import_bundle(graph, bundle, effective_at=T1)
    bundle = copy.deepcopy(bundle)
    bundle["opportunities"][0].update(compelling_event=True, stage="present_value")
    bundle["roles"][0]["inside_source"] = True
    import_bundle(graph, bundle, effective_at=T2)
    bundle = copy.deepcopy(bundle)
    bundle["opportunities"][0]["amount"] = 150
    bundle["opportunities"][1]["stage"] = "negotiate"
    bundle["roles"][0]["inside_source"] = False
    bundle["competitors"][0]["opportunities"][0].update(need_satisfaction=80, closeness=80)
    bundle["competitors"].append({"id": "r2", "name": "Second", "opportunities": [
        {"opportunity": "d1", "need_satisfaction": 20, "closeness": 40}]})
    import_bundle(graph, bundle, effective_at=T3)


@pytest.fixture
def timeline(graph: Graph, client: TestClient) -> TestClient:
    build_timeline(graph)
    return client


def rate(client: TestClient, day: str | None) -> dict[str, Any]:
    response = client.get("/opportunities/d1/win-rate", params={"as_of": day} if day else {})
    assert response.status_code == 200, response.text
    return response.json()


def test_win_rate_as_of_each_date(timeline: TestClient) -> None:
    first = rate(timeline, "2026-10-10")
    assert (first["win_rate"], first["reason"]) == (None, "no_compelling_event")
    assert first["state_at"].startswith("2026-10-05") and not first["before_history"]
    second = rate(timeline, "2026-10-20")
    assert second["win_rate"] == 0.5 and second["inside_source"] is True
    assert [k["id"] for k in second["competitors"]] == ["r1"]
    third = rate(timeline, "2026-11-10")
    assert third["win_rate"] == round(55 / 165 * 0.7, 4) and third["inside_source"] is False
    assert {k["id"]: k["strength"] for k in third["competitors"]} == {"r1": 80, "r2": 30}
    assert rate(timeline, None)["win_rate"] == third["win_rate"]          # live graph = latest snapshot
    # the day of a change already sees it (as of = end of that day)
    assert rate(timeline, "2026-10-19")["win_rate"] == 0.5
    assert rate(timeline, "2026-10-18")["reason"] == "no_compelling_event"
    # before anything was recorded: the first snapshot, flagged
    early = rate(timeline, "2026-09-01")
    assert early["before_history"] is True and early["reason"] == "no_compelling_event"


def test_gaps_and_chain_as_of(timeline: TestClient) -> None:
    def codes(day: str) -> set[str]:
        response = timeline.get("/opportunities/d1/gaps", params={"as_of": day})
        assert response.status_code == 200, response.text
        return {g["code"] for g in response.json()["gaps"]}

    assert {"NO_COMPELLING_EVENT", "NO_INSIDE_SOURCE"} <= codes("2026-10-10")
    at_t2 = codes("2026-10-20")
    # ours closeness 50 = r1's 50, need 60 = r1's 60: not behind; k1 is a coach
    assert not at_t2 & {"NO_COMPELLING_EVENT", "NO_INSIDE_SOURCE", "BEHIND_COMPETITOR"}
    assert {"NO_INSIDE_SOURCE", "BEHIND_COMPETITOR"} <= codes("2026-11-10")   # r1 at 80 > 50
    chain = timeline.get("/opportunities/d1/decision-chain", params={"as_of": "2026-10-20"}).json()
    assert chain["opportunity"]["stage"] == "present_value" and chain["opportunity"]["amount"] == 100
    assert [(m["contact"]["id"], m["role"], m["inside_source"]) for m in chain["members"]] == [
        ("k1", "approver", True), ("k2", "decision_maker", False)]
    assert chain["degrees"]["closeness"]["mean"] == 50
    # weighted: (4*60 + 3*40) / 7
    assert chain["degrees"]["closeness"]["weighted_mean"] == round((4 * 60 + 3 * 40) / 7, 4)
    later = timeline.get("/opportunities/d1/decision-chain", params={"as_of": "2026-11-10"}).json()
    assert later["opportunity"]["amount"] == 150


def test_audited_write_and_undo_keep_history(timeline: TestClient, graph: Graph) -> None:
    # today's write: r2 re-rated to (100, 100) -> strength 100; yesterday keeps T3's rating
    response = timeline.put("/opportunities/d1/competitors/r2", json={"need_satisfaction": 100, "closeness": 100})
    assert response.status_code == 200, response.text
    now = rate(timeline, None)
    assert now["win_rate"] == round(55 / (55 + 100 + 80) * 0.7, 4)
    assert rate(timeline, "2026-11-10")["win_rate"] == round(55 / 165 * 0.7, 4)
    states = graph.read_one("deal_first_state", opportunities=["d1"])
    assert states["first"] is not None
    entry = timeline.get("/audit", params={"entity": "COMPETES_IN"}).json()
    entry_id = (entry["items"] if isinstance(entry, dict) else entry)[0]["id"]
    assert timeline.post(f"/audit/{entry_id}/undo").status_code == 200
    assert rate(timeline, None)["win_rate"] == round(55 / 165 * 0.7, 4)
    rows = graph.driver.execute_query(
        "MATCH (s:CompeteState {competitor: 'r2', opportunity: 'd1'}) RETURN s.need_satisfaction AS n ORDER BY s.version",
        database_=graph.database).records
    assert [r["n"] for r in rows] == [20, 100, 20]   # imported, written, undone: appended, never overwritten


def test_unknown_deal_as_of_is_404(timeline: TestClient) -> None:
    response = timeline.get("/opportunities/nope/win-rate", params={"as_of": "2026-10-10"})
    assert response.status_code == 404
    assert timeline.get("/opportunities/d1/win-rate", params={"as_of": "2026-13-01"}).status_code == 422


def test_weekly_curve(timeline: TestClient) -> None:
    response = timeline.get("/opportunities/d1/win-rate/curve", params={"from": "2026-W40", "to": "2026-W46"})
    assert response.status_code == 200, response.text
    body = response.json()
    got = [(p["week"], p["win_rate"], p["reason"], p["stage"], p["stage_changed"]) for p in body["points"]]
    third = round(55 / 165 * 0.7, 4)
    assert got == [
        ("2026-W40", None, "no_history", None, False),                 # Sep 28 - Oct 4: before T1
        ("2026-W41", None, "no_compelling_event", "analyse_needs", False),
        ("2026-W42", None, "no_compelling_event", "analyse_needs", False),
        ("2026-W43", 0.5, None, "present_value", True),                # T2 on Monday Oct 19
        ("2026-W44", 0.5, None, "present_value", False),
        ("2026-W45", third, None, "present_value", False),             # T3 on Monday Nov 2
        ("2026-W46", third, None, "present_value", False)]
    assert body["stage_changes"] == [{"week": "2026-W43", "stage": "present_value"}]
    assert body["points"][1]["as_of"] == "2026-10-11" and body["points"][3]["amount"] == 100
    # a day picks its week; the window is bounded and ordered
    assert timeline.get("/opportunities/d1/win-rate/curve",
                        params={"from": "2026-10-21", "to": "2026-10-21"}).json()["points"][0]["week"] == "2026-W43"
    assert timeline.get("/opportunities/d1/win-rate/curve", params={"from": "2026-W46", "to": "2026-W40"}).status_code == 422
    assert timeline.get("/opportunities/d1/win-rate/curve", params={"from": "2020-W01", "to": "2026-W40"}).status_code == 422
    assert timeline.get("/opportunities/d1/win-rate/curve", params={"from": "soon"}).status_code == 422
    assert timeline.get("/opportunities/nope/win-rate/curve").status_code == 404


def test_curve_chart(timeline: TestClient) -> None:
    png = timeline.get("/opportunities/d1/win-rate/curve.png", params={"from": "2026-W40", "to": "2026-W46"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = timeline.get("/opportunities/d1/win-rate/curve.svg",
                       params={"from": "2026-W40", "to": "2026-W46", "lang": "zh"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content


def test_weekly_review_deltas_and_order(timeline: TestClient) -> None:
    # week 45: now = Sunday Nov 8 (T3's state), a week earlier = Nov 1 (T2's state)
    response = timeline.get("/reviews/weekly", params={"week": "2026-W45"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["week"], body["as_of"], body["previous_as_of"]) == ("2026-W45", "2026-11-08", "2026-11-01")
    # falling d1 first (150 x (0.5 - 0.2333) = 40 at stake), then d3 (no win rate), then the biggest, d2, steady
    assert [d["opportunity"]["id"] for d in body["deals"]] == ["d1", "d3", "d2"]
    d1, d3, d2 = body["deals"]
    third = round(55 / 165 * 0.7, 4)
    assert (d1["win_rate"], d1["win_rate_before"], d1["win_rate_change"]) == (third, 0.5, round(third - 0.5, 4))
    assert d1["priority"] == 0 and d1["at_stake"] == round(150 * (0.5 - 55 / 165 * 0.7), 4)
    assert d1["amount"] == 150 and not d1["stage_moved"]
    assert {g["code"] for g in d1["gaps_opened"]} == {"NO_INSIDE_SOURCE", "BEHIND_COMPETITOR"}
    assert d1["gaps_closed"] == []
    assert d1["degrees"]["closeness"] == {"now": 50, "before": 50, "change": 0}
    assert d1["next_action"]                                            # the first high-severity gap's action
    assert (d3["priority"], d3["win_rate"], d3["win_rate_reason"]) == (1, None, "no_compelling_event")
    assert (d2["priority"], d2["win_rate"], d2["win_rate_before"]) == (2, 0.65, 0.65)
    assert d2["stage_moved"] and (d2["stage_before"], d2["stage"]) == ("bid", "negotiate")
    north = timeline.get("/reviews/weekly", params={"week": "2026-W45", "team": "north"}).json()
    assert [d["opportunity"]["id"] for d in north["deals"]] == ["d1", "d2"]
    mine = timeline.get("/reviews/weekly", params={"week": "2026-W45", "owner": "e2"}).json()
    assert [d["opportunity"]["id"] for d in mine["deals"]] == ["d3"]
    assert timeline.get("/reviews/weekly", params={"week": "2026-W99"}).status_code == 422


def test_review_csv_html_and_coaching_note(timeline: TestClient) -> None:
    put = timeline.put("/reviews/weekly/2026-W45/notes/d1", json={"text": "Win back the coach"})
    assert put.status_code == 200, put.text
    assert put.json()["week"] == "2026-W45"
    again = timeline.put("/reviews/weekly/2026-11-04/notes/d1", json={"text": "Meet K One this week"})
    assert again.json() == {**put.json(), "text": "Meet K One this week"}      # a day names its week
    assert timeline.put("/reviews/weekly/2026-W45/notes/nope", json={"text": "x"}).status_code == 404
    assert timeline.put("/reviews/weekly/2026-W45/notes/d1", json={"text": ""}).status_code == 422
    review = timeline.get("/reviews/weekly", params={"week": "2026-W45"}).json()
    assert review["deals"][0]["note"] == "Meet K One this week"
    entries = timeline.get("/audit", params={"entity": "CoachingNote"}).json()
    assert [e["action"] for e in entries] == ["update", "create"]
    assert timeline.post(f"/audit/{entries[0]['id']}/undo").status_code == 200
    assert timeline.get("/reviews/weekly", params={"week": "2026-W45"}).json()["deals"][0]["note"] == "Win back the coach"
    csv_text = timeline.get("/reviews/weekly.csv", params={"week": "2026-W45"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    lines = csv_text.text.strip().split("\n")
    assert lines[0].startswith("rank,opportunity,name") and len(lines) == 4
    assert lines[1].startswith("1,d1,Deal one,acme,e1,present_value,present_value,no,150.0")
    page = timeline.get("/reviews/weekly.html", params={"week": "2026-W45", "lang": "zh"})
    assert page.status_code == 200 and "销售周会 2026-W45" in page.text and "Deal one" in page.text


def test_review_reads_the_gaps_of_each_deal_as_of_both_days(graph: Graph, timeline: TestClient) -> None:
    """The review reads the gaps of all its deals in one batch (weekly_review.review_rows); each row must
    still say what GET /opportunities/{id}/gaps?as_of= says for the two days: the gaps opened and closed
    between them and the first gap's action. Weeks before the history (W40), inside it, and the current
    week (read live); a KNOWS tie so that some actions name a colleague and a path."""
    import_bundle(graph, {"knows": [{"employee": "e2", "contact": "k1", "strength": 0.8}]})
    checked = 0
    for week in ("2026-W40", "2026-W41", "2026-W43", "2026-W45", "2026-W46", None):
        review = timeline.get("/reviews/weekly", params={"week": week} if week else {}).json()
        assert {d["opportunity"]["id"] for d in review["deals"]} == {"d1", "d2", "d3"}, week
        for row in review["deals"]:
            opp = row["opportunity"]["id"]
            now = timeline.get(f"/opportunities/{opp}/gaps", params={"as_of": review["as_of"]}).json()["gaps"]
            keys_now = {(g["code"], (g["contact"] or {}).get("id")) for g in now}
            keys_before: set[tuple[str, str | None]] = set()
            if row["stage_before"] is not None:  # open a week earlier: that day's gaps
                before = timeline.get(f"/opportunities/{opp}/gaps", params={"as_of": review["previous_as_of"]})
                keys_before = {(g["code"], (g["contact"] or {}).get("id")) for g in before.json()["gaps"]}
            opened = {(g["code"], (g["contact"] or {}).get("id")) for g in row["gaps_opened"]}
            closed = {(g["code"], (g["contact"] or {}).get("id")) for g in row["gaps_closed"]}
            assert (opened, closed) == (keys_now - keys_before, keys_before - keys_now), (week, opp)
            assert row["next_action"] == (now[0]["action"] if now else None), (week, opp)
            checked += 1
    assert checked == 18
    # the tie shows in an action: e2 (Other) is the colleague to ask for k1 somewhere in this week's rows
    actions = [d["next_action"] for d in timeline.get("/reviews/weekly").json()["deals"]]
    assert any("Ask Other for an introduction" in (a or "") for a in actions), actions


def test_review_speaks_the_readers_language(graph: Graph, timeline: TestClient) -> None:
    """Every text of the review comes in its `lang`: each row's next action is GET .../gaps?lang=zh's first
    action for that day (the same rules, worded in 中文), and the page shows gap labels, not codes."""
    import_bundle(graph, {"knows": [{"employee": "e2", "contact": "k1", "strength": 0.8}]})
    for week in ("2026-W45", None):
        params = {"lang": "zh", **({"week": week} if week else {})}
        zh = timeline.get("/reviews/weekly", params=params).json()
        en = timeline.get("/reviews/weekly", params={k: v for k, v in params.items() if k != "lang"}).json()
        assert [d["opportunity"]["id"] for d in zh["deals"]] == [d["opportunity"]["id"] for d in en["deals"]]
        for row, english in zip(zh["deals"], en["deals"]):
            gaps = timeline.get(f"/opportunities/{row['opportunity']['id']}/gaps",
                                params={"as_of": zh["as_of"], "lang": "zh"}).json()["gaps"]
            assert row["next_action"] == (gaps[0]["action"] if gaps else None), (week, row["opportunity"]["id"])
            assert (row["next_action"] is None) == (english["next_action"] is None)
            if row["next_action"]:
                assert row["next_action"] != english["next_action"]
                assert any("\u4e00" <= ch <= "\u9fff" for ch in row["next_action"]), row["next_action"]
    page = timeline.get("/reviews/weekly.html", params={"week": "2026-W45", "lang": "zh"}).text
    # d1 opened NO_INSIDE_SOURCE and BEHIND_COMPETITOR in W45 (test_weekly_review_deltas_and_order)
    assert 'title="NO_INSIDE_SOURCE">+没有内部消息来源' in page and "+NO_INSIDE_SOURCE" not in page
    english_page = timeline.get("/reviews/weekly.html", params={"week": "2026-W45"}).text
    assert 'title="BEHIND_COMPETITOR">+Behind a competitor' in english_page


def test_brm_review_in_both_languages(timeline: TestClient, settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`brm review` prints the same review as the API, its headings and next actions in BRM_LANG's language."""
    from typer.testing import CliRunner

    from app.cli import app

    monkeypatch.setattr("app.cli.common.get_settings", lambda: settings)
    monkeypatch.setattr("app.cli.time_cmds.get_settings", lambda: settings)
    runner = CliRunner()
    outputs = {}
    for lang in ("en", "zh"):
        result = runner.invoke(app, ["review", "--week", "2026-W45"], env={"COLUMNS": "400", "BRM_LANG": lang})
        assert result.exit_code == 0, result.output
        outputs[lang] = result.output
        artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"  # to read, like the screenshots
        artifacts.mkdir(exist_ok=True)
        (artifacts / f"17-brm-review-{lang}.txt").write_text(result.output, encoding="utf-8")
        first = timeline.get("/reviews/weekly", params={"week": "2026-W45", "lang": lang}).json()["deals"][0]
        assert first["next_action"][:12] in result.output, (lang, first["next_action"])
    assert "weekly review 2026-W45" in outputs["en"] and "next action" in outputs["en"]
    assert "销售周会 2026-W45" in outputs["zh"] and "下一步行动" in outputs["zh"] and "next action" not in outputs["zh"]
