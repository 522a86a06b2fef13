"""The quantified decision chain of an opportunity (domain.md sections 3, 4, 7).

The members, their fallback values and activity counts come from cypher/decision_chain.cypher, the
averages from cypher/chain_degrees.cypher, the warm paths from the reach query; here counts become
interaction levels and the rows get their final shape.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph, in_one_read_transaction
from app.services import deal_history
from app.services.chain_degrees import chain_degrees_raw, present
from app.services.interaction import interaction_level, window_start
from app.services.reach import warm_reachable


def chain_rows_many(graph: Graph, settings: Settings, opportunity_ids: list[str], as_of: date) -> dict[str, dict[str, Any]]:
    """Per existing opportunity id, the raw answer of cypher/decision_chain.cypher (one query for them all)."""
    if not opportunity_ids:
        return {}
    rows = graph.read(
        "decision_chain", opportunities=opportunity_ids, as_of=as_of,
        start=window_start(as_of, settings.interaction_window_days),
        contact_start=window_start(as_of, settings.gap_contact_window_days),
        stale_start=window_start(as_of, settings.gap_stale_days))
    return {row["opportunity"]["id"]: row for row in rows}


def chain_rows(graph: Graph, settings: Settings, opportunity_id: str, as_of: date) -> dict[str, Any]:
    """The raw answer of cypher/decision_chain.cypher (opportunity, members); 404 when unknown."""
    row = chain_rows_many(graph, settings, [opportunity_id], as_of).get(opportunity_id)
    if row is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", entity="Opportunity", id=opportunity_id)
    return row


def _by_id(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda item: item["id"])


def _member(raw: dict[str, Any], settings: Settings, warm: bool) -> dict[str, Any]:
    member = {k: v for k, v in raw.items() if k not in ("activities", "deal_activities", "contacted", "recent")}
    member.update(
        reports_to=_by_id(raw["reports_to"]), circles=_by_id(raw["circles"]),
        influenced_by=_by_id(raw["influenced_by"]), influences=_by_id(raw["influences"]),
        interaction_level=interaction_level(raw["activities"], settings).value,
        deal_interaction_level=interaction_level(raw["deal_activities"], settings).value,
        warm_path=warm,
    )
    return member


def decision_chain(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None = None) -> dict[str, Any]:
    """Members with their seven features, levels as of `as_of` (default today), and the three degrees.

    Its three reads share one read transaction (one round trip less each, and one consistent snapshot).
    """
    return in_one_read_transaction(graph, lambda reader: _decision_chain(reader, settings, opportunity_id, as_of))


def _decision_chain(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None) -> dict[str, Any]:
    state = deal_history.state_for_day(graph, opportunity_id, as_of)  # a past day: that day's snapshots
    as_of = as_of or date.today()
    if state is not None:
        row = deal_history.chain_rows_of(graph, settings, opportunity_id, as_of, state)
        degrees = deal_history.chain_degrees_of(row["members"], settings)
    else:
        row = chain_rows(graph, settings, opportunity_id, as_of)
        degrees = chain_degrees_raw(graph, settings, opportunity_id)
    warm = warm_reachable(graph, settings, [m["contact"]["id"] for m in row["members"]])  # current ties
    members = [_member(m, settings, warm[m["contact"]["id"]]) for m in row["members"]]
    extra = deal_history.provenance(state) if state is not None else {"state_at": None, "before_history": False}
    return {"opportunity": row["opportunity"], "as_of": as_of.isoformat(), "members": members,
            "degrees": present(degrees), **extra}
