"""`brm keys create|list|revoke`."""
from __future__ import annotations

import typer
from rich.table import Table

from app.cli.common import app, cli_errors, cli_principal, console, emit_json, graph_session
from app.models.keys import Role
from app.services.keys import create_key, list_keys, revoke_key

keys_app = typer.Typer(help="API keys (roles: viewer, editor, admin). Only a hash is stored.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(role: Role = typer.Option(..., help="viewer | editor | admin"),
                name: str = typer.Option(..., help="who or what uses the key (recorded in the audit trail)"),
                quiet: bool = typer.Option(False, "--quiet", "-q", help="print only the key"),
                user: str | None = typer.Option(None, help="the user the key belongs to (issue 14)")) -> None:
    """Create a key and print it once."""
    with cli_errors(), graph_session() as graph:
        created = create_key(graph, name, role, cli_principal(), user)
    if emit_json(created):
        return
    if quiet:
        print(created.key)
        return
    console.print(f"created {created.role.value} key {created.id!r} for {created.name!r}; it is shown only now:")
    print(created.key)


@keys_app.command("list")
def keys_list() -> None:
    """All keys (never their secrets)."""
    with cli_errors(), graph_session() as graph:
        keys = list_keys(graph)
    if emit_json(keys):
        return
    table = Table("id", "name", "role", "created", "revoked")
    for key in keys:
        table.add_row(key.id, key.name, key.role.value, key.created_at, key.revoked_at or "")
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(key: str = typer.Argument(..., help="key id or name")) -> None:
    """Revoke a key by id, or by name when exactly one live key has it."""
    with cli_errors(), graph_session() as graph:
        revoked = revoke_key(graph, key, principal=cli_principal())
    if emit_json({"revoked": revoked}):
        return
    console.print(f"revoked {', '.join(revoked)}")
