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
from app.db.graph import Graph
from app.models.domain import ATTITUDE_SCORE
from app.services import deal_history
from app.services.decision_chain import chain_rows
from app.services.reach import ReachOptions, reach_many, warm_paths, warm_reachable
from app.services.win_rate import win_rate_raw

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

# 五类关系策略: the relationship strategy for each attitude.
STRATEGY = {
    "strong_positive": "motivate (激励): keep them championing us, give them material to sell internally",
    "positive": "defend (防御): keep the relationship warm and guard it against competitors",
    "neutral": "attack (进攻): win them over with value for their own goals",
    "negative": "balance (平衡协调): address their concerns, bring in someone they trust to balance their view",
    "strong_negative": "suppress (压制): limit their influence through their superiors and allies",
}
UNKNOWN_STRATEGY = "find out their attitude first (no strategy without it)"

DEAL_GAPS = {
    "NO_APPROVER": ("No approver (批准者) is identified in the decision chain.",
                    "Find out who signs off on this deal and add them with role approver."),
    "NO_DECISION_MAKER": ("No decision maker (决策者) is identified in the decision chain.",
                          "Map who decides and add them with role decision_maker."),
    "NO_EVALUATOR": ("No evaluator (评估者) is identified in the decision chain.",
                     "Find out who evaluates the solution and add them with role evaluator."),
    "NO_INSIDE_SOURCE": ("Nobody in the decision chain is an inside source (内部消息来源).",
                         "Develop a coach: start with the most positive member who trusts us."),
    "NO_COMPELLING_EVENT": ("The deal has no compelling event (必要事件): no win rate can be given.",
                            "Find or create the event that forces a decision and a date."),
    "SINGLE_THREADED": ("All deal activities with the decision chain come from one colleague.",
                        "Multi-thread: bring in colleagues who know other members (see reach)."),
    "BEHIND_COMPETITOR": ("Our closeness or need satisfaction is below a competitor's.",
                          "Close the gap on the weaker dimension against the leading competitor."),
    "NOT_TOP_THREE": ("Three or more competitors are stronger than us: the win rate is 0.",
                      "Decide whether to pursue: change the evaluation criteria or qualify out."),
}


def _attitude_below(attitude: str | None, score: int) -> bool:
    return attitude is not None and ATTITUDE_SCORE[attitude] < score


def _through(path: dict[str, Any]) -> str:
    via = [n["name"] or n["id"] for n in path["nodes"][1:-1]]
    return f" through {' → '.join(via)}" if via else " directly"


def _introduction(path: dict[str, Any] | None, mine: dict[str, Any] | None = None) -> str:
    """Who to ask: the best colleague; when the caller is an employee (issue 14) never the caller themselves."""
    if mine is not None:
        own = f"You can reach them yourself{_through(mine)} (score {mine['score']})"
        if path is None:
            return own + "; no other colleague has a warm path to them."
        employee = path["employee"]
        return (own + f"; the best colleague to bring in is {employee['name'] or employee['id']} ({employee['id']})"
                f"{_through(path)} (score {path['score']}).")
    if path is None:
        return "Nobody in our company has a warm path to them yet: build one (events, partners, their peers)."
    employee = path["employee"]
    return (f"Ask {employee['name'] or employee['id']} ({employee['id']}) for an introduction{_through(path)} "
            f"(score {path['score']}).")


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


def _action(code: str, member: dict[str, Any], path: dict[str, Any] | None,
            mine: dict[str, Any] | None = None) -> str:
    strategy = STRATEGY.get(member["attitude"] or "", UNKNOWN_STRATEGY)
    first = {
        "KEY_PERSON_NOT_CONTACTED": "Meet them on this deal.",
        "STALE_KEY_PERSON": "Meet them again soon.",
        "KEY_PERSON_OPPOSED": "Work on their objections.",
        "KEY_PERSON_NO_WARM_PATH": "Find a way in.",
        "VETO_NOT_SUPPORTIVE": "Turn the veto holder into a supporter before the decision.",
        "INCOMPLETE_PROFILE": "Complete their profile.",
    }[code]
    return f"{first} Strategy: {strategy}. {_introduction(path, mine)}"


def _message(code: str, member: dict[str, Any], settings: Settings) -> str:
    who = f"{member['contact']['name'] or member['contact']['id']} ({member['role']})"
    if code == "INCOMPLETE_PROFILE":
        missing = [f for f in ("orientation", "attitude", *DEGREES) if member[f] is None]
        return f"{who}: profile incomplete, missing {', '.join(missing)}."
    return who + {
        "KEY_PERSON_NOT_CONTACTED": f": no deal activity in the last {settings.gap_contact_window_days} days.",
        "STALE_KEY_PERSON": f": no deal activity in the last {settings.gap_stale_days} days.",
        "KEY_PERSON_OPPOSED": f": attitude {member['attitude']} on this deal.",
        "KEY_PERSON_NO_WARM_PATH": ": nobody in our company can reach them (reach, default options).",
        "VETO_NOT_SUPPORTIVE": f": holds a veto and is {member['attitude'] or 'of unknown attitude'}.",
    }[code]


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


def gaps(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None = None,
         me: str | None = None) -> dict[str, Any]:
    """Every gap of the opportunity as of `as_of` (default today), sorted by severity, code, contact id.

    `me` (issue 14): the caller's employee id; actions then never tell them to ask themselves.
    """
    state = deal_history.state_for_day(graph, opportunity_id, as_of)  # a past day: that day's snapshots (issue 17)
    as_of = as_of or date.today()
    if state is not None:
        row = deal_history.chain_rows_of(graph, settings, opportunity_id, as_of, state)
        comparison = deal_history.comparison_of(state, settings)
        threads = graph.read_one("deal_threads_members", opportunity=opportunity_id, as_of=as_of,
                                 contacts=[m["contact"]["id"] for m in row["members"]])["employees"]
    else:
        row = chain_rows(graph, settings, opportunity_id, as_of)
        comparison = win_rate_raw(graph, settings, opportunity_id)
        threads = graph.read_one("deal_threads", opportunity=opportunity_id, as_of=as_of)["employees"]
    members = row["members"]
    warm = warm_reachable(graph, settings, [m["contact"]["id"] for m in members if m["role"] in KEY_ROLES])
    coded = [(m, member_codes(m, warm.get(m["contact"]["id"], True))) for m in members]
    # the colleague to ask: best paths only for the members with a gap (reach is dearer than warm_reach)
    paths = colleague_paths(graph, settings, [m["contact"]["id"] for m, codes in coded if codes], me)

    found = []
    for code in deal_codes(members, threads, comparison, settings.win_rate_not_top_n):
        message, action = DEAL_GAPS[code]
        found.append({"code": code, "severity": SEVERITY[code], "contact": None, "message": message, "action": action})
    for member, codes in coded:
        contact = member["contact"]
        path, mine = paths.get(contact["id"], (None, None))
        for code in codes:
            found.append({"code": code, "severity": SEVERITY[code],
                          "contact": {"id": contact["id"], "name": contact["name"]},
                          "message": _message(code, member, settings), "action": _action(code, member, path, mine)})
    found.sort(key=_sort_key)
    return {"opportunity": {"id": row["opportunity"]["id"], "name": row["opportunity"]["name"]},
            "as_of": as_of.isoformat(), "gaps": found,
            **(deal_history.provenance(state) if state is not None else {"state_at": None, "before_history": False})}
