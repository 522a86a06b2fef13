"""Account relationship map (关系地图): reporting lines as an org chart, influence, circles, our people.

Input is the answer of app.services.account_graph.account_graph (plain dicts), so this renders
without Neo4j. Colour = attitude, size = importance, shape/badge = strongest role in an open deal,
border colour = circle; tooltips carry the seven key-person features and the interaction level.
"""
from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from app.i18n import t as i18n_t
from app.viz import offline, theme
from app.viz.collapse import Plan, key_reasons, plan
from app.viz.config import VizSettings
from app.viz.layout import org_chart_positions
from app.viz.theme import t, v


DEPARTMENT_FILL, DEPARTMENT_BORDER = "#eceff1", "#546e7a"


def circle_colors(circles: list[dict[str, Any]]) -> dict[str, str]:
    """One palette colour per circle of the account, by id order (stable across filters)."""
    ordered = sorted(c["id"] for c in circles)
    return {cid: theme.CIRCLE_PALETTE[i % len(theme.CIRCLE_PALETTE)] for i, cid in enumerate(ordered)}


def contact_tooltip(contact: dict[str, Any], names: dict[str, str], links: dict[str, Any], lang: str,
                    window_days: int = 365, key: list[str] | None = None) -> str:
    """Plain-text tooltip: the seven features (three degrees, two votes, reporting line, influence and
    circle position) plus profile and interaction level."""
    cid = contact["id"]
    roles = contact.get("roles") or []
    approve = [r["opportunity_name"] or r["opportunity"] for r in roles if r.get("one_vote_approve")]
    veto = [r["opportunity_name"] or r["opportunity"] for r in roles if r.get("one_vote_veto")]
    lines = [f"{contact.get('name') or cid}" + (f" — {contact['title']}" if contact.get("title") else "")]
    if key:
        lines.append(f"{t('key_person', lang)}: {', '.join(t(k, lang) for k in key)}")
    if contact.get("department"):
        lines.append(f"{t('department', lang)}: {contact['department']['name']}")
    lines.append(f"{t('attitude', lang)}: {v(contact.get('attitude'), lang)} · "
                 f"{t('orientation', lang)}: {v(contact.get('orientation'), lang)} · "
                 f"{t('importance', lang)}: {theme.number(contact.get('importance'))}")
    lines.append(f"{t('closeness', lang)} {theme.number(contact.get('closeness'))} · "
                 f"{t('solution_acceptance', lang)} {theme.number(contact.get('solution_acceptance'))} · "
                 f"{t('price_acceptance', lang)} {theme.number(contact.get('price_acceptance'))}")
    activities = contact.get("activities")
    lines.append(f"{t('interaction_level', lang)}: {v(contact.get('interaction_level'), lang)}"
                 + (f" ({activities} {t('activities', lang).format(days=window_days)})" if activities is not None else ""))
    lines.append(f"{t('one_vote_approve', lang)}: {', '.join(approve) or t('no', lang)} · "
                 f"{t('one_vote_veto', lang)}: {', '.join(veto) or t('no', lang)}")
    managers = [names.get(m, m) for m in links["managers"][cid]]
    dotted = [names.get(m, m) for m in links["dotted"][cid]]
    lines.append(f"{t('reports_to', lang)}: {', '.join(managers) or '—'}"
                 + (f" · {t('dotted_to', lang)}: {', '.join(dotted)}" if dotted else "")
                 + f" · {t('direct_reports', lang)}: {len(links['reports'][cid])}")
    out = [f"{names.get(x, x)} ({theme.number(s, 1)})" for x, s in links["influences"][cid]]
    into = [f"{names.get(x, x)} ({theme.number(s, 1)})" for x, s in links["influenced_by"][cid]]
    if out or into:
        lines.append(f"{t('influences', lang)}: {', '.join(out) or '—'} · {t('influenced_by', lang)}: {', '.join(into) or '—'}")
    circles = [f"{c['name']} ({v(c.get('role'), lang)})" for c in contact.get("circles") or []]
    lines.append(f"{t('circles', lang)}: {', '.join(circles) or '—'}")
    for role in roles:
        flags = [t(k, lang) for k in ("inside_source",) if role.get(k)]
        lines.append(f"{t('open_deals', lang)}: {role.get('opportunity_name') or role['opportunity']} — "
                     f"{v(role.get('role'), lang)}" + (f" ({', '.join(flags)})" if flags else ""))
    return offline.safe_title("\n".join(lines))


