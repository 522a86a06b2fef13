"""Decision-chain gaps and coaching (决策链差距 / 辅导, domain.md section 7).

The facts per member (roles, fallback attitude and degrees, deal activities in the two windows) come
from cypher/decision_chain.cypher, the competitor comparison from the win-rate service, the warm
paths from the reach query; this module applies the fixed rules, attaches a severity and the
coaching action (the relationship strategy for the contact's attitude and, when reach finds one,
the colleague to ask and through whom).

Severities: high = the deal cannot close as things stand (no approver / decision maker, a key person
never contacted or opposed, a veto holder not supportive, not in the top three); medium = a risk to
work on (stale key person, no warm path, no inside source, no compelling event, single-threaded,
behind a competitor); low = homework (no evaluator, incomplete profile).
Order: severity, then code, then contact id (deal-level gaps first within a code).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.i18n import t
from app.models.domain import ATTITUDE_SCORE
from app.services import deal_history
from app.services.decision_chain import chain_rows_many
from app.services.reach import ReachOptions, reach_many, warm_paths, warm_reachable
from app.services.win_rate import live_comparisons

SEVERITY = {
    "NO_APPROVER": "high", "NO_DECISION_MAKER": "high", "KEY_PERSON_NOT_CONTACTED": "high",
    "KEY_PERSON_OPPOSED": "high", "VETO_NOT_SUPPORTIVE": "high", "NOT_TOP_THREE": "high",
    "STALE_KEY_PERSON": "medium", "KEY_PERSON_NO_WARM_PATH": "medium", "NO_INSIDE_SOURCE": "medium",
    "NO_COMPELLING_EVENT": "medium", "SINGLE_THREADED": "medium", "BEHIND_COMPETITOR": "medium",
    "NO_EVALUATOR": "low", "INCOMPLETE_PROFILE": "low",
}
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
KEY_ROLES = ("approver", "decision_maker")
DEGREES = ("closeness", "solution_acceptance", "price_acceptance")

# 五类关系策略: the relationship strategy for each attitude (texts in app/i18n/catalog/gaps.py).
STRATEGIES = ("strong_positive", "positive", "neutral", "negative", "strong_negative")
DEAL_CODES = ("NO_APPROVER", "NO_DECISION_MAKER", "NO_EVALUATOR", "NO_INSIDE_SOURCE", "NO_COMPELLING_EVENT",
              "SINGLE_THREADED", "BEHIND_COMPETITOR", "NOT_TOP_THREE")


def deal_gap(code: str, lang: str) -> dict[str, Any]:
    """A deal-level gap (no contact) with its texts in `lang`."""
    return {"code": code, "severity": SEVERITY[code], "label": t(f"gaps.code.{code}", lang), "contact": None,
            "message": t(f"gaps.deal.{code}.message", lang), "action": t(f"gaps.deal.{code}.action", lang)}


def _attitude_below(attitude: str | None, score: int) -> bool:
    return attitude is not None and ATTITUDE_SCORE[attitude] < score


def strategy(attitude: str | None, lang: str = "en") -> str:
    """The relationship strategy for an attitude (unknown attitude: find it out first)."""
    return t(f"gaps.strategy.{attitude if attitude in STRATEGIES else 'unknown'}", lang)


def _through(path: dict[str, Any], lang: str) -> str:
    via = [n["name"] or n["id"] for n in path["nodes"][1:-1]]
    return t("gaps.intro.through", lang, names=" → ".join(via)) if via else t("gaps.intro.directly", lang)


def _introduction(path: dict[str, Any] | None, lang: str, mine: dict[str, Any] | None = None) -> str:
    """Who to ask for an introduction (names only: ids belong in tooltips, not sentences); when the
    caller is an employee (issue 14) never the caller themselves: their own path, then the best other."""
    if mine is not None:
        own = t("gaps.intro.yourself", lang, through=_through(mine, lang), score=mine["score"])
        if path is None:
            return t("gaps.intro.yourself_only", lang, own=own)
        return t("gaps.intro.yourself_and", lang, own=own, employee=path["employee"]["name"] or path["employee"]["id"],
                 through=_through(path, lang), score=path["score"])
    if path is None:
        return t("gaps.intro.none", lang)
    employee = path["employee"]
    return t("gaps.intro.ask", lang, employee=employee["name"] or employee["id"], through=_through(path, lang),
             score=path["score"])


def colleague_paths(graph: Graph, settings: Settings, contact_ids: list[str], me: str | None
                    ) -> dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Per contact: (the best path of a colleague other than `me`, my own best path). Without `me`: warm_paths.

    Reach answers one best path per employee, best first, so the first two always hold someone else's.
    """
    if me is None:
        return {cid: (path, None) for cid, path in warm_paths(graph, settings, contact_ids).items()}
    found = reach_many(graph, settings, contact_ids, ReachOptions(limit=2))
    out: dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]] = {}
    for cid in contact_ids:
        paths = found.get(cid, {}).get("paths", [])
        others = [p for p in paths if p["employee"]["id"] != me]
        mine = [p for p in paths if p["employee"]["id"] == me]
        out[cid] = (others[0] if others else None, mine[0] if mine else None)
    return out


