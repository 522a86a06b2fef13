"""Deal view (决策链): the members of one opportunity's decision chain by role, its gaps, its competitors.

Input: the JSON answers of GET /opportunities/{id}/decision-chain, /win-rate and /gaps (issue 5),
as plain dicts. Rows top-down: competitors, the deal, then approvers, decision makers,
evaluators, users. A member with a gap gets a red border and the gap codes in its tooltip; gaps
about the whole deal go on the deal node.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from app.i18n import t as catalog_t
from app.viz import offline, theme
from app.viz.theme import t, v

ROLE_ROW = {"approver": 2, "decision_maker": 3, "evaluator": 4, "user": 5}  # competitors 0, the deal 1
DEGREES = ("closeness", "solution_acceptance", "price_acceptance")


def _gap_lines(gaps: list[dict[str, Any]], lang: str) -> list[str]:
    lines = [f"{t('gaps', lang)}:"]
    for gap in gaps:
        severity = gap.get("severity")
        level = catalog_t(f"gaps.severity.{severity}", lang) if severity in ("high", "medium", "low") else ""
        lines.append(f"• {gap.get('label') or gap.get('code')} [{level}] {gap.get('message') or ''}".rstrip())
        if gap.get("action"):
            lines.append(f"  → {t('action', lang)}: {gap['action']}")
    return lines


def _warm_path(value: Any, lang: str) -> str:
    """warm_path may be a path object, a list of them, a bool or None: say who can introduce us."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        employee = value.get("employee")
        who = employee.get("name") or employee.get("id") if isinstance(employee, dict) else employee
        score = value.get("score")
        return f"{who}" + (f" ({t('score', lang)} {theme.number(score, 2)})" if score is not None else "")
    if value is None:
        return t("none", lang)
    return v(bool(value), lang)


def _names(items: Any) -> str:
    """'A, B (0.8)' from the [{id, name, strength?}] lists of a decision-chain member."""
    out = []
    for item in items or []:
        if isinstance(item, dict):
            text = str(item.get("name") or item.get("id"))
            if item.get("strength") is not None:
                text += f" ({theme.number(item['strength'], 1)})"
            elif item.get("role"):
                text += f" ({item['role']})"
            out.append(text)
    return ", ".join(out) or "—"


def _position_lines(member: dict[str, Any], lang: str) -> list[str]:
    """The two relationships of the seven features: reporting line and influence / circle position."""
    if not any(k in member for k in ("reports_to", "influences", "influenced_by", "circles")):
        return []
    return [f"{t('reports_to', lang)}: {_names(member.get('reports_to'))}",
            f"{t('influences', lang)}: {_names(member.get('influences'))} · "
            f"{t('influenced_by', lang)}: {_names(member.get('influenced_by'))}",
            f"{t('circles', lang)}: {_names(member.get('circles'))}"]


def member_tooltip(member: dict[str, Any], gaps: list[dict[str, Any]], lang: str) -> str:
    contact = member.get("contact") or {}
    lines = [f"{contact.get('name') or contact.get('id')}" + (f" — {contact['title']}" if contact.get("title") else ""),
             f"{t('role', lang)}: {v(member.get('role'), lang)} · {t('attitude', lang)}: {v(member.get('attitude'), lang)}",
             " · ".join(f"{t(d, lang)} {theme.number(member.get(d))}" for d in DEGREES),
             f"{t('one_vote_approve', lang)}: {v(bool(member.get('one_vote_approve')), lang)} · "
             f"{t('one_vote_veto', lang)}: {v(bool(member.get('one_vote_veto')), lang)} · "
             f"{t('inside_source', lang)}: {v(bool(member.get('inside_source')), lang)}",
             f"{t('interaction_level', lang)}: {v(member.get('interaction_level'), lang)} · "
             f"{t('deal_interaction_level', lang)}: {v(member.get('deal_interaction_level'), lang)}",
             f"{t('warm_path', lang)}: {_warm_path(member.get('warm_path'), lang)}"]
    lines += _position_lines(member, lang)
    if gaps:
        lines += _gap_lines(gaps, lang)
    return offline.safe_title("\n".join(lines))


def _degrees_lines(degrees: dict[str, Any], lang: str) -> list[str]:
    lines = []
    for d in DEGREES:
        item = degrees.get(d) or {}
        lines.append(f"{t(d, lang)}: {t('mean', lang)} {theme.number(item.get('mean'), 1)} · "
                     f"{t('weighted_mean', lang)} {theme.number(item.get('weighted_mean'), 1)} "
                     f"(n={item.get('n', '—')}, missing={item.get('missing', '—')})")
    return lines


def _win_rate_text(win: dict[str, Any] | None, lang: str) -> str:
    if not win:
        return "—"
    rate = win.get("win_rate")
    if rate is None:
        return f"— ({win.get('reason_message') or v(win.get('reason'), lang)})"
    return f"{rate * 100:.0f}%"


def _competitor_strength(comp: dict[str, Any]) -> float | None:
    if comp.get("strength") is not None:
        return comp["strength"]
    need, close = comp.get("need_satisfaction"), comp.get("closeness")
    return (need + close) / 2 if need is not None and close is not None else None


