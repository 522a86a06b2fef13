"""`brm key-accounts | rep-levels | departure-risk | coverage | trend`: the managers' views as tables."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from app.cli.common import app, cli_errors, console, emit_json, graph_session, json_mode
from app.core.config import get_settings
from app.core.levels_config import get_manager_settings
from app.models.managers import RepLevel
from app.services.company_lists import DEFAULT_LIMIT, DepartureSort, coverage_page, departure_page, levels_page
from app.services.coverage import CoverageSort
from app.services.departure import departure_impact
from app.services.key_accounts import score_accounts
from app.services.rep_levels import rep_levels
from app.services.trends import account_trend, window
from app.viz.trend_chart import render_trend


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


# issue 15: the company-wide lists print one page, like the API (`--offset`, `--limit`; the title gives the total)
OFFSET = typer.Option(0, "--offset", help="rows to skip")
LIMIT = typer.Option(DEFAULT_LIMIT, "--limit", help="rows to show (at most 1000)")


def _shown(offset: int, count: int, total: int) -> str:
    return f"rows {offset + 1 if count else 0}-{offset + count} of {total}"


@app.command("key-accounts")
def key_accounts_cmd(top_percent: float = typer.Option(None, help="share marked as key (default from settings)"),
                     w_revenue: float = typer.Option(None), w_potential: float = typer.Option(None),
                     w_demonstration: float = typer.Option(None), w_winnability: float = typer.Option(None),
                     region: str = typer.Option(None, help="only accounts of this region"),
                     key_only: bool = typer.Option(False, "--key-only", help="only the key accounts"),
                     offset: int = OFFSET, limit: int = LIMIT) -> None:
    """Accounts ranked by the weighted key-account score (综合累计积分法); the top X% are key."""
    with cli_errors(), graph_session() as graph:
        result = score_accounts(graph, get_settings(), top_percent,
                                {"revenue": w_revenue, "potential": w_potential,
                                 "demonstration": w_demonstration, "winnability": w_winnability},
                                offset=offset, limit=limit, region=region, key_only=key_only)
    if emit_json(result):
        return
    table = Table("#", "account", "score", "key", "rev", "pot", "demo", "win", "missing",
                  title=f"top {result.top_percent:g}% = {result.key_count} key account(s); weights "
                        f"{result.weights.model_dump()}; {_shown(offset, len(result.accounts), result.total)}")
    for a in result.accounts:
        table.add_row(str(a.rank), f"{a.name} ({a.id})", _num(a.score), "KEY" if a.key_account else "",
                      _num(a.revenue, 0), _num(a.potential, 0), _num(a.demonstration, 0), _num(a.winnability, 0),
                      ", ".join(a.missing))
    console.print(table)


@app.command("rep-levels")
def rep_levels_cmd(employee: str = typer.Argument(None, help="one employee id (default: everyone)"),
                   details: bool = typer.Option(False, "--details", help="list each account with its reason"),
                   team: str = typer.Option(None, help="only this team"),
                   level: RepLevel = typer.Option(None, help="only reps at this level"),
                   offset: int = OFFSET, limit: int = LIMIT) -> None:
    """Rep levels (销售等级) from the accounts each rep's own ties reach at medium / good / excellent."""
    with cli_errors(), graph_session() as graph:
        if employee:
            answers = rep_levels(graph, get_settings(), get_manager_settings(), employee)
            title, shown = None, answers
        else:
            chosen = levels_page(graph, get_settings(), get_manager_settings(), offset=offset, limit=limit,
                                 team=team, level=level, details=details)
            answers, title, shown = chosen.items, _shown(offset, len(chosen.items), chosen.total), chosen
    if emit_json(shown):
        return
    table = Table("employee", "team", "level", "medium", "good", "excellent", "why", title=title)
    for a in answers:
        table.add_row(f"{a.name} ({a.employee})", a.team or "", a.level.value, str(a.counts["medium"]),
                      str(a.counts["good"]), str(a.counts["excellent"]), a.reasons[-1])
    console.print(table)
    if details or employee:
        for a in answers:
            for acc in a.accounts:
                console.print(f"  {a.employee} · {acc.name} ({acc.account}): "
                              f"{acc.grade.value if acc.grade else 'not counted'} — {acc.reason}", highlight=False)


