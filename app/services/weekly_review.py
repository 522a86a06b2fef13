"""The weekly deal review (销售周会, domain.md section 11): per team and ISO week, every open deal with what
moved since the week before, ordered by what needs the manager most.

"Now" is the end of the week (today while it runs), "a week earlier" seven days before. Win rates and
degrees come from the deal's snapshots at both points (app.services.deal_history); gaps from the gap
rules as of both days (app.services.gaps, the same inputs and rules as GET .../gaps?as_of=, read for
all the review's deals at once), so "opened" and "closed" compare (code, contact) pairs.

Order (documented in docs/managers.md): priority 0 = the win rate fell (or was lost), by amount x drop
(the expected value lost) descending; priority 1 = no win rate now; priority 2 = steady or rising;
within 1 and 2 by amount descending; ties by deal id.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.chain_degrees import rounded
from app.i18n import t
from app.services.deal_history import chain_degrees_of, comparison_of, deal_points_many, states_for_day, today
from app.services.gaps import SEVERITY, coded_gaps, key_members, person_action
from app.services.history import end_of_day
from app.services.iso_weeks import parse_week, week_end, week_label
from app.services.reach import warm_paths, warm_reachable
from app.services.review_inputs import review_gap_inputs
from app.services.view_cache import cached, settings_key

DEGREES = ("closeness", "solution_acceptance", "price_acceptance")


def review_days(week: str | None, now: date | None = None) -> tuple[str, date, date]:
    """(label, the day 'now' is read at, the day a week earlier)."""
    now = now or today()
    monday = parse_week(week) if week else now - timedelta(days=now.weekday())
    day = week_end(monday, now)
    return week_label(monday), day, day - timedelta(days=7)


def priority(before: float | None, now: float | None, amount: float | None) -> tuple[int, float]:
    """(priority group, amount at stake): see the module docstring."""
    if before is not None and (now is None or now < before):
        return 0, round((amount or 0) * (before - (now or 0)), 4)
    if now is None:
        return 1, 0.0
    return 2, 0.0


def order_key(deal: dict[str, Any]) -> tuple[int, float, float, str]:
    return deal["priority"], -deal["at_stake"], -(deal["amount"] or 0), deal["opportunity"]["id"]


def _gap_ref(gap: dict[str, Any]) -> dict[str, Any]:
    return {"code": gap["code"], "severity": gap["severity"], "contact": gap["contact"]}


def review_rows(graph: Graph, settings: Settings, candidates: list[dict[str, Any]], day: date,
                before_day: date, lang: str = "en") -> list[dict[str, Any]]:
    """The rows of the review (deals not open at the end of `day` left out), unordered.

    All deals at once, a fixed number of queries whatever their number (at S a review of 200 deals took
    ~1,600 small queries one deal after another): their states at both points, the gap inputs of both
    days (one query), one warm-path check, and one reach for the people whose gap is a deal's next action.
    """
    points = deal_points_many(graph, [{"opportunity": c["id"], "points": [
        {"label": "before", "until": end_of_day(before_day)}, {"label": "now", "until": end_of_day(day)}]}
        for c in candidates])
    open_ = [c for c in candidates if not _closed(points[c["id"]][1])]
    ids = [c["id"] for c in open_]
    before_ids = [i for i in ids if _present(points[i][0]) is not None]
    # the gaps as gaps() reads them on each day: `day` by its own rule (live today), the week before
    # from its snapshots (a deal open then has one: state_for_day's first case)
    states_now = states_for_day(graph, ids, day, at_day={i: points[i][1] for i in ids})
    states_before = {i: {**points[i][0], "before_history": False, "until": end_of_day(before_day)} for i in before_ids}
    # both days of every deal in one query (only what the rules read: app.services.review_inputs)
    read = review_gap_inputs(graph, settings, [(f"now:{i}", i, day, states_now[i]) for i in ids]
                             + [(f"before:{i}", i, before_day, states_before[i]) for i in before_ids])
    inputs_now = {i: read.get(f"now:{i}") for i in ids}
    inputs_before = {i: read.get(f"before:{i}") for i in before_ids}
    warm = warm_reachable(graph, settings, sorted({cid for inputs in (*inputs_now.values(), *inputs_before.values())
                                                   if inputs is not None for cid in key_members(inputs)}))
    gaps_now = {i: _gap_set(inputs_now[i], warm, settings) for i in ids}
    gaps_before = {i: _gap_set(inputs_before[i], warm, settings) for i in before_ids}
    first = {i: next(iter(sorted(gaps_now[i].values(), key=_severity_rank)), None) for i in ids}
    paths = warm_paths(graph, settings, sorted({g["contact"]["id"] for g in first.values() if g and g["contact"]}))
    rows = []
    for c in open_:
        i = c["id"]
        before, now = points[i]
        rows.append(_row(c, before, now, gaps_now[i], gaps_before.get(i, {}), _action(first[i], paths, lang), settings))
    return rows


def _present(point: dict[str, Any]) -> dict[str, Any] | None:
    return point["deal"] if point["deal"] and point["deal"]["present"] else None


def _closed(point: dict[str, Any]) -> bool:
    deal = _present(point)
    return deal is not None and deal["stage"] in ("won", "lost")


def _gap_set(inputs: dict[str, Any] | None, warm: dict[str, bool], settings: Settings
             ) -> dict[tuple[str, str], dict[str, Any]]:
    """{(code, contact id or ""): gap} of one deal's inputs, a gap being {code, severity, contact, member, codes}
    (the member and all their codes only to word the next action)."""
    if inputs is None:
        return {}
    deal_level, coded = coded_gaps(inputs, warm, settings)
    found: dict[tuple[str, str], dict[str, Any]] = {
        (code, ""): {"code": code, "severity": SEVERITY[code], "contact": None} for code in deal_level}
    for member, codes in coded:
        ref = {"id": member["contact"]["id"], "name": member["contact"]["name"]}
        for code in codes:
            found[(code, ref["id"])] = {"code": code, "severity": SEVERITY[code], "contact": ref,
                                        "member": member, "codes": codes}
    return found


def _action(gap: dict[str, Any] | None, paths: dict[str, dict[str, Any] | None], lang: str) -> str | None:
    """The next action: the first gap's action as gaps() words it, in the review's language."""
    if gap is None:
        return None
    if gap["contact"] is None:
        return t(f"gaps.deal.{gap['code']}.action", lang)
    return person_action(gap["codes"], gap["member"], paths.get(gap["contact"]["id"]), lang)


def _row(candidate: dict[str, Any], before: dict[str, Any], now: dict[str, Any],
         gaps_now: dict[tuple[str, str], dict[str, Any]], gaps_before: dict[tuple[str, str], dict[str, Any]],
         next_action: str | None, settings: Settings) -> dict[str, Any]:
    """One row of the review from the deal's two points and its gaps then."""
    deal_now, deal_before = _present(now), _present(before)
    rate_now, rate_before = comparison_of(now, settings), comparison_of(before, settings)
    degrees_now, degrees_before = chain_degrees_of(now["members"], settings), chain_degrees_of(before["members"], settings)
    amount = (deal_now or {}).get("amount")
    group, at_stake = priority(rate_before["win_rate"], rate_now["win_rate"], amount)
    stage_now, stage_before = (deal_now or {}).get("stage"), (deal_before or {}).get("stage")
    return {
        "opportunity": {"id": candidate["id"], "name": candidate["name"]},
        "account": {"id": candidate["account"], "name": candidate["account_name"]} if candidate["account"] else None,
        "owner": {"id": candidate["owner"], "name": candidate["owner_name"]} if candidate["owner"] else None,
        "stage": stage_now, "stage_before": stage_before,
        "stage_moved": deal_before is not None and stage_now != stage_before,
        "amount": amount,
        "win_rate": rounded(rate_now["win_rate"]), "win_rate_reason": rate_now["reason"],
        "win_rate_before": rounded(rate_before["win_rate"]),
        "win_rate_change": rounded(None if rate_now["win_rate"] is None or rate_before["win_rate"] is None
                                   else rate_now["win_rate"] - rate_before["win_rate"]),
        "degrees": {d: _change(degrees_now[d]["mean"], degrees_before[d]["mean"]) for d in DEGREES},
        "gaps_opened": [_gap_ref(g) for k, g in sorted(gaps_now.items()) if k not in gaps_before],
        "gaps_closed": [_gap_ref(g) for k, g in sorted(gaps_before.items()) if k not in gaps_now],
        "next_action": next_action,
        "priority": group, "at_stake": at_stake, "alerts": [], "note": None,
    }


