"""Managers' and executives' views (issue 9): key accounts, rep levels, departure risk, coverage.

Included in app.api.router BEFORE the CRUD routers, so /accounts/scores and /employees/levels
are not taken for an id by /accounts/{id} or /employees/{id}.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import GraphDep, LangDep, SettingsDep
from app.core.levels_config import ManagerSettings, get_manager_settings
from app.models.managers import (
    AccountOperations, CoverageRow, DepartureImpact, DepartureRiskRow, KeyAccountScores, RepLevelAnswer,
)
from app.services.coverage import CoverageSort, coverage
from app.services.departure import departure_impact, departure_ranking
from app.services.key_accounts import score_accounts
from app.services.level_reasons import localise
from app.services.rep_levels import rep_levels
from app.services.trends import account_operations

ManagerSettingsDep = Annotated[ManagerSettings, Depends(get_manager_settings)]
Weight = Annotated[float | None, Query(ge=0, le=1000, description="overrides the configured weight (0..1000)")]

router = APIRouter(tags=["managers"])


@router.get("/accounts/scores", response_model=KeyAccountScores)
def get_account_scores(graph: GraphDep, settings: SettingsDep,
                       top_percent: Annotated[float | None, Query(ge=0, le=100)] = None,
                       w_revenue: Weight = None, w_potential: Weight = None,
                       w_demonstration: Weight = None, w_winnability: Weight = None) -> KeyAccountScores:
    """综合累计积分法: all accounts ranked, the top X% marked as key accounts."""
    weights = {"revenue": w_revenue, "potential": w_potential, "demonstration": w_demonstration,
               "winnability": w_winnability}
    return score_accounts(graph, settings, top_percent, weights)


@router.get("/employees/levels", response_model=list[RepLevelAnswer])
def get_levels(graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep, lang: LangDep) -> list[RepLevelAnswer]:
    """销售等级 of every employee, best level first (reasons in the answer's language)."""
    return [localise(answer, ms, lang) for answer in rep_levels(graph, settings, ms)]


@router.get("/employees/departure-risk", response_model=list[DepartureRiskRow])
def get_departure_risk(graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep) -> list[DepartureRiskRow]:
    """Employees ranked by what their leaving would put at risk (amount, then key contacts)."""
    return departure_ranking(graph, settings, ms)


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


@router.get("/coverage", response_model=list[CoverageRow])
def get_coverage(graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep,
                 sort: CoverageSort = CoverageSort.gap,
                 order: Annotated[str | None, Query(pattern="^(asc|desc)$")] = None) -> list[CoverageRow]:
    """Per account: share of key contacts anyone can reach, three degrees and grade; biggest gaps first."""
    return coverage(graph, settings, ms, sort, order)
