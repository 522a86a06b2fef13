"""Relationship intelligence (domain.md sections 4-7): reach, decision chain, win rate, gaps, account map.

Routes only parse and validate; the services run the named queries.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from app.api.auth import OptionalPrincipalDep
from app.api.deps import GraphDep, LangDep, SettingsDep
from app.models.intelligence import DecisionChainOut, GapsOut, ReachOut, RelationshipMapOut, WinRateOut
from app.services.decision_chain import decision_chain
from app.services.gaps import gaps
from app.services.me import my_employee, my_team
from app.services.reach import parse_employee_ids, reach
from app.services.relationship_map import relationship_map
from app.services.win_rate import win_rate

contacts_router = APIRouter(prefix="/contacts", tags=["relationship intelligence"])
opportunities_router = APIRouter(prefix="/opportunities", tags=["relationship intelligence"])
accounts_router = APIRouter(prefix="/accounts", tags=["relationship intelligence"])
routers = (contacts_router, opportunities_router, accounts_router)

Id = Annotated[str, Path(min_length=1, max_length=200, description="the external (CRM) id")]
AsOf = Annotated[date | None, Query(description="YYYY-MM-DD; default today")]


@contacts_router.get("/{contact_id}/reach", response_model=ReachOut, summary="Who in our company can reach this contact")
def get_reach(
    contact_id: Id, graph: GraphDep, settings: SettingsDep,
    max_hops: Annotated[int | None, Query(ge=1, le=5, description="customer-side steps (default 3)")] = None,
    limit: Annotated[int | None, Query(ge=1, le=100, description="employees to answer (default 10)")] = None,
    include_hostile: Annotated[bool, Query(description="pass through negative contacts too")] = False,
    team: Annotated[str | None, Query(max_length=200, description="only employees of this team (`mine`: the caller's)")] = None,
    employees: Annotated[list[str] | None, Query(description="only these employee ids (comma-separated or repeated)")] = None,
    from_: Annotated[Literal["me"] | None, Query(alias="from", description="issue 14: `me`: only from the caller's "
                                                  "own employee")] = None,
    principal: OptionalPrincipalDep = None,
) -> dict[str, Any]:
    if team == "mine":  # issue 14: the caller's own team
        team = my_team(graph, principal)
    chosen = parse_employee_ids(employees)
    if from_ == "me":
        chosen = (my_employee(principal, "from"),)
    return reach(graph, settings, contact_id, max_hops=max_hops, limit=limit, include_hostile=include_hostile,
                 team=team or None, employees=chosen)


@opportunities_router.get("/{opportunity_id}/decision-chain", response_model=DecisionChainOut,
                          summary="The quantified decision chain: members, seven features, three degrees")
def get_decision_chain(opportunity_id: Id, graph: GraphDep, settings: SettingsDep, as_of: AsOf = None) -> dict[str, Any]:
    return decision_chain(graph, settings, opportunity_id, as_of=as_of)


@opportunities_router.get("/{opportunity_id}/win-rate", response_model=WinRateOut,
                          summary="Win rate by competitor comparison")
def get_win_rate(opportunity_id: Id, graph: GraphDep, settings: SettingsDep, lang: LangDep,
                 as_of: AsOf = None) -> dict[str, Any]:
    return win_rate(graph, settings, opportunity_id, as_of=as_of, lang=lang)


@opportunities_router.get("/{opportunity_id}/gaps", response_model=GapsOut, summary="Decision-chain gaps and coaching")
def get_gaps(opportunity_id: Id, graph: GraphDep, settings: SettingsDep, lang: LangDep, as_of: AsOf = None,
             principal: OptionalPrincipalDep = None) -> dict[str, Any]:
    """When the caller is an employee, actions name the best colleague other than them (issue 14)."""
    return gaps(graph, settings, opportunity_id, as_of=as_of, lang=lang,
                me=principal.employee if principal else None)


@accounts_router.get("/{account_id}/relationship-map", response_model=RelationshipMapOut,
                     summary="An account's relationship map: three degrees, grade, completeness, key contacts")
def get_relationship_map(account_id: Id, graph: GraphDep, settings: SettingsDep) -> dict[str, Any]:
    return relationship_map(graph, settings, account_id)