def _severity_rank(gap: dict[str, Any]) -> tuple[int, str, str]:
    rank = {"high": 0, "medium": 1, "low": 2}[gap["severity"]]
    return rank, gap["code"], gap["contact"]["id"] if gap["contact"] else ""


def _change(now: float | None, before: float | None) -> dict[str, float | None]:
    return {"now": rounded(now, 2), "before": rounded(before, 2),
            "change": None if now is None or before is None else round(now - before, 2)}


def weekly_review(graph: Graph, settings: Settings, week: str | None = None, team: str | None = None,
                  owner: str | None = None, lang: str = "en") -> dict[str, Any]:
    """The answer of GET /reviews/weekly: every open deal of the team (at most the configured number).

    Kept until the graph changes (app.services.view_cache, keyed by the graph's version token like the
    other company-wide views): a manager's page, its CSV and its print read it again and again between
    writes, and each answer is one small query then. The day is in the key ("now" moves at midnight).
    """
    label, day, before_day = review_days(week)
    key = (label, day.isoformat(), team, owner, lang, settings_key(settings))
    return cached(graph, "weekly_review", key, lambda: build_review(graph, settings, label, day, before_day, team,
                                                                    owner, lang))


def build_review(graph: Graph, settings: Settings, label: str, day: date, before_day: date, team: str | None,
                 owner: str | None, lang: str) -> dict[str, Any]:
    """The review read from the graph (weekly_review keeps it)."""
    limit = settings.weekly_review_max_deals
    candidates = graph.read("review_deals", team=team, owner=owner, limit=limit + 1)
    rows = review_rows(graph, settings, candidates[:limit], day, before_day, lang)
    notes = {n["opportunity"]: n["text"] for n in graph.read(
        "coaching_notes_week", week=label, opportunities=[r["opportunity"]["id"] for r in rows])}
    from app.services.alerts import alerts_by_deal  # the alerts module reads the review's deals too
    by_deal = alerts_by_deal(graph, settings, lang)
    for row in rows:
        row["note"] = notes.get(row["opportunity"]["id"])
        row["alerts"] = by_deal.get(row["opportunity"]["id"], [])
    rows.sort(key=order_key)
    return {"week": label, "as_of": day.isoformat(), "previous_as_of": before_day.isoformat(), "team": team,
            "owner": owner, "total": len(rows), "truncated": len(candidates) > limit, "deals": rows}
