"""Departure risk (防止销售离职带来的业绩滑坡): what we lose if one employee leaves.

A contact is at risk with employee E when E is the ONLY employee with a warm path to it
(reach rules, default parameters). Key contacts are approvers / decision makers in open
deals (accounts without one fall back to importance, see key_contacts); a deal is at
risk when one of its key people is, and its amount counts once.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.models.managers import ContactAtRisk, DealAtRisk, DepartureImpact, DepartureRiskRow
from app.services.key_contacts import key_contacts
from app.services.warm_paths import warm_sources

KEY_ROLES = ("approver", "decision_maker")


def departure_impacts(graph: Graph, settings: Settings, ms: ManagerSettings) -> dict[str, DepartureImpact]:
    """Impact per employee (every employee, most at risk first)."""
    contacts = {row["id"]: row for row in graph.read("contacts_all")}
    sources = warm_sources(graph, settings, list(contacts))
    key_ids = {c["id"] for row in key_contacts(graph, ms) for c in row["key_contacts"]}
    members = graph.read("open_deal_members")
    roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for member in members:
        roles[member["contact"]].append(member)
    sole: dict[str, list[str]] = defaultdict(list)
    for contact_id, employees in sources.items():
        if len(employees) == 1:
            sole[next(iter(employees))].append(contact_id)
    impacts = {}
    for employee in graph.read("employees_brief"):
        impacts[employee["id"]] = _impact(employee, sorted(sole.get(employee["id"], [])), contacts, key_ids, roles)
    return dict(sorted(impacts.items(), key=lambda kv: _rank_key(kv[1])))


def departure_impact(graph: Graph, settings: Settings, ms: ManagerSettings, employee_id: str) -> DepartureImpact:
    if graph.read_one("employee_brief", id=employee_id) is None:
        raise NotFound(f"no employee with id {employee_id!r}", entity="Employee", id=employee_id)
    return departure_impacts(graph, settings, ms)[employee_id]


def departure_ranking(graph: Graph, settings: Settings, ms: ManagerSettings) -> list[DepartureRiskRow]:
    """Employees by amount at risk, then key contacts, then all contacts at risk, then name."""
    return [DepartureRiskRow(rank=i + 1, employee=imp.employee, name=imp.name, team=imp.team,
                             amount_at_risk=imp.amount_at_risk, key_contacts=imp.key_contacts,
                             contacts=imp.contacts, deals=len(imp.deals))
            for i, imp in enumerate(departure_impacts(graph, settings, ms).values())]


def _rank_key(imp: DepartureImpact) -> tuple[float, int, int, str, str]:
    return (-imp.amount_at_risk, -imp.key_contacts, -imp.contacts, imp.name or "", imp.employee)


def _impact(employee: dict[str, Any], at_risk: list[str], contacts: dict[str, Any], key_ids: set[str],
            roles: dict[str, list[dict[str, Any]]]) -> DepartureImpact:
    people = [ContactAtRisk(id=cid, name=contacts[cid]["name"], account=contacts[cid]["account"],
                            account_name=contacts[cid]["account_name"], key=cid in key_ids,
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
