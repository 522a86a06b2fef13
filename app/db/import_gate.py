"""The readers' gate of big imports: while an import writes its batches (or a dead one is rolled back),
every read and write of the service waits, so nobody sees half an import.

An import holds the one `(:ImportLock {name: 'import'})` with `run` set (app.services.import_journal).
Graph runs `check` as the first statement of each of its transactions: if the lock is held the
transaction is abandoned and retried after a pause, for up to `import_gate_wait_s`, then the call
fails with DatabaseUnavailable (503, "try again"). Why this is airtight: the import, after taking
the lock, waits until every transaction that began before the lock was committed has ended; every
later transaction sees the lock at its first statement (read committed).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from app.core.errors import DatabaseUnavailable
from app.db.queries import query
from app.i18n import t

T = TypeVar("T")
PAUSE_S = 0.2
# Named reads of nothing an import writes: they pass the gate, so a caller can still sign in with its key
# and poll an import job (GET /imports/{id}) while the import writes.
OUTSIDE_IMPORTS: frozenset[str] = frozenset({"keys_lookup", "sessions_lookup"})  # who is calling: API keys, sign-in sessions (issue 14)


class ImportInProgress(Exception):
    """Raised inside a transaction that met the held import lock (it is then rolled back and retried)."""

    def __init__(self, lock: dict[str, Any]) -> None:
        super().__init__(f"import {lock.get('run')} is {lock.get('state')}")
        self.lock = lock


def check(tx: ManagedTransaction) -> None:
    rows = [record.data() for record in tx.run(query("import_gate_check"))]
    if rows:
        raise ImportInProgress(rows[0])


def gated(work: Callable[[ManagedTransaction], T]) -> Callable[[ManagedTransaction], T]:
    """`work` behind the gate: the lock is checked in the same transaction, before anything else."""

    def behind_gate(tx: ManagedTransaction) -> T:
        check(tx)
        return work(tx)

    return behind_gate


def wait_through(run: Callable[[], T], wait_s: float,
                 on_stale: Callable[[dict[str, Any]], None] | None = None, stale_s: float = float("inf")) -> T:
    """Call `run` until it does not meet a held lock; `on_stale` gets a lock silent for `stale_s` (a dead import)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return run()
        except ImportInProgress as held:
            if on_stale is not None and (held.lock.get("idle_s") or 0) >= stale_s:
                on_stale(held.lock)
                continue
            if time.monotonic() >= deadline:
                raise DatabaseUnavailable(t("imports.gate_busy", state=str(held))) from None
            time.sleep(PAUSE_S)
