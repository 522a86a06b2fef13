"""`brm review | curve | alerts` (issue 17): the weekly deal review, a deal's weekly win-rate curve, the alerts."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from app.cli.common import app, cli_errors, cli_language, console, graph_session
from app.core.config import get_settings
from app.i18n import negotiate, t
from app.services.alerts import alerts
from app.services.review_csv import review_csv
from app.services.weekly_review import weekly_review
from app.services.win_rate_curve import win_rate_curve
from app.viz.theme import v as value_label


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


@app.command("review")
def review_cmd(week: str = typer.Option(None, help="ISO week YYYY-Www or a day in it (default: this week)"),
               team: str = typer.Option(None, help="only deals of this team's owners"),
               owner: str = typer.Option(None, help="only deals of this employee id"),
               csv: Path = typer.Option(None, "--csv", help="also write the review as CSV to this file"),
               lang: str = typer.Option(None, help="en or zh (default: BRM_LANG, else the locale)")) -> None:
    """The weekly deal review (销售周会): open deals, falling win rates on big deals first."""
    lang = negotiate(lang) if lang else cli_language()
    with cli_errors(), graph_session() as graph:
        review = weekly_review(graph, get_settings(), week, team, owner, lang)
    table = Table(*(t(f"time.cli.{k}", lang) for k in ("rank", "deal", "owner", "stage", "amount", "win_rate",
                                                         "week_before", "gaps", "next")),
                  title=t("time.cli.title", lang, week=review["week"], as_of=review["as_of"],
                          before=review["previous_as_of"]))
    for rank, d in enumerate(review["deals"], start=1):
        stage = value_label(d["stage"], lang) if d["stage"] else "-"
        if d["stage_moved"]:
            stage += ("" if lang == "zh" else " ") + t("time.cli.moved", lang, stage=value_label(d["stage_before"], lang))
        gaps = f"+{len(d['gaps_opened'])} / -{len(d['gaps_closed'])}"
        reason = f" ({t('time.reason.' + d['win_rate_reason'], lang)})" if d["win_rate_reason"] else ""
        table.add_row(str(rank), f"{d['opportunity']['name']} ({d['opportunity']['id']})",
                      (d["owner"] or {}).get("id", "-"), stage, "-" if d["amount"] is None else f"{d['amount']:,.0f}",
                      _pct(d["win_rate"]) + reason, _pct(d["win_rate_before"]), gaps, d["next_action"] or "-")
    console.print(table if review["deals"] else t("time.review.none", lang))
    if csv:
        csv.write_text(review_csv(review), encoding="utf-8")
        console.print(t("time.cli.csv_written", lang, path=str(csv)), highlight=False)


@app.command("curve")
def curve_cmd(opportunity_id: str, start: str = typer.Option(None, "--from", help="first ISO week"),
              end: str = typer.Option(None, "--to", help="last ISO week (default: this week)")) -> None:
    """A deal's weekly win-rate curve (概率曲线), stage changes marked."""
    with cli_errors(), graph_session() as graph:
        curve = win_rate_curve(graph, get_settings(), opportunity_id, start, end)
    table = Table("week", "win rate", "reason", "stage", title=f"win rate by week: {curve['opportunity']['name']}")
    for p in curve["points"]:
        table.add_row(p["week"], _pct(p["win_rate"]), p["reason"] or "",
                      (p["stage"] or "-") + (" ← changed" if p["stage_changed"] else ""))
    console.print(table)


@app.command("alerts")
def alerts_cmd(lang: str = typer.Option(None, help="en or zh (default: BRM_LANG, else the locale)")) -> None:
    """Champion left / former champion elsewhere."""
    lang = negotiate(lang) if lang else cli_language()
    with cli_errors(), graph_session() as graph:
        answer = alerts(graph, get_settings(), lang)
    for a in answer["alerts"]:
        console.print(f"[bold]{a['kind']}[/bold] {a['message']}", highlight=False)
    if not answer["alerts"]:
        console.print(t("time.alerts.none", lang))
