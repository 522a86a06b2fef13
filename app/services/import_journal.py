"""The import lock and the per-batch journal that make a many-transaction import all-or-nothing.

An import writes its bundle in many bounded transactions. Each batch transaction also writes one
`(:ImportChange {run, seq, key, created, changed})` entry: the identities it created and the
previous rows of what it changed. While the run holds `(:ImportLock {name: 'import'})` every other
transaction of the service waits at the gate (app.db.import_gate), so nobody sees a batch before
the switch (the lock's release, one tiny transaction). A run that fails, or is found dead
(silent for `import_stale_s`: the app was killed, Neo4j was lost), is rolled back from its journal,
newest entry first, one bounded transaction per entry; only then does the gate open again.
After a successful switch the journal stays: it is the import's pageable list of changes (audit).
"""
from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from neo4j import ManagedTransaction

from app.core.errors import Conflict, DatabaseUnavailable
from app.db.graph import Graph
from app.i18n import t
from app.services.graph_changes import Changes, declare
from app.services.import_diff import PAIR_FIELDS
from app.services.import_writes import KEY_LABELS, STEPS_OF, run_step, write_form

PAGE = 100


class RunLost(RuntimeError):
    """The run no longer owns the lock: it was taken as dead and rolled back."""


def new_run_id() -> str:
    return uuid.uuid4().hex


def acquire(graph: Graph, run: str, actor: str) -> str | None:
    """Take the lock (after rolling back a dead run), then wait until every transaction that began
    before it has ended: from then on nobody can see a batch of this run before the switch.
    Returns the dead run rolled back first, if any (None: two write transactions, the check and the lock)."""
    recovered = recover(graph, stale_s=graph.import_stale_s)
    taken = graph.write_transaction(lambda tx: _lock_write(tx, "import_lock_acquire", run=run, actor=actor),
                                    gate=False)
    if not taken:
        raise Conflict(t("imports.lock_held"))
    try:
        _wait_for_earlier_transactions(graph, run)
    except BaseException:
        release(graph, run, "abandoned")
        raise
    return recovered