def person_action(codes: list[str], member: dict[str, Any], path: dict[str, Any] | None, lang: str = "en",
                  mine: dict[str, Any] | None = None) -> str:
    """ONE action for a person with one or more gaps: each gap's first step, then strategy and introduction once."""
    steps = ("" if lang == "zh" else " ").join(t(f"gaps.step.{code}", lang) for code in codes)
    return t("gaps.action", lang, steps=steps, strategy=strategy(member["attitude"], lang),
             introduction=_introduction(path, lang, mine))


def _message(code: str, member: dict[str, Any], settings: Settings, lang: str) -> str:
    contact = member["contact"]
    who = t("gaps.who", lang, name=contact["name"] or contact["id"], role=t(f"value.{member['role']}", lang))
    params: dict[str, Any] = {"who": who}
    if code == "INCOMPLETE_PROFILE":
        missing = [t(f"viz.{f}", lang) for f in ("orientation", "attitude", *DEGREES) if member[f] is None]
        params["missing"] = t("gaps.list_separator", lang).join(missing)
    elif code == "KEY_PERSON_NOT_CONTACTED":
        params["days"] = settings.gap_contact_window_days
    elif code == "STALE_KEY_PERSON":
        params["days"] = settings.gap_stale_days
    elif code in ("KEY_PERSON_OPPOSED", "VETO_NOT_SUPPORTIVE"):
        params["attitude"] = (t(f"value.{member['attitude']}", lang) if member["attitude"]
                              else t("gaps.unknown_attitude", lang))
    return t(f"gaps.member.{code}.message", lang, **params)


def member_codes(member: dict[str, Any], has_path: bool) -> list[str]:
    """The contact-level codes that apply to one member (section 7 rules)."""
    codes = []
    if member["role"] in KEY_ROLES:
        if not member["contacted"]:
            codes.append("KEY_PERSON_NOT_CONTACTED")
        elif not member["recent"]:
            codes.append("STALE_KEY_PERSON")
        if _attitude_below(member["attitude"], 0):
            codes.append("KEY_PERSON_OPPOSED")
        if not has_path:
            codes.append("KEY_PERSON_NO_WARM_PATH")
    if member["one_vote_veto"] and (member["attitude"] is None or ATTITUDE_SCORE[member["attitude"]] <= 0):
        codes.append("VETO_NOT_SUPPORTIVE")
    if any(member[f] is None for f in ("orientation", "attitude", *DEGREES)):
        codes.append("INCOMPLETE_PROFILE")
    return codes


def deal_codes(members: list[dict[str, Any]], threads: list[str], comparison: dict[str, Any],
               not_top_n: int = 3) -> list[str]:
    """The deal-level codes (no contact)."""
    roles = {m["role"] for m in members}
    codes = [code for role, code in (("approver", "NO_APPROVER"), ("decision_maker", "NO_DECISION_MAKER"),
                                     ("evaluator", "NO_EVALUATOR")) if role not in roles]
    if not any(m["inside_source"] for m in members):
        codes.append("NO_INSIDE_SOURCE")
    if not comparison["compelling_event"]:
        codes.append("NO_COMPELLING_EVENT")
    if len(threads) == 1:
        codes.append("SINGLE_THREADED")
    ours = comparison["ours"]
    if any((ours["closeness"] is not None and k["closeness"] is not None and ours["closeness"] < k["closeness"])
           or (ours["need_satisfaction"] is not None and k["need_satisfaction"] is not None
               and ours["need_satisfaction"] < k["need_satisfaction"]) for k in comparison["competitors"]):
        codes.append("BEHIND_COMPETITOR")
    if ours["strength"] is not None and comparison["stronger"] >= not_top_n:
        codes.append("NOT_TOP_THREE")
    return codes


def _sort_key(gap: dict[str, Any]) -> tuple[int, str, str]:
    return SEVERITY_RANK[gap["severity"]], gap["code"], gap["contact"]["id"] if gap["contact"] else ""


