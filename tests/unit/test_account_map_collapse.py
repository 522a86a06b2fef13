"""Key people and folded departments of the account map (app.viz.collapse), worked by hand."""
from __future__ import annotations

from typing import Any

from app.viz.account_map import build_account_map
from app.viz.collapse import department_chain, key_reasons, plan
from app.viz.config import VizSettings


def contact(cid: str, dept: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "name": cid.upper(), "department": {"id": dept, "name": dept} if dept else None,
            "roles": extra.pop("roles", []), "circles": extra.pop("circles", []), **extra}


# T (top) > C (child); k1 approver in C, a in T, b and c in C, d in no department, e importance 4 in C
DATA = {
    "account": {"id": "acc"}, "filter": {}, "employees": [], "knows": [], "influences": [], "circles": [],
    "departments": [{"id": "T", "name": "Top", "parent": None}, {"id": "C", "name": "Child", "parent": "T"}],
    "contacts": [contact("k1", "C", roles=[{"opportunity": "o1", "role": "approver"}]), contact("a", "T"),
                 contact("b", "C", roles=[{"opportunity": "o2", "role": "user"}]), contact("c", "C"),
                 contact("d", None), contact("e", "C", importance=4)],
    "reports_to": [{"from": "a", "to": "k1"}, {"from": "b", "to": "a"}, {"from": "c", "to": "a"}],
}


def test_key_reasons() -> None:
    assert key_reasons(contact("x", None, roles=[{"opportunity": "o", "role": "decision_maker"}])) == ["key_role"]
    assert key_reasons(contact("x", None, importance=4)) == ["key_importance"]
    assert key_reasons(contact("x", None, importance=3)) == []
    assert key_reasons(contact("x", None, circles=[{"id": "ci", "role": "leader"}])) == ["key_leader"]
    assert key_reasons(contact("x", None, roles=[{"opportunity": "o", "role": "user"}]), deal="o") == ["key_deal"]
    assert department_chain("C", {"C": "T", "T": None}) == ["C", "T"]
    assert department_chain("C", {"C": "T", "T": "C"}) == ["C", "T"]  # a cycle in bad data ends


def test_small_accounts_draw_everyone() -> None:
    layout = plan(DATA, collapse_over=6)
    assert sorted(layout.shown) == ["a", "b", "c", "d", "e", "k1"] and not layout.groups and not layout.collapsed
    assert layout.key == {"k1", "e"}


def test_big_accounts_fold_by_department_and_open_level_by_level() -> None:
    closed = plan(DATA, collapse_over=5)
    assert sorted(closed.shown) == ["d", "e", "k1"] and closed.groups == {"T": ["a", "b", "c"]}
    opened = plan(DATA, collapse_over=5, expanded={"T"})
    assert sorted(opened.shown) == ["a", "d", "e", "k1"] and opened.groups == {"C": ["b", "c"]}
    both = plan(DATA, collapse_over=5, expanded={"T", "C"})
    assert sorted(both.shown) == ["a", "b", "c", "d", "e", "k1"] and both.groups == {}
    with_deal = plan(DATA, collapse_over=5, deal="o2")  # the selected deal's members are drawn too
    assert "b" in with_deal.shown and with_deal.groups == {"T": ["a", "c"]}


def test_the_biggest_departments_open_while_the_picture_stays_within_budget() -> None:
    # closed: k1, d, e + [T] = 4 nodes; opening T: k1, d, e, a + [C] = 5 <= 5; opening C too: 6 > 5
    auto = plan(DATA, collapse_over=5, budget=5)
    assert sorted(auto.shown) == ["a", "d", "e", "k1"] and auto.groups == {"C": ["b", "c"]}
    assert plan(DATA, collapse_over=5, budget=4).groups == {"T": ["a", "b", "c"]}


def test_folded_map_has_a_labelled_department_node_and_bold_key_people() -> None:
    net, _, legend = build_account_map(DATA, "en", VizSettings(collapse_over=5, collapse_budget=0))
    nodes = {n["id"]: n for n in net.nodes}
    assert set(nodes) == {"k1", "d", "e", "dept:T"}
    dept = nodes["dept:T"]
    assert dept["kind"] == "department" and "Top" in dept["label"] and "3 people" in dept["label"]
    assert [m[0] for m in dept["members"]] == ["a", "b", "c"]  # the search finds folded people by name
    assert nodes["k1"]["key"] is True and nodes["k1"]["font"]["size"] > nodes["d"]["font"]["size"] and nodes["d"]["key"] is False
    # a's reporting line to k1 is drawn from the department node that holds a
    assert {(e["from"], e["to"]) for e in net.edges} == {("k1", "dept:T")}
    assert "Folded department" in legend
    zh, _, _ = build_account_map(DATA, "zh", VizSettings(collapse_over=5, collapse_budget=0))
    assert "3 人" in {n["id"]: n for n in zh.nodes}["dept:T"]["label"]
