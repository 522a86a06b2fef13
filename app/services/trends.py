"""Degrees as of a date and month by month, read from history snapshots (app.services.history).

A month's point is the state at the END of that month (states captured before the first
day of the next month, UTC); the current month's point is therefore "so far".
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.core.errors import InvalidInput, NotFound
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.models.managers import (
    AccountDegrees, AccountOperation, AccountOperations, Change, Degrees, Trend, TrendPoint,
)
from app.services.degrees import DEGREES, degrees_from_row, grade_steps
from app.services.history import as_instant, end_of_day


def month_of(text: str) -> tuple[int, int]:
    """'2026-03' or '2026-03-15' -> (2026, 3); InvalidInput otherwise."""
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 3:
            date(*parts)
        if len(parts) not in (2, 3) or not 1 <= parts[1] <= 12 or parts[0] < 1:
            raise ValueError
    except ValueError:
        raise InvalidInput(f"{text!r} is not a month (YYYY-MM) or a date (YYYY-MM-DD)") from None
    return parts[0], parts[1]


def shift(month: tuple[int, int], by: int) -> tuple[int, int]:
    index = month[0] * 12 + month[1] - 1 + by
    return index // 12, index % 12 + 1


def label(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def month_points(first: tuple[int, int], last: tuple[int, int], max_months: int) -> list[dict[str, Any]]:
    """{label, until} for each month first..last; until = first instant of the following month."""
    count = (last[0] * 12 + last[1]) - (first[0] * 12 + first[1]) + 1
    if count < 1:
        raise InvalidInput("`from` must not be after `to`")
    if count > max_months:
        raise InvalidInput(f"at most {max_months} months per trend")
    months = [shift(first, i) for i in range(count)]
    return [{"label": label(m), "until": as_instant(date(*shift(m, 1), 1))} for m in months]


def window(start: str | None, end: str | None, ms: ManagerSettings, today: date | None = None) -> list[dict[str, Any]]:
    today = today or date.today()
    last = month_of(end) if end else (today.year, today.month)
    first = month_of(start) if start else shift(last, -(ms.trend_default_months - 1))
    return month_points(first, last, ms.trend_max_months)


# ----------------------------------------------------------------------------- accounts
def account_degrees(graph: Graph, settings: Settings, account_id: str, as_of: date | None = None) -> AccountDegrees:
    """Current values (as_of None) or the snapshots' values at the end of `as_of`."""
    account = _account(graph, account_id)
    if as_of is None:
        row = graph.read("account_degrees_live", accounts=[account_id])[0]
    else:
        row = graph.read("trend_account_points", account=account_id,
                         points=[{"label": as_of.isoformat(), "until": end_of_day(as_of)}])[0]
    return AccountDegrees(account=account_id, name=account["name"], as_of=as_of.isoformat() if as_of else None,
                          degrees=degrees_from_row(row, settings))


def account_trend(graph: Graph, settings: Settings, account_id: str, points: list[dict[str, Any]]) -> Trend:
    account = _account(graph, account_id)
    rows = graph.read("trend_account_points", account=account_id, points=points)
    return Trend(kind="account", id=account_id, name=account["name"],
                 points=[TrendPoint(month=r["label"], degrees=degrees_from_row(r, settings)) for r in rows])


# ----------------------------------------------------------------------------- deals
def opportunity_trend(graph: Graph, settings: Settings, opportunity_id: str, points: list[dict[str, Any]]) -> Trend:
    """Decision-chain means and role-weighted means month by month (ROLE_IN value, else the contact's)."""
    deal = graph.read_one("opportunity_brief", id=opportunity_id)
    if deal is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", entity="Opportunity", id=opportunity_id)
    weights = {"approver": settings.role_weight_approver, "decision_maker": settings.role_weight_decision_maker,
               "evaluator": settings.role_weight_evaluator, "user": settings.role_weight_user}
    rows = graph.read("trend_opportunity_points", opportunity=opportunity_id, points=points, weights=weights)
    result = []
    for r in rows:
        weighted = {d: (round(r[f"wsum_{d}"] / r[f"w_{d}"], 2) if r[f"w_{d}"] else None) for d in DEGREES}
        result.append(TrendPoint(month=r["label"], degrees=degrees_from_row({**r, "complete": 0}, settings, False),
                                 weighted=weighted))
    return Trend(kind="opportunity", id=opportunity_id, name=deal["name"], points=result)


# ----------------------------------------------------------------------------- account operations
def account_operations(graph: Graph, settings: Settings, employee_id: str, month: str | None = None) -> AccountOperations:
    """For each account the rep owns deals in: the month's values, last month's and a year ago's, and the changes
    (环比 month on month, 同比 year on year). Inputs of an 'account operations' score, not a score."""
    employee = graph.read_one("employee_brief", id=employee_id)
    if employee is None:
        raise NotFound(f"no employee with id {employee_id!r}", entity="Employee", id=employee_id)
    today = date.today()
    current = month_of(month) if month else (today.year, today.month)
    wanted = [shift(current, -12), shift(current, -1), current]
    points = [{"label": label(m), "until": as_instant(date(*shift(m, 1), 1))} for m in wanted]
    accounts = []
    for acc in graph.read("rep_owned_accounts", id=employee_id):
        rows = graph.read("trend_account_points", account=acc["id"], points=points)
        year_ago, previous, now = (degrees_from_row(r, settings) for r in rows)
        accounts.append(AccountOperation(account=acc["id"], name=acc["name"], deals=sorted(acc["deals"]),
                                         current=now, previous_month=previous, year_ago=year_ago,
                                         month_on_month=change(now, previous), year_on_year=change(now, year_ago)))
    return AccountOperations(employee=employee_id, name=employee["name"], month=label(current), accounts=accounts)


def change(now: Degrees, before: Degrees) -> Change:
    def diff(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round(a - b, 4)

    return Change(closeness=diff(now.closeness, before.closeness),
                  solution_acceptance=diff(now.solution_acceptance, before.solution_acceptance),
                  price_acceptance=diff(now.price_acceptance, before.price_acceptance),
                  completeness=diff(now.completeness, before.completeness),
                  closeness_grade_steps=grade_steps(now.closeness_grade, before.closeness_grade))


def _account(graph: Graph, account_id: str) -> dict[str, Any]:
    account = graph.read_one("account_brief", id=account_id)
    if account is None:
        raise NotFound(f"no account with id {account_id!r}", entity="Account", id=account_id)
    return account
