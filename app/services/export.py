"""Export the whole graph as a bundle (import-format.md) that imports back into an empty database as
the same graph: one read transaction (a consistent snapshot), one named query per key, ids sorted,
optional fields left out when unset, dates as YYYY-MM-DD.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from neo4j import ManagedTransaction
from neo4j.time import Date

from app.db.graph import Graph
from app.models.bundle import BUNDLE_KEYS

NODE_KEYS = ["accounts", "departments", "contacts", "circles", "employees", "opportunities", "competitors",
             "activities"]
EXPORT_ALL = 2**62  # LIMIT for "every id"


def export_bundle(graph: Graph, timeout_s: float | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every key of the bundle, in bundle order, read in one transaction."""

    def read_all(tx: ManagedTransaction) -> dict[str, list[dict[str, Any]]]:
        bundle: dict[str, list[dict[str, Any]]] = {}
        for key in BUNDLE_KEYS:
            if key in NODE_KEYS:
                page = Graph.run_in(tx, f"{key}_list", offset=0, limit=EXPORT_ALL)[0]
                rows = Graph.run_in(tx, f"{key}_rows", ids=page["ids"])
            else:
                rows = Graph.run_in(tx, f"export_{key}")
            bundle[key] = [clean_row(row["row"]) for row in rows]
        return bundle

    return graph.read_transaction(read_all, timeout_s=timeout_s)


def clean_row(row: dict[str, Any]) -> dict[str, Any]:
    """Drop unset fields (recursively in nested rows), dates as ISO days: the bundle's JSON shape."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        if value is None:
            continue
        if isinstance(value, list):
            value = [clean_row(v) if isinstance(v, dict) else v for v in value]
        elif isinstance(value, Date):
            value = value.iso_format()
        elif isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    return out
