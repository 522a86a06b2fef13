"""Win rate by competitor comparison (竞争对手比对法, domain.md section 6).

The inputs (chain averages, the deal's fields, competitors) are read by named queries; the few
arithmetic steps on those numbers live in `compare`, a pure function with unit tests.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.i18n import t
from app.services import deal_history
from app.services.chain_degrees import chain_degrees_many, rounded


def strength(need_satisfaction: float | None, closeness: float | None) -> float | None:
    """(need satisfaction + closeness) / 2; None when either is unknown."""
    if need_satisfaction is None or closeness is None:
        return None
    return (need_satisfaction + closeness) / 2


def compare(ours_need: float | None, ours_closeness: float | None, competitors: list[dict[str, Any]],
            compelling_event: bool, inside_source: bool, settings: Settings) -> dict[str, Any]:
    """The section 6 rules, in order: no compelling event / no strength -> None; N+ stronger -> 0; no coach -> x0.7."""
    ours = strength(ours_need, ours_closeness)
    rivals = [{**k, "strength": strength(k["need_satisfaction"], k["closeness"])} for k in competitors]
    known = sorted((k["strength"] for k in rivals if k["strength"] is not None), reverse=True)
    raw = None
    if ours is not None:
        total = ours + sum(known[:settings.win_rate_strongest_competitors])
        raw = ours / total if known else ours / 100
        if total == 0:
            raw = 0.0
    stronger = sum(1 for s in known if ours is not None and s > ours)
    if not compelling_event:
        rate, reason = None, "no_compelling_event"
    elif ours is None:
        rate, reason = None, "insufficient_data"
    elif stronger >= settings.win_rate_not_top_n:
        rate, reason = 0.0, "not_top_three"
    else:
        rate, reason = (raw if inside_source else raw * settings.win_rate_no_inside_source_factor), None
    return {"win_rate": rate, "reason": reason, "raw": raw, "stronger": stronger,
            "ours": {"need_satisfaction": ours_need, "closeness": ours_closeness, "strength": ours},
            "competitors": rivals}


def win_rate_raw(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None = None) -> dict[str, Any]:
    """Unrounded comparison (the gaps reuse it for BEHIND_COMPETITOR and NOT_TOP_THREE); a past `as_of`
    reads the deal's snapshots (app.services.deal_history) and says which in `state_at` / `before_history`."""
    state = deal_history.state_for_day(graph, opportunity_id, as_of)
    if state is not None:
        return {**deal_history.comparison_of(state, settings), **deal_history.provenance(state)}
    found = live_comparisons(graph, settings, [opportunity_id]).get(opportunity_id)
    if found is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", entity="Opportunity", id=opportunity_id)
    return found


def live_comparisons(graph: Graph, settings: Settings, opportunity_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per existing opportunity id, the unrounded comparison on the live graph (two queries for them all)."""
    if not opportunity_ids:
        return {}
    all_inputs = graph.read("win_rate_inputs", opportunities=opportunity_ids)
    all_degrees = chain_degrees_many(graph, settings, opportunity_ids)
    out = {}
    for inputs in all_inputs:
        opp = inputs["opportunity"]
        degrees = all_degrees[opp["id"]]
        need = opp["need_satisfaction"] if opp["need_satisfaction"] is not None else degrees["solution_acceptance"]["mean"]
        result = compare(need, degrees["closeness"]["mean"], inputs["competitors"], bool(opp["compelling_event"]),
                         inputs["inside_source"], settings)
        out[opp["id"]] = {**result, "inside_source": inputs["inside_source"],
                          "compelling_event": bool(opp["compelling_event"]), "state_at": None, "before_history": False}
    return out


def _party(party: dict[str, Any]) -> dict[str, Any]:
    return {**party, **{k: rounded(party[k]) for k in ("need_satisfaction", "closeness", "strength")}}


def win_rate(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None = None,
             lang: str = "en") -> dict[str, Any]:
    """The answer of GET /opportunities/{id}/win-rate[?as_of=], numbers rounded to 4 decimals, the reason in `lang`."""
    result = win_rate_raw(graph, settings, opportunity_id, as_of)
    reason = result["reason"]
    return {"win_rate": rounded(result["win_rate"]), "reason": reason,
            "reason_message": t(f"intelligence.win_rate.{reason}", lang) if reason else None,
            "raw": rounded(result["raw"]),
            "as_of": as_of.isoformat() if as_of else None, "state_at": result["state_at"],
            "before_history": result["before_history"],
            "inside_source": result["inside_source"], "compelling_event": result["compelling_event"],
            "ours": _party(result["ours"]), "competitors": [_party(k) for k in result["competitors"]]}
