"""A deal as it stood on a past date, read from history snapshots (issue 17; app.services.history writes them).

`deal_points` reads the deal fields, the decision-chain members and the competitor ratings at the end of
each point (one named query for any number of points: the weekly curve and the weekly review use it too);
`chain_degrees_of` and `comparison_of` turn one such state into the section 4 averages and the section 6
comparison with the same rules as the live reads (win_rate.compare is shared).

Which state a read "as of D" uses (`state_for_day`): D today or later reads the live graph (the latest
snapshot is the live state by construction); an earlier D reads the state at the end of D; a D before
the deal's first snapshot reads that first snapshot (`before_history`: the earliest we know), and a
deal without any snapshot (data from before history was kept) reads the live graph.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.history import end_of_day
from app.services import win_rate as win_rate_service  # module import: win_rate imports this module too

DEGREES = ("closeness", "solution_acceptance", "price_acceptance")
ROLE_RANK = {"approver": 0, "decision_maker": 1, "evaluator": 2, "user": 3}


def today() -> date:
    return datetime.now(UTC).date()


def deal_points_many(graph: Graph, requests: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per opportunity of `requests` ([{opportunity, points}]), its rows in point order, in ONE query
    (the weekly review reads all its deals at once instead of one query per deal)."""
    out: dict[str, list[dict[str, Any]]] = {r["opportunity"]: [] for r in requests}
    if requests:
        for row in graph.read("deal_state_points", requests=requests):
            out[row["opportunity"]].append(row)
    return out


