"""Audit trail: every write records who, when, what and the values before and after, in the SAME
transaction as the write, so an entry exists exactly when the change does; an admin can read
the trail and undo a change (refused with 409 if the entity changed since).
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from neo4j import ManagedTransaction
from neo4j.time import Date, DateTime

from app.core.errors import Conflict, NotFound
from app.db.graph import Graph
from app.services.graph_changes import Changes, declare, from_snapshots
from app.services.history import capture_for_ref
from app.services.keys import Principal

T = TypeVar("T")


@dataclass(frozen=True)
class NodeRef:
    label: str
    id: str

    @property
    def entity(self) -> str:
        return self.label

    @property
    def entity_id(self) -> str:
        return self.id


@dataclass(frozen=True)
class RelRef:
    type: str
    from_label: str
    from_id: str
    to_label: str
    to_id: str

    @property
    def entity(self) -> str:
        return self.type

    @property
    def entity_id(self) -> str:
        return f"{self.from_id}->{self.to_id}"

    def params(self) -> dict[str, str]:
        return {"type": self.type, "from_label": self.from_label, "from_id": self.from_id,
                "to_label": self.to_label, "to_id": self.to_id}


Ref = NodeRef | RelRef


# ----------------------------------------------------------------------------- JSON with dates
def _encode(value: Any) -> Any:
    if isinstance(value, (Date, date)) and not isinstance(value, (DateTime, datetime)):
        return {"$date": value.iso_format() if isinstance(value, Date) else value.isoformat()}
    if isinstance(value, (DateTime, datetime)):
        return {"$datetime": value.iso_format() if isinstance(value, DateTime) else value.isoformat()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def dumps(state: dict[str, Any] | None) -> str | None:
    return None if state is None else json.dumps(_encode(state), sort_keys=True, ensure_ascii=False)


def loads(text: str | None) -> dict[str, Any] | None:
    return None if text is None else _decode(json.loads(text))


# ----------------------------------------------------------------------------- recording
def snapshot(tx: ManagedTransaction, ref: Ref) -> dict[str, Any] | None:
    """The entity's state (node: properties + relationships; relationship: properties), or None if absent."""
    if isinstance(ref, NodeRef):
        rows = Graph.run_in(tx, "audit_snapshot_node", label=ref.label, id=ref.id)
        if not rows:
            return None
        rels = sorted(rows[0]["rels"], key=lambda r: (r["type"], r["out"], r["label"] or "", r["id"] or ""))
        return {"props": rows[0]["props"], "rels": rels}
    rows = Graph.run_in(tx, "audit_snapshot_relationship", **ref.params())
    return {"props": rows[0]["props"]} if rows else None


def actor_of(principal: Principal | None) -> dict[str, str | None]:
    """Who did it, as the audit trail records it: the key's id and name (None/"system" without a key)."""
    if principal is None:
        return {"key_id": None, "key_name": "system"}
    return {"key_id": principal.key_id, "key_name": principal.name}


def record(tx: ManagedTransaction, principal: Principal | None, action: str, ref: Ref,
           previous: dict[str, Any] | None, current: dict[str, Any] | None) -> str:
    entry_id = uuid.uuid4().hex
    actor = actor_of(principal)
    Graph.run_in(tx, "audit_record", id=entry_id, actor=actor["key_name"], actor_key_id=actor["key_id"],
                 role=principal.role.value if principal else "system", action=action, entity=ref.entity,
                 entity_id=ref.entity_id, previous=dumps(previous), current=dumps(current),
                 user=principal.user if principal else None,          # issue 14: the person behind the change
                 employee=principal.employee if principal else None)
    return entry_id


def audited_write(graph: Graph, principal: Principal | None, ref: Ref,
                  work: Callable[[ManagedTransaction], T], action: str | None = None) -> T:
    """Run `work` and record the change to `ref` in one transaction (nothing recorded if nothing changed).

    The action is create, update or delete, read off the before/after states unless given.
    """

    def unit(tx: ManagedTransaction) -> T:
        before = snapshot(tx, ref)
        result = work(tx)
        after = snapshot(tx, ref)
        if before != after:
            done = action or ("create" if before is None else "delete" if after is None else "update")
            record(tx, principal, done, ref, before, after)
            capture_for_ref(tx, ref, datetime.now(timezone.utc))
        changes = changes_of(ref, before, after) if before != after else Changes()
        if changes is not None:
            declare(tx, changes)
        return result

    return graph.write_transaction(unit)


def changes_of(ref: Ref, before: dict[str, Any] | None, after: dict[str, Any] | None) -> Changes | None:
    """What an audited write of `ref` changed, for the company-wide views (app.services.graph_changes).
    None (declare nothing: the views rebuild) for an account's delete, which also removes its circles, whose
    members elsewhere are not in the account's snapshot."""
    if isinstance(ref, NodeRef) and ref.label == "Account" and after is None:
        return None
    if isinstance(ref, NodeRef):
        return from_snapshots(ref.label, ref.id, [], [before, after])
    return from_snapshots(None, None, [(ref.from_label, ref.from_id), (ref.to_label, ref.to_id)], [])


