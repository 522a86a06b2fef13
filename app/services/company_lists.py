"""One page of a company-wide view (issue 15): filter, sort, then cut `offset`/`limit`; `total` counts the
rows that matched. The views themselves are computed (and kept per graph version) by their services;
this module only chooses rows, so a page costs a slice of a cached list, not a new computation.

Lists leave the per-row details out unless asked (`details=True`): a rep's per-account reasons, a
coverage row's unreachable people. Without them no default page is more than a few tens of KB.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, TypeVar

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.i18n import t
from app.models.entities import Page
from app.models.managers import CoverageRow, DepartureRiskRow, RepLevel, RepLevelAnswer
from app.services.coverage import CoverageSort, coverage
from app.services.departure import departure_impacts, departure_ranking
from app.services.level_reasons import localise
from app.services.company_state import company_state

T = TypeVar("T")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class DepartureSort(str, Enum):
    amount = "amount"            # the ranking: amount, then key contacts, then contacts, then name
    key_contacts = "key_contacts"
    contacts = "contacts"
    name = "name"


def page(rows: Sequence[T], offset: int, limit: int) -> Page[T]:
    """Rows offset..offset+limit; `total` = len(rows). Negative or oversized values are refused."""
    if offset < 0:
        raise InvalidInput(t("scale.offset_negative"))
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(t("scale.limit_range", max=MAX_LIMIT))
    return Page[Any](total=len(rows), offset=offset, limit=limit, items=list(rows[offset:offset + limit]))


def sort_by(rows: list[T], value: Callable[[T], Any], descending: bool) -> list[T]:
    """Stable sort by `value` in the given direction; rows whose value is None go last."""
    present = [r for r in rows if value(r) is not None]
    absent = [r for r in rows if value(r) is None]
    present.sort(key=value, reverse=descending)
    return present + absent


def departure_page(graph: Graph, settings: Settings, ms: ManagerSettings, *, offset: int = 0,
                   limit: int = DEFAULT_LIMIT, team: str | None = None, account: str | None = None,
                   sort: DepartureSort = DepartureSort.amount, order: str | None = None) -> Page[DepartureRiskRow]:
    """Employees by what their leaving puts at risk; `account`: only those holding contacts of that account alone."""
    rows = departure_ranking(graph, settings, ms)
    if team is not None:
        rows = [r for r in rows if r.team == team]
    if account is not None:
        impacts = departure_impacts(graph, settings, ms)
        rows = [r for r in rows if any(p.account == account for p in impacts[r.employee].at_risk)]
    if sort is not DepartureSort.amount or order == "asc":
        values: dict[DepartureSort, Callable[[DepartureRiskRow], Any]] = {
            DepartureSort.amount: lambda r: r.amount_at_risk, DepartureSort.key_contacts: lambda r: r.key_contacts,
            DepartureSort.contacts: lambda r: r.contacts, DepartureSort.name: lambda r: r.name or ""}
        descending = (order or ("asc" if sort is DepartureSort.name else "desc")) == "desc"
        rows = sort_by(rows, values[sort], descending)  # stable: ties keep the ranking's order
    return page(rows, offset, limit)


def levels_page(graph: Graph, settings: Settings, ms: ManagerSettings, *, offset: int = 0,
                limit: int = DEFAULT_LIMIT, team: str | None = None, level: RepLevel | None = None,
                details: bool = False, lang: str = "en") -> Page[RepLevelAnswer]:
    """Rep levels, best first; the per-account list (with each reason) only with `details`; reasons in `lang`."""
    state = company_state(graph, settings, ms)
    rows = state.view(("levels", team, level), lambda: [
        a for a in state.levels_sorted if (team is None or a.team == team) and (level is None or a.level is level)])
    chosen = page(rows, offset, limit)

    def shape(answer: RepLevelAnswer) -> RepLevelAnswer:
        local = localise(answer, ms, lang)
        return local if details else local.model_copy(update={"accounts": []})
    # each answer is localised once while it is current (warm pages were 744 ms at S localising every call)
    chosen.items = [state.shaped(a, ("level", lang, details), shape) for a in chosen.items]
    return chosen


def coverage_page(graph: Graph, settings: Settings, ms: ManagerSettings, *, sort: CoverageSort = CoverageSort.gap,
                  order: str | None = None, offset: int = 0, limit: int = DEFAULT_LIMIT,
                  region: str | None = None, account: str | None = None,
                  details: bool = False) -> Page[CoverageRow]:
    """Coverage per account, worst first by default; the unreachable people only with `details`."""
    rows = coverage(graph, settings, ms, sort, order)
    rows = [r for r in rows if (region is None or r.region == region) and (account is None or r.account == account)]
    chosen = page(rows, offset, limit)
    if not details:
        chosen.items = [r.model_copy(update={"unreachable": []}) for r in chosen.items]
    return chosen
