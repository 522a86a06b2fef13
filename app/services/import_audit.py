"""The audit trail of imports: one entry per import that wrote something, written in the same
transaction as the switch (so it exists exactly when the import does), naming the run whose journal
lists every created id and every changed row with its previous values, page by page.

API and CLI imports alike get one (the CLI records actor "cli"); a no-op import records nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from app.db.graph import Graph
from app.services import audit
from app.services.import_diff import display
from app.services.import_journal import entries
from app.services.keys import Principal

INLINE_IDS = 50  # the entry itself names up to this many ids per key; the rest are in the pages


@dataclass(frozen=True)
class ImportAudit:
    """Who imports and through what (`api`, `cli`); passed to import_bundle as `audit=`."""

    principal: Principal | None
    source: str

    def record(self, tx: ManagedTransaction, run: str, summary: dict[str, Any]) -> str:
        current = {**summary, "run": run, "source": self.source, "changes": changes_path(run)}
        entry = audit.record(tx, self.principal, "import", audit.NodeRef("Import", run), None, current)
        if self.principal is None:
            Graph.run_in(tx, "import_audit_actor", id=entry, actor=self.source)
        return entry


def changes_path(run: str) -> str:
    return f"/imports/{run}/changes"


def sample(parts: list[Any]) -> dict[str, dict[str, list[str]]]:
    """Per key, the first INLINE_IDS created and changed ids (the entry's quick view)."""
    out: dict[str, dict[str, list[str]]] = {}
    for part in parts:
        item = out.setdefault(part.key, {"created": [], "changed": []})
        item["created"].extend(display(i) for i in part.created[:INLINE_IDS - len(item["created"])])
        item["changed"].extend(display(i) for i, _ in part.changed[:INLINE_IDS - len(item["changed"])])
    return {key: value for key, value in out.items() if value["created"] or value["changed"]}


def change_page(graph: Graph, run: str, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of an import's changes, one item per created or changed row, in write order:
    `{key, id, change: created|changed, previous}` (previous: the row as it was, for changed rows)."""
    items: list[dict[str, Any]] = []
    skip = offset
    batch_offset = 0
    while len(items) < limit:
        batch = entries(graph, run, batch_offset, 20)
        if not batch:
            break
        batch_offset += len(batch)
        for entry in batch:
            rows = ([{"key": entry["key"], "id": _name(i), "change": "created", "previous": None}
                     for i in entry["created"]]
                    + [{"key": entry["key"], "id": _name(i), "change": "changed", "previous": previous}
                       for i, previous in entry["changed"]])
            if skip >= len(rows):
                skip -= len(rows)
                continue
            items.extend(rows[skip:skip + limit - len(items)])
            skip = 0
            if len(items) >= limit:
                break
    return items


def _name(ident: Any) -> str:
    return display(tuple(ident) if isinstance(ident, list) else ident)