def _links(data: dict[str, Any]) -> dict[str, Any]:
    links: dict[str, Any] = {k: defaultdict(list) for k in ("managers", "dotted", "reports", "influences", "influenced_by")}
    for edge in data.get("reports_to", []):
        links["dotted" if edge.get("dotted") else "managers"][edge["from"]].append(edge["to"])
        if not edge.get("dotted"):
            links["reports"][edge["to"]].append(edge["from"])
    for edge in data.get("influences", []):
        links["influences"][edge["from"]].append((edge["to"], edge.get("strength")))
        links["influenced_by"][edge["to"]].append((edge["from"], edge.get("strength")))
    return links


def _employee_columns(employees: list[dict[str, Any]], knows: list[dict[str, Any]],
                      positions: dict[str, tuple[float, float]], width: float, gap: float = 130) -> dict[str, float]:
    """x of each employee in the top row: over the middle of the contacts they know, then spread apart
    left to right so boxes never overlap (fewer crossing KNOWS lines than an even spread)."""
    wanted: dict[str, float] = {}
    for index, employee in enumerate(employees):
        xs = [positions[k["to"]][0] for k in knows if k["from"] == employee["id"] and k["to"] in positions]
        wanted[employee["id"]] = sum(xs) / len(xs) if xs else width * (index + 0.5) / max(len(employees), 1)
    placed: dict[str, float] = {}
    last = float("-inf")
    for employee_id in sorted(wanted, key=lambda e: (wanted[e], e)):
        last = max(wanted[employee_id], last + gap)
        placed[employee_id] = last
    shift = (sum(placed.values()) - sum(wanted.values())) / max(len(placed), 1)  # keep the row centred
    return {e: x - shift for e, x in placed.items()}


def _legend(data: dict[str, Any], colors: dict[str, str], lang: str, physics: bool, reveal: bool = False,
            collapsed: bool = False) -> str:
    items = [offline.swatch(theme.attitude_color(a), v(a, lang)) for a in theme.ATTITUDE_ORDER]
    items.append(f"<b>{html.escape(t('key_person', lang))}</b>")
    if collapsed:
        items.append(offline.swatch(DEPARTMENT_FILL, t("department_node", lang), border=DEPARTMENT_BORDER))
    items += [f"{theme.ROLE_BADGES[r]} {v(r, lang)}" for r in theme.ROLE_ORDER]
    items.append(f"{theme.ROLE_BADGES[None]} {t('no_role', lang)}")
    items += [offline.line(theme.REPORTS_COLOR, t("reporting_line", lang)),
              offline.line(theme.DOTTED_COLOR, t("dotted_line", lang), dashed=True, width=1),
              offline.line(theme.INFLUENCE_COLOR, t("influence", lang), dashed=True, width=3)]
    if data.get("filter", {}).get("employees"):
        items.append(offline.line(theme.KNOWS_COLOR, t("knows", lang)))
    items += [offline.swatch("#ffffff", f"{t('circles', lang)}: {c['name']}", border=colors[c["id"]])
              for c in data.get("circles", [])]
    title = f"{data['account'].get('name') or data['account']['id']} · {t('legend', lang)}"
    notes = ([] if physics else [t("physics_off", lang)]) + ([t("ties_on_click", lang)] if reveal else [])
    department = data.get("filter", {}).get("department")
    if department:  # say who the filter keeps: exactly the people drawn
        name = next((d.get("name") for d in data.get("departments", []) if d["id"] == department), None) or department
        key = "filter_department_units" if data["filter"].get("subunits", True) else "filter_department"
        notes.insert(0, t(key, lang).format(name=name, people=len(data.get("contacts", []))))
    if data.get("history"):  # issue 17: a past day's map, read from the history
        title = f"{data['account'].get('name') or data['account']['id']} · " + i18n_t(
            "time.map.title", lang, day=data["as_of"]) + f" · {t('legend', lang)}"
        notes.insert(0, i18n_t("time.map.note", lang, day=data["as_of"]))
    return offline.legend_html(title, items, " · ".join(notes) or None)


