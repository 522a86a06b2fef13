"""`brm demo load`: the demo company of seed/demo.json, loaded once."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from app.cli.common import app, cli_errors, console, emit_json, graph_session
from app.core.config import PROJECT_ROOT
from app.services.history import as_instant
from app.services.importer import import_bundle
from seed import demo_history, demo_time

DEMO_BUNDLE = PROJECT_ROOT / "seed" / "demo.json"


@app.command("demo")
def demo_load(force: bool = typer.Option(False, help="import again even if the demo is already there"),
              path: Path = typer.Option(DEMO_BUNDLE, help="bundle to load")) -> None:
    """Load the demo data unless its first account already exists (the import is idempotent anyway)."""
    if not path.exists():
        if not emit_json({"loaded": False, "reason": f"no demo bundle at {path}"}):
            console.print(f"no demo bundle at {path}; skipping")
        return
    bundle = json.loads(path.read_text(encoding="utf-8"))
    first_account = (bundle.get("accounts") or [{}])[0].get("id")
    with cli_errors(), graph_session() as graph:
        if not force and first_account and graph.read_one("account_exists", id=first_account):
            if not emit_json({"loaded": False, "reason": "already loaded", "account": first_account}):
                console.print(f"demo data already loaded (account {first_account}); use --force to import again")
            return
        months = load_history(graph, bundle)
        report = import_bundle(graph, bundle)
    if emit_json({"loaded": True, "history_months": months, **report.as_dict()}):
        return
    console.print(f"demo data loaded: {months} months of history, then {report.nodes_created} nodes, "
                  f"{report.relationships_created} relationships")


def load_history(graph: Any, bundle: dict[str, Any]) -> int:
    """Import the past that leads up to the demo, oldest first: the month ends of seed.demo_history (issue 19:
    every trend has points) and the dated steps of seed.demo_time (issue 17: the finance deal's falling
    curve, a champion who left, a former champion elsewhere), each without the other's rows; returns the
    number of month ends."""
    months = [(as_instant(day), demo_time.without_story(part, day)) for day, part in demo_history.steps(bundle)]
    story = [(at, demo_time.story_only(part)) for at, part in demo_time.history_steps(bundle)]
    for at, part in sorted(months + story, key=lambda step: step[0]):
        import_bundle(graph, part, effective_at=at)
    return len(months)
