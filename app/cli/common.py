"""What every CLI command shares: the Typer app, a Graph for the duration of a command, error printing."""
from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from app.core.config import get_settings
from app.core.errors import BrmError, InvalidInput
from app.db.graph import Graph, create_driver
from app.models.keys import Role
from app.services.keys import Principal

app = typer.Typer(help="brm-graph: relationship intelligence for B2B sales, on Neo4j.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
console = Console()
err_console = Console(stderr=True)


@contextmanager
def graph_session() -> Iterator[Graph]:
    """A driver for one command (the CLI's 'process'), closed at the end."""
    settings = get_settings()
    driver = create_driver(settings)
    try:
        yield Graph.from_settings(driver, settings)
    finally:
        driver.close()


@contextmanager
def cli_errors() -> Iterator[None]:
    """Print a BrmError as one clear line and exit 1, instead of a stack trace."""
    try:
        yield
    except BrmError as exc:
        if isinstance(exc, InvalidInput):
            from app.services.import_errors import with_summary

            exc = with_summary(exc)
        err_console.print(f"[red]error:[/red] {exc.message}", highlight=False)
        if exc.details.get("summary"):  # import rejections: the summary table first (app.services.import_errors)
            from app.cli.crm_output import print_error_summary

            print_error_summary(exc.details["summary"])
        for item in getattr(exc, "errors", [])[:200]:
            err_console.print(f"  - {item}", highlight=False)
        raise typer.Exit(1) from None


def cli_principal() -> Principal:
    """Who runs a CLI command, for the audit trail (issue 18): no key, so the OS user, as an admin."""
    return Principal(key_id="cli", name=f"cli:{getpass.getuser()}", role=Role.admin)
