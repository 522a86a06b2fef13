"""`brm erase contact|employee ID` and `brm personal-data contact|employee ID` (issue 18)."""
from __future__ import annotations

import json
from enum import Enum

import typer

from app.api.routes.privacy import plain
from app.cli.common import app, cli_errors, cli_principal, console, graph_session
from app.services.erasure import erase_person, personal_data


class Person(str, Enum):
    contact = "contact"
    employee = "employee"


@app.command("erase")
def erase(kind: Person = typer.Argument(..., help="contact | employee"),
          person_id: str = typer.Argument(..., help="the person's id"),
          cascade: bool = typer.Option(False, help="also delete what only they hold (as DELETE ?cascade=true)"),
          yes: bool = typer.Option(False, "--yes", "-y", help="do not ask")) -> None:
    """Erase a person and every copy of their personal data (audited; cannot be undone)."""
    if not yes:
        typer.confirm(f"erase {kind.value} {person_id} and every copy of their data? This cannot be undone",
                      abort=True)
    with cli_errors(), graph_session() as graph:
        result = erase_person(graph, f"{kind.value}s", person_id, cli_principal(), cascade=cascade)
    console.print(f"erased {kind.value} {person_id}: {json.dumps(result)}")


@app.command("personal-data")
def personal_data_cmd(kind: Person = typer.Argument(..., help="contact | employee"),
                      person_id: str = typer.Argument(..., help="the person's id")) -> None:
    """Print everything held about one person as JSON (subject access)."""
    with cli_errors(), graph_session() as graph:
        answer = personal_data(graph, f"{kind.value}s", person_id)
    print(json.dumps(plain(answer), ensure_ascii=False, indent=2, default=str))
