"""`brm users create|list|disable|reset-password|first-admin`."""
from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.table import Table

from app.cli.common import app, cli_errors, console, graph_session
from app.core.config import get_settings
from app.models.keys import Role
from app.models.users import UserCreate
from app.services.users import create_user, disable_user, generate_password, has_users, list_users, reset_password

users_app = typer.Typer(help="People who sign in on the page (roles: viewer, editor, admin).", no_args_is_help=True)
app.add_typer(users_app, name="users")


def _password_or_prompt(password: str | None) -> str:
    return password or typer.prompt("password (at least 8 characters)", hide_input=True, confirmation_prompt=True)


@users_app.command("create")
def users_create(username: str = typer.Argument(...), role: Role = typer.Option(..., help="viewer | editor | admin"),
                 employee: str | None = typer.Option(None, help="the employee id this user is"),
                 password: str | None = typer.Option(None, help="omit to be asked (not echoed)")) -> None:
    """Create a user (the password is stored as an argon2 hash only)."""
    body = UserCreate(username=username, password=_password_or_prompt(password), role=role, employee=employee)
    with cli_errors(), graph_session() as graph:
        user = create_user(graph, body.username, body.password, body.role, body.employee)
    console.print(f"created {user.role.value} user {user.username!r}"
                  + (f" (employee {user.employee})" if user.employee else ""))


@users_app.command("list")
def users_list() -> None:
    """All users (never their hashes)."""
    with cli_errors(), graph_session() as graph:
        users = list_users(graph)
    table = Table("username", "role", "employee", "created", "disabled")
    for user in users:
        table.add_row(user.username, user.role.value, user.employee or "", user.created_at, user.disabled_at or "")
    console.print(table)


@users_app.command("disable")
def users_disable(username: str = typer.Argument(...)) -> None:
    """The user can no longer sign in; their sessions end now."""
    with cli_errors(), graph_session() as graph:
        ended = disable_user(graph, username)
    console.print(f"disabled {username!r}; {ended} session(s) ended")


@users_app.command("reset-password")
def users_reset_password(username: str = typer.Argument(...),
                         password: str | None = typer.Option(None, help="omit to generate one (printed once)")) -> None:
    """Set a new password (generated and printed once unless given); the user's sessions end."""
    new = password or generate_password()
    UserCreate(username=username, password=new, role=Role.viewer)  # same password rules as creating
    with cli_errors(), graph_session() as graph:
        ended = reset_password(graph, username, new)
    console.print(f"new password for {username!r} set; {ended} session(s) ended")
    if not password:
        print(new)


def write_secret_file(path: Path, text: str) -> None:
    """Create the file readable by its owner only (0600) before anything is written into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


@users_app.command("first-admin")
def users_first_admin(username: str = typer.Option("admin")) -> None:
    """Create the first admin user once (when there is no user at all); say how to sign in either way."""
    settings = get_settings()
    path = settings.first_admin_file
    url = f"http://{settings.api_host}:{settings.api_port}/"
    with cli_errors(), graph_session() as graph:
        if has_users(graph):
            where = f"; the first admin's password is in {path}" if path.exists() else ""
            console.print(f"Sign in at {url} with your user{where}.", highlight=False)
            return
        password = generate_password()
        create_user(graph, username, password, Role.admin)
    write_secret_file(path, f"username: {username}\npassword: {password}\n")
    console.print(f"Created the first admin user {username!r}; its password is in {path} (mode 0600).\n"
                  f"Sign in at {url} as {username!r} with that password; add people with "
                  f"`brm users create NAME --role editor --employee EMPLOYEE_ID`.", highlight=False)
