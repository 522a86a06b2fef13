"""Neo4j reach against the NetworkX reach: equal answers on a sample, and the speed of each.

Compared on the named query's unrounded rows (the service rounds scores to 4 digits for
display): same employees in the same order, same steps, same node-id paths, scores
equal to 1e-9.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.reach import ReachOptions, floors, query_params
from benchmarks.nx_reach import NxReach, ReachPath

SCORE_TOLERANCE = 1e-9


@dataclass
class Comparison:
    max_hops: int
    compared: int = 0
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    paths_compared: int = 0

    def as_dict(self, keep: int = 10) -> dict[str, Any]:
        return {"max_hops": self.max_hops, "targets_compared": self.compared, "paths_compared": self.paths_compared,
                "mismatched_targets": len(self.mismatches), "examples": self.mismatches[:keep]}


def neo4j_paths(graph: Graph, settings: Settings, contact_id: str, max_hops: int) -> list[dict[str, Any]]:
    """The reach query's rows for one target, reduced to what is compared."""
    params = query_params(settings, [contact_id], ReachOptions(max_hops=max_hops))
    rows = graph.read("reach", **{**params, "floors": floors(graph, params)})   # as the service runs it
    if not rows:
        return []
    return [{"employee": p["employee"]["id"], "score": p["score"], "steps": p["steps"], "path": list(p["path"])}
            for p in rows[0]["paths"]]


def nx_paths(found: list[ReachPath]) -> list[dict[str, Any]]:
    return [{"employee": p.employee, "score": p.score, "steps": p.steps, "path": list(p.path)} for p in found]


def differences(neo: list[dict[str, Any]], ref: list[dict[str, Any]]) -> list[str]:
    """Human-readable differences between two ranked path lists (empty: equal)."""
    out = []
    if len(neo) != len(ref):
        out.append(f"{len(neo)} paths from Neo4j, {len(ref)} from NetworkX")
    for rank, (a, b) in enumerate(zip(neo, ref)):
        if a["employee"] != b["employee"]:
            out.append(f"#{rank}: employee {a['employee']} (score {a['score']:.6g}) vs {b['employee']} "
                       f"(score {b['score']:.6g})")
        elif abs(a["score"] - b["score"]) > SCORE_TOLERANCE:
            out.append(f"#{rank} {a['employee']}: score {a['score']!r} vs {b['score']!r}")
        elif a["steps"] != b["steps"] or a["path"] != b["path"]:
            out.append(f"#{rank} {a['employee']}: path {a['path']} vs {b['path']}")
    return out


def compare_reach(graph: Graph, settings: Settings, nx_reach: NxReach, targets: list[str],
                  max_hops: int) -> Comparison:
    result = Comparison(max_hops)
    for target in targets:
        neo = neo4j_paths(graph, settings, target, max_hops)
        ref = nx_paths(nx_reach.reach(target, max_hops=max_hops, limit=settings.reach_limit))
        result.compared += 1
        result.paths_compared += len(ref)
        diff = differences(neo, ref)
        if diff:
            result.mismatches.append({"target": target, "differences": diff[:5]})
    return result
