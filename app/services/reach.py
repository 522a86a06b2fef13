"""Reach (domain.md section 5): who in our company can reach a contact, and through whom.

The search runs in Neo4j (cypher/reach.cypher: a hop-bounded best-path search walked backwards
from the target); this module validates the options, passes the configured weights and shapes
the answer. `reach_many` answers several targets in one round trip, which the decision chain,
the gaps and the account map use for their "is there any warm path" questions.

Big accounts (issue 15): before the full search, shorter ones (max_hops 1, then 2) find a score that
`limit` employees already reach; the full search drops every candidate below it ($floors), which
leaves the answer unchanged and makes reach to a 5,000-contact account's CEO several times cheaper.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.core.config import Settings
from app.core.errors import InvalidInput, NotFound
from app.db.graph import Graph, TransactionGraph, in_one_read_transaction
from app.services import reach_memory
from app.services.tie_explain import add_to_reach

HOSTILE = ["negative", "strong_negative"]
MAX_HOPS_RANGE = (1, 5)
LIMIT_RANGE = (1, 100)
SCORE_DIGITS = 4
FLOOR_HOPS = (1, 2)  # the shorter searches that bound the full one from below, cheapest first
FLOOR_SLACK = 1e-9   # a floor a little under the score found: products in another order differ in the last bits


@dataclass(frozen=True)
class ReachOptions:
    """The per-request knobs; None means 'the configured default'."""

    max_hops: int | None = None
    limit: int | None = None
    include_hostile: bool = False
    team: str | None = None
    employees: tuple[str, ...] | None = None


def _bounded(name: str, value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidInput(f"{name} must be an integer from {low} to {high}",
                           errors=[{"field": name, "message": f"must be {low}..{high}", "value": value}])
    return value


def parse_employee_ids(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """`employees=a,b&employees=c` -> ('a', 'b', 'c'); nothing given -> None (no restriction)."""
    if values is None:
        return None
    ids = tuple(dict.fromkeys(part.strip() for value in values for part in value.split(",") if part.strip()))
    return ids or None


def query_params(settings: Settings, contact_ids: list[str], options: ReachOptions) -> dict[str, Any]:
    """The parameters of cypher/reach.cypher, defaults from settings; validates the bounds (422)."""
    return {
        "contact_ids": contact_ids,
        "max_hops": _bounded("max_hops", settings.reach_max_hops if options.max_hops is None else options.max_hops,
                             MAX_HOPS_RANGE),
        "limit": _bounded("limit", settings.reach_limit if options.limit is None else options.limit, LIMIT_RANGE),
        "include_hostile": bool(options.include_hostile),
        "hostile": HOSTILE,
        "team": options.team or None,
        "employees": list(options.employees) if options.employees else None,
        "w_knows": settings.reach_knows_default,
        "w_influences": settings.reach_influences_default,
        "w_up": settings.reach_reports_up,
        "w_down": settings.reach_reports_down,
        "w_circle": settings.reach_same_circle,
        "floors": {},
    }


def _path(row: dict[str, Any]) -> dict[str, Any]:
    ids, names = row["path"], row["names"]
    return {
        "employee": {"id": row["employee"]["id"], "name": row["employee"]["name"]},
        "score": round(row["score"], SCORE_DIGITS),
        "steps": row["steps"],
        "nodes": [{"id": i, "kind": "employee" if k == 0 else "contact", "name": n}
                  for k, (i, n) in enumerate(zip(ids, names))],
        "relationships": [{"type": t, "weight": w} for t, w in zip(row["types"], row["weights"])],
    }


def reach_many(graph: Graph, settings: Settings, contact_ids: list[str],
               options: ReachOptions = ReachOptions()) -> dict[str, dict[str, Any]]:
    """Per known contact id: {"target": ..., "paths": [...]}; unknown ids are left out."""
    ids = sorted(set(contact_ids))
    if not ids:
        return {}
    params = query_params(settings, ids, options)

    def work(g: Graph) -> dict[str, dict[str, Any]]:
        rows = reach_memory.answer(g, settings, params)   # issue 15: big accounts kept in memory
        rest = sorted(set(ids) - {row["target"]["id"] for row in rows})
        if rest:  # the floors and the search they bound read the same graph (one read transaction)
            queried = {**params, "contact_ids": rest}
            found = g.read("reach", **{**queried, "floors": floors(g, queried)})
            for row in found:
                reach_memory.build_later(graph, settings, row["target"].get("account"))
            rows += found
        answers = {row["target"]["id"]: {"target": row["target"], "paths": [_path(p) for p in row["paths"]]}
                   for row in sorted(rows, key=lambda r: r["target"]["id"])}
        add_to_reach(g, settings, answers)  # issue 13: every KNOWS step explains its weight (one small query)
        return answers

    # one read transaction for every query of the answer: one BEGIN/COMMIT, one graph
    return work(graph) if isinstance(graph, TransactionGraph) else in_one_read_transaction(graph, work)


def floors(graph: Graph, params: dict[str, Any]) -> dict[str, float]:
    """Per target, a score `limit` employees reach within fewer hops than asked (none: no floor).

    A path found with max_hops 1 or 2 is also a path for a larger max_hops (the same filters hold),
    so the `limit`-th best score found that way is at most the `limit`-th best of the full search:
    a candidate below it cannot end in the answer. A search stops at the first length that finds
    `limit` employees; targets no shorter search bounds get no floor."""
    found: dict[str, float] = {}
    pending = list(params["contact_ids"])
    for hops in FLOOR_HOPS:
        if hops >= params["max_hops"] or not pending:
            break
        for row in graph.read("reach", **{**params, "contact_ids": pending, "max_hops": hops, "floors": {}}):
            paths = row["paths"]
            if len(paths) >= params["limit"]:
                score = paths[params["limit"] - 1]["score"]
                found[row["target"]["id"]] = score * (1 - FLOOR_SLACK) - FLOOR_SLACK
        pending = [i for i in pending if i not in found]
    return found


def reach(graph: Graph, settings: Settings, contact_id: str, *, max_hops: int | None = None,
          limit: int | None = None, include_hostile: bool = False, team: str | None = None,
          employees: Iterable[str] | None = None) -> dict[str, Any]:
    """The best path from each employee to `contact_id`, best first (404 if the contact is unknown)."""
    options = ReachOptions(max_hops, limit, include_hostile, team,
                           tuple(employees) if employees is not None else None)
    found = reach_many(graph, settings, [contact_id], options)
    if contact_id not in found:
        raise NotFound(f"no contact with id {contact_id!r}", entity="Contact", id=contact_id)
    return found[contact_id]


def warm_paths(graph: Graph, settings: Settings, contact_ids: list[str]) -> dict[str, dict[str, Any] | None]:
    """Per contact id, the best path with default reach options (None: nobody can reach them)."""
    found = reach_many(graph, settings, contact_ids, ReachOptions(limit=1))
    return {cid: (found[cid]["paths"][0] if cid in found and found[cid]["paths"] else None) for cid in contact_ids}


def warm_reachable(graph: Graph, settings: Settings, contact_ids: list[str]) -> dict[str, bool]:
    """Per contact id: does reach with default options find any path? (cypher/warm_reach.cypher: a
    breadth-first existence check that stops early, much cheaper than scoring best paths)."""
    ids = sorted(set(contact_ids))
    if not ids:
        return {}
    params = query_params(settings, ids, ReachOptions())
    found = reach_memory.reachable(graph, settings, params)   # issue 15: big accounts kept in memory
    rest = [cid for cid in ids if cid not in found]
    if rest:
        rows = graph.read("warm_reach", **{**{k: v for k, v in params.items() if k not in ("limit", "team", "employees")},
                                           "contact_ids": rest})
        found.update({row["id"]: row["warm"] for row in rows})
    return {cid: found.get(cid, False) for cid in contact_ids}
