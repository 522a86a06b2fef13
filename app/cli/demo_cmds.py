"""`brm demo load`: the demo company of seed/demo.json, loaded once."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from app.cli.common import app, cli_errors, console, emit_json, graph_session
from app.core.config import PROJECT_ROOT
from app.services.importer import import_bundle
from seed import demo_history

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
    """Import the months that lead up to the demo (seed.demo_history), each dated its month end."""
    history = demo_history.steps(bundle)
    for day, part in history:
        import_bundle(graph, part, effective_at=day)
    return len(history)
