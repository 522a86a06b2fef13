"""Three-degree averages of a decision chain (domain.md section 4), computed by cypher/chain_degrees.cypher.

Shared by the decision chain (shown), the win rate (our closeness and need satisfaction) and the gaps.
"""
from __future__ import annotations

from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph

DEGREES = ("closeness", "solution_acceptance", "price_acceptance")
DIGITS = 4


def rounded(value: float | None, digits: int = DIGITS) -> float | None:
    return None if value is None else round(float(value), digits)


def chain_degrees_many(graph: Graph, settings: Settings, opportunity_ids: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per existing opportunity id, unrounded {degree: {mean, weighted_mean, n, missing}} (one query)."""
    rows = graph.read("chain_degrees", opportunities=opportunity_ids,
                      w_approver=float(settings.role_weight_approver),
                      w_decision_maker=float(settings.role_weight_decision_maker),
                      w_evaluator=float(settings.role_weight_evaluator), w_user=float(settings.role_weight_user))
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["opportunity"], {})[row["degree"]] = {
            k: row[k] for k in ("mean", "weighted_mean", "n", "missing")}
    return out


def chain_degrees_raw(graph: Graph, settings: Settings, opportunity_id: str) -> dict[str, dict[str, Any]]:
    """Unrounded {degree: {mean, weighted_mean, n, missing}}; 404 for an unknown opportunity."""
    degrees = chain_degrees_many(graph, settings, [opportunity_id]).get(opportunity_id)
    if degrees is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", id=opportunity_id)
    return degrees


def present(degrees: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Rounded to 4 decimals for the answer, in the fixed degree order."""
    return {d: {**degrees[d], "mean": rounded(degrees[d]["mean"]),
                "weighted_mean": rounded(degrees[d].get("weighted_mean"))} for d in DEGREES}
