"""Departure risk (防止销售离职带来的业绩滑坡): what we lose if one employee leaves.

A contact is at risk with employee E when E is the ONLY employee with a warm path to it
(reach rules, default parameters). Key contacts are approvers / decision makers in open
deals (accounts without one fall back to importance, see key_contacts); a deal is at
risk when one of its key people is, and its amount counts once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.models.managers import ContactAtRisk, DealAtRisk, DepartureImpact, DepartureRiskRow
from app.services.company_state import company_state

if TYPE_CHECKING:
    from app.services.company_state import CompanyState

KEY_ROLES = ("approver", "decision_maker")


def departure_impacts(graph: Graph, settings: Settings, ms: ManagerSettings) -> dict[str, DepartureImpact]:
    """Impact per employee (every employee, most at risk first), kept up to date by app.services.company_state."""
    return company_state(graph, settings, ms).impacts


def departure_impact(graph: Graph, settings: Settings, ms: ManagerSettings, employee_id: str) -> DepartureImpact:
    """One employee's impact: a lookup (the state updates only the employees a write concerns)."""
    impact = company_state(graph, settings, ms).impacts.get(employee_id)
    if impact is None:
        raise NotFound(f"no employee with id {employee_id!r}", entity="Employee", id=employee_id)
    return impact


def departure_ranking(graph: Graph, settings: Settings, ms: ManagerSettings) -> list[DepartureRiskRow]:
    """Employees by amount at risk, then key contacts, then all contacts at risk, then name."""
    return company_state(graph, settings, ms).ranking


def rank_key(imp: DepartureImpact) -> tuple[float, int, int, str, str]:
    return (-imp.amount_at_risk, -imp.key_contacts, -imp.contacts, imp.name or "", imp.employee)


def impact_of(state: "CompanyState", employee_id: str) -> DepartureImpact:
    """What the state's contacts reached only by this employee put at risk."""
    at_risk = sorted(state.sole.get(employee_id, ()))
    info = {c: {"name": state.rows[c]["name"], "account": state.rows[c]["account"],
                "account_name": state.account_name(state.rows[c]["account"])} for c in at_risk}
    return _impact(state.employees[employee_id], at_risk, info, state.is_key, state.roles)


def _impact(employee: dict[str, Any], at_risk: list[str], contacts: dict[str, dict[str, Any]],
            is_key: Callable[[str], bool], roles: dict[str, list[dict[str, Any]]]) -> DepartureImpact:
    people = [ContactAtRisk(id=cid, name=contacts[cid]["name"], account=contacts[cid]["account"],
                            account_name=contacts[cid]["account_name"], key=is_key(cid),
                            roles=[f"{r['opportunity']}:{r['role']}" for r in roles.get(cid, [])])
              for cid in at_risk]
    deals: dict[str, DealAtRisk] = {}
    for cid in at_risk:
        for r in roles.get(cid, []):
            deal = deals.setdefault(r["opportunity"], DealAtRisk(
                id=r["opportunity"], name=r["opportunity_name"], account=r["account"], amount=r["amount"],
                stage=r["stage"], key_contacts_at_risk=[], members_at_risk=[]))
            deal.members_at_risk.append(cid)
            if r["role"] in KEY_ROLES:
                deal.key_contacts_at_risk.append(cid)
    ordered = sorted(deals.values(), key=lambda d: (not d.key_contacts_at_risk, -(d.amount or 0), d.id))
    amount = sum(d.amount or 0 for d in ordered if d.key_contacts_at_risk)
    return DepartureImpact(employee=employee["id"], name=employee["name"], team=employee["team"],
                           amount_at_risk=float(amount), key_contacts=sum(1 for p in people if p.key),
                           contacts=len(people), deals=ordered, at_risk=people)