def build_deal_view(chain: dict[str, Any], gaps: dict[str, Any] | None = None,
                    win_rate: dict[str, Any] | None = None, lang: str = "en") -> tuple[Any, dict[str, Any], str]:
    lang = theme.lang_of(lang)
    opp = chain.get("opportunity") or {}
    opp_id = f"opp:{opp.get('id', 'deal')}"
    gap_list = (gaps or {}).get("gaps", [])
    by_contact: dict[str, list[dict[str, Any]]] = defaultdict(list)
    deal_gaps: list[dict[str, Any]] = []
    for gap in gap_list:
        contact = gap.get("contact")
        (by_contact[contact["id"]].append(gap) if isinstance(contact, dict) and contact.get("id") else deal_gaps.append(gap))

    net = offline.new_network()
    opp_lines = [f"{t('opportunity', lang)}: {opp.get('name') or opp.get('id')}",
                 f"{t('stage', lang)}: {v(opp.get('stage'), lang)}",
                 f"{t('win_rate', lang)}: {_win_rate_text(win_rate, lang)}",
                 f"{t('averages', lang)}:", *_degrees_lines(chain.get("degrees") or {}, lang)]
    if deal_gaps:
        opp_lines += _gap_lines(deal_gaps, lang)
    net.add_node(opp_id, label=f"{opp.get('name') or opp.get('id')}\n{t('win_rate', lang)} {_win_rate_text(win_rate, lang)}",
                 title=offline.safe_title("\n".join(opp_lines)), shape="box", level=1, kind="opportunity",
                 name=opp.get("name"), borderWidth=4 if deal_gaps else 1,
                 color={"background": theme.OPPORTUNITY_FILL, "border": theme.GAP_BORDER if deal_gaps else "#ef6c00"},
                 font={"size": 15, "multi": False}, margin=10)
    for member in chain.get("members", []):
        contact = member.get("contact") or {}
        cid = contact.get("id")
        if not cid:
            continue
        role = member.get("role")
        member_gaps = by_contact.get(cid, [])
        fill = theme.attitude_color(member.get("attitude"))
        codes = " ".join(sorted({g.get("code", "") for g in member_gaps}))
        label = f"{theme.ROLE_BADGES.get(role, '●')} {contact.get('name') or cid}"
        net.add_node(cid, label=label + (f"\n⚠ {len(member_gaps)}" if member_gaps else ""),
                     title=member_tooltip(member, member_gaps, lang),
                     shape=theme.ROLE_SHAPES.get(role, "dot"), size=8 + 4 * (member.get("importance") or contact.get("importance") or 3),
                     level=ROLE_ROW.get(role, 6), kind="contact", name=contact.get("name") or cid, gap_codes=codes,
                     borderWidth=5 if member_gaps else 1,
                     color={"background": fill, "border": theme.GAP_BORDER if member_gaps else "#78909c",
                            "highlight": {"background": fill, "border": "#263238"}})
        net.add_edge(cid, opp_id, arrows="to", color={"color": fill, "opacity": 0.9}, width=2,
                     title=f"{v(role, lang)} · {t('attitude', lang)}: {v(member.get('attitude'), lang)}")
    in_chain = {(m.get("contact") or {}).get("id") for m in chain.get("members", [])}
    for member in chain.get("members", []):  # reporting lines inside the chain, manager -> report
        for manager in member.get("reports_to") or []:
            if isinstance(manager, dict) and manager.get("id") in in_chain and not manager.get("dotted"):
                net.add_edge(manager["id"], member["contact"]["id"], arrows="to", color=theme.REPORTS_COLOR,
                             width=1, dashes=[3, 3], title=t("reporting_line", lang))
    for comp in (win_rate or {}).get("competitors", []) or []:
        comp_id = f"cmp:{comp.get('id') or comp.get('name')}"
        strength = _competitor_strength(comp)
        net.add_node(comp_id, label=f"{comp.get('name') or comp.get('id')}", shape="box", level=0, kind="competitor",
                     name=comp.get("name"), color={"background": theme.COMPETITOR_FILL, "border": "#212121"},
                     font={"color": "#ffffff", "background": "rgba(0,0,0,0)"}, margin=8,
                     title=offline.safe_title(f"{t('competitor', lang)}: {comp.get('name') or comp.get('id')}\n"
                                              f"{t('need_satisfaction', lang)} {theme.number(comp.get('need_satisfaction'))} · "
                                              f"{t('closeness', lang)} {theme.number(comp.get('closeness'))} · "
                                              f"{t('strength', lang)} {theme.number(strength, 1)}"))
        net.add_edge(comp_id, opp_id, arrows="to", dashes=[6, 4], color=theme.GAP_BORDER, width=1.5,
                     label=f"{t('strength', lang)} {theme.number(strength, 1)}")
    options = {
        "layout": {"hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                    "levelSeparation": 130, "nodeSpacing": 170, "parentCentralization": True}},
        "physics": {"enabled": False},
        "edges": {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4},
                  "font": {"size": 11, "background": "rgba(255,255,255,0.85)"}},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "background": "rgba(255,255,255,0.85)"}},
        "interaction": {"hover": True, "tooltipDelay": 150},
    }
    items = [offline.swatch(theme.attitude_color(a), v(a, lang)) for a in theme.ATTITUDE_ORDER]
    items += [f"{theme.ROLE_BADGES[r]} {v(r, lang)}" for r in theme.ROLE_ORDER]
    items += [offline.swatch("#ffffff", t("gaps", lang), border=theme.GAP_BORDER),
              offline.swatch(theme.COMPETITOR_FILL, t("competitor", lang))]
    legend = offline.legend_html(f"{opp.get('name') or opp.get('id')} · {t('legend', lang)}", items)
    return net, options, legend


def render_deal_view(chain: dict[str, Any], gaps: dict[str, Any] | None = None,
                     win_rate: dict[str, Any] | None = None, lang: str = "en") -> str:
    net, options, legend = build_deal_view(chain, gaps, win_rate, lang)
    return offline.render(net, options, view="deal", lang=theme.lang_of(lang), overlay=legend)
