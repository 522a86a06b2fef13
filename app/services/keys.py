"""API keys: `brm_<id>_<secret>`; Neo4j keeps only SHA-256(secret).

The secret has 256 bits of entropy, so a fast hash is enough (as for GitHub tokens);
comparison is constant-time. Lookups are cached for a few seconds so that
authentication does not add a database round trip to every request.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from neo4j import ManagedTransaction

from app.core.errors import Conflict, NotFound
from app.db.graph import Graph
from app.models.keys import CreatedKey, KeyInfo, Role
from app.services.graph_changes import Changes, declare

PREFIX = "brm"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name is what the audit trail records."""

    key_id: str
    name: str
    role: Role
    user: str | None = None       # issue 14: the signed-in user, or the user the key belongs to
    employee: str | None = None   # issue 14: the employee that user is ("me")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(graph: Graph, name: str, role: Role, principal: "Principal | None" = None,
               user: str | None = None) -> CreatedKey:
    """A new key, audited with its creator; 409 if a live key already has this name (names identify keys).
    `user` (issue 14) makes it that user's key: it acts as them and stops when they are disabled."""
    from app.services.audit import NodeRef, record  # audit imports Principal from here

    if user is not None and graph.read_one("users_lookup", username=user) is None:  # issue 14: keys of a user
        raise NotFound(f"no user named {user!r}", field="user")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)

    def unit(tx: ManagedTransaction) -> dict:
        Graph.run_in(tx, "keys_lock")
        if Graph.run_in(tx, "keys_live_matching", key=name):
            raise Conflict(f"a live API key is already named {name!r} (or has that id): choose another name")
        row = Graph.run_in(tx, "keys_create", id=key_id, name=name, role=role.value, hash=hash_secret(secret))[0]
        if user is not None:
            row["user"] = Graph.run_in(tx, "keys_set_user", id=key_id, user=user)[0]["user"]
        record(tx, principal, "create", NodeRef("ApiKey", key_id), None, dict(row))
        declare(tx, Changes())  # nothing the company-wide views read
        return row

    row = graph.write_transaction(unit)
    return CreatedKey(**row, key=f"{PREFIX}_{key_id}_{secret}")


def list_keys(graph: Graph) -> list[KeyInfo]:
    return [KeyInfo(**row) for row in graph.read("keys_list")]


def revoke_key(graph: Graph, key: str, cache: "KeyCache | None" = None,
               principal: "Principal | None" = None) -> list[str]:
    """Revoke the one live key with this id or name, audited; 404 if none, 409 if the name is ambiguous."""
    from app.services.audit import NodeRef, record

    def unit(tx: ManagedTransaction) -> dict:
        Graph.run_in(tx, "keys_lock")
        matches = Graph.run_in(tx, "keys_live_matching", key=key)
        if not matches:
            raise NotFound(f"no live API key with id or name {key!r}")
        if len(matches) > 1:
            raise Conflict(f"{len(matches)} live keys match {key!r} ({', '.join(m['id'] for m in matches)}): "
                           "revoke by id")
        revoked = Graph.run_in(tx, "keys_revoke", id=matches[0]["id"])[0]
        before = {k: v for k, v in revoked.items() if k != "revoked_at"}
        record(tx, principal, "revoke", NodeRef("ApiKey", revoked["id"]), before, dict(revoked))
        declare(tx, Changes())  # nothing the company-wide views read
        return revoked

    revoked = graph.write_transaction(unit)
    if cache is not None:
        cache.clear()
    return [revoked["id"]]


def parse_key(presented: str) -> tuple[str, str] | None:
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


class KeyCache:
    """key id -> (stored row or None, fetched at); a short TTL bounds how long a revoked key still works.

    Unknown ids are cached too (a negative entry), so the same wrong key is not looked up again and
    again; the cache is a bounded LRU, so a flood of random ids evicts old entries instead of growing
    the process (the gate throttles such floods per address before they get here).
    """

    MAX_ENTRIES = 10_000

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._rows: OrderedDict[str, tuple[dict | None, float]] = OrderedDict()
        self._lock = threading.Lock()
        self.lookups = 0  # database lookups made (tests and benchmarks read it)

    def get(self, graph: Graph, key_id: str) -> dict | None:
        now = time.monotonic()
        with self._lock:
            cached = self._rows.get(key_id)
            if cached and now - cached[1] < self.ttl_s:
                self._rows.move_to_end(key_id)
                return cached[0]
        row = graph.read_one("keys_lookup", id=key_id)
        with self._lock:
            self.lookups += 1
            self._rows[key_id] = (row, now)
            self._rows.move_to_end(key_id)
            while len(self._rows) > self.MAX_ENTRIES:
                self._rows.popitem(last=False)
        return row

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


def authenticate(graph: Graph, cache: KeyCache, presented: str) -> Principal | None:
    """The principal behind a presented key, or None if unknown, malformed or revoked."""
    parsed = parse_key(presented)
    if parsed is None:
        return None
    key_id, secret = parsed
    row = cache.get(graph, key_id)
    if row is None or row["revoked"] or not hmac.compare_digest(row["hash"], hash_secret(secret)):
        return None
    if row.get("user_disabled"):  # a key belonging to a disabled user stops working with them
        return None
    return Principal(key_id=key_id, name=row["name"], role=Role(row["role"]),
                     user=row.get("user"), employee=row.get("employee"))