def _folded_reports(data: dict[str, Any], layout: Plan) -> list[dict[str, Any]]:
    """Reporting lines between what is drawn: a folded person stands for their department node."""
    group_of = layout.group_of()
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for edge in data.get("reports_to", []):
        frm = f"dept:{group_of[edge['from']]}" if edge["from"] in group_of else edge["from"]
        to = f"dept:{group_of[edge['to']]}" if edge["to"] in group_of else edge["to"]
        if frm != to and (frm, to) not in out:
            out[(frm, to)] = {**edge, "from": frm, "to": to}
    return list(out.values())


def _department_nodes(net: Any, data: dict[str, Any], layout: Plan, positions: dict[str, tuple[float, float]],
                      names: dict[str, str], lang: str) -> None:
    """One labelled node per folded department: its counts, and its people's names for the search."""
    departments = {d["id"]: d for d in data.get("departments", [])}
    below = defaultdict(int)
    for d in departments.values():
        if d.get("parent"):
            below[d["parent"]] += 1
    for dept_id, members in sorted(layout.groups.items()):
        name = departments.get(dept_id, {}).get("name") or dept_id
        counts = t("department_counts", lang).format(people=len(members), units=below[dept_id])
        people = t("department_people", lang).format(people=len(members))
        net.add_node(f"dept:{dept_id}", label=f"▸ {name}\n{people}", shape="box", kind="department", dept=dept_id,
                     name=name, members=[[m, names.get(m, m)] for m in members], key=False,
                     title=offline.safe_title(f"{t('department', lang)}: {name}\n{counts}\n{t('click_to_expand', lang)}"),
                     color={"background": DEPARTMENT_FILL, "border": DEPARTMENT_BORDER,
                            "highlight": {"background": DEPARTMENT_FILL, "border": "#263238"}},
                     font={"size": 14, "color": "#263238"}, margin=6, borderWidth=2,
                     x=positions[f"dept:{dept_id}"][0], y=positions[f"dept:{dept_id}"][1], fixed={"y": True})


