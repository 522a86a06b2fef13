"""Who can reach whom at all: the employees with at least one warm path to each contact.

Departure risk, coverage and rep levels only need to know WHETHER an employee has a
reach path (domain.md section 5, default parameters), not the best one; so instead of
one scored reach query per contact this walks reach's steps backwards from all targets
at once: one named query per hop level for the contacts not seen yet, then one for
the KNOWS edges. Same rules as reach: INFLUENCES in its direction, REPORTS_TO either
way, a shared circle; at most `max_hops` customer-side steps; contacts passed through
(every contact on the path but the target) must not be hostile. Scores do not matter:
a path exists or not. tests/integration/test_managers.py checks it against reach().
"""
from __future__ import annotations

from app.core.config import Settings
from app.db.graph import Graph


def warm_sources(graph: Graph, settings: Settings, contact_ids: list[str], *,
                 max_hops: int | None = None, include_hostile: bool = False) -> dict[str, set[str]]:
    """For each contact id, the ids of the employees with a warm path to it (empty set: nobody)."""
    hops = settings.reach_max_hops if max_hops is None else max_hops
    targets = sorted(set(contact_ids))
    predecessors: dict[str, list[str]] = {}
    visited: dict[str, set[str]] = {t: {t} for t in targets}
    frontier: dict[str, set[str]] = {t: {t} for t in targets}
    for _ in range(hops):
        unknown = sorted({c for front in frontier.values() for c in front} - predecessors.keys())
        if unknown:
            found = {row["id"]: row["predecessors"] for row in
                     graph.read("warm_predecessors", ids=unknown, include_hostile=include_hostile)}
            predecessors.update({c: found.get(c, []) for c in unknown})
        for target, front in frontier.items():
            step = {p for c in front for p in predecessors[c]} - visited[target]
            visited[target] |= step
            frontier[target] = step
        frontier = {t: f for t, f in frontier.items() if f}
        if not frontier:
            break
    everyone = sorted({c for seen in visited.values() for c in seen})
    knowers = {row["id"]: set(row["employees"]) for row in graph.read("warm_knowers", ids=everyone)}
    return {t: set().union(*(knowers.get(c, set()) for c in visited[t])) for t in targets}
