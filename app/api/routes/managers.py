"""Managers' and executives' views (issue 9): key accounts, rep levels, departure risk, coverage.

Included in app.api.router BEFORE the CRUD routers, so /accounts/scores and /employees/levels
are not taken for an id by /accounts/{id} or /employees/{id}.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import GraphDep, LangDep, SettingsDep
from app.core.levels_config import ManagerSettings, get_manager_settings
from app.models.entities import Page
from app.models.managers import (
    AccountOperations, CoverageRow, DepartureImpact, DepartureRiskRow, KeyAccountScores, RepLevel, RepLevelAnswer,
)
from app.services.company_lists import (
    DEFAULT_LIMIT, MAX_LIMIT, DepartureSort, coverage_page, departure_page, levels_page,
)
from app.services.coverage import CoverageSort
from app.services.departure import departure_impact
from app.services.key_accounts import score_accounts
from app.services.level_reasons import localise
from app.services.rep_levels import rep_levels
from app.services.trends import account_operations

ManagerSettingsDep = Annotated[ManagerSettings, Depends(get_manager_settings)]
Weight = Annotated[float | None, Query(ge=0, le=1000, description="overrides the configured weight (0..1000)")]
# issue 15: every company-wide list is one page of `limit` rows from `offset`; `total` counts every match
Offset = Annotated[int, Query(ge=0, description="rows to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")]
Order = Annotated[str | None, Query(pattern="^(asc|desc)$")]
Details = Annotated[bool, Query(description="include the per-row details (reasons, people)")]

router = APIRouter(tags=["managers"])


@router.get("/accounts/scores", response_model=KeyAccountScores)
def get_account_scores(graph: GraphDep, settings: SettingsDep,
                       top_percent: Annotated[float | None, Query(ge=0, le=100)] = None,
                       w_revenue: Weight = None, w_potential: Weight = None,
                       w_demonstration: Weight = None, w_winnability: Weight = None,
                       offset: Offset = 0, limit: Limit = DEFAULT_LIMIT, region: str | None = None,
                       key_only: bool = False) -> KeyAccountScores:
    """综合累计积分法: all accounts ranked, the top X% marked as key accounts; one page of them."""
    weights = {"revenue": w_revenue, "potential": w_potential, "demonstration": w_demonstration,
               "winnability": w_winnability}
    return score_accounts(graph, settings, top_percent, weights, offset=offset, limit=limit, region=region,
                          key_only=key_only)


@router.get("/employees/levels", response_model=Page[RepLevelAnswer])
def get_levels(graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep, lang: LangDep, offset: Offset = 0,
               limit: Limit = DEFAULT_LIMIT, team: str | None = None, level: RepLevel | None = None,
               details: Details = False) -> Page[RepLevelAnswer]:
    """销售等级 of every employee, best level first; each rep's accounts and reasons with details=true
    (reasons in the answer's language)."""
    return levels_page(graph, settings, ms, offset=offset, limit=limit, team=team, level=level, details=details,
                       lang=lang)


@router.get("/employees/departure-risk", response_model=Page[DepartureRiskRow])
def get_departure_risk(graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep, offset: Offset = 0,
                       limit: Limit = DEFAULT_LIMIT, team: str | None = None,
                       account: Annotated[str | None, Query(description="only employees who alone reach "
                                                                      "someone of this account")] = None,
                       sort: DepartureSort = DepartureSort.amount, order: Order = None) -> Page[DepartureRiskRow]:
    """Employees ranked by what their leaving would put at risk (amount, then key contacts)."""
    return departure_page(graph, settings, ms, offset=offset, limit=limit, team=team, account=account, sort=sort,
                          order=order)


@router.get("/employees/{employee_id}/level", response_model=RepLevelAnswer)
def get_level(employee_id: str, graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep,
              lang: LangDep) -> RepLevelAnswer:
    return localise(rep_levels(graph, settings, ms, employee_id)[0], ms, lang)


@router.get("/employees/{employee_id}/departure-impact", response_model=DepartureImpact)
def get_departure_impact(employee_id: str, graph: GraphDep, settings: SettingsDep,
                         ms: ManagerSettingsDep) -> DepartureImpact:
    """Contacts, deals and amounts whose only warm paths start at this employee."""
    return departure_impact(graph, settings, ms, employee_id)


@router.get("/employees/{employee_id}/account-operations", response_model=AccountOperations)
def get_account_operations(employee_id: str, graph: GraphDep, settings: SettingsDep,
                           month: Annotated[str | None, Query(description="YYYY-MM, default this month")] = None
                           ) -> AccountOperations:
    """Inputs of the 'account operations' part of a rep's review: month-on-month and year-on-year changes."""
    return account_operations(graph, settings, employee_id, month)


@router.get("/coverage", response_model=Page[CoverageRow])
def get_coverage(graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep,
                 sort: CoverageSort = CoverageSort.gap, order: Order = None, offset: Offset = 0,
                 limit: Limit = DEFAULT_LIMIT, region: str | None = None, account: str | None = None,
                 details: Details = False) -> Page[CoverageRow]:
    """Per account: share of key contacts anyone can reach, three degrees and grade; biggest gaps first.
    The unreachable key people are listed with details=true."""
    return coverage_page(graph, settings, ms, sort=sort, order=order, offset=offset, limit=limit, region=region,
                         account=account, details=details)
