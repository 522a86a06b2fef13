"""Users: a username, an argon2 password hash, a role, optionally the employee they are, a disabled flag.

argon2id (argon2-cffi's defaults) because passwords, unlike API-key secrets, are guessable: the hash
must be slow. An unknown username is checked against a dummy hash so that both answers take as long.
"""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from neo4j.exceptions import ConstraintError

from app.core.errors import Conflict, InvalidInput, NotFound
from app.db.graph import Graph
from app.services.graph_changes import write_declared  # nothing the company-wide views read
from app.models.keys import Role
from app.models.users import UserInfo

HASHER = PasswordHasher()
_DUMMY_HASH = HASHER.hash("not a password anyone has")


def generate_password() -> str:
    """A password for a first admin or a reset: 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


def create_user(graph: Graph, username: str, password: str, role: Role, employee: str | None = None) -> UserInfo:
    if employee is not None and not graph.read_one("employee_exists", id=employee)["found"]:
        raise InvalidInput(f"no employee with id {employee!r}", [
            {"key": "users", "row": None, "field": "employee", "message": "unknown employee id", "value": employee}])
    try:
        row = write_declared(graph, "users_create", None, username=username, hash=HASHER.hash(password),
                             role=role.value, employee=employee)[0]
    except ConstraintError:
        raise Conflict(f"a user named {username!r} already exists", field="username") from None
    return UserInfo(**row)


def list_users(graph: Graph) -> list[UserInfo]:
    return [UserInfo(**row) for row in graph.read("users_list")]


def disable_user(graph: Graph, username: str) -> int:
    """Disable the user and revoke their sessions; returns how many sessions were revoked."""
    rows = write_declared(graph, "users_disable", None, username=username)
    if not rows:
        raise NotFound(f"no user named {username!r}")
    return rows[0]["sessions_revoked"]


def reset_password(graph: Graph, username: str, password: str) -> int:
    """Set a new password; every session of the user is revoked. Returns how many."""
    rows = write_declared(graph, "users_set_password", None, username=username, hash=HASHER.hash(password))
    if not rows:
        raise NotFound(f"no user named {username!r}")
    return rows[0]["sessions_revoked"]


def verify_login(graph: Graph, username: str, password: str) -> dict | None:
    """The user row if the password is right and the user enabled; None otherwise (same work either way)."""
    row = graph.read_one("users_lookup", username=username)
    try:
        HASHER.verify(row["hash"] if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row["disabled"]:
        return None
    if HASHER.check_needs_rehash(row["hash"]):
        write_declared(graph, "users_set_password_keep_sessions", None, username=username, hash=HASHER.hash(password))
    return row


def has_users(graph: Graph) -> bool:
    return graph.read_one("users_count")["users"] > 0
