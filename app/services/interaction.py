"""Interaction level (交互程度), derived from activity counts, never typed in (domain.md section 3).

Queries count the activities in the window (after as_of - window, on or before as_of);
this maps a count to the level with the configured thresholds.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.core.config import Settings, get_settings
from app.models.domain import InteractionLevel

if TYPE_CHECKING:
    from app.db.graph import Graph


def interaction_level(activity_count: int, settings: Settings) -> InteractionLevel:
    if activity_count >= settings.interaction_deep_min:
        return InteractionLevel.deep
    if activity_count >= settings.interaction_multiple_min:
        return InteractionLevel.multiple
    if activity_count >= settings.interaction_occasional_min:
        return InteractionLevel.occasional
    return InteractionLevel.none


def window_start(as_of: date, days: int) -> date:
    """Activities count when dated strictly after this day (and on or before as_of)."""
    return as_of - timedelta(days=days)


# ----------------------------------------------------------------------------- read-time levels
def interaction_levels(graph: "Graph", contact_ids: list[str], as_of: date, opportunity_id: str | None = None,
                       settings: Settings | None = None) -> dict[str, InteractionLevel]:
    """Level per contact id as of `as_of`: overall, or only activities ABOUT `opportunity_id`.

    Counted at read time (never stored) over activities dated after as_of - window and
    on or before as_of. Unknown contact ids are left out of the answer.
    """
    settings = settings or get_settings()
    start = window_start(as_of, settings.interaction_window_days)
    rows = graph.read("interaction_counts", contact_ids=list(contact_ids), start=start, as_of=as_of,
                      opportunity=opportunity_id)
    return {row["contact"]: interaction_level(row["n"], settings) for row in rows}


def interaction_by_deal(graph: "Graph", contact_ids: list[str], as_of: date,
                        settings: Settings | None = None) -> dict[str, dict[str, InteractionLevel]]:
    """Per contact, the level per opportunity: every deal the contact has a role in or an activity about.

    A deal role with no activity in the window shows as `none`, so gaps are visible.
    """
    settings = settings or get_settings()
    start = window_start(as_of, settings.interaction_window_days)
    levels: dict[str, dict[str, InteractionLevel]] = {cid: {} for cid in contact_ids}
    for row in graph.read("interaction_by_deal", contact_ids=list(contact_ids), start=start, as_of=as_of):
        levels.setdefault(row["contact"], {})[row["opportunity"]] = interaction_level(row["n"], settings)
    return levels