def gap_inputs(graph: Graph, settings: Settings, opportunity_ids: list[str], as_of: date,
               states: dict[str, dict[str, Any] | None]) -> dict[str, dict[str, Any]]:
    """What the rules read, per existing deal: {opportunity, members, comparison, threads}. A deal with a
    snapshot state (deal_history.states_for_day) is read from it, one with None from the live graph; a
    few queries for any number of deals (the weekly review asks for all its deals at once)."""
    snap = {opp: states[opp] for opp in opportunity_ids if states.get(opp) is not None}
    live = [opp for opp in opportunity_ids if states.get(opp) is None]
    out: dict[str, dict[str, Any]] = {}
    if snap:
        members = deal_history.member_rows_of_many(graph, settings, snap, as_of)
        threads = {row["opportunity"]: row["employees"] for row in graph.read(
            "deal_threads_members", as_of=as_of,
            deals=[{"opportunity": opp, "contacts": [m["contact"]["id"] for m in members[opp]]} for opp in snap])}
        for opp, state in snap.items():
            out[opp] = {"opportunity": {"id": opp, "name": None}, "members": members[opp],
                        "comparison": deal_history.comparison_of(state, settings), "threads": threads.get(opp, [])}
    if live:
        rows = chain_rows_many(graph, settings, live, as_of)
        comparisons = live_comparisons(graph, settings, live)
        threads = {row["opportunity"]: row["employees"]
                   for row in graph.read("deal_threads", opportunities=live, as_of=as_of)}
        for opp in live:
            if opp in rows:
                out[opp] = {"opportunity": rows[opp]["opportunity"], "members": rows[opp]["members"],
                            "comparison": comparisons[opp], "threads": threads[opp]}
    return out


def key_members(inputs: dict[str, Any]) -> list[str]:
    """The approvers and decision makers of one deal's inputs: whose warm path the rules need."""
    return [m["contact"]["id"] for m in inputs["members"] if m["role"] in KEY_ROLES]


def coded_gaps(inputs: dict[str, Any], warm: dict[str, bool], settings: Settings
               ) -> tuple[list[str], list[tuple[dict[str, Any], list[str]]]]:
    """The section 7 rules on one deal's inputs: its deal-level codes, and each member with its codes."""
    members = inputs["members"]
    coded = [(m, member_codes(m, warm.get(m["contact"]["id"], True))) for m in members]
    return deal_codes(members, inputs["threads"], inputs["comparison"], settings.win_rate_not_top_n), coded


def gaps(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None = None,
         lang: str = "en", me: str | None = None) -> dict[str, Any]:
    """Every gap of the opportunity as of `as_of` (default today), sorted by severity, code, contact id;
    `people` groups the contact-level gaps into one card per person with ONE action (texts in `lang`).

    A past day reads that day's history snapshots (issue 17). `me` (issue 14): the caller's employee
    id; actions then never tell them to ask themselves.
    """
    state = deal_history.state_for_day(graph, opportunity_id, as_of)  # a past day: that day's snapshots
    as_of = as_of or date.today()
    inputs = gap_inputs(graph, settings, [opportunity_id], as_of, {opportunity_id: state}).get(opportunity_id)
    if inputs is None:
        raise NotFound(f"no opportunity with id {opportunity_id!r}", entity="Opportunity", id=opportunity_id)
    opportunity = inputs["opportunity"]
    if state is not None:
        opportunity = {"id": opportunity_id, "name": (graph.read_one("opportunity_brief", id=opportunity_id) or {}).get("name")}
    warm = warm_reachable(graph, settings, key_members(inputs))
    codes_of_deal, coded = coded_gaps(inputs, warm, settings)
    # the colleague to ask: best paths only for the members with a gap (reach is dearer than warm_reach)
    paths = colleague_paths(graph, settings, [m["contact"]["id"] for m, codes in coded if codes], me)

    found = [deal_gap(code, lang) for code in codes_of_deal]
    people = []
    for member, codes in coded:
        if not codes:
            continue
        contact = member["contact"]
        ref = {"id": contact["id"], "name": contact["name"]}
        path, own_path = paths.get(contact["id"], (None, None))
        action = person_action(codes, member, path, lang, own_path)
        person_gaps = [{"code": code, "severity": SEVERITY[code], "label": t(f"gaps.code.{code}", lang), "contact": ref,
                        "message": _message(code, member, settings, lang), "action": action} for code in codes]
        found.extend(person_gaps)
        people.append({"contact": ref, "role": member["role"], "attitude": member["attitude"],
                       "severity": min((g["severity"] for g in person_gaps), key=SEVERITY_RANK.__getitem__),
                       "codes": codes, "labels": [g["label"] for g in person_gaps],
                       "messages": [g["message"] for g in person_gaps], "action": action})
    found.sort(key=_sort_key)
    people.sort(key=lambda p: (SEVERITY_RANK[p["severity"]], p["contact"]["name"] or "", p["contact"]["id"]))
    return {"opportunity": {"id": opportunity["id"], "name": opportunity["name"]},
            "as_of": as_of.isoformat(), "lang": lang, "gaps": found, "people": people,
            **(deal_history.provenance(state) if state is not None else {"state_at": None, "before_history": False})}