def build_account_map(data: dict[str, Any], lang: str = "en", viz: VizSettings | None = None,
                      expanded: set[str] | None = None, deal: str | None = None) -> tuple[Any, dict[str, Any], str]:
    """The pyvis network, its vis options and the legend overlay (split out so tests can inspect nodes).

    Key people (app.viz.collapse) carry `key: true`: the page keeps their labels legible at every zoom.
    Past `viz.collapse_over` contacts, people outside `expanded` departments fold into department nodes.
    """
    viz = viz or VizSettings()
    lang = theme.lang_of(lang)
    everyone = data.get("contacts", [])
    layout = plan(data, viz.collapse_over, expanded, deal, viz.collapse_budget)
    shown = set(layout.shown)
    contacts = [c for c in everyone if c["id"] in shown]
    employees = data.get("employees", []) if data.get("filter", {}).get("employees") else []
    names = {c["id"]: c.get("name") or c["id"] for c in everyone}
    links = _links(data)
    colors = circle_colors(data.get("circles", []))
    reports = _folded_reports(data, layout) if layout.collapsed else data.get("reports_to", [])
    positions = org_chart_positions([c["id"] for c in contacts] + [f"dept:{d}" for d in layout.groups], reports,
                                    loose_per_row=viz.max_per_row,
                                    **({"x_gap": 190, "y_gap": 150} if layout.groups else {}))  # room for the boxes
    width = max((x for x, _ in positions.values()), default=0)
    physics = len(positions) + len(employees) <= viz.physics_max_nodes
    many = len(everyone) > 60  # many influence/KNOWS lines: shown for the selected person (or all on demand)

    net = offline.new_network()
    for contact in contacts:
        role = theme.top_role([r.get("role") for r in contact.get("roles") or []])
        circle = next((c for c in sorted(contact.get("circles") or [], key=lambda c: (c.get("role") != "leader", c["id"]))
                       if c["id"] in colors), None)
        fill = theme.attitude_color(contact.get("attitude"))
        border = colors[circle["id"]] if circle else "#78909c"
        importance = contact.get("importance") or 2
        is_key = contact["id"] in layout.key
        reasons = key_reasons(contact, deal)
        net.add_node(
            contact["id"],
            label=f"{theme.ROLE_BADGES[role]} {contact.get('name') or contact['id']}" if role else (contact.get("name") or contact["id"]),
            key=is_key, font={"size": 16, "color": "#102027", "strokeWidth": 4, "strokeColor": "#ffffff"} if is_key
            else {"size": 12, "color": "#455a64"},
            title=contact_tooltip(contact, names, links, lang, key=reasons),
            rank=10 * len(reasons) + importance,  # whose label the page places first where key labels crowd
            shape=theme.ROLE_SHAPES[role],
            size=8 + 4 * importance,
            color={"background": fill, "border": border,
                   "highlight": {"background": fill, "border": "#263238"},
                   "hover": {"background": fill, "border": "#263238"}},
            borderWidth=4 if circle else 1,
            x=positions[contact["id"]][0], y=positions[contact["id"]][1], fixed={"y": True},
            kind="contact",
            name=contact.get("name") or contact["id"],
        )
    if layout.groups:
        _department_nodes(net, data, layout, positions, names, lang)
    employee_x = _employee_columns(employees, data.get("knows", []), positions, width)
    for employee in employees:
        net.add_node(employee["id"], label=employee.get("name") or employee["id"],
                     title=offline.safe_title(f"{t('employee', lang)}: {employee.get('name')}"
                                              + (f" — {employee['title']}" if employee.get("title") else "")
                                              + (f" ({employee['team']})" if employee.get("team") else "")),
                     shape="box", color={"background": theme.EMPLOYEE_FILL, "border": theme.EMPLOYEE_BORDER},
                     x=employee_x[employee["id"]], y=-160, fixed={"y": True},
                     kind="employee", name=employee.get("name") or employee["id"])
    drawn = set(positions)
    for edge in reports:
        if edge["from"] in drawn and edge["to"] in drawn:
            dotted = bool(edge.get("dotted"))
            # drawn manager -> report (arrow at the report) so the head never covers a manager's label
            net.add_edge(edge["to"], edge["from"], arrows="to", width=1 if dotted else 2,
                         color=theme.DOTTED_COLOR if dotted else theme.REPORTS_COLOR,
                         dashes=[2, 5] if dotted else False,
                         title=t("dotted_line" if dotted else "reporting_line", lang), physics=False,
                         smooth={"enabled": dotted, "type": "curvedCCW", "roundness": 0.2})
    for edge in data.get("influences", []):
        if edge["from"] in shown and edge["to"] in shown:
            strength = edge.get("strength")
            net.add_edge(edge["from"], edge["to"], arrows="to", dashes=[8, 6],
                         color={"color": theme.INFLUENCE_COLOR, "highlight": theme.INFLUENCE_COLOR},
                         width=1 + 4 * (strength if strength is not None else 0.5),
                         smooth={"enabled": True, "type": "curvedCW", "roundness": 0.25},
                         title=f"{t('influences', lang)} {theme.number(strength, 1)}", physics=False, reveal=many)
    employee_ids = {e["id"] for e in employees}
    knows = [k for k in data.get("knows", []) if k["from"] in employee_ids and k["to"] in shown] if employees else []
    reveal = many or len(knows) > viz.max_knows_lines  # too many to draw at once: show them for the selected node
    for edge in knows:
        strength = edge.get("strength")
        net.add_edge(edge["from"], edge["to"], arrows="to",
                     color={"color": theme.KNOWS_COLOR, "highlight": theme.KNOWS_COLOR, "hover": theme.KNOWS_COLOR,
                            "opacity": 1.0},
                     width=1 + 3 * (strength if strength is not None else 0.5),
                     title=f"{t('knows', lang)} {theme.number(strength, 1)}"
                           + (f" · {edge['source']}" if edge.get("source") else ""), physics=False, reveal=reveal)
    options = {
        # Positions are computed (layout.org_chart_positions), not simulated: the picture is stable. Below the
        # physics threshold only a short-range repulsion runs, so dragging a node nudges its neighbours aside.
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": physics, "solver": "repulsion",
                    "repulsion": {"nodeDistance": 90, "centralGravity": 0, "springLength": 100,
                                  "springConstant": 0, "damping": 0.6},
                    "stabilization": {"enabled": False}},
        "edges": {"smooth": {"enabled": False}, "font": {"size": 10}},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "background": "rgba(255,255,255,0.85)"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
    }
    return net, options, _legend(data, colors, lang, physics, reveal or many, layout.collapsed)


def render_account_map(data: dict[str, Any], lang: str = "en", viz: VizSettings | None = None,
                       expanded: set[str] | None = None, deal: str | None = None) -> str:
    """Self-contained HTML of the account map."""
    net, options, legend = build_account_map(data, lang, viz, expanded, deal)
    return offline.render(net, options, view="account", lang=theme.lang_of(lang), overlay=legend)
