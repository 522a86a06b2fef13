"""Pure rules of the managers' views: key-account cut, level thresholds, grades, month windows, sorting."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.core.levels_config import ManagerSettings
from app.models.managers import ClosenessGrade, CoverageRow, Degrees, RepLevel
from app.services.coverage import CoverageSort, sort_rows
from app.services.degrees import closeness_grade, grade_steps
from app.services.history import as_instant, end_of_day
from app.services.key_accounts import key_count
from app.services.rep_levels import level_for, meets
from app.services.trends import month_of, month_points, shift


@pytest.mark.parametrize(("n", "percent", "expected"), [
    (10, 20, 2),     # 10 * 20 / 100 = 2 exactly (no float round-up to 3)
    (4, 20, 1),      # 0.8 -> ceil 1
    (3, 20, 1),      # 0.6 -> ceil 1
    (7, 30, 3),      # 2.1 -> ceil 3
    (10, 33.3, 4),   # 3.33 -> ceil 4
    (3, 100, 3),
    (1, 0.1, 1),     # at least one when N > 0
    (5, 0, 0),       # 0% asks for none
    (0, 20, 0),      # no accounts, no key accounts
])
def test_key_count_is_ceil_of_share_at_least_one(n: int, percent: float, expected: int) -> None:
    assert key_count(n, percent) == expected


def test_closeness_grade_boundaries() -> None:
    s = Settings()
    assert closeness_grade(39.99, s) is ClosenessGrade.poor
    assert closeness_grade(40, s) is ClosenessGrade.medium
    assert closeness_grade(59.99, s) is ClosenessGrade.medium
    assert closeness_grade(60, s) is ClosenessGrade.good
    assert closeness_grade(80, s) is ClosenessGrade.excellent
    assert closeness_grade(None, s) is None
    assert grade_steps(ClosenessGrade.good, ClosenessGrade.poor) == 2
    assert grade_steps(ClosenessGrade.medium, None) is None


def counts(m: int, g: int, e: int) -> dict[str, int]:
    return {"medium": m, "good": g, "excellent": e}


@pytest.mark.parametrize(("m", "g", "e", "level"), [
    (0, 0, 0, RepLevel.novice),
    (1, 0, 0, RepLevel.junior),    # junior: 1 medium
    (0, 1, 0, RepLevel.junior),    # a good account stands in for the medium one
    (3, 0, 0, RepLevel.junior),    # mid needs a good account
    (3, 1, 0, RepLevel.mid),       # mid: 3 medium + 1 good (total 4)
    (2, 1, 0, RepLevel.junior),    # only 3 at medium or better
    (5, 3, 0, RepLevel.mid),       # senior needs 1 excellent
    (5, 3, 1, RepLevel.senior),    # domain.md's senior floor: 5 / 3 / 1
    (4, 3, 1, RepLevel.mid),       # 8 accounts < 9
    (0, 8, 1, RepLevel.senior),    # good accounts stand in for medium ones: 1 <= e, 9 <= e + g, 9 <= all
    (10, 5, 2, RepLevel.senior),   # senior's upper bounds are still senior
    (5, 3, 3, RepLevel.senior),    # top needs 3 / 3 + 6 / 3 + 6 + 11 = 20 accounts; 11 is not enough
    (11, 6, 3, RepLevel.top),      # top: above every senior upper bound (10 / 5 / 2)
    (0, 14, 6, RepLevel.top),      # 6 >= 3, 20 >= 9, 20 >= 20
    (20, 20, 2, RepLevel.senior),  # without a third excellent account no top
])
def test_level_from_counts_with_substitution(m: int, g: int, e: int, level: RepLevel) -> None:
    found, checked = level_for(counts(m, g, e), ManagerSettings())
    assert found is level
    assert [r.level for r in checked] == [RepLevel.top, RepLevel.senior, RepLevel.mid, RepLevel.junior]


def test_meets_uses_cumulative_minimums() -> None:
    # needs 1 excellent, 3 good, 5 medium: e >= 1, e + g >= 4, e + g + m >= 9
    assert meets(counts(5, 3, 1), 5, 3, 1)
    assert meets(counts(2, 2, 5), 5, 3, 1)       # 5 >= 1, 7 >= 4, 9 >= 9
    assert not meets(counts(9, 9, 0), 5, 3, 1)


def test_month_windows_and_instants() -> None:
    assert month_of("2026-03") == (2026, 3) and month_of("2026-03-31") == (2026, 3)
    for bad in ("2026-13", "march", "2026-02-30", "2026"):
        with pytest.raises(InvalidInput):
            month_of(bad)
    assert shift((2026, 1), -1) == (2025, 12) and shift((2026, 11), 14) == (2028, 1)
    points = month_points((2026, 11), (2027, 2), 120)
    assert [p["label"] for p in points] == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert points[1]["until"] == datetime(2027, 1, 1, tzinfo=UTC)   # December = everything before 1 January
    with pytest.raises(InvalidInput):
        month_points((2026, 5), (2026, 4), 120)
    with pytest.raises(InvalidInput):
        month_points((2016, 1), (2026, 1), 120)                      # 121 months
    assert as_instant(date(2026, 5, 1)) == datetime(2026, 5, 1, tzinfo=UTC)
    assert end_of_day(date(2026, 5, 1)) == datetime(2026, 5, 2, tzinfo=UTC)
    assert as_instant(datetime(2026, 5, 1, 12)).tzinfo is UTC


def row(name: str, gap: int, share: float | None, closeness: float | None) -> CoverageRow:
    degrees = Degrees(n=1, closeness=closeness, solution_acceptance=None, price_acceptance=None,
                      missing={}, closeness_grade=None)
    return CoverageRow(account=name.lower(), name=name, basis="open_deals", key_contacts=2, reachable=2 - gap, gap=gap,
                       reachable_share=share, unreachable=[], degrees=degrees)


def test_coverage_sorting_keeps_missing_last_and_ties_by_name() -> None:
    rows = [row("Cobalt", 0, None, None), row("Acme", 0, 1.0, 50), row("Beta", 1, 0.5, 60), row("Delta", 1, 0.5, 20)]
    names = lambda rs: [r.name for r in rs]  # noqa: E731
    assert names(sort_rows(rows, CoverageSort.gap, "desc")) == ["Beta", "Delta", "Acme", "Cobalt"]
    assert names(sort_rows(rows, CoverageSort.reachable_share, "asc")) == ["Beta", "Delta", "Acme", "Cobalt"]
    assert names(sort_rows(rows, CoverageSort.reachable_share, "desc")) == ["Acme", "Beta", "Delta", "Cobalt"]
    assert names(sort_rows(rows, CoverageSort.closeness, "asc")) == ["Delta", "Acme", "Beta", "Cobalt"]
    assert names(sort_rows(rows, CoverageSort.name, "desc")) == ["Delta", "Cobalt", "Beta", "Acme"]
