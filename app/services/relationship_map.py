"""An account's relationship map (domain.md sections 4 and 8): three degrees, closeness grade,
profile completeness, key contacts our people can reach, circles, open opportunities.

Aggregates come from cypher/account_relationship_map.cypher, reachability from the reach query.
"""
from __future__ import annotations

from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.chain_degrees import DEGREES, rounded
from app.services.degrees import closeness_grade as grade_of
from app.services.reach import warm_reachable

GRADE_LABELS = {"poor": "差", "medium": "中", "good": "良", "excellent": "优"}


def closeness_grade(value: float | None, settings: Settings) -> dict[str, str] | None:
    """The grade (one rule, app.services.degrees) with its Chinese label, for the account view."""
    grade = grade_of(value, settings)
    return None if grade is None else {"grade": grade.value, "label": GRADE_LABELS[grade.value]}


def relationship_map(graph: Graph, settings: Settings, account_id: str) -> dict[str, Any]:
    """The account view; 404 for an unknown account. weighted_mean is not defined for accounts (null)."""
    row = graph.read_one("account_relationship_map", account=account_id)
    if row is None:
        raise NotFound(f"no account with id {account_id!r}", id=account_id)
    degrees = {d: {**row["degrees"][d], "mean": rounded(row["degrees"][d]["mean"]), "weighted_mean": None}
               for d in DEGREES}
    keys = row["key_contacts"]
    warm = warm_reachable(graph, settings, [k["id"] for k in keys])
    contacts = [{**k, "roles": sorted(k["roles"]), "reachable": warm[k["id"]]} for k in keys]
    return {
        "account": row["account"],
        "contacts": row["contacts"],
        "degrees": degrees,
        "closeness_grade": closeness_grade(row["degrees"]["closeness"]["mean"], settings),
        "completeness": rounded(row["complete"] / row["contacts"]) if row["contacts"] else None,
        "key_contacts": {"total": len(contacts), "reachable": sum(c["reachable"] for c in contacts),
                         "contacts": contacts},
        "circles": row["circles"],
        "open_opportunities": row["open_opportunities"],
    }
