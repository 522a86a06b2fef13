"""Sign-in sessions: a random token in an HttpOnly cookie; Neo4j keeps only its SHA-256 (like API keys).

Sign-out and disabling a user revoke on the server, so a stolen cookie stops working at once. The CSRF
token is derived from the session token (SHA-256 with a fixed label): the server recomputes it from the
cookie on every write, nothing more is stored, and a page on another site can neither read the cookie
nor compute the token, so it cannot forge the X-CSRF-Token header.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from app.db.graph import Graph
from app.services.graph_changes import write_declared  # nothing the company-wide views read
from app.models.keys import Role
from app.services.keys import Principal

COOKIE_NAME = "brm_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_KEY_ID = "session"  # Principal.key_id of a signed-in person (no API key involved)


@dataclass(frozen=True)
class NewSession:
    token: str
    expires_at: str
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token_for(token: str) -> str:
    return hashlib.sha256(b"brm-csrf|" + token.encode()).hexdigest()


def csrf_matches(token: str, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(csrf_token_for(token), presented or "")


def start_session(graph: Graph, username: str, ttl_s: int, address: str | None) -> NewSession:
    token = secrets.token_urlsafe(32)
    row = write_declared(graph, "sessions_create", None, id=token_hash(token), username=username, ttl_s=int(ttl_s),
                         address=address)[0]
    return NewSession(token=token, expires_at=row["expires_at"], csrf_token=csrf_token_for(token))


def session_principal(graph: Graph, token: str) -> tuple[Principal, str] | None:
    """(the signed-in user as a Principal, the session's expiry) or None if unknown, revoked, expired or disabled."""
    if not token or len(token) > 200:
        return None
    row = graph.read_one("sessions_lookup", id=token_hash(token))
    if row is None:
        return None
    principal = Principal(key_id=SESSION_KEY_ID, name=row["username"], role=Role(row["role"]),
                          user=row["username"], employee=row["employee"])
    return principal, row["expires_at"]


def end_session(graph: Graph, token: str) -> bool:
    return bool(write_declared(graph, "sessions_revoke", None, id=token_hash(token))[0]["revoked"])
