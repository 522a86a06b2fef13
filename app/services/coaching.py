"""Coaching notes (辅导): one note per deal and ISO week, written by a manager in the weekly review; every
write goes through the audit trail (who, when, the text before and after; undo restores the old text)."""
from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.audit import NodeRef, audited_write
from app.services.iso_weeks import parse_week, week_label
from app.services.keys import Principal


def note_id(opportunity_id: str, week: str) -> str:
    return f"{opportunity_id}|{week}"


def put_note(graph: Graph, principal: Principal | None, opportunity_id: str, week: str, text: str) -> dict[str, Any]:
    """Create or replace the note; the week is normalised (a day names its ISO week); 404 for an unknown deal."""
    label = week_label(parse_week(week))
    if graph.read_one("opportunity_brief", id=opportunity_id) is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", entity="Opportunity", id=opportunity_id)

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        return Graph.run_in(tx, "coaching_note_put", id=note_id(opportunity_id, label), opportunity=opportunity_id,
                            week=label, text=text, author=principal.name if principal else None)[0]

    return audited_write(graph, principal, NodeRef("CoachingNote", note_id(opportunity_id, label)), work)
