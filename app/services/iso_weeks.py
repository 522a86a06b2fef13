"""ISO weeks (2026-W48) for the weekly curve and the weekly review: parse, name, and the instant a week ends.

A week's point is the state at the end of its Sunday (UTC), or at the end of today for the current week.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from app.core.errors import InvalidInput
from app.services.history import end_of_day

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str, field: str = "week") -> date:
    """'2026-W48' -> that week's Monday; a date 'YYYY-MM-DD' -> the Monday of its week. InvalidInput otherwise."""
    match = WEEK.match(text.strip())
    try:
        if match:
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
        day = date.fromisoformat(text.strip())
        return day - timedelta(days=day.weekday())
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not an ISO week (YYYY-Www) or a date (YYYY-MM-DD)",
                           [{"key": None, "row": None, "field": field, "message": "not an ISO week or a date",
                             "value": text}]) from None


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_end(monday: date, today: date) -> date:
    """The day whose end the week's point is read at: its Sunday, or today while the week is running."""
    return min(monday + timedelta(days=6), today)


def weeks(first: date, last: date, max_weeks: int) -> list[date]:
    """Mondays from `first`'s week to `last`'s week, inclusive; InvalidInput when reversed or too many."""
    count = (last - first).days // 7 + 1
    if count < 1:
        raise InvalidInput("`from` must not be after `to`",
                           [{"key": None, "row": None, "field": "from", "message": "after `to`"}])
    if count > max_weeks:
        raise InvalidInput(f"at most {max_weeks} weeks per curve",
                           [{"key": None, "row": None, "field": "from", "message": f"more than {max_weeks} weeks"}])
    return [first + timedelta(weeks=i) for i in range(count)]


def week_points(mondays: list[date], today: date) -> list[dict[str, object]]:
    """{label, until} per week for the snapshot queries (`until`: the first instant after the week's point)."""
    return [{"label": week_label(m), "until": end_of_day(week_end(m, today))} for m in mondays]