def _lock_write(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    """A write of the lock alone, declared as touching nothing the views read (issue 15: an import whose
    every transaction declares lets the views refresh from its records instead of rebuilding). The rollback
    of a dead run that follows a take-over declares nothing: readers rebuild."""
    rows = Graph.run_in(tx, name, **params)
    declare(tx, Changes())
    return rows


def _wait_for_earlier_transactions(graph: Graph, run: str) -> None:
    now = graph.read_transaction(lambda tx: Graph.run_in(tx, "import_now")[0]["now"], gate=False)
    deadline = time.monotonic() + graph.timeout_s
    while True:
        left = graph.read_transaction(lambda tx: Graph.run_in(tx, "import_transactions_before",
                                                              database=graph.database, before=now)[0]["n"],
                                      gate=False)
        if not left:
            return
        if time.monotonic() > deadline:
            raise DatabaseUnavailable(t("imports.earlier_transactions", count=left, seconds=f"{graph.timeout_s:.0f}"))
        time.sleep(0.05)


def heartbeat(tx: ManagedTransaction, run: str) -> None:
    """First statement of every batch: the run still owns the lock (and is alive)."""
    if not Graph.run_in(tx, "import_lock_heartbeat", run=run):
        raise RunLost(f"import {run} lost its lock (it was taken as dead and rolled back)")


def record(tx: ManagedTransaction, run: str, seq: int, key: str, created: list[Any],
           changed: list[tuple[str, dict[str, Any]]]) -> None:
    """Journal one batch: created identities (ids, or [a, b] pairs) and changed rows' previous values."""
    Graph.run_in(tx, "import_journal_record", run=run, seq=seq, key=key,
                 created=json.dumps(created, ensure_ascii=False),
                 changed=json.dumps([[ident, previous] for ident, previous in changed], ensure_ascii=False))


def release(graph: Graph, run: str, outcome: str,
            also: Callable[[ManagedTransaction], Any] | None = None) -> None:
    """Open the gate. For a written run this is the switch: from here on readers see all of it.
    `also` runs in the same transaction (the import's audit entry)."""

    def unit(tx: ManagedTransaction) -> None:
        if not Graph.run_in(tx, "import_lock_release", run=run, outcome=outcome):
            raise RunLost(f"import {run} lost its lock before the switch (it was taken as dead and rolled back)")
        if also is not None:
            also(tx)
        declare(tx, Changes())  # the lock itself: nothing the views read (`also` declares its own, if any)

    graph.write_transaction(unit, gate=False)


def entries(graph: Graph, run: str, offset: int, limit: int, newest_first: bool = False) -> list[dict[str, Any]]:
    """One page of a run's journal (decoded): what it created and changed, batch by batch."""
    rows = graph.read_transaction(lambda tx: Graph.run_in(tx, "import_journal_entries", run=run, offset=offset,
                                                          limit=limit, newest_first=newest_first), gate=False)
    return [{**row, "created": json.loads(row["created"]), "changed": json.loads(row["changed"])} for row in rows]


# ----------------------------------------------------------------------------- rollback
def rollback(graph: Graph, run: str) -> int:
    """Undo every journalled batch of `run`, newest first, one transaction each; returns how many."""
    undone = 0
    while True:
        page = entries(graph, run, 0, PAGE, newest_first=True)
        if not page:
            return undone
        for entry in page:
            graph.write_transaction(lambda tx, e=entry: _undo(tx, run, e), gate=False)
            undone += 1


def _undo(tx: ManagedTransaction, run: str, entry: dict[str, Any]) -> None:
    key = entry["key"]
    totals: Counter[str] = Counter()
    previous = [write_form(row) for _, row in entry["changed"]]
    for name in STEPS_OF[key]:
        run_step(tx, name, previous, totals)
    created = entry["created"]
    if key in KEY_LABELS:
        Graph.run_in(tx, "import_undo_nodes", ids=created, label=KEY_LABELS[key])
    elif created:
        Graph.run_in(tx, "import_undo_links", key=key, pairs=[{"a": a, "b": b} for a, b in created])
    _undo_history(tx, run, key, created + [_pair_or_id(key, row) for _, row in entry["changed"]])
    Graph.run_in(tx, "import_journal_drop", run=run, seq=entry["seq"])


def _pair_or_id(key: str, row: dict[str, Any]) -> Any:
    if key in PAIR_FIELDS:
        first, second = PAIR_FIELDS[key]
        return [row[first], row[second]]
    return row["id"]


def _undo_history(tx: ManagedTransaction, run: str, key: str, touched: list[Any]) -> None:
    contacts = touched if key == "contacts" else []
    roles = [{"opportunity": a, "contact": b} for a, b in touched] if key == "roles" else []
    ties = [{"employee": a, "contact": b} for a, b in touched] if key == "knows" else []
    deals = touched if key == "opportunities" else []          # issue 17: deal and rating history
    competitors = touched if key == "competitors" else []
    line_contacts = contacts + ([end for pair in touched for end in pair] if key == "reports_to" else [])
    if contacts or roles or ties or deals or competitors or line_contacts:
        Graph.run_in(tx, "import_undo_history", run=run, contacts=contacts, roles=roles, ties=ties,
                     opportunities=deals, competitors=competitors, line_contacts=sorted(set(line_contacts)))


def recover(graph: Graph, stale_s: float = 0.0) -> str | None:
    """Roll back a run that is dead (silent for `stale_s` seconds) or half rolled back; its id, or None.

    Called before every import, at app start-up, and by any call that meets a stale lock at the gate."""
    rows = graph.write_transaction(lambda tx: _lock_write(tx, "import_lock_take_over", stale_s=stale_s),
                                   gate=False)
    if not rows:
        return None
    run = rows[0]["run"]
    rollback(graph, run)
    release(graph, run, "rolled_back")
    return run
