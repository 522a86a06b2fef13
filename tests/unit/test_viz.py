"""Graph views from plain dicts, without Neo4j: offline HTML, encodings, tooltips, layout, page."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from app.viz import offline, theme
from app.viz.account_map import build_account_map, render_account_map
from app.viz.config import VizSettings
from app.viz.deal_view import build_deal_view, render_deal_view
from app.viz.layout import org_chart_positions, reporting_depths
from app.viz.page import page_html
from app.viz.reach_view import build_reach_view, render_reach_view
from tests.unit import viz_samples

OUTSIDE = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
DATA = Path(__file__).resolve().parents[1] / "data"


def account_data(employees: bool = False) -> dict[str, Any]:
    """An account_graph answer built from mini.json (what the service returns, minus Neo4j)."""
    bundle = json.loads((DATA / "mini.json").read_text(encoding="utf-8"))
    deps = {d["id"]: d for d in bundle["departments"]}
    circles = {c["id"]: c for c in bundle["circles"]}
    open_deals = {o["id"]: o for o in bundle["opportunities"] if o["stage"] not in ("won", "lost")}
    contacts = []
    for c in bundle["contacts"]:
        contacts.append({
            **{k: c.get(k) for k in ("id", "name", "title", "orientation", "attitude", "importance", "closeness",
                                     "solution_acceptance", "price_acceptance")},
            "department": {"id": c["department"], "name": deps[c["department"]]["name"]} if c.get("department") else None,
            "circles": [{"id": ci["id"], "name": ci["name"], "role": m["role"]}
                        for ci in circles.values() for m in ci["members"] if m["contact"] == c["id"]],
            "roles": [{"opportunity": r["opportunity"], "opportunity_name": open_deals[r["opportunity"]]["name"],
                       "role": r["role"], "attitude": r.get("attitude"),
                       "one_vote_approve": r.get("one_vote_approve", False), "one_vote_veto": r.get("one_vote_veto", False),
                       "inside_source": r.get("inside_source", False)}
                      for r in bundle["roles"] if r["contact"] == c["id"] and r["opportunity"] in open_deals],
            "activities": 1, "interaction_level": "occasional",
        })
    return {
        "account": {"id": "acc-nw", "name": "Northwind Logistics"},
        "filter": {"department": None, "circle": None, "employees": employees},
        "contacts": contacts,
        "reports_to": [{"from": r["from"], "to": r["to"], "dotted": r.get("dotted", False)} for r in bundle["reports_to"]],
        "influences": [{"from": i["from"], "to": i["to"], "strength": i.get("strength")} for i in bundle["influences"]],
        "employees": [{k: e.get(k) for k in ("id", "name", "title", "team")} for e in bundle["employees"]] if employees else [],
        "knows": [{"from": k["employee"], "to": k["contact"], "strength": k.get("strength"), "source": k.get("source")}
                  for k in bundle["knows"]] if employees else [],
        "circles": [{"id": c["id"], "name": c["name"]} for c in bundle["circles"]],
        "departments": [{"id": d["id"], "name": d["name"]} for d in bundle["departments"]],
        "opportunities": [{"id": o["id"], "name": o["name"], "stage": o["stage"]} for o in open_deals.values()],
    }


def color_of(edge: dict[str, Any]) -> str:
    return edge["color"]["color"] if isinstance(edge["color"], dict) else edge["color"]


def nodes_of(net: Any) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in net.nodes}


# --- offline HTML ---------------------------------------------------------------------------

@pytest.mark.parametrize("render", [
    lambda: render_account_map(account_data(employees=True), "en"),
    lambda: render_account_map(account_data(), "zh"),
    lambda: render_deal_view(viz_samples.chain(), viz_samples.gaps(), viz_samples.win_rate(), "zh"),
    lambda: render_reach_view(viz_samples.reach(), "en"),
], ids=["account-en", "account-zh", "deal", "reach"])
def test_views_are_self_contained(render: Any) -> None:
    document = render()
    assert document.startswith("<!DOCTYPE html>")
    assert not OUTSIDE.search(document), OUTSIDE.findall(document)
    assert "bootstrap" not in document.lower()
    assert "vis.Network" in document and "vis-network" in document  # the library itself is inline
    assert "<script src" not in document and "<link" not in document
    assert 'postMessage' in document  # bridge to the page


def test_external_refs_finds_cdn_links() -> None:
    assert offline.external_refs('<script src="https://cdn.example/x.js"></script><a href="//x.org">') == [
        "https://cdn.example/x.js", "//x.org"]
    assert offline.external_refs('<svg xmlns="http://www.w3.org/2000/svg">') == []


def test_titles_with_href_are_escaped() -> None:
    assert offline.safe_title('<img src=x onerror=alert(1)> href') == "&lt;img src=x onerror=alert(1)&gt; href"
    assert offline.safe_title("Wang Lei\nCEO") == "Wang Lei\nCEO"


# --- account map ----------------------------------------------------------------------------

def test_account_map_encodes_attitude_importance_role_and_circle() -> None:
    net, _, legend = build_account_map(account_data(), "en")
    nodes = nodes_of(net)
    assert len(nodes) == 12
    ceo, cfo, user1, board = nodes["c-ceo"], nodes["c-cfo"], nodes["c-user1"], nodes["c-board"]
    assert ceo["shape"] == "star" and cfo["shape"] == "diamond" and user1["shape"] == "square" and board["shape"] == "dot"
    assert ceo["label"].startswith("★")
    assert ceo["color"]["background"] == theme.ATTITUDE_COLORS["neutral"]
    assert cfo["color"]["background"] == theme.ATTITUDE_COLORS["negative"]
    assert user1["color"]["background"] == theme.ATTITUDE_COLORS["strong_positive"]
    assert ceo["size"] > user1["size"]  # importance 5 vs 2
    assert ceo["color"]["border"] == cfo["color"]["border"] != nodes["c-cio"]["color"]["border"]  # circles
    assert board["borderWidth"] == 1  # in no circle
    assert "Old guard" in legend and "Digital transformation" in legend


def test_account_map_edges_reporting_solid_influence_dashed_by_strength() -> None:
    net, _, _ = build_account_map(account_data(), "en")
    reporting = [e for e in net.edges if color_of(e) == theme.REPORTS_COLOR]
    dotted = [e for e in net.edges if color_of(e) == theme.DOTTED_COLOR]
    influence = [e for e in net.edges if color_of(e) == theme.INFLUENCE_COLOR]
    assert len(reporting) == 10 and all(e["dashes"] is False for e in reporting)
    assert {(e["from"], e["to"]) for e in dotted} == {("c-coo", "c-arch")}  # manager -> report
    assert len(influence) == 5 and all(e["dashes"] for e in influence)
    widths = {(e["from"], e["to"]): e["width"] for e in influence}
    assert widths[("c-board", "c-ceo")] > widths[("c-ctl", "c-cfo")]


def test_account_map_tooltip_carries_the_seven_features() -> None:
    net, _, _ = build_account_map(account_data(), "en")
    title = nodes_of(net)["c-cfo"]["title"]
    for needle in ("Closeness 30", "Solution acceptance 40", "Price acceptance 20", "One-vote approve: no",
                   "One-vote veto: Warehouse management system rollout", "Reports to: Wang Lei", "Direct reports: 2",
                   "Influenced by: Zhao Min (0.6)", "Circles: Old guard (core)", "Interaction level: occasional"):
        assert needle in title, needle
    zh = nodes_of(build_account_map(account_data(), "zh")[0])["c-cfo"]["title"]
    for needle in ("关系紧密度 30", "方案认可度 40", "价格接受度 20", "一票否决", "汇报给: Wang Lei", "负向", "决策者"):
        assert needle in zh, needle


def test_employees_only_on_demand() -> None:
    without = nodes_of(build_account_map(account_data(employees=False), "en")[0])
    assert not any(n["kind"] == "employee" for n in without.values())
    net, _, _ = build_account_map(account_data(employees=True), "en")
    nodes = nodes_of(net)
    assert {n for n, d in nodes.items() if d["kind"] == "employee"} == {"e-amy", "e-bob", "e-carol", "e-dan", "e-eve"}
    assert sum(1 for e in net.edges if color_of(e) == theme.KNOWS_COLOR) == 7
    assert all(nodes[e]["y"] < min(n["y"] for n in nodes.values() if n["kind"] == "contact") for e in ("e-amy", "e-dan"))


def test_many_knows_lines_are_revealed_on_selection() -> None:
    few = build_account_map(account_data(employees=True), "en")[0]
    assert not any(e.get("reveal") for e in few.edges)
    net, _, legend = build_account_map(account_data(employees=True), "en", VizSettings(max_knows_lines=3))
    knows = [e for e in net.edges if color_of(e) == theme.KNOWS_COLOR]
    assert len(knows) == 7 and all(e["reveal"] for e in knows)
    assert "click a person" in legend


def test_physics_off_past_the_threshold_and_layout_is_precomputed() -> None:
    _, small, _ = build_account_map(account_data(), "en", VizSettings(physics_max_nodes=300))
    _, large, legend = build_account_map(account_data(), "en", VizSettings(physics_max_nodes=5))
    assert small["physics"]["enabled"] is True and large["physics"]["enabled"] is False
    assert small["layout"]["hierarchical"]["enabled"] is False  # our own positions, not vis-network's
    assert "physics off" in legend
    first = [(n["id"], n["x"], n["y"]) for n in build_account_map(account_data(), "en")[0].nodes]
    again = [(n["id"], n["x"], n["y"]) for n in build_account_map(account_data(), "en")[0].nodes]
    assert first == again


# --- layout ---------------------------------------------------------------------------------

def test_reporting_depths_follow_solid_lines_and_survive_cycles() -> None:
    edges = [{"from": "b", "to": "a"}, {"from": "c", "to": "b"}, {"from": "d", "to": "a", "dotted": True},
             {"from": "x", "to": "y"}, {"from": "y", "to": "x"}]
    depths = reporting_depths(["a", "b", "c", "d", "x", "y"], edges)
    assert depths["a"] == 0 and depths["b"] == 1 and depths["c"] == 2
    assert depths["d"] is None  # dotted only: not laid out by it
    assert {depths["x"], depths["y"]} <= {0, 1, 2}


def test_org_chart_centres_managers_and_stacks_leaf_teams() -> None:
    ids = ["boss", "m1", "m2"] + [f"r{i:02d}" for i in range(10)] + ["loner"]
    edges = [{"from": "m1", "to": "boss"}, {"from": "m2", "to": "boss"}] + [
        {"from": f"r{i:02d}", "to": "m1" if i < 8 else "m2"} for i in range(10)]
    pos = org_chart_positions(ids, edges, stack_after=4, stack_rows=4, max_columns=14)
    assert pos["boss"][1] < pos["m1"][1] < pos["r00"][1]
    assert pos["m1"][0] < pos["boss"][0] < pos["m2"][0]
    stacked = [pos[f"r{i:02d}"] for i in range(8)]
    assert len({x for x, _ in stacked}) == 2  # 8 leaf reports in 2 columns of 4
    assert pos["loner"][1] > max(y for n, (_, y) in pos.items() if n != "loner")


def test_wide_org_charts_wrap_into_bands_near_the_pane_shape() -> None:
    ids = ["ceo"] + [f"vp{i:02d}" for i in range(12)] + [f"m{i:02d}{j}" for i in range(12) for j in range(3)]
    edges = [{"from": f"vp{i:02d}", "to": "ceo"} for i in range(12)] + [
        {"from": f"m{i:02d}{j}", "to": f"vp{i:02d}"} for i in range(12) for j in range(3)]
    flat = org_chart_positions(ids, edges, max_columns=1000)
    assert len({y for _, y in flat.values()}) == 3  # one row per level
    wrapped = org_chart_positions(ids, edges, max_columns=9)
    assert len({wrapped[f"vp{i:02d}"][1] for i in range(12)}) > 1  # VPs in several bands
    auto = org_chart_positions(ids, edges)
    width = max(x for x, _ in auto.values()) - min(x for x, _ in auto.values())
    height = max(y for _, y in auto.values()) - min(y for _, y in auto.values())
    assert 0.5 < width / height < 4


# --- deal and reach views -------------------------------------------------------------------

def test_deal_view_marks_gaps_and_shows_competitors() -> None:
    net, _, _ = build_deal_view(viz_samples.chain(), viz_samples.gaps(), viz_samples.win_rate(), "en")
    nodes = nodes_of(net)
    cfo = nodes["c-cfo"]
    assert cfo["color"]["border"] == theme.GAP_BORDER and cfo["borderWidth"] == 5
    assert "KEY_PERSON_OPPOSED" in cfo["title"] and "VETO_NOT_SUPPORTIVE" in cfo["title"]
    assert nodes["c-cio"]["color"]["border"] != theme.GAP_BORDER
    deal = nodes["opp:o-wms"]
    assert "BEHIND_COMPETITOR" in deal["title"] and deal["color"]["border"] == theme.GAP_BORDER
    assert "42%" in deal["label"] and "Closeness: mean 54.3" in deal["title"]
    competitors = {n["name"] for n in nodes.values() if n["kind"] == "competitor"}
    assert competitors == {"RivalSoft", "MegaERP"}
    assert nodes["c-ceo"]["level"] < nodes["c-cfo"]["level"] < nodes["c-arch"]["level"] < nodes["c-user1"]["level"]
    assert "Dan Wu" in nodes["c-ceo"]["title"]  # warm path
    assert "Reports to: Wang Lei" in cfo["title"] and "Influenced by: Zhao Min (0.6)" in cfo["title"]
    assert "Circles: Old guard (core)" in cfo["title"]
    assert any(e["from"] == "c-ceo" and e["to"] == "c-cfo" for e in net.edges)  # reporting line in the chain


def test_deal_view_without_win_rate_or_gaps() -> None:
    net, _, _ = build_deal_view(viz_samples.chain(), None, {"win_rate": None, "reason": "no compelling event"}, "zh")
    deal = nodes_of(net)["opp:o-wms"]
    assert "no compelling event" in deal["title"] and "赢率" in deal["label"]


def test_reach_view_highlights_the_best_path_with_labelled_steps() -> None:
    net, options, _ = build_reach_view(viz_samples.reach(), "en")
    best = [e for e in net.edges if e["color"] == theme.BEST_PATH]
    assert [(e["from"], e["to"]) for e in best] == [("e-dan", "c-board"), ("c-board", "c-ceo")]
    assert best[0]["label"] == "knows 0.90" and best[1]["label"] == "influences 0.90"
    assert all(e.get("label") for e in net.edges)
    nodes = nodes_of(net)
    assert nodes["c-ceo"]["shape"] == "star" and nodes["c-ceo"]["level"] == max(n["level"] for n in net.nodes)
    assert nodes["e-eve"]["level"] < nodes["e-dan"]["level"]  # longer path starts further left
    assert nodes["e-dan"]["x"] < nodes["c-board"]["x"] < nodes["c-ceo"]["x"]  # left to right
    assert nodes["e-dan"]["y"] == nodes["c-board"]["y"] == min(n["y"] for n in net.nodes)  # best path on top
    assert nodes["c-cio"]["y"] == nodes["c-arch"]["y"] != nodes["c-itmgr"]["y"]  # shared node keeps its first row
    zh = build_reach_view(viz_samples.reach(), "zh")[0]
    assert any(e["label"].startswith("向上汇报") for e in zh.edges)


def test_reach_view_with_no_paths_still_draws_the_target() -> None:
    net, _, _ = build_reach_view({"target": {"id": "c-x", "name": "Nobody Knows"}, "paths": []}, "en")
    assert [n["id"] for n in net.nodes] == ["c-x"]


# --- page and labels ------------------------------------------------------------------------

def test_page_is_offline_and_bilingual() -> None:
    page = page_html()
    assert not OUTSIDE.search(page)
    for term in ("关系紧密度", "方案认可度", "价格接受度", "批准者", "决策者", "评估者", "使用者", "强正向", "谁能接触到此人"):
        assert term in page, term
    assert "</script>" not in page.split("const LABELS = ", 1)[1].split(";\n", 1)[0]


def test_labels_fall_back_to_english() -> None:
    assert theme.v("strong_positive", "zh") == "强正向"
    assert theme.v("strong_positive", "fr") == "strong positive"
    assert theme.v(None, "zh") == "未知" and theme.v(True, "en") == "yes"
    assert theme.top_role(["user", "approver", None]) == "approver"
    assert set(theme.LABELS["en"]) == set(theme.LABELS["zh"])
