"""Coverage overview for executives: per account, how many key contacts our people can reach at all,
with the account's three degrees and grade (current values)."""
from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.models.managers import ContactRef, CoverageRow
from app.services.company_state import company_state

if TYPE_CHECKING:
    from app.services.company_state import CompanyState


class CoverageSort(str, Enum):
    gap = "gap"
    name = "name"
    reachable_share = "reachable_share"
    closeness = "closeness"


# Default direction per sort: the worst accounts first (biggest gap, lowest share / closeness), names A-Z.
DEFAULT_ORDER = {CoverageSort.gap: "desc", CoverageSort.name: "asc", CoverageSort.reachable_share: "asc",
                 CoverageSort.closeness: "asc"}


def coverage(graph: Graph, settings: Settings, ms: ManagerSettings, sort: CoverageSort = CoverageSort.gap,
             order: str | None = None) -> list[CoverageRow]:
    direction = order or DEFAULT_ORDER[sort]
    if direction not in ("asc", "desc"):
        raise InvalidInput("order must be asc or desc")
    state = company_state(graph, settings, ms)
    return state.view(("coverage", sort, direction), lambda: sort_rows(state.coverage_rows, sort, direction))


def account_row(state: "CompanyState", account: str) -> CoverageRow:
    """One account's row from the state: its key contacts, which of them somebody can reach, its degrees."""
    row = state.keys[account]
    people = sorted(row["key_contacts"], key=lambda c: c["id"])
    unreachable = [ContactRef(id=c["id"], name=c["name"]) for c in people if not state.sources.get(c["id"])]
    total = len(people)
    return CoverageRow(account=row["account"], name=row["name"], region=row.get("region"),
                       basis=row["basis"], key_contacts=total,
                       reachable=total - len(unreachable), gap=len(unreachable),
                       reachable_share=round((total - len(unreachable)) / total, 4) if total else None,
                       unreachable=unreachable, degrees=state.degrees[row["account"]])


def sort_rows(rows: list[CoverageRow], sort: CoverageSort, direction: str) -> list[CoverageRow]:
    """Sort by the chosen value in the chosen direction; missing values always last; ties by name, id."""
    def value(row: CoverageRow) -> float | str | None:
        if sort is CoverageSort.name:
            return row.name or ""
        if sort is CoverageSort.gap:
            return row.gap
        if sort is CoverageSort.reachable_share:
            return row.reachable_share
        return row.degrees.closeness

    by_name = sorted(rows, key=lambda r: (r.name or "", r.account))
    present = [r for r in by_name if value(r) is not None]
    absent = [r for r in by_name if value(r) is None]
    present.sort(key=value, reverse=direction == "desc")  # stable: equal values keep name order
    return present + absent
