"""The weekly deal review (销售周会, domain.md section 11): per team and ISO week, every open deal with what
moved since the week before, ordered by what needs the manager most.

"Now" is the end of the week (today while it runs), "a week earlier" seven days before. Win rates and
degrees come from the deal's snapshots at both points (app.services.deal_history); gaps from the gap
rules as of both days (app.services.gaps), so "opened" and "closed" compare (code, contact) pairs.

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
from app.services.deal_history import chain_degrees_of, comparison_of, deal_points, today
from app.services.gaps import gaps
from app.services.history import end_of_day
from app.services.iso_weeks import parse_week, week_end, week_label

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


def _gap_keys(answer: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(g["code"], g["contact"]["id"] if g["contact"] else ""): g for g in answer["gaps"]}


def _gap_ref(gap: dict[str, Any]) -> dict[str, Any]:
    return {"code": gap["code"], "severity": gap["severity"], "contact": gap["contact"]}


def review_deal(graph: Graph, settings: Settings, candidate: dict[str, Any], day: date,
                before_day: date) -> dict[str, Any] | None:
    """One row of the review, or None when the deal was not open at the end of `day`."""
    opp = candidate["id"]
    before, now = deal_points(graph, opp, [{"label": "before", "until": end_of_day(before_day)},
                                           {"label": "now", "until": end_of_day(day)}])
    deal_now = now["deal"] if now["deal"] and now["deal"]["present"] else None
    if deal_now is not None and deal_now["stage"] in ("won", "lost"):
        return None
    deal_before = before["deal"] if before["deal"] and before["deal"]["present"] else None
    rate_now, rate_before = comparison_of(now, settings), comparison_of(before, settings)
    degrees_now, degrees_before = chain_degrees_of(now["members"], settings), chain_degrees_of(before["members"], settings)
    gaps_now = _gap_keys(gaps(graph, settings, opp, as_of=day))
    gaps_before = _gap_keys(gaps(graph, settings, opp, as_of=before_day)) if deal_before else {}
    amount = (deal_now or {}).get("amount")
    group, at_stake = priority(rate_before["win_rate"], rate_now["win_rate"], amount)
    first_gap = next(iter(sorted(gaps_now.values(), key=_severity_rank)), None)
    stage_now, stage_before = (deal_now or {}).get("stage"), (deal_before or {}).get("stage")
    return {
        "opportunity": {"id": opp, "name": candidate["name"]},
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
        "next_action": first_gap["action"] if first_gap else None,
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
    """The answer of GET /reviews/weekly: every open deal of the team (at most the configured number)."""
    label, day, before_day = review_days(week)
    limit = settings.weekly_review_max_deals
    candidates = graph.read("review_deals", team=team, owner=owner, limit=limit + 1)
    rows = [r for c in candidates[:limit] if (r := review_deal(graph, settings, c, day, before_day)) is not None]
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