def record_import(graph: Graph, principal: Principal | None, summary: dict[str, Any]) -> None:
    """A bulk import is one entry with its counts (previous values of a million rows would be a backup)."""
    ref = NodeRef("Bundle", "import")
    graph.write_transaction(lambda tx: record(tx, principal, "import", ref, None, summary))


# ----------------------------------------------------------------------------- reading and undo
def list_entries(graph: Graph, entity: str | None, entity_id: str | None, actor: str | None,
                 offset: int, limit: int) -> list[dict[str, Any]]:
    rows = graph.read("audit_list", entity=entity, entity_id=entity_id, actor=actor, offset=offset, limit=limit)
    return [_public(row) for row in rows]


def related_entries(graph: Graph, entity: str, entity_id: str, offset: int, limit: int) -> list[dict[str, Any]]:
    """The entity's own entries and those of every relationship the write API edits with it at either end: a deal's
    history shows its members and competitors' ratings, a person's their lines, circles, roles and ties."""
    outgoing = [kind for kind, (start, _) in RELATIONSHIP_ENDS.items() if start == entity]
    incoming = [kind for kind, (_, end) in RELATIONSHIP_ENDS.items() if end == entity]
    rows = graph.read("audit_related", entity=entity, entity_id=entity_id, outgoing=outgoing, incoming=incoming,
                      offset=offset, limit=limit)
    return [_public(row) for row in rows]


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "previous": json.loads(row["previous"]) if row["previous"] else None,
            "current": json.loads(row["current"]) if row["current"] else None}


def undo(graph: Graph, principal: Principal | None, entry_id: str) -> dict[str, Any]:
    """Put the entity back as it was before the entry; refuse if it changed since (409)."""

    def unit(tx: ManagedTransaction) -> dict[str, Any]:
        rows = Graph.run_in(tx, "audit_get", id=entry_id)
        if not rows:
            raise NotFound(f"no audit entry {entry_id!r}")
        entry = rows[0]
        if entry.get("erased") or entry["action"] == "erase":
            raise Conflict.speaking("api_errors.undo_erased", entry=entry_id)
        if entry["undone_by"]:
            raise Conflict.speaking("api_errors.undo_again", entry=entry_id, by=entry['undone_by'])
        ref = _ref_of(entry)
        if ref is None:
            raise Conflict.speaking("api_errors.undo_kind", action=entry['action'])
        now = snapshot(tx, ref)
        if dumps(now) != entry["current"]:
            raise Conflict.speaking("api_errors.undo_changed_since", entity=ref.entity, id=ref.entity_id)
        previous = loads(entry["previous"])
        _restore(tx, ref, previous)
        capture_for_ref(tx, ref, datetime.now(timezone.utc))
        after = snapshot(tx, ref)
        undo_id = record(tx, principal, "undo", ref, now, after)
        changes = changes_of(ref, now, after)
        if changes is not None:
            declare(tx, changes)
        Graph.run_in(tx, "audit_mark_undone", id=entry_id, undo_id=undo_id)
        return {"undone": entry_id, "entry": undo_id}

    return graph.write_transaction(unit)


def _ref_of(entry: dict[str, Any]) -> Ref | None:
    if entry["action"] == "import" or entry["entity"] == "ApiKey":  # keys: create or revoke another one
        return None
    ends = RELATIONSHIP_ENDS.get(entry["entity"])
    if ends is None:
        return NodeRef(entry["entity"], entry["entity_id"])
    from_id, to_id = entry["entity_id"].split("->", 1)
    return RelRef(entry["entity"], ends[0], from_id, ends[1], to_id)


# Ends of the relationships the write API edits one by one.
RELATIONSHIP_ENDS: dict[str, tuple[str, str]] = {
    "REPORTS_TO": ("Contact", "Contact"),
    "INFLUENCES": ("Contact", "Contact"),
    "MEMBER_OF": ("Contact", "Circle"),
    "ROLE_IN": ("Contact", "Opportunity"),
    "KNOWS": ("Employee", "Contact"),
    "COMPETES_IN": ("Competitor", "Opportunity"),
}


def _restore(tx: ManagedTransaction, ref: Ref, previous: dict[str, Any] | None) -> None:
    if isinstance(ref, NodeRef):
        if previous is None:
            Graph.run_in(tx, "audit_delete_node", label=ref.label, id=ref.id)
        else:
            Graph.run_in(tx, "audit_restore_node", label=ref.label, id=ref.id, props=previous["props"],
                         rels=previous["rels"])
        return
    if previous is None:
        Graph.run_in(tx, "audit_delete_relationship", **ref.params())
    else:
        Graph.run_in(tx, "audit_restore_relationship", **ref.params(), props=previous["props"])