@app.command("departure-risk")
def departure_risk_cmd(employee: str = typer.Argument(None, help="an employee id: show what they alone hold"),
                       team: str = typer.Option(None, help="only this team"),
                       account: str = typer.Option(None, help="only employees who alone reach someone there"),
                       sort: DepartureSort = typer.Option(DepartureSort.amount, help="amount | key_contacts | "
                                                          "contacts | name"),
                       order: str = typer.Option(None, help="asc | desc"),
                       offset: int = OFFSET, limit: int = LIMIT) -> None:
    """What we lose if a rep leaves: contacts and deals whose only warm paths start at them."""
    with cli_errors(), graph_session() as graph:
        if employee is None:
            chosen = departure_page(graph, get_settings(), get_manager_settings(), offset=offset, limit=limit,
                                    team=team, account=account, sort=sort, order=order)
            rows = chosen.items
        else:
            impact = departure_impact(graph, get_settings(), get_manager_settings(), employee)
    if emit_json(chosen if employee is None else impact):  # the API's shapes: a page, or one impact
        return
    if employee is None:
        table = Table("#", "employee", "team", "amount at risk", "key contacts", "contacts", "deals",
                      title=_shown(offset, len(rows), chosen.total))
        for r in rows:
            table.add_row(str(r.rank), f"{r.name} ({r.employee})", r.team or "", _num(r.amount_at_risk, 0),
                          str(r.key_contacts), str(r.contacts), str(r.deals))
        console.print(table)
        return
    console.print(f"{impact.name} ({impact.employee}): {_num(impact.amount_at_risk, 0)} at risk, "
                  f"{impact.key_contacts} key contact(s), {impact.contacts} contact(s) reachable only through them")
    deals = Table("deal", "account", "amount", "stage", "key people at risk", "members at risk", title="deals")
    for d in impact.deals:
        deals.add_row(f"{d.name} ({d.id})", d.account or "", _num(d.amount, 0), d.stage or "",
                      ", ".join(d.key_contacts_at_risk), ", ".join(d.members_at_risk))
    console.print(deals)
    people = Table("contact", "account", "key", "roles in open deals", title="contacts")
    for c in impact.at_risk:
        people.add_row(f"{c.name} ({c.id})", c.account_name or "", "KEY" if c.key else "", ", ".join(c.roles))
    console.print(people)


@app.command("coverage")
def coverage_cmd(sort: CoverageSort = typer.Option(CoverageSort.gap, help="gap | name | reachable_share | closeness"),
                 order: str = typer.Option(None, help="asc | desc (default: worst first)"),
                 region: str = typer.Option(None, help="only accounts of this region"),
                 account: str = typer.Option(None, help="only this account"),
                 details: bool = typer.Option(False, "--details", help="name the key people nobody reaches"),
                 offset: int = OFFSET, limit: int = LIMIT) -> None:
    """Per account: share of key contacts our people can reach, three degrees and grade."""
    with cli_errors(), graph_session() as graph:
        chosen = coverage_page(graph, get_settings(), get_manager_settings(), sort=sort, order=order, offset=offset,
                               limit=limit, region=region, account=account, details=details)
    rows = chosen.items
    if emit_json(chosen):
        return
    table = Table("account", "basis", "key", "reachable", "gap", "share", "closeness", "solution", "price",
                  "grade", "complete", *(["nobody reaches"] if details else []),
                  title=_shown(offset, len(rows), chosen.total))
    for r in rows:
        d = r.degrees
        table.add_row(f"{r.name} ({r.account})", r.basis, str(r.key_contacts), str(r.reachable), str(r.gap),
                      "-" if r.reachable_share is None else f"{r.reachable_share:.0%}", _num(d.closeness),
                      _num(d.solution_acceptance), _num(d.price_acceptance),
                      d.closeness_grade.value if d.closeness_grade else "-",
                      "-" if d.completeness is None else f"{d.completeness:.0%}",
                      *([", ".join(p.name or p.id for p in r.unreachable)] if details else []))
    console.print(table)


@app.command("trend")
def trend_cmd(account: str = typer.Argument(..., help="account id"),
              start: str = typer.Option(None, "--from", help="first month YYYY-MM"),
              end: str = typer.Option(None, "--to", help="last month YYYY-MM (default: this month)"),
              png: Path = typer.Option(None, "--png", help="also write the chart to this PNG file")) -> None:
    """An account's three degrees, grade and completeness month by month (from history snapshots)."""
    settings = get_settings()
    with cli_errors(), graph_session() as graph:
        trend = account_trend(graph, settings, account, window(start, end, get_manager_settings()))
    if png is not None and json_mode():
        png.write_bytes(render_trend(trend, settings, "png"))
    if emit_json(trend):
        return
    table = Table("month", "contacts", "closeness", "solution", "price", "grade", "complete",
                  title=f"{trend.name} ({trend.id})")
    for p in trend.points:
        d = p.degrees
        table.add_row(p.month, str(d.n), _num(d.closeness), _num(d.solution_acceptance), _num(d.price_acceptance),
                      d.closeness_grade.value if d.closeness_grade else "-",
                      "-" if d.completeness is None else f"{d.completeness:.0%}",
                      *([", ".join(p.name or p.id for p in r.unreachable)] if details else []))
    console.print(table)
    if png is not None:
        png.write_bytes(render_trend(trend, settings, "png"))
        console.print(f"chart written to {png}")
