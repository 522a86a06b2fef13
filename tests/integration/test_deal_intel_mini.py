"""Decision chain, win rate, gaps and the account map through the API on the mini bundle (as_of 2026-11-22)."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle

AS_OF = "2026-11-22"


@pytest.fixture
def mini(graph: Graph, client: TestClient, mini_bundle: dict[str, Any]) -> TestClient:
    import_bundle(graph, mini_bundle)
    return client


def test_every_expected_chain_win_rate_and_gap(mini: TestClient, mini_expected: dict[str, Any]) -> None:
    for opp, degrees in mini_expected["chain"].items():
        body = mini.get(f"/opportunities/{opp}/decision-chain", params={"as_of": AS_OF}).json()
        assert body["degrees"] == degrees, opp
    for opp, expected in mini_expected["win_rate"].items():
        body = mini.get(f"/opportunities/{opp}/win-rate").json()
        assert {"win_rate": body["win_rate"], "reason": body["reason"]} == expected, opp
    for opp, expected in mini_expected["gaps"].items():
        body = mini.get(f"/opportunities/{opp}/gaps", params={"as_of": AS_OF}).json()
        got = sorted([g["code"], g["contact"]["id"] if g["contact"] else None] for g in body["gaps"])
        assert got == sorted(expected, key=lambda x: (x[0], x[1] or "")), opp


def test_chain_degrees_by_hand(mini: TestClient) -> None:
    d = mini.get("/opportunities/o-wms/decision-chain", params={"as_of": AS_OF}).json()["degrees"]
    # closeness (ROLE_IN else contact): ceo 40 (A,4) cfo 30 (D,3) cio 75 (D,3) arch 50 (E,2) proc 35 (E,2)
    # opsmgr 70 (U,1) user1 80 (U,1): mean 380/7 = 54.2857; weighted (160+90+225+100+70+70+80)/16 = 795/16
    assert d["closeness"] == {"mean": 54.2857, "weighted_mean": 49.6875, "n": 7, "missing": 0}
    # price: ceo 30, cfo 20, cio 50, arch missing, proc 20 (ROLE_IN), opsmgr 55, user1 70 -> 245/6 = 40.8333;
    # weighted (120+60+150+40+55+70)/(4+3+3+2+1+1) = 495/14 = 35.3571
    assert d["price_acceptance"] == {"mean": 40.8333, "weighted_mean": 35.3571, "n": 6, "missing": 1}


def test_chain_members_carry_the_seven_features(mini: TestClient) -> None:
    body = mini.get("/opportunities/o-wms/decision-chain", params={"as_of": AS_OF}).json()
    assert body["opportunity"]["id"] == "o-wms" and body["opportunity"]["close_date"] == "2027-03-31"
    members = {m["contact"]["id"]: m for m in body["members"]}
    assert [m["role"] for m in body["members"]] == ["approver", "decision_maker", "decision_maker", "evaluator",
                                                    "evaluator", "user", "user"]
    cio = members["c-cio"]
    assert (cio["closeness"], cio["solution_acceptance"], cio["price_acceptance"]) == (75, 85, 50)  # ROLE_IN values
    assert cio["reports_to"] == [{"id": "c-ceo", "name": "Wang Lei", "dotted": False}]
    assert cio["circles"] == [{"id": "circ-digital", "name": "Digital transformation", "role": "leader"}]
    assert cio["influences"] == [{"id": "c-arch", "name": "Liu Yang", "strength": 0.8}]
    arch = members["c-arch"]
    assert arch["reports_to"] == [{"id": "c-cio", "name": "Zhang Wei", "dotted": False},
                                  {"id": "c-coo", "name": "Zhou Xin", "dotted": True}]
    assert arch["solution_acceptance"] == 70 and arch["price_acceptance"] is None  # ROLE_IN 70; nothing to fall back on
    cfo = members["c-cfo"]
    assert cfo["attitude"] == "negative" and cfo["one_vote_veto"] is True and cfo["one_vote_approve"] is False
    assert members["c-ceo"]["one_vote_approve"] is True
    assert members["c-opsmgr"]["inside_source"] is True and members["c-ceo"]["inside_source"] is False
    # activities in (2025-11-22, 2026-11-22]: cio a-1; ceo a-2; opsmgr and user1 a-4; arch a-3: one each
    assert cio["interaction_level"] == "occasional" and cio["deal_interaction_level"] == "occasional"
    assert cfo["interaction_level"] == "none" and cfo["deal_interaction_level"] == "none"
    assert all(m["warm_path"] for m in body["members"])  # every member of o-wms has a reach path in mini
    fin = mini.get("/opportunities/o-fin/decision-chain", params={"as_of": AS_OF}).json()
    assert {m["contact"]["id"]: m["warm_path"] for m in fin["members"]} == {"c-ctl": False, "c-hr": True}
    assert {m["contact"]["id"]: m["deal_interaction_level"] for m in fin["members"]} == {"c-ctl": "occasional",
                                                                                         "c-hr": "none"}


def test_win_rate_by_hand(mini: TestClient) -> None:
    body = mini.get("/opportunities/o-wms/win-rate").json()
    # ours: need = chain mean solution acceptance 430/7 (no need_satisfaction on the deal), closeness 380/7,
    # strength 810/14 = 57.8571; RivalSoft (70+65)/2 = 67.5, MegaERP (60+50)/2 = 55;
    # raw = 57.8571 / (57.8571 + 67.5 + 55) = 0.32079; inside source (c-opsmgr) -> no 0.7 factor
    assert body["ours"] == {"need_satisfaction": 61.4286, "closeness": 54.2857, "strength": 57.8571}
    assert [(k["id"], k["strength"]) for k in body["competitors"]] == [("k-mega", 55.0), ("k-rival", 67.5)]
    assert body["raw"] == 0.3208 and body["win_rate"] == 0.3208 and body["reason"] is None
    fin = mini.get("/opportunities/o-fin/win-rate").json()
    # o-fin: closeness only c-ctl 45, solution 50 -> strength 47.5, no competitors -> raw 0.475; no compelling event
    assert fin["raw"] == 0.475 and fin["win_rate"] is None and fin["reason"] == "no_compelling_event"


def test_gaps_carry_severity_message_and_action(mini: TestClient) -> None:
    body = mini.get("/opportunities/o-wms/gaps", params={"as_of": AS_OF}).json()
    gaps = body["gaps"]
    assert [g["severity"] for g in gaps] == sorted((g["severity"] for g in gaps),
                                                   key=["high", "medium", "low"].index)
    cfo = [g for g in gaps if g["contact"] and g["contact"]["id"] == "c-cfo"]
    assert {g["severity"] for g in cfo} == {"high"}
    opposed = next(g for g in cfo if g["code"] == "KEY_PERSON_OPPOSED")
    # c-cfo is negative -> balance (平衡协调); best reach path e-dan -> c-board -> c-ceo -> c-cfo (0.648)
    assert "Strategy: balance:" in opposed["action"]
    assert "Ask Dan Wu for an introduction through He Jun → Wang Lei" in opposed["action"]
    assert "e-dan" not in opposed["action"]  # ids belong in tooltips, not sentences
    stale = next(g for g in gaps if g["code"] == "STALE_KEY_PERSON")
    assert stale["contact"]["id"] == "c-ceo" and "Strategy: attack:" in stale["action"]  # ceo neutral


def test_relationship_map_of_the_account(mini: TestClient) -> None:
    body = mini.get("/accounts/acc-nw/relationship-map").json()
    # closeness over 12 contacts, 10 set (hr, board? board has 55; hr none; -> missing: hr only... see below)
    # closeness: ceo 40, cfo 30, cio 70, itmgr 85, arch 50, ctl 45, proc 35, coo 60, opsmgr 70, user1 80,
    # board 55 = 620 / 11 = 56.3636 (hr missing) -> grade medium (40 <= c < 60)
    assert body["contacts"] == 12
    assert body["degrees"]["closeness"] == {"mean": 56.3636, "weighted_mean": None, "n": 11, "missing": 1}
    # solution: 50+40+80+85+60+50+40+65+70+75 = 615 / 10 = 61.5 (hr, board missing)
    assert body["degrees"]["solution_acceptance"] == {"mean": 61.5, "weighted_mean": None, "n": 10, "missing": 2}
    # price: 30+20+50+60+40+25+45+55+70 = 395 / 9 = 43.8889 (arch, hr, board missing)
    assert body["degrees"]["price_acceptance"] == {"mean": 43.8889, "weighted_mean": None, "n": 9, "missing": 3}
    assert body["closeness_grade"] == {"grade": "medium", "label": "中"}
    # complete profiles: all but arch (price), hr (degrees), board (solution, price) -> 9/12
    assert body["completeness"] == 0.75
    # key contacts in open deals: o-wms approver ceo, decision makers cfo and cio (o-fin has none); all reachable
    assert body["key_contacts"]["total"] == 3 and body["key_contacts"]["reachable"] == 3
    assert [c["id"] for c in body["key_contacts"]["contacts"]] == ["c-ceo", "c-cfo", "c-cio"]
    old_guard = next(c for c in body["circles"] if c["id"] == "circ-old-guard")
    assert [(m["id"], m["role"], m["attitude"]) for m in old_guard["members"]] == [
        ("c-ceo", "leader", "neutral"), ("c-cfo", "core", "negative"), ("c-proc", "member", "negative")]
    assert [o["id"] for o in body["open_opportunities"]] == ["o-fin", "o-wms"]


def test_unknown_ids_are_404(mini: TestClient) -> None:
    assert mini.get("/contacts/nobody/reach").status_code == 404
    for path in ("decision-chain", "win-rate", "gaps"):
        assert mini.get(f"/opportunities/nope/{path}").status_code == 404
    assert mini.get("/accounts/nope/relationship-map").status_code == 404


def test_reach_bounds_are_422(mini: TestClient) -> None:
    for params in ({"max_hops": 0}, {"max_hops": 6}, {"limit": 0}, {"limit": 101}, {"max_hops": "x"}):
        assert mini.get("/contacts/c-ceo/reach", params=params).status_code == 422, params
    assert mini.get("/contacts/c-ceo/reach", params={"max_hops": 5, "limit": 100}).status_code == 200


def test_gaps_speak_the_asked_language_and_group_by_person(mini: TestClient) -> None:
    english = mini.get("/opportunities/o-wms/gaps", params={"as_of": AS_OF}).json()
    chinese = mini.get("/opportunities/o-wms/gaps", params={"as_of": AS_OF},
                       headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}).json()
    assert chinese == mini.get("/opportunities/o-wms/gaps", params={"as_of": AS_OF, "lang": "zh"}).json()
    assert english["lang"] == "en" and chinese["lang"] == "zh"
    # the machine fields do not change with the language
    assert [(g["code"], g["severity"], g["contact"]) for g in english["gaps"]] == \
        [(g["code"], g["severity"], g["contact"]) for g in chinese["gaps"]]
    cfo = next(p for p in chinese["people"] if p["contact"]["id"] == "c-cfo")
    assert "策略：平衡协调" in cfo["action"] and "Strategy" not in cfo["action"]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in cfo["messages"])
    # one card per person: every contact-level gap of that person, one action
    for card in english["people"]:
        own = [g for g in english["gaps"] if g["contact"] and g["contact"]["id"] == card["contact"]["id"]]
        assert sorted(card["codes"]) == sorted(g["code"] for g in own)
        assert {g["action"] for g in own} == {card["action"]}
        assert card["action"].count("Strategy:") == 1
    assert len({c["contact"]["id"] for c in english["people"]}) == len(english["people"])
    win = mini.get("/opportunities/o-fin/win-rate", params={"lang": "zh"}).json()
    assert win["reason"] == "no_compelling_event" and win["reason_message"].startswith("没有必要事件")
