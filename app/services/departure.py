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
from app.services.view_cache import cached, settings_key
from app.services.warm_index import WarmIndex, warm_index

KEY_ROLES = ("approver", "decision_maker")


def departure_impacts(graph: Graph, settings: Settings, ms: ManagerSettings) -> dict[str, DepartureImpact]:
    """Impact per employee (every employee, most at risk first); kept until the graph changes."""
    return cached(graph, "departure_impacts", _params(settings, ms),
                  lambda: _all_impacts(graph, settings, ms))


def _all_impacts(graph: Graph, settings: Settings, ms: ManagerSettings) -> dict[str, DepartureImpact]:
    index, key_ids, roles = _inputs(graph, ms)
    sole = index.sole_source(settings.reach_max_hops)
    impacts = {}
    for employee in index.employee_rows:
        impacts[employee["id"]] = _impact(employee, sole.get(employee["id"], []), index, key_ids, roles)
    return dict(sorted(impacts.items(), key=lambda kv: _rank_key(kv[1])))


def departure_impact(graph: Graph, settings: Settings, ms: ManagerSettings, employee_id: str) -> DepartureImpact:
    """One employee's impact: only this employee's sole-source contacts are worked out (not everyone's)."""
    if graph.read_one("employee_brief", id=employee_id) is None:
        raise NotFound(f"no employee with id {employee_id!r}", entity="Employee", id=employee_id)

    def build() -> DepartureImpact:
        index, key_ids, roles = _inputs(graph, ms)
        employee = next(e for e in index.employee_rows if e["id"] == employee_id)
        return _impact(employee, index.sole_source_of(employee_id, settings.reach_max_hops), index, key_ids, roles)
    return cached(graph, "departure_impact", (*_params(settings, ms), employee_id), build)


def departure_ranking(graph: Graph, settings: Settings, ms: ManagerSettings) -> list[DepartureRiskRow]:
    """Employees by amount at risk, then key contacts, then all contacts at risk, then name."""
    return cached(graph, "departure_ranking", _params(settings, ms), lambda: [
        DepartureRiskRow(rank=i + 1, employee=imp.employee, name=imp.name, team=imp.team,
                         amount_at_risk=imp.amount_at_risk, key_contacts=imp.key_contacts,
                         contacts=imp.contacts, deals=len(imp.deals))
        for i, imp in enumerate(departure_impacts(graph, settings, ms).values())])


def _params(settings: Settings, ms: ManagerSettings) -> tuple[Any, ...]:
    return (settings_key(settings, ms),)


def _inputs(graph: Graph, ms: ManagerSettings) -> tuple[WarmIndex, set[str], dict[str, list[dict[str, Any]]]]:
    """The warm index, the key contact ids and open-deal roles per contact (each kept per graph version)."""
    index = warm_index(graph)
    key_ids = cached(graph, "key_contact_ids", (ms.key_contact_fallback_importance,), lambda: {
        c["id"] for row in key_contacts(graph, ms) for c in row["key_contacts"]})

    def open_roles() -> dict[str, list[dict[str, Any]]]:
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for member in graph.read("open_deal_members"):
            roles[member["contact"]].append(member)
        return dict(roles)
    return index, key_ids, cached(graph, "open_deal_roles", (), open_roles)


def _rank_key(imp: DepartureImpact) -> tuple[float, int, int, str, str]:
    return (-imp.amount_at_risk, -imp.key_contacts, -imp.contacts, imp.name or "", imp.employee)


def _impact(employee: dict[str, Any], at_risk: list[str], index: WarmIndex, key_ids: set[str],
            roles: dict[str, list[dict[str, Any]]]) -> DepartureImpact:
    contacts = {cid: index.contacts[index.position[cid]] for cid in at_risk}
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
