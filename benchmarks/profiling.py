"""PROFILE a named query with the parameters a slow call used: operators, rows, db hits, server time."""
from __future__ import annotations

import time
from typing import Any

from neo4j import RoutingControl

from app.db.graph import Graph
from app.db.queries import query
from benchmarks.importing import flatten_plan


def profile_named(graph: Graph, name: str, params: dict[str, Any], top: int = 12) -> dict[str, Any]:
    """Run `PROFILE <query>` once (reads only); the heaviest operators by db hits, and the totals."""
    started = time.perf_counter()
    records, summary, _ = graph.driver.execute_query(
        "PROFILE " + query(name), parameters_=params, database_=graph.database, routing_=RoutingControl.READ)
    wall = (time.perf_counter() - started) * 1000
    rows = flatten_plan(summary.profile)
    heaviest = sorted(rows, key=lambda r: -(r["db_hits"] or 0))[:top]
    return {
        "query": name,
        "wall_ms": round(wall, 2),
        "db_ms": (summary.result_available_after or 0) + (summary.result_consumed_after or 0),
        "total_db_hits": sum(r["db_hits"] or 0 for r in rows),
        "max_rows": max((r["rows"] or 0 for r in rows), default=0),
        "operators": len(rows),
        "heaviest": heaviest,
        "widest": sorted(rows, key=lambda r: -(r["rows"] or 0))[:top],
        "result_rows": len(records),
    }
