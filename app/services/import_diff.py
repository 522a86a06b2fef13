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

from app.db.queries import query
from app.services.export import NODE_KEYS, clean_row
from app.services.import_prefilter import found_and_differing, ident_text

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


Identity = str | tuple[str, str]


def identity(key: str, row: dict[str, Any]) -> Identity:
    """The row's id, or its (a, b) pair for a link key (the audit trail names it `a->b`)."""
    if key in PAIR_FIELDS:
        first, second = PAIR_FIELDS[key]
        return (str(row[first]), str(row[second]))
    return str(row["id"])


def display(ident: Identity) -> str:
    return ident if isinstance(ident, str) else f"{ident[0]}->{ident[1]}"


@dataclass
class Classified:
    """One batch of a key split three ways; `write` keeps bundle order (created and changed rows)."""

    key: str
    write: list[int] = field(default_factory=list)                   # indexes into the batch
    created: list[Identity] = field(default_factory=list)
    changed: list[tuple[Identity, dict[str, Any]]] = field(default_factory=list)  # (identity, previous row)
    unchanged: int = 0
    unread: bool = False  # counted unchanged by its digest, without a query (app.services.import_digest)


def _source_params(key: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The parameters of the key's row query: the ids, or the (a, b) pairs of a link key."""
    if key in NODE_KEYS:
        return {"ids": [row["id"] for row in rows]}
    first, second = PAIR_FIELDS[key]
    return {"pairs": [{"a": row[first], "b": row[second]} for row in rows]}


def stored_rows(tx: ManagedTransaction, key: str, rows: list[dict[str, Any]]) -> dict[Identity, dict[str, Any]]:
    """The stored rows (canonical) for the identities of `rows`, by identity."""
    if not rows:
        return {}
    name = f"{key}_rows" if key in NODE_KEYS else f"import_current_{key}"
    # record["row"] is already a plain dict: skipping record.data()'s recursive copy saves a third of the time
    stored = (canonical(key, record["row"]) for record in tx.run(query(name), _source_params(key, rows)))
    return {identity(key, row): row for row in stored}


def _stored_where_different(tx: ManagedTransaction, key: str, canon: list[dict[str, Any]]
                            ) -> tuple[set[str], dict[Identity, dict[str, Any]]]:
    """(identities stored, the stored rows of those that may differ): the comparison runs in Neo4j
    (app.services.import_prefilter) and only the rows it cannot call equal are read back."""
    given = {ident_text(identity(key, row)): row for row in canon}
    found, differing = found_and_differing(tx, key, _source_params(key, canon), given)
    maybe = [row for row in canon if ident_text(identity(key, row)) in differing]
    return found, stored_rows(tx, key, maybe)


def classify(tx: ManagedTransaction, key: str, rows: list[dict[str, Any]], assume_new: bool = False) -> Classified:
    """Compare a batch of bundle rows (JSON names) with what is stored; `assume_new` skips the read (restore)."""
    result = Classified(key)
    canon = [canonical(key, row) for row in rows]
    found, stored = (set(), {}) if assume_new else _stored_where_different(tx, key, canon)
    for index, row in enumerate(canon):
        ident = identity(key, row)
        if ident_text(ident) in found and ident not in stored:  # stored, and equal as Neo4j compared it
            result.unchanged += 1
            continue
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
