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


def _next_fold(chain: list[str], start: int, opened: set[str]) -> str | None:
    """The first department of a top-down chain, from `start`, that is not opened (None: draw the person)."""
    return next((d for d in chain[start:] if d not in opened), None)


def plan(data: dict[str, Any], collapse_over: int, expanded: set[str] | None = None, deal: str | None = None,
         budget: int = 0) -> Plan:
    """Who is drawn and who is folded where. Small accounts (≤ collapse_over) draw everyone.

    With a `budget` (nodes), the biggest folded department is opened, again and again, while the
    picture stays within it: a big account opens on its top levels, not on one "everyone" node.
    Opening a department only moves its own members (one level down, or drawn), so this is
    linear in the contacts, not in contacts × departments.
    """
    contacts = data.get("contacts", [])
    key = {c["id"] for c in contacts if key_reasons(c, deal)}
    if len(contacts) <= collapse_over:
        return Plan(shown=[c["id"] for c in contacts], key=key)
    opened = set(expanded or ())
    parents = {d["id"]: d.get("parent") for d in data.get("departments", [])}
    chains = {c["id"]: department_chain((c.get("department") or {}).get("id"), parents)[::-1] for c in contacts}
    shown: list[str] = []
    groups: dict[str, list[str]] = defaultdict(list)
    for contact in contacts:
        folded_into = None if contact["id"] in key else _next_fold(chains[contact["id"]], 0, opened)
        (groups[folded_into].append(contact["id"]) if folded_into else shown.append(contact["id"]))
    while groups:
        biggest = max(groups, key=lambda d: (len(groups[d]), d))
        moved: dict[str, list[str]] = defaultdict(list)
        drawn: list[str] = []
        for cid in groups[biggest]:
            chain = chains[cid]
            target = _next_fold(chain, chain.index(biggest) + 1, opened | {biggest})
            (moved[target].append(cid) if target else drawn.append(cid))
        new_groups = len(groups) - 1 + sum(1 for d in moved if d not in groups)
        if len(shown) + len(drawn) + new_groups > budget:
            break
        opened.add(biggest)
        del groups[biggest]
        shown.extend(drawn)
        for dept, members in moved.items():
            groups[dept].extend(members)
    order = {c["id"]: i for i, c in enumerate(contacts)}
    return Plan(shown=sorted(shown, key=order.__getitem__),
                groups={d: sorted(m, key=order.__getitem__) for d, m in sorted(groups.items())}, key=key, collapsed=True)
