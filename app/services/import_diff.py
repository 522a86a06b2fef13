"""Which bundle rows are new, changed or already stored exactly as given (the import's no-op check).

A row is compared in its bundle shape: the stored side is read by the same row queries the export
uses (`{key}_rows` for node keys, `import_current_{key}` for link keys), so "unchanged" means
"an export would give this very row back". Unchanged rows are not written at all (no property
writes, no history snapshots, no audit noise); changed rows keep their previous row, which is
what the audit trail records and what a rollback puts back.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from app.db.graph import Graph
from app.services.export import NODE_KEYS, clean_row

# Link keys: the two bundle fields that identify a row (in the bundle's JSON names).
PAIR_FIELDS: dict[str, tuple[str, str]] = {
    "reports_to": ("from", "to"),
    "influences": ("from", "to"),
    "knows": ("employee", "contact"),
    "roles": ("opportunity", "contact"),
}
# Lists whose order carries no meaning (the export sorts them): compared sorted.
SET_LISTS: dict[str, tuple[str, str | None]] = {
    "circles": ("members", "contact"),
    "competitors": ("opportunities", "opportunity"),
    "activities": ("contacts", None),
}


def canonical(key: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row (bundle JSON names, unset fields dropped) with its unordered lists sorted."""
    out = clean_row(row)
    if key in SET_LISTS:
        name, by = SET_LISTS[key]
        items = out.get(name) or []
        if by is None:
            out[name] = sorted(set(items))
        else:
            out[name] = sorted(items, key=lambda item: str(item.get(by)))
    return out


def identity(key: str, row: dict[str, Any]) -> str:
    """The row's id, or `a->b` for a link key (as the audit trail names relationships)."""
    if key in PAIR_FIELDS:
        first, second = PAIR_FIELDS[key]
        return f"{row[first]}->{row[second]}"
    return str(row["id"])


@dataclass
class Classified:
    """One batch of a key split three ways; `write` keeps bundle order (created and changed rows)."""

    key: str
    write: list[int] = field(default_factory=list)                   # indexes into the batch
    created: list[str] = field(default_factory=list)                 # identities
    changed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (identity, previous row)
    unchanged: int = 0


def stored_rows(tx: ManagedTransaction, key: str, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The stored rows (canonical) for the identities of `rows`, by identity."""
    if key in NODE_KEYS:
        found = Graph.run_in(tx, f"{key}_rows", ids=[row["id"] for row in rows])
    else:
        first, second = PAIR_FIELDS[key]
        found = Graph.run_in(tx, f"import_current_{key}", pairs=[{"a": row[first], "b": row[second]} for row in rows])
    stored = (canonical(key, item["row"]) for item in found)
    return {identity(key, row): row for row in stored}


def classify(tx: ManagedTransaction, key: str, rows: list[dict[str, Any]], assume_new: bool = False) -> Classified:
    """Compare a batch of bundle rows (JSON names) with what is stored; `assume_new` skips the read (restore)."""
    result = Classified(key)
    canon = [canonical(key, row) for row in rows]
    stored = {} if assume_new else stored_rows(tx, key, canon)
    for index, row in enumerate(canon):
        ident = identity(key, row)
        previous = stored.get(ident)
        if previous is None:
            result.created.append(ident)
            result.write.append(index)
        elif previous != row:
            result.changed.append((ident, previous))
            result.write.append(index)
        else:
            result.unchanged += 1
    return result


def tally(parts: Iterable[Classified]) -> dict[str, dict[str, int]]:
    """Per key: {"created": n, "changed": n, "unchanged": n}."""
    keys: dict[str, dict[str, int]] = {}
    for part in parts:
        counts = keys.setdefault(part.key, {"created": 0, "changed": 0, "unchanged": 0})
        counts["created"] += len(part.created)
        counts["changed"] += len(part.changed)
        counts["unchanged"] += part.unchanged
    return keys
