"""Interaction level (交互程度), derived from activity counts, never typed in (domain.md section 3).

Queries count the activities in the window (after as_of - window, on or before as_of);
this maps a count to the level with the configured thresholds.
"""
from __future__ import annotations

from datetime import date, timedelta

from app.core.config import Settings
from app.models.domain import InteractionLevel


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
