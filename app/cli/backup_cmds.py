"""`brm backup FILE` and `brm restore FILE [--replace]`."""
from __future__ import annotations

from pathlib import Path

import typer

from app.cli.common import app, cli_errors, console, emit_json, graph_session
from app.core.config import get_settings
from app.services.backup import backup, restore


@app.command("backup")
def backup_cmd(path: Path = typer.Argument(..., help="where to write the backup (a JSON bundle)")) -> None:
    """Export the whole graph to a file, atomically."""
    with cli_errors(), graph_session() as graph:
        counts = backup(graph, path, get_settings().neo4j_import_timeout_s)
    if emit_json({"path": str(path), "counts": counts}):
        return
    console.print(f"backup written to {path}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n))


@app.command("restore")
def restore_cmd(path: Path = typer.Argument(..., exists=True, dir_okay=False, help="a backup (bundle) file"),
                replace: bool = typer.Option(False, help="replace the current graph (one transaction)")) -> None:
    """Import a backup into an empty database (or replace everything with --replace)."""
    with cli_errors(), graph_session() as graph:
        report = restore(graph, path, get_settings().neo4j_import_timeout_s, replace=replace)
    if emit_json({"path": str(path), **report.as_dict()}):
        return
    console.print(f"restored {path}: {report.nodes_created} nodes, {report.relationships_created} relationships")
