"""Which people an account map draws one by one, and which it folds into their department (issue 19).

A big account (more contacts than `collapse_over`) opens with its key people drawn and everyone else
folded into ONE node per top-level department, labelled with its counts. Expanding a department
(a click on the page) shows its own people and folds the rest one level down, so a 5,000-person
account stays a few hundred nodes at any time. Key people are always drawn: approvers and decision
makers in an open deal, importance ≥ 4, circle leaders, and the members of the selected deal.
Pure functions over the account_graph answer, so they are tested without Neo4j or a browser.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

KEY_ROLES = ("approver", "decision_maker")


def key_reasons(contact: dict[str, Any], deal: str | None = None) -> list[str]:
    """Why a contact is a key person (empty: not one); catalog keys under viz.key_*."""
    roles = contact.get("roles") or []
    reasons = []
    if any(r.get("role") in KEY_ROLES for r in roles):
        reasons.append("key_role")
    if (contact.get("importance") or 0) >= 4:
        reasons.append("key_importance")
    if any(c.get("role") == "leader" for c in contact.get("circles") or []):
        reasons.append("key_leader")
    if deal and any(r.get("opportunity") == deal for r in roles):
        reasons.append("key_deal")
    return reasons


def department_chain(department: str | None, parents: dict[str, str | None]) -> list[str]:
    """The department and its parents up to the top (top last); cycles in bad data are cut."""
    chain: list[str] = []
    while department and department not in chain:
        chain.append(department)
        department = parents.get(department)
    return chain


@dataclass
class Plan:
    shown: list[str]                                   # contact ids drawn one by one
    groups: dict[str, list[str]] = field(default_factory=dict)  # department id -> folded contact ids
    key: set[str] = field(default_factory=set)
    collapsed: bool = False

    def group_of(self) -> dict[str, str]:
        return {cid: dept for dept, members in self.groups.items() for cid in members}


def plan(data: dict[str, Any], collapse_over: int, expanded: set[str] | None = None, deal: str | None = None) -> Plan:
    """Who is drawn and who is folded where. Small accounts (≤ collapse_over) draw everyone."""
    contacts = data.get("contacts", [])
    key = {c["id"] for c in contacts if key_reasons(c, deal)}
    if len(contacts) <= collapse_over:
        return Plan(shown=[c["id"] for c in contacts], key=key)
    expanded = expanded or set()
    parents = {d["id"]: d.get("parent") for d in data.get("departments", [])}
    shown: list[str] = []
    groups: dict[str, list[str]] = defaultdict(list)
    for contact in contacts:
        chain = department_chain((contact.get("department") or {}).get("id"), parents)
        folded_into = next((d for d in reversed(chain) if d not in expanded), None)
        if contact["id"] in key or folded_into is None:
            shown.append(contact["id"])
        else:
            groups[folded_into].append(contact["id"])
    return Plan(shown=shown, groups=dict(groups), key=key, collapsed=True)
