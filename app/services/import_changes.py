"""What an import's batches touched, declared batch by batch, so the views refresh instead of rebuilding (issue 15).

Every transaction of a declared import declares (app.services.graph_changes) what it changed: a batch names
the nodes of the rows it wrote, the nodes those rows link to now, and those the stored rows linked to before
(the journal's previous values: a contact moved from one account to another names both accounts); the lock,
heartbeat-free lock writes and the switch declare nothing the views read. The readers' gate keeps every
record of a run out of sight until the switch, so a reader sees all of them or none. A run that fails is
rolled back by undeclared writes: the chain breaks and readers rebuild (never a stale answer).

Activities: their own ids (`others`, for the import digests) and their deals; their edges to contacts and
employees are not read by the company-wide views (app.ingest.capture_writer declares them the same way), and
the ties derived from them are declared by app.services.ties.

A big import (more than `most` ids in all) stops declaring at the batch that crosses the budget: the record
of every id of a million-row import would cost more to write than the readers' rebuild it saves.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from app.services.graph_changes import DECLARE_MOST, Changes, declare

# Per bundle key: (field, label of the node it names); a field holding a list names one node per item, and
# "members.contact" reads `contact` of each item of `members`.
FIELD_LABELS: dict[str, list[tuple[str, str]]] = {
    "accounts": [("id", "Account")],
    "departments": [("id", "Department"), ("account", "Account"), ("parent", "Department")],
    "contacts": [("id", "Contact"), ("account", "Account"), ("department", "Department"),
                 ("previous_account", "Account")],
    "reports_to": [("from", "Contact"), ("to", "Contact")],
    "influences": [("from", "Contact"), ("to", "Contact")],
    "circles": [("id", "Circle"), ("account", "Account"), ("members.contact", "Contact")],
    "employees": [("id", "Employee"), ("manager", "Employee")],
    "knows": [("employee", "Employee"), ("contact", "Contact")],
    "opportunities": [("id", "Opportunity"), ("account", "Account"), ("owner", "Employee")],
    "roles": [("opportunity", "Opportunity"), ("contact", "Contact")],
    "competitors": [("id", "Competitor"), ("opportunities.opportunity", "Opportunity")],
    "activities": [("id", "Activity"), ("opportunity", "Opportunity")],
}
# keys whose rows are nodes the company-wide views show by name (their own values may have changed: `renamed`)
NAMED_KEYS = {"accounts", "contacts", "employees", "opportunities"}


def _values(row: dict[str, Any], path: str) -> list[Any]:
    head, _, rest = path.partition(".")
    value = row.get(head, row.get("from_") if head == "from" else None)
    items = value if isinstance(value, list) else [value]
    if rest:
        return [item.get(rest) for item in items if isinstance(item, dict)]
    return items


def touched(key: str, rows: Iterable[dict[str, Any] | None]) -> Changes:
    """The nodes `rows` of bundle key `key` name (JSON or write form, new rows or previous ones)."""
    changes = Changes()
    for row in rows:
        if not row:
            continue
        for path, label in FIELD_LABELS[key]:
            for value in _values(row, path):
                if value is not None:
                    changes.add(label, str(value))
        if key in NAMED_KEYS and row.get("id") is not None:
            changes.renamed.add(str(row["id"]))   # its own properties may have changed
    return changes


def size(changes: Changes) -> int:
    return sum(len(ids) for ids in (changes.contacts, changes.employees, changes.accounts, changes.opportunities,
                                    changes.others))


class ImportDeclarations:
    """The declarations of one import run, within a budget of `most` ids over all its transactions."""

    def __init__(self, most: int = DECLARE_MOST) -> None:
        self.most = most
        self.declared = 0
        self.stopped = False

    def allows(self, changes: Changes) -> bool:
        """Whether `changes` still fit the budget (counted when they do). Once one does not, nothing more is
        allowed: that transaction declares nothing, the chain is broken, later records would be wasted. A retried
        transaction may count twice: it only makes the run stop declaring sooner, never wrongly."""
        if not self.stopped and self.declared + size(changes) <= self.most:
            self.declared += size(changes)
            return True
        self.stopped = True
        return False

    def declare(self, tx: ManagedTransaction, changes: Changes) -> bool:
        """Declare `changes` in `tx` if the budget allows (else nothing: the readers rebuild)."""
        if self.allows(changes):
            declare(tx, changes)
            return True
        return False
