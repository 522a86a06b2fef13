"""`brm reach`, `brm chain`, `brm win-rate`, `brm gaps`, `brm account-map`: the relationship-intelligence
answers (domain.md sections 4-7) as readable tables; the same services as the API."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

import typer
from rich.table import Table

from app.cli.common import app, cli_errors, cli_language, console, emit_json, graph_session
from app.core.config import get_settings
from app.i18n import t
from app.services.decision_chain import decision_chain
from app.services.gaps import gaps
from app.services.reach import parse_employee_ids, reach
from app.services.relationship_map import relationship_map
from app.services.win_rate import win_rate

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a YYYY-MM-DD day", param_hint="--as-of") from None


def _n(value: Any, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value)


@app.command("reach")
def reach_cmd(contact_id: str,
              max_hops: Optional[int] = typer.Option(None, "--max-hops", min=1, max=5, help="customer-side steps (default 3)"),
              limit: Optional[int] = typer.Option(None, "--limit", min=1, max=100, help="employees (default 10)"),
              include_hostile: bool = typer.Option(False, "--include-hostile", help="pass through negative contacts"),
              team: Optional[str] = typer.Option(None, "--team", help="only employees of this team"),
              employees: Optional[list[str]] = typer.Option(None, "--employees", help="employee ids, comma-separated or repeated")) -> None:
    """Who in our company can reach CONTACT_ID, and through whom (best path per colleague)."""
    with cli_errors(), graph_session() as graph:
        answer = reach(graph, get_settings(), contact_id, max_hops=max_hops, limit=limit,
                       include_hostile=include_hostile, team=team, employees=parse_employee_ids(employees))
    if emit_json(answer):
        return
    target = answer["target"]
    lang = cli_language()
    table = Table(t("cli.col.rank", lang), t("cli.col.colleague", lang), t("cli.col.score", lang),
                  t("cli.col.steps", lang), t("cli.col.path", lang),
                  title=t("cli.reach.title", lang, name=target["name"], id=target["id"])
                  + (f", {target['title']}" if target.get("title") else ""))
    table.columns[1].no_wrap = True  # never cut an id
    for rank, path in enumerate(answer["paths"], start=1):
        hops = [path["nodes"][0]["name"] or path["nodes"][0]["id"]]
        for node, rel in zip(path["nodes"][1:], path["relationships"]):
            hops.append(f"-{rel['type']} {rel['weight']:g}-> {node['name'] or node['id']}")
        table.add_row(str(rank), f"{path['employee']['name']} ({path['employee']['id']})", f"{path['score']:.4f}",
                      str(path["steps"]), " ".join(hops))
    console.print(table if answer["paths"] else t("cli.reach.none", lang, name=target["name"], id=target["id"]))


@app.command("chain")
def chain_cmd(opportunity_id: str, as_of: Optional[str] = typer.Option(None, "--as-of", help="YYYY-MM-DD (default today)")) -> None:
    """The quantified decision chain of an opportunity: members, seven features, three degrees."""
    with cli_errors(), graph_session() as graph:
        answer = decision_chain(graph, get_settings(), opportunity_id, as_of=_day(as_of))
    if emit_json(answer):
        return
    opp = answer["opportunity"]
    table = Table("contact", "role", "attitude", "closeness", "solution", "price", "votes", "reports to", "circles",
                  "interaction (all / deal)", "warm path", title=f"Decision chain of {opp['name']} ({opp['id']})")
    for m in answer["members"]:
        votes = " ".join(v for v, on in (("approve", m["one_vote_approve"]), ("veto", m["one_vote_veto"]),
                                         ("inside", m["inside_source"])) if on)
        table.add_row(f"{m['contact']['name']} ({m['contact']['id']})", m["role"], m["attitude"] or "—",
                      _n(m["closeness"]), _n(m["solution_acceptance"]), _n(m["price_acceptance"]), votes,
                      ", ".join(r["id"] + (" (dotted)" if r["dotted"] else "") for r in m["reports_to"]),
                      ", ".join(f"{c['id']} ({c['role']})" for c in m["circles"]),
                      f"{m['interaction_level']} / {m['deal_interaction_level']}", "yes" if m["warm_path"] else "no")
    console.print(table)
    degrees = Table("degree", "mean", "weighted mean", "n", "missing", title="Three degrees (三度)")
    for name, d in answer["degrees"].items():
        degrees.add_row(name, _n(d["mean"], 4), _n(d["weighted_mean"], 4), str(d["n"]), str(d["missing"]))
    console.print(degrees)


@app.command("win-rate")
def win_rate_cmd(opportunity_id: str) -> None:
    """Win rate by competitor comparison (竞争对手比对法)."""
    with cli_errors(), graph_session() as graph:
        answer = win_rate(graph, get_settings(), opportunity_id)
    if emit_json(answer):
        return
    table = Table("party", "need satisfaction", "closeness", "strength", title=f"Win rate of {opportunity_id}")
    ours = answer["ours"]
    table.add_row("us", _n(ours["need_satisfaction"]), _n(ours["closeness"]), _n(ours["strength"]))
    for k in answer["competitors"]:
        table.add_row(f"{k['name']} ({k['id']})", _n(k["need_satisfaction"]), _n(k["closeness"]), _n(k["strength"]))
    console.print(table)
    rate = "none" if answer["win_rate"] is None else f"{answer['win_rate']:.4f}"
    console.print(f"win rate: [bold]{rate}[/bold]  raw: {_n(answer['raw'], 4)}"
                  + (f"  reason: {answer['reason']}" if answer["reason"] else "")
                  + ("" if answer["inside_source"] else "  (no inside source: x0.7)"))


@app.command("gaps")
def gaps_cmd(opportunity_id: str, as_of: Optional[str] = typer.Option(None, "--as-of", help="YYYY-MM-DD (default today)")) -> None:
    """Decision-chain gaps with the coaching action for each."""
    lang = cli_language()
    with cli_errors(), graph_session() as graph:
        answer = gaps(graph, get_settings(), opportunity_id, as_of=_day(as_of), lang=lang)
    if emit_json(answer):
        return
    table = Table(t("cli.col.severity", lang), t("cli.col.who", lang), t("cli.col.gaps", lang), t("cli.col.action", lang),
                  title=t("cli.gaps.title", lang, name=answer["opportunity"]["name"], day=answer["as_of"]))
    table.columns[1].no_wrap = True  # never cut an id
    level = lambda s: f"[{SEVERITY_STYLE[s]}]{t(f'gaps.severity.{s}', lang)}[/]"  # noqa: E731
    for g in (g for g in answer["gaps"] if g["contact"] is None):  # deal-level gaps, one row each
        table.add_row(level(g["severity"]), t("cli.gaps.deal", lang), f"{g['label']}: {g['message']}", g["action"])
    for p in answer["people"]:  # one row per person: all their gaps, one action
        table.add_row(level(p["severity"]), f"{p['contact']['name']}\n({p['contact']['id']})",
                      "\n".join(f"{label}: {message}" for label, message in zip(p["labels"], p["messages"])), p["action"])
    console.print(table if answer["gaps"] else t("cli.gaps.none", lang))


@app.command("account-map")
def account_map_cmd(account_id: str) -> None:
    """An account's relationship map: three degrees, closeness grade, completeness, key contacts, circles."""
    with cli_errors(), graph_session() as graph:
        answer = relationship_map(graph, get_settings(), account_id)
    if emit_json(answer):
        return
    grade = answer["closeness_grade"]
    console.print(f"[bold]{answer['account']['name']}[/bold] ({answer['account']['id']}): {answer['contacts']} contacts, "
                  f"closeness grade {grade['grade'] + ' ' + grade['label'] if grade else '—'}, "
                  f"profile completeness {_n(answer['completeness'], 4)}, key contacts reachable "
                  f"{answer['key_contacts']['reachable']}/{answer['key_contacts']['total']}")
    degrees = Table("degree", "mean", "n", "missing", title="Three degrees (三度)")
    for name, d in answer["degrees"].items():
        degrees.add_row(name, _n(d["mean"], 4), str(d["n"]), str(d["missing"]))
    console.print(degrees)
    keys = Table("key contact", "roles", "reachable", title="Key contacts in open deals")
    for c in answer["key_contacts"]["contacts"]:
        keys.add_row(f"{c['name']} ({c['id']})", ", ".join(c["roles"]), "yes" if c["reachable"] else "no")
    console.print(keys)
    circles = Table("circle", "members (role, attitude)", title="Circles (圈子)")
    for c in answer["circles"]:
        circles.add_row(f"{c['name']} ({c['id']})", ", ".join(f"{m['name']} ({m['role']}, {m['attitude'] or '—'})"
                                                              for m in c["members"]))
    console.print(circles)
    opps = Table("opportunity", "stage", "grade", "amount", "close date", title="Open opportunities")
    for o in answer["open_opportunities"]:
        opps.add_row(f"{o['name']} ({o['id']})", o.get("stage") or "—", o.get("grade") or "—", _n(o.get("amount")),
                     o.get("close_date") or "—")
    console.print(opps)
