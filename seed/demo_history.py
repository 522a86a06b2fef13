"""18 months of demo history: monthly states that lead up to the demo bundle (issue 19).

`steps(bundle)` gives (day, partial bundle) pairs, one per month end from June 2025 to October 2026;
`brm demo` imports them in order with `effective_at=day`, then the bundle itself, so every trend has
points and the managers' views can be read as of a past month. Derived from the final bundle with a
fixed seed (same bundle, same history), so demo.json stays the one file to edit:
* degrees and attitudes drift towards today's values (Jinhai's key people warm up over the year; the
  CFO cools, which is the veto story);
* our employees' ties appear from their `since` date, weaker at first;
* open deals appear a few months before their stage and move one stage every two or three months.
"""
from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from typing import Any

STAGES = ("validate", "initiate", "analyse_needs", "present_value", "prepare_bid", "bid", "negotiate")
ATTITUDES = ("strong_negative", "negative", "neutral", "positive", "strong_positive")
DEGREES = ("closeness", "solution_acceptance", "price_acceptance")
MONTHS = 17  # month ends before the final import: Jun 2025 … Oct 2026; the final bundle is the 18th
COOLING = {"c-jh-cfo", "c-jh-acct", "c-jh-cpo"}  # the veto camp was friendlier a year ago
Row = dict[str, Any]


def month_ends(first: date = date(2025, 6, 30), count: int = MONTHS) -> list[date]:
    out, year, month = [], first.year, first.month
    for _ in range(count):
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        out.append(nxt - timedelta(days=1))
        year, month = nxt.year, nxt.month
    return out


def _earlier(value: float | None, drift: float, left: float) -> float | None:
    """The value `left` (1 = at the start, 0 = today) of the way back along a drift of `drift`."""
    if value is None:
        return None
    return round(min(100.0, max(0.0, value - drift * left)), 1)


def _attitude(attitude: str | None, shift: int) -> str | None:
    if attitude is None:
        return None
    return ATTITUDES[min(len(ATTITUDES) - 1, max(0, ATTITUDES.index(attitude) + shift))]


def steps(bundle: dict[str, list[Row]], seed: int = 20250601) -> list[tuple[date, dict[str, list[Row]]]]:
    rng = random.Random(seed)
    days = month_ends()
    drift = {c["id"]: (-15.0 if c["id"] in COOLING else rng.uniform(-4, 22)) for c in bundle["contacts"]}
    opened = {}
    for opp in bundle["opportunities"]:
        final = STAGES.index(opp["stage"]) if opp.get("stage") in STAGES else len(STAGES) - 1
        opened[opp["id"]] = max(0, MONTHS - 1 - final * rng.choice((2, 3)) - rng.randint(0, 2))
    out = []
    for index, day in enumerate(days):
        left = (MONTHS - index) / MONTHS  # 1 at the first month, → 0 towards today
        contacts = []
        for row in bundle["contacts"]:
            row = copy.deepcopy(row)
            for key in DEGREES:
                if key in row:
                    row[key] = _earlier(row[key], drift[row["id"]], left)
            if left > 0.5:
                row["attitude"] = _attitude(row.get("attitude"), 1 if drift[row["id"]] < 0 else -1 if drift[row["id"]] > 12 else 0)
            if row.get("attitude") is None:
                row.pop("attitude", None)
            contacts.append(row)
        knows = [{**k, "strength": round(max(0.1, k["strength"] * (1 - 0.4 * left)), 2)} for k in bundle["knows"]
                 if k.get("since", "0000") <= day.isoformat()]
        deals = []
        for opp in bundle["opportunities"]:
            if index < opened[opp["id"]]:
                continue
            final = STAGES.index(opp["stage"]) if opp.get("stage") in STAGES else len(STAGES) - 1
            reached = min(final, (index - opened[opp["id"]]) // 2)
            done = opp.get("stage") in ("won", "lost") and opp.get("close_date", "9999") <= day.isoformat()
            deals.append({**opp, "stage": opp["stage"] if done else STAGES[reached]})
        open_ids = {o["id"] for o in deals}
        roles = [copy.deepcopy(r) for r in bundle["roles"] if r["opportunity"] in open_ids]
        for role in roles:
            for key in DEGREES:
                if key in role:
                    role[key] = _earlier(role[key], drift[role["contact"]], left)
        part: dict[str, list[Row]] = {"contacts": contacts, "knows": knows, "opportunities": deals, "roles": roles}
        if index == 0:  # the organisation itself exists from the start
            for key in ("accounts", "departments", "reports_to", "influences", "circles", "employees"):
                part[key] = copy.deepcopy(bundle[key])
            part = {k: part[k] for k in ("accounts", "departments", "contacts", "reports_to", "influences",
                                         "circles", "employees", "knows", "opportunities", "roles")}
        out.append((day, part))
    return out
