"""The gap rules' inputs for every deal of a weekly review and both its days, in ONE query (issue 17).

gaps.gap_inputs reads what the deal view shows (decision_chain.cypher with circles, influence, lines and
activity counts; the win rate's two queries; the threads), a query each; at S the review's 200 deals
spent most of its time there on facts the rules never read. cypher/review_gap_inputs.cypher reads only
what the section 7 rules and the section 6 comparison use, for the live day and the snapshot day of all
deals at once, with the activity facts expanded from each deal. The answers have gap_inputs' shape, so
gaps.coded_gaps applies the same rules (tests compare every row with GET /opportunities/{id}/gaps?as_of=).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.deal_history import ROLE_RANK, comparison_of, sorted_members
from app.services.interaction import window_start

DEGREES = ("closeness", "solution_acceptance", "price_acceptance")
MEMBER_FIELDS = ("role", *DEGREES, "one_vote_approve", "one_vote_veto", "orientation", "attitude", "importance",
                 "inside_source")


def request(key: str, opportunity: str, as_of: date, settings: Settings,
            state: dict[str, Any] | None) -> dict[str, Any]:
    """One row of $requests: a deal on a day, read live (`state` None) or from its snapshot state."""
    contact_start = window_start(as_of, settings.gap_contact_window_days)
    stale_start = window_start(as_of, settings.gap_stale_days)
    return {"key": key, "opportunity": opportunity, "live": state is None,
            "contacts": [] if state is None else [m["id"] for m in state["members"]], "as_of": as_of,
            "since": min(contact_start, stale_start), "contact_start": contact_start, "stale_start": stale_start}


def review_gap_inputs(graph: Graph, settings: Settings, asked: list[tuple[str, str, date, dict[str, Any] | None]]
                      ) -> dict[str, dict[str, Any]]:
    """Per key of `asked` ([(key, opportunity id, day, snapshot state or None for live)]) whose deal exists:
    {opportunity, members, comparison, threads} as gaps.gap_inputs answers it."""
    if not asked:
        return {}
    states = {key: state for key, _, _, state in asked}
    rows = graph.read("review_gap_inputs", requests=[request(key, opp, day, settings, state)
                                                     for key, opp, day, state in asked])
    return {row["key"]: _inputs(row, states[row["key"]], settings) for row in rows}


def _inputs(row: dict[str, Any], state: dict[str, Any] | None, settings: Settings) -> dict[str, Any]:
    seen = {s["id"]: s for s in row["seen"]}
    if state is None:
        members = sorted(row["members"], key=lambda m: (ROLE_RANK.get(m["role"], 4), m["contact"]["id"]))
        snapshot_like = {"deal": {**row["deal"], "present": True},
                         "members": [{"id": m["contact"]["id"], **{k: m[k] for k in MEMBER_FIELDS}} for m in members],
                         "competitors": row["competitors"]}
        comparison = comparison_of(snapshot_like, settings)
        opportunity = {"id": row["opportunity"], "name": row["name"]}
    else:
        names = {n["id"]: n["name"] for n in row["names"]}
        members = [{"contact": {"id": m["id"], "name": names.get(m["id"]) or m["name"]},
                    **{k: m[k] for k in MEMBER_FIELDS}} for m in sorted_members(state["members"])]
        comparison = comparison_of(state, settings)
        opportunity = {"id": row["opportunity"], "name": None}
    for m in members:
        fact = seen.get(m["contact"]["id"], {})
        m["contacted"], m["recent"] = fact.get("contacted", False), fact.get("recent", False)
    return {"opportunity": opportunity, "members": members, "comparison": comparison, "threads": row["threads"]}
