"""Three-degree summaries (domain.md section 4) built from query rows: means, missing counts, grade."""
from __future__ import annotations

from typing import Any

from app.core.config import Settings
from app.models.managers import GRADE_ORDER, ClosenessGrade, Degrees

DEGREES = ("closeness", "solution_acceptance", "price_acceptance")


def closeness_grade(value: float | None, settings: Settings) -> ClosenessGrade | None:
    """c < 40 poor, 40 <= c < 60 medium, 60 <= c < 80 good, c >= 80 excellent (thresholds from settings)."""
    if value is None:
        return None
    if value >= settings.closeness_grade_excellent:
        return ClosenessGrade.excellent
    if value >= settings.closeness_grade_good:
        return ClosenessGrade.good
    if value >= settings.closeness_grade_medium:
        return ClosenessGrade.medium
    return ClosenessGrade.poor


def degrees_from_row(row: dict[str, Any], settings: Settings, completeness: bool = True) -> Degrees:
    """Row with n, <degree>, n_<degree> (and `complete`) -> Degrees; completeness is None without contacts."""
    n = row["n"]
    return Degrees(
        n=n,
        closeness=_round(row["closeness"]),
        solution_acceptance=_round(row["solution_acceptance"]),
        price_acceptance=_round(row["price_acceptance"]),
        missing={d: n - row[f"n_{d}"] for d in DEGREES},
        closeness_grade=closeness_grade(row["closeness"], settings),
        completeness=_round(row["complete"] / n, 4) if completeness and n else None,
    )


def grade_steps(now: ClosenessGrade | None, before: ClosenessGrade | None) -> int | None:
    if now is None or before is None:
        return None
    return GRADE_ORDER[now] - GRADE_ORDER[before]


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)
