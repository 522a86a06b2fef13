"""Node and relationship counts of a bundle, as the graph will hold them after import.

The generator prints these so a benchmark run says how big it really was, and the
integration test compares them with what Neo4j reports.
"""
from __future__ import annotations

from typing import Any

Bundle = dict[str, Any]

NODE_KEYS = {
    "accounts": "Account", "departments": "Department", "contacts": "Contact", "employees": "Employee",
    "circles": "Circle", "opportunities": "Opportunity", "competitors": "Competitor", "activities": "Activity",
}


def node_counts(bundle: Bundle) -> dict[str, int]:
    """Nodes per label (one per row of each node kind)."""
    return {label: len(bundle.get(key, [])) for key, label in NODE_KEYS.items()}


def relationship_counts(bundle: Bundle) -> dict[str, int]:
    """Relationships per type, implicit ones included (WORKS_AT, PART_OF, FOR, LOGGED, ...)."""
    g = bundle.get
    contacts = g("contacts", [])
    employees = g("employees", [])
    opportunities = g("opportunities", [])
    activities = g("activities", [])
    return {
        "PART_OF": len(g("departments", [])),
        "WORKS_AT": len(contacts),
        "WORKS_IN": sum(1 for c in contacts if c.get("department")),
        "REPORTS_TO": len(g("reports_to", [])) + sum(1 for e in employees if e.get("manager")),
        "INFLUENCES": len(g("influences", [])),
        "MEMBER_OF": sum(len(c.get("members", [])) for c in g("circles", [])),
        "IN": len(g("circles", [])),
        "KNOWS": len(g("knows", [])),
        "FOR": len(opportunities),
        "OWNS": sum(1 for o in opportunities if o.get("owner")),
        "ROLE_IN": len(g("roles", [])),
        "COMPETES_IN": sum(len(c.get("opportunities", [])) for c in g("competitors", [])),
        "LOGGED": len(activities),
        "WITH": sum(len(set(a.get("contacts", []))) for a in activities),
        "ABOUT": sum(1 for a in activities if a.get("opportunity")),
    }


def summary(bundle: Bundle) -> str:
    """One readable block: totals first, then per label / type."""
    nodes = node_counts(bundle)
    rels = relationship_counts(bundle)
    lines = [f"nodes: {sum(nodes.values()):,}  relationships: {sum(rels.values()):,}"]
    lines.append("  " + "  ".join(f"{k}={v:,}" for k, v in nodes.items()))
    lines.append("  " + "  ".join(f"{k}={v:,}" for k, v in rels.items()))
    return "\n".join(lines)
