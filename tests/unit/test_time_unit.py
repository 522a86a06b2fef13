"""Pure parts of the time features (issue 17): ISO weeks, chain degrees of a snapshot, review ordering."""
from __future__ import annotations

from datetime import date

import pytest

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.services.deal_history import chain_degrees_of, sorted_members
from app.services.iso_weeks import parse_week, week_end, week_label, weeks


def test_iso_weeks() -> None:
    assert parse_week("2026-W48") == date(2026, 11, 23)            # Monday of ISO week 48
    assert parse_week("2026-11-29") == date(2026, 11, 23)          # a Sunday belongs to the week before Monday
    assert week_label(date(2027, 1, 1)) == "2026-W53"              # 2026 has 53 ISO weeks
    assert week_end(date(2026, 11, 23), date(2026, 12, 31)) == date(2026, 11, 29)
    assert week_end(date(2026, 11, 30), date(2026, 12, 1)) == date(2026, 12, 1)   # running week: today
    assert weeks(date(2026, 11, 23), date(2026, 12, 7), 10) == [date(2026, 11, 23), date(2026, 11, 30),
                                                                 date(2026, 12, 7)]
    for bad in ("2026-W60", "W48", "2026-13-01"):
        with pytest.raises(InvalidInput):
            parse_week(bad)
    with pytest.raises(InvalidInput):
        weeks(date(2026, 12, 7), date(2026, 11, 23), 10)
    with pytest.raises(InvalidInput):
        weeks(date(2026, 1, 5), date(2026, 12, 7), 10)


def member(cid: str, role: str, closeness: float | None) -> dict[str, object]:
    return {"id": cid, "role": role, "closeness": closeness, "solution_acceptance": None, "price_acceptance": 50}


def test_chain_degrees_of_a_snapshot() -> None:
    settings = Settings()
    members = [member("b", "user", 20), member("a", "approver", 80), member("c", "evaluator", None)]
    degrees = chain_degrees_of(members, settings)
    assert degrees["closeness"] == {"mean": 50, "weighted_mean": (4 * 80 + 1 * 20) / 5, "n": 2, "missing": 1}
    assert degrees["solution_acceptance"] == {"mean": None, "weighted_mean": None, "n": 0, "missing": 3}
    assert [m["id"] for m in sorted_members(members)] == ["a", "c", "b"]


def test_lines_valid_on_a_day_from_their_states() -> None:
    """a -> m drawn Jan 1, ended Mar 1, drawn again (dotted) Apr 1; b -> m drawn Feb 1 (states out of order)."""
    from datetime import UTC, datetime

    from app.services.account_map_as_of import lines_valid_on

    def state(contact: str, day: str, present: bool, dotted: bool = False, version: int = 1) -> dict[str, object]:
        return {"contact": contact, "manager": "m", "present": present, "dotted": dotted, "version": version,
                "at": datetime.fromisoformat(day).replace(tzinfo=UTC)}

    states = [state("a", "2026-04-01", True, True), state("b", "2026-02-01", True), state("a", "2026-01-01", True),
              state("a", "2026-03-01", False)]
    on = lambda day: lines_valid_on(states, datetime.fromisoformat(day).replace(tzinfo=UTC))  # noqa: E731
    assert on("2026-01-15") == [{"from": "a", "to": "m", "dotted": False}]
    assert on("2026-02-15") == [{"from": "a", "to": "m", "dotted": False}, {"from": "b", "to": "m", "dotted": False}]
    assert on("2026-03-15") == [{"from": "b", "to": "m", "dotted": False}]
    assert on("2026-04-15") == [{"from": "a", "to": "m", "dotted": True}, {"from": "b", "to": "m", "dotted": False}]
    assert on("2025-12-31") == []
