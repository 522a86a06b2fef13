"""The win-rate curve (概率曲线, domain.md section 11): one win rate per ISO week, read from history.

Each week's point is the deal as it stood at the end of that week (app.services.deal_history, one query
for all weeks), run through the section 6 rules; where no win rate can be computed the point carries the
reason (no_history before the deal's first snapshot). A point whose stage differs from the previous
point's is marked `stage_changed`, so the chart can draw the stage changes.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.core.config import Settings
from app.core.errors import InvalidInput, NotFound
from app.db.graph import Graph
from app.services.chain_degrees import rounded
from app.services.deal_history import comparison_of, deal_points, today
from app.services.iso_weeks import parse_week, week_end, week_label, week_points, weeks


def curve_window(start: str | None, end: str | None, settings: Settings, now: date | None = None) -> list[date]:
    """The Mondays of the requested weeks: `to` defaults to this week, `from` to N-1 weeks before `to`."""
    now = now or today()
    this_week = now - timedelta(days=now.weekday())
    last = parse_week(end, "to") if end else this_week
    if last > this_week:
        raise InvalidInput("`to` is after the current week: the future has no win rate yet",
                           [{"key": None, "row": None, "field": "to", "message": "after the current week",
                             "value": end}])
    first = parse_week(start, "from") if start else last - timedelta(weeks=settings.win_rate_curve_default_weeks - 1)
    return weeks(first, last, settings.win_rate_curve_max_weeks)


def curve_points(graph: Graph, settings: Settings, opportunity_id: str, mondays: list[date],
                 now: date | None = None) -> list[dict[str, Any]]:
    """One point per week: win rate (or None with its reason), stage, amount, whether the stage moved."""
    now = now or today()
    rows = deal_points(graph, opportunity_id, week_points(mondays, now))
    points, previous_stage = [], None
    for monday, row in zip(mondays, rows):
        comparison = comparison_of(row, settings)
        deal = row["deal"] if row["deal"] and row["deal"]["present"] else None
        stage = deal["stage"] if deal else None
        points.append({
            "week": week_label(monday), "start": monday.isoformat(), "as_of": week_end(monday, now).isoformat(),
            "win_rate": rounded(comparison["win_rate"]), "reason": comparison["reason"],
            "stage": stage, "stage_changed": bool(points) and deal is not None and stage != previous_stage
            and previous_stage is not None,
            "amount": deal["amount"] if deal else None,
        })
        if deal is not None:
            previous_stage = stage
    return points


def win_rate_curve(graph: Graph, settings: Settings, opportunity_id: str, start: str | None = None,
                   end: str | None = None) -> dict[str, Any]:
    """The answer of GET /opportunities/{id}/win-rate/curve: the deal, its weekly points, the stage changes."""
    brief = graph.read_one("opportunity_brief", id=opportunity_id)
    if brief is None and graph.read_one("deal_first_state", opportunities=[opportunity_id])["first"] is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", entity="Opportunity", id=opportunity_id)
    points = curve_points(graph, settings, opportunity_id, curve_window(start, end, settings))
    changes = [{"week": p["week"], "stage": p["stage"]} for p in points if p["stage_changed"]]
    return {"opportunity": {"id": opportunity_id, "name": brief["name"] if brief else None},
            "points": points, "stage_changes": changes}
