"""`brm import PATH [--dry-run]`, `brm export [--out FILE]` and `brm contacts list|show`."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from fastapi.encoders import jsonable_encoder
from rich.table import Table

from app.cli.common import app, cli_errors, console, emit_json, err_console, graph_session
from app.cli.import_progress import import_progress
from app.core.config import get_settings
from app.services.import_audit import ImportAudit
from app.cli.crm_output import print_crm_notes
from app.ingest.crm_import import import_crm_path
from app.services.bundle_sources import import_path
from app.services.contacts import get_contact, list_contacts
from app.services.export import export_bundle

contacts_app = typer.Typer(help="Look up contacts (with their interaction level).", no_args_is_help=True)
app.add_typer(contacts_app, name="contacts")


@app.command("import")
def import_cmd(path: Path = typer.Argument(..., help="a .json bundle, a .zip of CSV files, or a folder of CSV files"),
               dry_run: bool = typer.Option(False, "--dry-run", help="validate only, write nothing"),
               source: Optional[str] = typer.Option(None, "--from", help="a CRM export: salesforce or hubspot "
                                                    "(PATH: the export's folder or zip; see docs/crm.md)"),
               mapping: Optional[Path] = typer.Option(None, "--mapping", help="with --from: a TOML mapping laid "
                                                      "over the default one"),
               prune: bool = typer.Option(False, "--prune", help="with --from: remove what came from this CRM "
                                          "but is not in this export (try with --dry-run first)"),
               lang: str = typer.Option("en", "--lang", help="language of the report's notes: en or zh")) -> None:
    """Import a bundle or a CRM export, all-or-nothing (upsert by id); problems are summarised, then listed."""
    settings = get_settings()
    with cli_errors(), graph_session() as graph, import_progress(err_console) as progress:
        options = {"dry_run": dry_run, "timeout_s": settings.neo4j_import_timeout_s,
                   "batch_size": settings.import_batch_rows, "on_phase": progress, "audit": ImportAudit(None, "cli"),
                   "tie_settings": settings}  # issue 13: imported activities update derived ties
        if source is None:
            report = import_path(graph, path, **options).as_dict()
        else:
            report = import_crm_path(graph, source, path, mapping, prune=prune, lang=lang, **options)
    if emit_json(report):
        return
    console.print_json(data=report)
    if source is not None:
        print_crm_notes(report["source"])
    if dry_run:
        err_console.print("dry run: the bundle is valid, nothing was written")


@app.command("export")
def export_cmd(out: Optional[Path] = typer.Option(None, "--out", "-o", help="file to write (default: stdout)")) -> None:
    """Write the whole graph as a JSON bundle that imports back as the same graph."""
    with cli_errors(), graph_session() as graph:
        bundle = export_bundle(graph, timeout_s=get_settings().neo4j_import_timeout_s)
    text = json.dumps(bundle, ensure_ascii=False, indent=1)
    if out is None:
        sys.stdout.write(text + "\n")
        return
    out.write_text(text + "\n", encoding="utf-8")
    err_console.print(", ".join(f"{key}: {len(rows)}" for key, rows in bundle.items() if rows) + f" → {out}")


@contacts_app.command("list")
def contacts_list(q: Optional[str] = typer.Option(None, "--q", "-q", help="name search"),
                  offset: int = typer.Option(0, min=0), limit: int = typer.Option(50, min=1, max=500),
                  as_of: Optional[str] = typer.Option(None, help="YYYY-MM-DD (default today)")) -> None:
    """One page of contacts, searched by name, with their interaction level."""
    with cli_errors(), graph_session() as graph:
        total, rows = list_contacts(graph, q, offset, limit, _day(as_of), get_settings())
    if emit_json({"total": total, "offset": offset, "limit": limit, "items": rows}):
        return
    table = Table("id", "name", "title", "account", "attitude", "interaction", title=f"{total} contact(s)")
    for row in rows:
        table.add_row(row["id"], row["name"], row.get("title", ""), row.get("account", ""),
                      row.get("attitude", ""), row["interaction_level"])
    console.print(table)


@contacts_app.command("show")
def contacts_show(contact_id: str, as_of: Optional[str] = typer.Option(None, help="YYYY-MM-DD (default today)")) -> None:
    """One contact as JSON, with overall and per-deal interaction levels."""
    with cli_errors(), graph_session() as graph:
        contact = get_contact(graph, contact_id, _day(as_of), get_settings())
    if not emit_json(contact):
        console.print_json(data=jsonable_encoder(contact))


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a YYYY-MM-DD day", param_hint="--as-of") from None
