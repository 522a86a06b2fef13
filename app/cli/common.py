"""What every CLI command shares: the Typer app, a Graph for the duration of a command, error printing."""
from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from fastapi.encoders import jsonable_encoder
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
        if _json_output["on"]:  # scripts get the API's error body on stdout
            emit_json({"error": type(exc).__name__, "message": exc.message, **exc.details})
            raise typer.Exit(1) from None
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


# --- issue 19: `--json` on every command ------------------------------------------------------
JSON_FLAG = "--json"
_json_output = {"on": False}


@app.callback()
def _options(json_output: bool = typer.Option(False, JSON_FLAG, help="print the answer as JSON (the API's shapes); "
                                                                     "also accepted after any command")) -> None:
    """brm-graph: relationship intelligence for B2B sales, on Neo4j."""
    if json_output:
        _json_output["on"] = True


def hoist_json_flag(argv: list[str]) -> list[str]:
    """`brm gaps o-1 --json` → `brm --json gaps o-1`: one flag for every command, defined once."""
    if JSON_FLAG not in argv:
        return argv
    return [JSON_FLAG, *(arg for arg in argv if arg != JSON_FLAG)]


def json_mode() -> bool:
    return _json_output["on"]


def emit_json(answer: Any) -> bool:
    """In --json mode print `answer` as the API would send it and return True (the caller stops there)."""
    if not _json_output["on"]:
        return False
    sys.stdout.write(json.dumps(jsonable_encoder(answer), ensure_ascii=False, indent=2) + "\n")
    return True


def cli_language() -> str:
    """The CLI's language: BRM_LANG (en or zh), else the locale in LANG (zh_CN.UTF-8 → zh), else en."""
    import os

    from app.i18n import negotiate

    return negotiate(os.environ.get("BRM_LANG") or (os.environ.get("LANG") or "").split(".")[0] or None)
