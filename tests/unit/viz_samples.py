"""Plain-dict answers in the shapes of the issue-5 endpoints (decision chain, win rate, gaps, reach),
taken from tests/data/mini.json, so the graph views are tested without Neo4j."""
from __future__ import annotations

from typing import Any


def chain() -> dict[str, Any]:
    def member(cid: str, name: str, title: str, role: str, attitude: str | None, c, s, p, **extra: Any):
        return {"contact": {"id": cid, "name": name, "title": title}, "role": role, "attitude": attitude,
                "closeness": c, "solution_acceptance": s, "price_acceptance": p,
                "one_vote_approve": extra.get("approve", False), "one_vote_veto": extra.get("veto", False),
                "inside_source": extra.get("inside", False), "interaction_level": extra.get("il", "occasional"),
                "deal_interaction_level": extra.get("dil", "none"), "warm_path": extra.get("warm")}

    return {
        "opportunity": {"id": "o-wms", "name": "Warehouse management system rollout", "stage": "present_value"},
        "members": [
            member("c-ceo", "Wang Lei", "CEO", "approver", "neutral", 40, 50, 30, approve=True,
                   warm={"employee": {"id": "e-dan", "name": "Dan Wu"}, "score": 0.81}),
            {**member("c-cfo", "Li Na", "CFO", "decision_maker", "negative", 30, 40, 20, veto=True),
             "reports_to": [{"id": "c-ceo", "name": "Wang Lei", "dotted": False}],
             "influenced_by": [{"id": "c-ctl", "name": "Zhao Min", "strength": 0.6}], "influences": [],
             "circles": [{"id": "circ-old-guard", "name": "Old guard", "role": "core"}]},
            member("c-cio", "Zhang Wei", "CIO", "decision_maker", "positive", 75, 85, 50, dil="occasional"),
            member("c-arch", "Liu Yang", "Enterprise Architect", "evaluator", "neutral", 50, 70, None),
            member("c-proc", "Sun Hao", "Head of Procurement", "evaluator", "negative", 35, 40, 20),
            member("c-opsmgr", "Wu Fang", "Warehouse Operations Manager", "user", "positive", 70, 70, 55, inside=True),
            member("c-user1", "Xu Lin", "Dispatcher", "user", "strong_positive", 80, 75, 70),
        ],
        "degrees": {"closeness": {"mean": 54.3, "weighted_mean": 48.1, "n": 7, "missing": 0},
                    "solution_acceptance": {"mean": 61.4, "weighted_mean": 58.0, "n": 7, "missing": 0},
                    "price_acceptance": {"mean": 40.8, "weighted_mean": 35.2, "n": 6, "missing": 1}},
    }


def gaps() -> dict[str, Any]:
    return {"gaps": [
        {"code": "KEY_PERSON_OPPOSED", "severity": "high", "contact": {"id": "c-cfo", "name": "Li Na"},
         "message": "Li Na (decision maker) is negative", "action": "balance (平衡协调): ask Dan Wu for an introduction"},
        {"code": "VETO_NOT_SUPPORTIVE", "severity": "high", "contact": {"id": "c-cfo", "name": "Li Na"},
         "message": "Li Na holds a veto and is not supportive", "action": "balance"},
        {"code": "INCOMPLETE_PROFILE", "severity": "low", "contact": {"id": "c-arch", "name": "Liu Yang"},
         "message": "price acceptance missing", "action": "complete the profile"},
        {"code": "BEHIND_COMPETITOR", "severity": "medium", "contact": None,
         "message": "RivalSoft is closer to the customer", "action": "raise closeness with key people"},
    ]}


def win_rate() -> dict[str, Any]:
    return {"win_rate": 0.42, "reason": None, "raw": 0.42, "inside_source": True, "compelling_event": True,
            "ours": {"need_satisfaction": 61.4, "closeness": 54.3, "strength": 57.9},
            "competitors": [{"id": "k-rival", "name": "RivalSoft", "need_satisfaction": 70, "closeness": 65, "strength": 67.5},
                            {"id": "k-mega", "name": "MegaERP", "need_satisfaction": 60, "closeness": 50, "strength": 55.0}]}


def _node(node_id: str, name: str) -> dict[str, str]:
    return {"id": node_id, "kind": "employee" if node_id.startswith("e-") else "contact", "name": name}


def reach() -> dict[str, Any]:
    names = {"e-dan": "Dan Wu", "e-carol": "Carol Ho", "e-bob": "Bob Ng", "e-amy": "Amy Tan", "e-eve": "Eve Lam",
             "c-board": "He Jun", "c-ceo": "Wang Lei", "c-coo": "Zhou Xin", "c-arch": "Liu Yang", "c-cio": "Zhang Wei",
             "c-itmgr": "Chen Jie", "c-user1": "Xu Lin", "c-opsmgr": "Wu Fang"}
    raw = [(0.81, ["e-dan", "c-board", "c-ceo"], [("KNOWS", 0.9), ("INFLUENCES", 0.9)]),
           (0.42, ["e-carol", "c-coo", "c-ceo"], [("KNOWS", 0.7), ("REPORTS_TO_UP", 0.6)]),
           (0.324, ["e-bob", "c-arch", "c-cio", "c-ceo"], [("KNOWS", 0.9), ("REPORTS_TO_UP", 0.6), ("REPORTS_TO_UP", 0.6)]),
           (0.288, ["e-amy", "c-itmgr", "c-cio", "c-ceo"], [("KNOWS", 0.8), ("REPORTS_TO_UP", 0.6), ("REPORTS_TO_UP", 0.6)]),
           (0.2058, ["e-eve", "c-user1", "c-opsmgr", "c-coo", "c-ceo"],
            [("KNOWS", 0.7), ("INFLUENCES", 0.7), ("INFLUENCES", 0.7), ("REPORTS_TO_UP", 0.6)])]
    return {"target": {"id": "c-ceo", "name": "Wang Lei", "title": "CEO"},
            "paths": [{"employee": {"id": ids[0], "name": names[ids[0]]}, "score": score, "steps": len(ids) - 1,
                       "nodes": [_node(i, names[i]) for i in ids],
                       "relationships": [{"type": typ, "weight": w} for typ, w in rels]}
                      for score, ids, rels in raw]}
