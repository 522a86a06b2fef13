"""Contacts as answered by the API: the stored row plus interaction levels computed at read time."""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.entities import KINDS, get_row, list_rows
from app.services.interaction import interaction_by_deal, interaction_levels


def with_interaction(graph: Graph, rows: list[dict[str, Any]], as_of: date,
                     settings: Settings | None = None) -> list[dict[str, Any]]:
    """Add `interaction_level` (overall) and `interaction_by_deal` to contact rows, two queries for any number."""
    ids = [row["id"] for row in rows]
    if not ids:
        return []
    overall = interaction_levels(graph, ids, as_of, settings=settings)
    by_deal = interaction_by_deal(graph, ids, as_of, settings=settings)
    return [{**row, "interaction_level": overall[row["id"]].value,
             "interaction_by_deal": {opp: level.value for opp, level in by_deal.get(row["id"], {}).items()}}
            for row in rows]


def get_contact(graph: Graph, contact_id: str, as_of: date, settings: Settings | None = None) -> dict[str, Any]:
    return with_interaction(graph, [get_row(graph, KINDS["contacts"], contact_id)], as_of, settings)[0]


def list_contacts(graph: Graph, q: str | None, offset: int, limit: int, as_of: date,
                  settings: Settings | None = None) -> tuple[int, list[dict[str, Any]]]:
    total, rows = list_rows(graph, KINDS["contacts"], q, offset, limit)
    return total, with_interaction(graph, rows, as_of, settings)
