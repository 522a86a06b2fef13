"""`brm neo4j start|stop|status` and `brm schema apply`."""
from __future__ import annotations

import typer

from app.cli.common import app, cli_errors, console, emit_json, err_console, graph_session
from app.core.config import get_settings
from app.db.schema import apply_schema
from app.runner.local import LocalNeo4j

neo4j_app = typer.Typer(help="Manage the local Neo4j (embedded 5.26 with Bolt), used when NEO4J_URI is local.",
                        no_args_is_help=True)
schema_app = typer.Typer(help="Constraints and indexes from cypher/schema.cypher.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")


def status_dict(status: object) -> dict[str, object]:
    """A runner status as JSON: its dataclass fields (running, message, ...)."""
    fields = getattr(status, "__dataclass_fields__", None)
    return {name: getattr(status, name) for name in fields} if fields else {"message": str(status)}


def _runner() -> LocalNeo4j:
    settings = get_settings()
    if not settings.uses_local_runner:
        err_console.print(f"NEO4J_URI={settings.neo4j_uri} is not a local bolt:// address: "
                          "that Neo4j is managed elsewhere, the local runner is not used.")
        raise typer.Exit(0)
    return LocalNeo4j(settings)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start in the background; returns once the driver connects. Does nothing if already running."""
    with cli_errors():
        status = _runner().start()
        if not emit_json(status_dict(status)):
            console.print(status.message)


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Shut down cleanly (data is kept)."""
    with cli_errors():
        status = _runner().stop()
        if not emit_json(status_dict(status)):
            console.print(status.message)


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Whether the local Neo4j runs and accepts our credentials; exit 1 if not usable."""
    with cli_errors():
        status = _runner().status()
        if not emit_json(status_dict(status)):
            console.print(status.message)
        if not status.running or "failed" in status.message or "does not answer" in status.message:
            raise typer.Exit(1)


@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes (idempotent)."""
    with cli_errors(), graph_session() as graph:
        count = apply_schema(graph)
        if emit_json({"statements": count, "database": graph.database}):
            return
        console.print(f"schema applied ({count} statements) to database {graph.database!r}")