def deal_points(graph: Graph, opportunity_id: str, points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per {label, until}: {label, deal (None before the first snapshot), members, competitors}."""
    return deal_points_many(graph, [{"opportunity": opportunity_id, "points": points}])[opportunity_id]


def states_for_day(graph: Graph, opportunity_ids: list[str], day: date | None,
                   at_day: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any] | None]:
    """`state_for_day` of many deals in at most three queries whatever their number. `at_day`: their
    deal_points rows at the end of `day`, when the caller has read them already."""
    if day is None or day >= today():
        return {opp: None for opp in opportunity_ids}
    until = end_of_day(day)
    if at_day is None:
        at_day = {opp: rows[0] for opp, rows in deal_points_many(
            graph, [{"opportunity": opp, "points": [{"label": "d", "until": until}]} for opp in opportunity_ids]).items()}
    out: dict[str, dict[str, Any] | None] = {}
    for opp in opportunity_ids:
        if at_day[opp]["deal"] is not None:
            out[opp] = {**at_day[opp], "before_history": False, "until": until}
    missing = [opp for opp in opportunity_ids if opp not in out]
    firsts = {row["opportunity"]: row["first"] for row in graph.read("deal_first_state", opportunities=missing)} \
        if missing else {}
    # before the first snapshot: that first snapshot (`until` includes what was captured then); none: live
    starts = {opp: firsts[opp].to_native() + timedelta(microseconds=1) for opp in missing if firsts.get(opp) is not None}
    first_rows = deal_points_many(graph, [{"opportunity": opp, "points": [{"label": "first", "until": at}]}
                                          for opp, at in starts.items()])
    for opp in missing:
        out[opp] = {**first_rows[opp][0], "before_history": True, "until": starts[opp]} if opp in starts else None
    return out


def state_for_day(graph: Graph, opportunity_id: str, day: date | None) -> dict[str, Any] | None:
    """The snapshot state to use for `day` (see the module docstring), or None for "read the live graph"."""
    return states_for_day(graph, [opportunity_id], day)[opportunity_id]


def sorted_members(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The decision chain's order: approver, decision maker, evaluator, user, then contact id."""
    return sorted(members, key=lambda m: (ROLE_RANK.get(m["role"], 4), m["id"]))


def chain_degrees_of(members: list[dict[str, Any]], settings: Settings) -> dict[str, dict[str, Any]]:
    """Section 4 averages of a member list: {degree: {mean, weighted_mean, n, missing}} (unrounded)."""
    weights = {"approver": settings.role_weight_approver, "decision_maker": settings.role_weight_decision_maker,
               "evaluator": settings.role_weight_evaluator, "user": settings.role_weight_user}
    out: dict[str, dict[str, Any]] = {}
    for degree in DEGREES:
        valued = [(m[degree], weights.get(m["role"], 0)) for m in members if m[degree] is not None]
        weight_sum = sum(w for _, w in valued)
        out[degree] = {"mean": sum(v for v, _ in valued) / len(valued) if valued else None,
                       "weighted_mean": sum(v * w for v, w in valued) / weight_sum if weight_sum else None,
                       "n": len(valued), "missing": len(members) - len(valued)}
    return out


def comparison_of(state: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Section 6 on a snapshot state: the same shape as win_rate.win_rate_raw (no deal then: reason no_history)."""
    deal = state["deal"]
    if deal is None or not deal["present"]:
        return {"win_rate": None, "reason": "no_history", "raw": None, "stronger": 0, "inside_source": False,
                "compelling_event": False, "competitors": [],
                "ours": {"need_satisfaction": None, "closeness": None, "strength": None}}
    degrees = chain_degrees_of(state["members"], settings)
    need = deal["need_satisfaction"] if deal["need_satisfaction"] is not None else degrees["solution_acceptance"]["mean"]
    inside = any(m["inside_source"] for m in state["members"])
    compelling = bool(deal["compelling_event"])
    result = win_rate_service.compare(need, degrees["closeness"]["mean"], state["competitors"], compelling, inside, settings)
    return {**result, "inside_source": inside, "compelling_event": compelling}


def provenance(state: dict[str, Any]) -> dict[str, Any]:
    """Which snapshot an as-of answer used: its time (ISO) and whether the day came before any snapshot."""
    at = state["deal"]["at"] if state["deal"] else None
    return {"state_at": at.iso_format() if hasattr(at, "iso_format") else (at.isoformat() if at else None),
            "before_history": state["before_history"]}


def member_rows_of_many(graph: Graph, settings: Settings, states: dict[str, dict[str, Any]],
                       as_of: date) -> dict[str, list[dict[str, Any]]]:
    """Per deal of `states` (opportunity id -> snapshot state), the chain rows of `chain_rows_of`: the
    members then with the activity facts of `as_of`, for all the deals in one query."""
    from app.services.interaction import window_start  # small helper module, no cycle

    members = {opp: sorted_members(state["members"]) for opp, state in states.items()}
    deals = [{"opportunity": opp, "contacts": [m["id"] for m in members[opp]],
              "until": state.get("until", end_of_day(as_of))} for opp, state in states.items()]
    facts: dict[str, dict[str, dict[str, Any]]] = {opp: {} for opp in states}
    if deals:
        for row in graph.read(
                "deal_member_facts", deals=deals, as_of=as_of, start=window_start(as_of, settings.interaction_window_days),
                contact_start=window_start(as_of, settings.gap_contact_window_days),
                stale_start=window_start(as_of, settings.gap_stale_days)):
            facts[row["opportunity"]][row["id"]] = row
    return {opp: _member_rows(members[opp], facts[opp]) for opp in states}


def chain_rows_of(graph: Graph, settings: Settings, opportunity_id: str, as_of: date,
                  state: dict[str, Any]) -> dict[str, Any]:
    """decision_chain.chain_rows for a snapshot state: the members then, with the activity facts of `as_of`."""
    rows = member_rows_of_many(graph, settings, {opportunity_id: state}, as_of)[opportunity_id]
    brief = graph.read_one("opportunity_brief", id=opportunity_id) or {}
    deal = state["deal"] or {}
    opportunity = {"id": opportunity_id, "name": brief.get("name"), "account": deal.get("account"),
                   "amount": deal.get("amount"), "stage": deal.get("stage"), "grade": deal.get("grade"),
                   "compelling_event": deal.get("compelling_event"),
                   "need_satisfaction": deal.get("need_satisfaction"), "close_date": deal.get("close_date"),
                   "owner": deal.get("owner")}
    return {"opportunity": opportunity, "members": rows}


def _member_rows(members: list[dict[str, Any]], facts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Snapshot members (sorted) joined with their facts, in the shape of decision_chain.cypher's members."""
    rows = []
    for m in members:
        fact = facts.get(m["id"], {})
        rows.append({
            "contact": {"id": m["id"], "name": fact.get("name") or m["name"], "title": fact.get("title")},
            **{k: m[k] for k in ("role", *DEGREES, "one_vote_approve", "one_vote_veto", "orientation", "attitude",
                                 "importance", "inside_source")},
            **{k: fact.get(k, []) for k in ("reports_to", "circles", "influenced_by", "influences")},
            **{k: fact.get(k, 0) for k in ("activities", "deal_activities")},
            **{k: fact.get(k, False) for k in ("contacted", "recent")},
        })
    return rows
