"""What each write changed, recorded in the write's own transaction, for the company-wide views (issue 15).

Every write transaction through app.db.graph bumps the graph version (a counter, a fresh token and the
token it replaced). A write path that knows what it touched also calls `declare` in the same
transaction: one `:GraphChange` record with the version and the ids of the contacts, employees,
accounts and opportunities touched (and, in `others`, of any other node touched: an import's batch
digests stay valid across declared writes that name none of its ids, app.services.import_digest). A
reader holding the views of version V (token T) asks for the records after V (`changes_since`): if
every version up to the current one has a record and the chain of tokens starts at T, the union of
the records is everything that changed, and the views are updated from it (app.services.company_state).
A version with no record (a write path that does not declare: erasure, a restore, an import's rollback or
an import too big to list, app.services.import_changes) or a
broken chain (a wiped graph) answers None: the reader rebuilds from the whole graph. So a path that
forgets to declare costs time, never a stale answer; a path that declares must name every node whose
own data or relationships it changed (`from_snapshots` does it for audited writes from their before/after states, relationships included).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from app.db.graph import Graph

KEEP_VERSIONS = 5000  # change records kept; a reader further behind rebuilds
DECLARE_MOST = 5000   # a write touching more nodes than this declares nothing (app.services.company_state rebuilds)
LABEL_FIELDS = {"Contact": "contacts", "Employee": "employees", "Account": "accounts", "Opportunity": "opportunities"}


@dataclass
class Changes:
    """Ids touched by one or more writes. `renamed`: nodes whose own properties may have changed (an account's
    name is copied into other views' rows, so those rows are re-read only when the account itself changed)."""

    contacts: set[str] = field(default_factory=set)
    employees: set[str] = field(default_factory=set)
    accounts: set[str] = field(default_factory=set)
    opportunities: set[str] = field(default_factory=set)
    renamed: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)  # touched nodes of other labels (departments, circles, ...)

    def add(self, label: str | None, node_id: str | None) -> None:
        """A touched node: by its label's field; a node of another label in `others` (issue 16: a re-import
        trusts its last record across declared writes only if every touched bundle node is named)."""
        if node_id is None:
            return
        name = LABEL_FIELDS.get(label or "")
        getattr(self, name if name is not None else "others").add(node_id)

    def update(self, other: "Changes") -> None:
        for name in FIELDS:
            getattr(self, name).update(getattr(other, name))

    def ids(self) -> set[str]:
        """Every id named, whatever its field."""
        return set().union(*(getattr(self, name) for name in FIELDS))

    def is_empty(self) -> bool:
        """Nothing the company-wide views read (`others` are not read by them)."""
        return not (self.contacts or self.employees or self.accounts or self.opportunities or self.renamed)


FIELDS = ("contacts", "employees", "accounts", "opportunities", "renamed", "others")


def declare(tx: ManagedTransaction, changes: Changes) -> None:
    """Record what this write transaction changed (call it inside the write's transaction; an empty
    Changes says "nothing the views read", e.g. a sign-in). Parts of one transaction may each declare (an
    import's switch and the CRM prune in it): readers unite the records of one version, so every part of a
    transaction that writes must declare, or none may."""
    Graph.run_in(tx, "graph_change_record", contacts=sorted(changes.contacts), employees=sorted(changes.employees),
                 accounts=sorted(changes.accounts), opportunities=sorted(changes.opportunities),
                 renamed=sorted(changes.renamed), others=sorted(changes.others), keep=KEEP_VERSIONS, unknown=False)


def declare_unknown(tx: ManagedTransaction) -> None:
    """Mark this write's changes as unknown: readers rebuild, whatever other parts of the transaction declared
    (an empty declaration beside it, e.g. an import's switch, must not pass the rest off as "nothing")."""
    Graph.run_in(tx, "graph_change_record", contacts=[], employees=[], accounts=[], opportunities=[], renamed=[],
                 others=[], keep=KEEP_VERSIONS, unknown=True)


def declare_bounded(tx: ManagedTransaction, changes: Changes, most: int = DECLARE_MOST) -> bool:
    """`declare` unless the write touched more than `most` nodes: then mark its changes unknown (readers rebuild,
    which such a write would make them do anyway) instead of storing a record of every id."""
    size = len(changes.contacts) + len(changes.employees) + len(changes.accounts) + len(changes.opportunities)
    if size > most:
        declare_unknown(tx)
        return False
    declare(tx, changes)
    return True


def write_declared(graph: Graph, name: str, changes: Changes | None = None, /, **params: Any) -> list[dict[str, Any]]:
    """Graph.write of one named query, declaring `changes` (default: nothing the views read) in its transaction."""
    def unit(tx: ManagedTransaction) -> list[dict[str, Any]]:
        rows = Graph.run_in(tx, name, **params)
        declare(tx, changes or Changes())
        return rows
    return graph.write_transaction(unit)


def from_snapshots(label: str | None, node_id: str | None, ends: Iterable[tuple[str, str]],
                   states: Iterable[dict[str, Any] | None]) -> Changes:
    """The changes of an audited write: the node written (if it is a node), the ends of a relationship
    written, and every node at the other end of a relationship of it before or after (app.services.audit
    snapshots: a deleted contact loses its edges, a moved one changes account)."""
    changes = Changes()
    changes.add(label, node_id)
    if label is not None and node_id is not None:
        changes.renamed.add(node_id)
    for end_label, end_id in ends:
        changes.add(end_label, end_id)
    for state in states:
        for rel in (state or {}).get("rels", []):
            changes.add(rel.get("label"), rel.get("id"))
    return changes


def changes_since(graph: Graph, version: int, token: str) -> tuple[int | None, str | None, Changes | None]:
    """(current version, current token, what changed since `version`/`token`) — the changes are None when
    they are not all known (a write that did not declare, a wiped graph): the caller must rebuild."""
    row = graph.read_one("graph_changes_since", since_version=version) or {}
    current, now = row.get("version"), row.get("token")
    if current is None or now is None:
        return None, None, None
    if current == version:
        return current, now, (Changes() if now == token else None)
    if current < version:
        return current, now, None
    seen: dict[int, dict[str, Any]] = {}
    total = Changes()
    for record in row.get("changes") or []:  # several records of one version: parts of one transaction, united
        if record.get("unknown"):
            return current, now, None
        seen.setdefault(record["version"], record)
        for name in FIELDS:
            getattr(total, name).update(record.get(name) or [])
    chain = token
    for v in range(version + 1, current + 1):
        record = seen.get(v)
        if record is None or record["previous"] != chain:
            return current, now, None
        chain = record["token"]
    return current, now, (total if chain == now else None)
