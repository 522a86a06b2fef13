"""Rep levels on a hand-built graph: one rep at each level, and the three ways an excellent account
is downgraded to good. Expected values are worked out by hand from docs/managers.md."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.services.importer import import_bundle
from app.services.rep_levels import rep_levels

pytestmark = pytest.mark.integration


def levels_bundle() -> dict[str, Any]:
    """Accounts with one known contact each; closeness decides the account's grade for whoever knows it.

    M01..M11 medium (M01 at exactly 40), G01..G06 good (G01 at exactly 60), X01..X03 excellent with the
    known contact as decision maker of an open deal (X03: the decision maker is another contact the known
    one INFLUENCES, i.e. reached through reach), P01 poor (39.9, plus a contact without closeness),
    Y01 excellent but its other key person is opposed, Y02 excellent but only 1 of 2 key people reachable,
    Y03 excellent but no key person at all (no open deal, importance 3).
    """
    accounts, contacts, opportunities, roles, influences = [], [], [], [], []

    def account(code: str, closeness: float | None, importance: int = 3) -> None:
        accounts.append({"id": code, "name": f"Account {code}"})
        contacts.append({"id": f"c{code}", "name": f"Contact {code}", "account": code, "importance": importance,
                         "attitude": "neutral", **({} if closeness is None else {"closeness": closeness})})

    for i in range(1, 12):
        account(f"M{i:02d}", 40 if i == 1 else 50)
    for i in range(1, 7):
        account(f"G{i:02d}", 60 if i == 1 else 70)
    for i in range(1, 4):
        account(f"X{i:02d}", 80 if i == 1 else 90)
        opportunities.append({"id": f"oX{i:02d}", "name": f"Deal X{i:02d}", "account": f"X{i:02d}",
                              "amount": 100, "stage": "bid"})
    roles += [{"opportunity": "oX01", "contact": "cX01", "role": "decision_maker", "attitude": "positive"},
              {"opportunity": "oX02", "contact": "cX02", "role": "approver"}]
    contacts.append({"id": "cX03dm", "name": "DM X03", "account": "X03", "attitude": "positive"})
    influences.append({"from": "cX03", "to": "cX03dm"})
    roles.append({"opportunity": "oX03", "contact": "cX03dm", "role": "decision_maker"})
    account("P01", 39.9)
    contacts.append({"id": "cP01b", "name": "No closeness", "account": "P01"})
    account("M01b_holder", None)  # an account whose only contact has no closeness
    contacts.append({"id": "cM01low", "name": "Low in M01", "account": "M01", "closeness": 20})
    # Y01: known contact 90, approver; a second decision maker negative in THIS deal (overall neutral): opposed.
    account("Y01", 90)
    contacts.append({"id": "cY01b", "name": "Opposed DM", "account": "Y01", "attitude": "neutral"})
    opportunities.append({"id": "oY01", "name": "Deal Y01", "account": "Y01", "amount": 100, "stage": "negotiate"})
    roles += [{"opportunity": "oY01", "contact": "cY01", "role": "approver", "attitude": "positive"},
              {"opportunity": "oY01", "contact": "cY01b", "role": "decision_maker", "attitude": "negative"}]
    # Y02: known contact 95 approver; a second decision maker nobody can reach: 1 of 2 is not "most".
    account("Y02", 95)
    contacts.append({"id": "cY02b", "name": "Unreached DM", "account": "Y02", "attitude": "positive"})
    opportunities.append({"id": "oY02", "name": "Deal Y02", "account": "Y02", "amount": 100, "stage": "bid"})
    roles += [{"opportunity": "oY02", "contact": "cY02", "role": "approver"},
              {"opportunity": "oY02", "contact": "cY02b", "role": "decision_maker"}]
    # Y03: known contact 88, no deal, importance 3: no key decision maker to influence.
    account("Y03", 88)

    def knows(employee: str, codes: list[str]) -> list[dict[str, Any]]:
        return [{"employee": employee, "contact": f"c{code}"} for code in codes]

    m = [f"M{i:02d}" for i in range(1, 12)]
    g = [f"G{i:02d}" for i in range(1, 7)]
    x = ["X01", "X02", "X03"]
    ties = (knows("e-top", m + g + x)                                   # 11 / 6 / 3 -> top
            + knows("e-senior", m[:5] + g[:3] + x[:1])                  # 5 / 3 / 1 -> senior
            + knows("e-mid", m[:3] + g[:1] + ["Y01", "Y02", "Y03"])     # 3 / 1+3 downgraded / 0 -> mid
            + knows("e-junior", ["M01", "M01low"])                      # best in M01 is 40 -> 1 medium -> junior
            + knows("e-novice", ["P01", "P01b", "M01b_holder"]))        # 39.9 poor, no closeness -> novice
    employees = [{"id": e, "name": e.split("-")[1].title()} for e in
                 ("e-top", "e-senior", "e-mid", "e-junior", "e-novice")]
    return {"accounts": accounts, "contacts": contacts, "influences": influences, "employees": employees,
            "knows": ties, "opportunities": opportunities, "roles": roles}


@pytest.fixture
def levels_graph(graph: Graph) -> Graph:
    import_bundle(graph, levels_bundle())
    return graph


def test_one_rep_at_each_level(levels_graph: Graph, settings: Settings) -> None:
    answers = {a.employee: a for a in rep_levels(levels_graph, settings, ManagerSettings())}
    got = {e: (a.level.value, a.counts) for e, a in answers.items()}
    assert got == {
        "e-top": ("top", {"medium": 11, "good": 6, "excellent": 3}),
        "e-senior": ("senior", {"medium": 5, "good": 3, "excellent": 1}),
        "e-mid": ("mid", {"medium": 3, "good": 4, "excellent": 0}),
        "e-junior": ("junior", {"medium": 1, "good": 0, "excellent": 0}),
        "e-novice": ("novice", {"medium": 0, "good": 0, "excellent": 0}),
    }
    # best first: top, senior, mid, junior, novice
    assert [a.employee for a in rep_levels(levels_graph, settings, ManagerSettings())] == \
        ["e-top", "e-senior", "e-mid", "e-junior", "e-novice"]


def test_excellent_needs_most_key_people_reached_and_none_opposed(levels_graph: Graph, settings: Settings) -> None:
    mid = rep_levels(levels_graph, settings, ManagerSettings(), "e-mid")[0]
    by_account = {a.account: a for a in mid.accounts}
    for code in ("Y01", "Y02", "Y03"):
        assert by_account[code].closeness_grade.value == "excellent"
        assert by_account[code].grade.value == "good"
    assert "opposed: Opposed DM" in by_account["Y01"].reason
    assert [(p.id, p.opposed) for p in by_account["Y01"].key_people] == [("cY01", False), ("cY01b", True)]
    assert "reaches only 1 of 2" in by_account["Y02"].reason     # 1 / 2 = 0.5 is not more than half
    assert [(p.id, p.reachable) for p in by_account["Y02"].key_people] == [("cY02", True), ("cY02b", False)]
    assert "no key decision makers" in by_account["Y03"].reason
    top = {a.account: a for a in rep_levels(levels_graph, settings, ManagerSettings(), "e-top")[0].accounts}
    # X03's decision maker is not known directly: reached through cX03 -INFLUENCES-> cX03dm
    assert top["X03"].grade.value == "excellent"
    assert [(p.id, p.reachable) for p in top["X03"].key_people] == [("cX03dm", True)]


def test_best_known_contact_decides_and_poor_or_unknown_do_not_count(levels_graph: Graph, settings: Settings) -> None:
    junior = rep_levels(levels_graph, settings, ManagerSettings(), "e-junior")[0]
    assert [(a.account, a.best_closeness, a.grade.value) for a in junior.accounts] == [("M01", 40.0, "medium")]
    assert [c.id for c in junior.accounts[0].best_contacts] == ["cM01"]
    novice = rep_levels(levels_graph, settings, ManagerSettings(), "e-novice")[0]
    assert {(a.account, a.grade) for a in novice.accounts} == {("P01", None), ("M01b_holder", None)}


def test_thresholds_are_settings(levels_graph: Graph, settings: Settings) -> None:
    easier = ManagerSettings(level_top_medium=3, level_top_good=1, level_top_excellent=0)
    mid = rep_levels(levels_graph, settings, easier, "e-mid")[0]
    assert mid.level.value == "top"        # 0 >= 0, 4 >= 1, 7 >= 4


def test_level_routes_are_not_shadowed_by_employee_ids(levels_graph: Graph, client: TestClient) -> None:
    response = client.get("/employees/levels")
    assert response.status_code == 200
    assert [row["employee"] for row in response.json()["items"]][:2] == ["e-top", "e-senior"]
    one = client.get("/employees/e-senior/level").json()
    assert one["level"] == "senior" and one["counts"] == {"medium": 5, "good": 3, "excellent": 1}
    assert client.get("/employees/nobody/level").status_code == 404
