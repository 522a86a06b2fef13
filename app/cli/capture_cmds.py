"""Issue 13: `brm capture calendar FILE...`, `brm capture mail PATH...`, `brm ties recompute`, `brm ties show`."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from app.cli.common import app, cli_errors, console, graph_session
from app.core.config import get_settings
from app.ingest.capture import capture_calendar, capture_mail, path_mail_messages
from app.ingest.mail_source import MailStats
from app.services.tie_explain import tie
from app.services.ties import recompute

capture_app = typer.Typer(help="Capture activities from calendars and mail (metadata only).", no_args_is_help=True)
ties_app = typer.Typer(help="Derived tie strength (docs/ties.md).", no_args_is_help=True)
app.add_typer(capture_app, name="capture")
app.add_typer(ties_app, name="ties")


def _day(text: str | None, option: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a YYYY-MM-DD day", param_hint=option) from None


def _print(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        console.print_json(json.dumps(report, default=str))
        return
    console.print(report.get("message", ""), highlight=False)
    for key in ("ignored", "not_counted_for_ties", "excluded_employees"):
        if report.get(key):
            console.print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in report[key].items()), highlight=False)
    for group in report.get("unknown_people", []):
        account = group["account"]["id"] if group["account"] else "(no account)"
        listed = ", ".join(a["address"] for a in group["addresses"][:10])
        console.print(f"  unknown at {account}: {group['count']} ({listed})", highlight=False)
    if report.get("ties"):
        console.print("  ties: " + ", ".join(f"{k} {v}" for k, v in report["ties"].items()), highlight=False)


@capture_app.command("calendar")
def capture_calendar_cmd(files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help=".ics files"),
                         from_: Optional[str] = typer.Option(None, "--from", help="window start (default today − CAPTURE_WINDOW_DAYS)"),
                         to: Optional[str] = typer.Option(None, "--to", help="window end (default today)"),
                         as_json: bool = typer.Option(False, "--json", help="the report as JSON")) -> None:
    """One meeting activity per occurrence in the window; organiser and attendees matched by email."""
    with cli_errors(), graph_session() as graph:
        report = capture_calendar(graph, get_settings(), [(str(f), f.read_bytes()) for f in files],
                                  start=_day(from_, "--from"), end=_day(to, "--to"))
    _print(report, as_json)


@capture_app.command("mail")
def capture_mail_cmd(paths: list[Path] = typer.Argument(..., exists=True,
                                                         help=".eml files, mbox files, Maildirs, folders of .eml, zips"),
                     as_json: bool = typer.Option(False, "--json", help="the report as JSON")) -> None:
    """One email activity per message (headers only: bodies and attachments are never read)."""
    settings = get_settings()
    with cli_errors(), graph_session() as graph:
        stats = MailStats()

        def messages():  # noqa: ANN202 - a generator over every path, parsed while the writer resolves
            for path in paths:
                yield from path_mail_messages(path, stats, settings)

        report = capture_mail(graph, settings, messages(), stats)
    _print(report, as_json)


@ties_app.command("recompute")
def ties_recompute_cmd(as_of: Optional[str] = typer.Option(None, "--as-of", help="YYYY-MM-DD (default today)")) -> None:
    """Recompute every derived tie (batches of employees); manual ties are never touched."""
    with cli_errors(), graph_session() as graph:
        totals = recompute(graph, get_settings(), as_of=_day(as_of, "--as-of"))
    console.print(", ".join(f"{k} {v}" for k, v in totals.items()), highlight=False)


@ties_app.command("show")
def ties_show_cmd(employee: str, contact: str, lang: str = typer.Option("en", "--lang", help="en or zh")) -> None:
    """How well EMPLOYEE knows CONTACT, and why."""
    with cli_errors(), graph_session() as graph:
        answer = tie(graph, get_settings(), employee, contact, lang)
    for label in ("tie", "captured"):
        if answer[label]:
            console.print(f"{label}: {answer[label]['source']}: {answer[label]['text']}", highlight=False)
