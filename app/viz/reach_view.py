"""Reach view (谁能接触到此人): the target and the best path from each colleague, the best one highlighted.

Input: the JSON answer of GET /contacts/{id}/reach (issue 5). Columns left to right by distance to
the target, so every path reads from our colleague to the person we want to meet; one row per path,
best first (a node shared by several paths stays on the row of the best one), the target level with
the middle of them. Each step is labelled with its type and weight.
"""
from __future__ import annotations

from typing import Any

from app.services.tie_explain import text_in
from app.viz import offline, theme
from app.viz.theme import t, v

COLUMN, ROW = 230, 95  # px between steps, between paths


def _kind(node: dict[str, Any]) -> str:
    return str(node.get("kind") or "contact").lower()


def _rows(paths: list[dict[str, Any]], best: int | None, target_id: str | None) -> dict[str, float]:
    """Row of each node: paths by score (the best first), a new row for each path that brings new nodes."""
    order = sorted(range(len(paths)), key=lambda i: (i != best, -(paths[i].get("score") or 0), i))
    rows: dict[str, float] = {}
    row = 0
    for index in order:
        fresh = [n["id"] for n in paths[index]["nodes"] if n["id"] not in rows and n["id"] != target_id]
        for node_id in fresh:
            rows[node_id] = row
        row += 1 if fresh else 0
    if target_id:
        rows[target_id] = (row - 1) / 2 if row else 0
    return rows


def build_reach_view(reach: dict[str, Any], lang: str = "en") -> tuple[Any, dict[str, Any], str]:
    lang = theme.lang_of(lang)
    target = reach.get("target") or {}
    target_id = target.get("id")
    paths = [p for p in reach.get("paths", []) if p.get("nodes")]
    best = max(range(len(paths)), key=lambda i: (paths[i].get("score") or 0, -(paths[i].get("steps") or 0)), default=None)
    distance: dict[str, int] = {}
    names: dict[str, dict[str, Any]] = {}
    for path in paths:
        count = len(path["nodes"])
        for index, node in enumerate(path["nodes"]):
            names.setdefault(node["id"], node)
            distance[node["id"]] = min(distance.get(node["id"], 99), count - 1 - index)
    if target_id:
        distance[target_id] = 0
        names.setdefault(target_id, {"id": target_id, "kind": "contact", "name": target.get("name")})
    longest = max(distance.values(), default=0)
    best_nodes = {n["id"] for n in paths[best]["nodes"]} if best is not None else set()
    employee_paths = {p["nodes"][0]["id"]: p for p in paths}
    rows = _rows(paths, best, target_id)

    net = offline.new_network()
    for node_id in sorted(names, key=lambda n: (-distance[n], n)):
        node = names[node_id]
        name = node.get("name") or node_id
        on_best = node_id in best_nodes
        if node_id == target_id:
            lines = [f"{t('target', lang)}: {name}" + (f" — {target['title']}" if target.get("title") else "")]
            if target.get("attitude"):
                lines.append(f"{t('attitude', lang)}: {v(target.get('attitude'), lang)}")
            net.add_node(node_id, label=name, shape="star", size=30, level=longest, kind="contact", name=name,
                         x=longest * COLUMN, y=rows.get(node_id, 0) * ROW,
                         title=offline.safe_title("\n".join(lines)),
                         color={"background": "#ffd54f", "border": theme.BEST_PATH}, borderWidth=3)
        elif _kind(node) == "employee":
            path = employee_paths.get(node_id, {})
            employee = path.get("employee") or {}
            title = (f"{t('employee', lang)}: {employee.get('name') or name}\n"
                     f"{t('score', lang)} {theme.number(path.get('score'), 3)} · {t('steps', lang)} {path.get('steps', '—')}")
            net.add_node(node_id, label=f"{name}\n{theme.number(path.get('score'), 2)}", shape="box",
                         level=longest - distance[node_id], x=(longest - distance[node_id]) * COLUMN,
                         y=rows.get(node_id, 0) * ROW, kind="employee", name=name, title=offline.safe_title(title),
                         borderWidth=3 if on_best else 1,
                         color={"background": theme.EMPLOYEE_FILL, "border": theme.BEST_PATH if on_best else theme.EMPLOYEE_BORDER})
        else:
            net.add_node(node_id, label=name, shape="dot", size=14, level=longest - distance[node_id], kind="contact",
                         x=(longest - distance[node_id]) * COLUMN, y=rows.get(node_id, 0) * ROW,
                         name=name, title=offline.safe_title(name), borderWidth=3 if on_best else 1,
                         color={"background": "#cfd8dc", "border": theme.BEST_PATH if on_best else "#78909c"})
    seen: dict[tuple[str, str, str], bool] = {}
    for index, path in enumerate(paths):
        nodes, rels = path["nodes"], path.get("relationships") or []
        for step in range(len(nodes) - 1):
            rel = rels[step] if step < len(rels) else {}
            key = (nodes[step]["id"], nodes[step + 1]["id"], str(rel.get("type")))
            highlight = index == best
            if key in seen and not highlight:
                continue
            seen[key] = True
            weight = rel.get("weight")
            why = text_in(rel.get("explanation"), lang)  # issue 13: where a KNOWS weight comes from
            net.add_edge(key[0], key[1], arrows="to",
                         label=f"{v(rel.get('type'), lang)} {theme.number(weight, 2)}",
                         title=offline.safe_title(f"{rel.get('type')} · {theme.number(weight, 2)}"
                                                  + (f"\n{why}" if why else "")),
                         width=5 if highlight else 1.5,
                         color=theme.BEST_PATH if highlight else "#90a4ae",
                         dashes=rel.get("type") == "SAME_CIRCLE",
                         smooth={"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5})
    options = {
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},  # positions from _rows
        "physics": {"enabled": False},
        "edges": {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.4},
                  "font": {"size": 11, "align": "top", "background": "rgba(255,255,255,0.85)"}},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "background": "rgba(255,255,255,0.85)"}},
        "interaction": {"hover": True, "tooltipDelay": 150},
    }
    items = [offline.line(theme.BEST_PATH, t("best_path", lang), width=4),
             offline.swatch(theme.EMPLOYEE_FILL, t("employee", lang), border=theme.EMPLOYEE_BORDER),
             offline.swatch("#ffd54f", t("target", lang), border=theme.BEST_PATH)]
    legend = offline.legend_html(f"{target.get('name') or target_id} · {t('legend', lang)}", items)
    return net, options, legend


def render_reach_view(reach: dict[str, Any], lang: str = "en") -> str:
    net, options, legend = build_reach_view(reach, lang)
    return offline.render(net, options, view="reach", lang=theme.lang_of(lang), overlay=legend)
