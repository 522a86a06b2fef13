"""No lost update: every entity and relationship has a version, a hash of its stored state.

The version is derived (SHA-256 of the row as GET answers it, or of a relationship's properties), so
nothing has to be stored or bumped, and any writer (import, API, undo) changes it. A write that sends
`If-Match: "<version>"` is refused with 412 when the stored state has a different version, and the
answer carries the current state, its version and who changed it last (from the audit trail); a write
without If-Match behaves as before (programs keep last-writer-wins).
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from neo4j import ManagedTransaction

from app.core.errors import BrmError
from app.db.graph import Graph

VERSION_LENGTH = 20


class PreconditionFailed(BrmError):
    status_code = 412


def version_of(state: dict[str, Any] | None) -> str | None:
    """The version of a row or of a relationship's properties (None: it does not exist)."""
    if state is None:
        return None
    clean = {k: v for k, v in state.items() if k != "version"}
    text = json.dumps(clean, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:VERSION_LENGTH]


def etag(version: str | None) -> str | None:
    return None if version is None else f'"{version}"'


def parse_if_match(value: str | None) -> list[str] | None:
    """`"a", W/"b"` → ['a', 'b']; `*` → ['*']; no header → None."""
    if value is None or not value.strip():
        return None
    tags = []
    for part in value.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tags.append(tag.strip('"'))
    return [t for t in tags if t]


def last_change(tx: ManagedTransaction, entity: str, entity_id: str) -> dict[str, Any] | None:
    """Who changed the entity last and when (the newest audit entry), for the 412 answer."""
    rows = Graph.run_in(tx, "audit_list", entity=entity, entity_id=entity_id, actor=None, offset=0, limit=1)
    if not rows:
        return None
    row = rows[0]
    return {"actor": row["actor"], "user": row.get("user"), "employee": row.get("employee"), "at": row["at"],
            "action": row["action"], "entry": row["id"]}


def require_version(tx: ManagedTransaction, expected: list[str] | None, state: dict[str, Any] | None,
                    entity: str, entity_id: str, noun: str) -> None:
    """Raise 412 unless `expected` (from If-Match) names the current version; no If-Match: no check."""
    if expected is None:
        return
    current = version_of(state)
    if current is not None and ("*" in expected or current in expected):
        return
    changed = last_change(tx, entity, entity_id)
    who = ""
    if changed:
        who = f" by {changed['user'] or changed['actor']} at {changed['at']}"
    what = "does not exist any more" if state is None else f"was changed{who}"
    raise PreconditionFailed(f"{noun} {entity_id} {what}: your version {', '.join(expected)} is not the current one "
                             f"({current}); look at the current state and apply your change again",
                             version=current, current=state, changed_by=changed)
