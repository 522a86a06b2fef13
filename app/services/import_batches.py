"""Write a validated bundle in many bounded transactions, all-or-nothing for every observer.

1. Compare (through the gate, like any read): each batch of each key against the stored rows.
   No batch with a created or changed row: a no-op, nothing is written at all.
2. Take the import lock (closing the readers' gate), then, per batch that had changes, one
   transaction: re-compare, write the created/changed rows, append history snapshots for them,
   journal what was created and the previous rows of what changed (app.services.import_journal).
3. Switch: release the lock. On any failure the journal is rolled back first; a run that dies
   (kill -9) is rolled back by whoever next meets its stale lock.
Memory: one batch of rows at a time besides the validated bundle (and, for departments and
employees, their written rows until their second step, the links among them).
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from app.db.graph import Graph
from app.models.bundle import Bundle
from app.services import import_digest
from app.services import import_journal as journal
from app.services.import_changes import ImportDeclarations, touched
from app.services.history import as_instant, capture_history
from app.services.import_diff import Classified, classify
from app.db.queries import query
from app.services.import_writes import (AFTER_ALL, AFTER_MAIN, BEFORE_MAIN, KEY_ORDER, STEPS_OF, ProgressHook,
                                        add_counters, run_step)

log = logging.getLogger("brm.import")
PhaseHook = Callable[[str, int, int, int], None]  # (phase, rows done in phase, rows in phase, elements written)


def _batches(models: list[Any], size: int) -> list[tuple[int, list[Any]]]:
    return [(index, models[start:start + size]) for index, start in enumerate(range(0, len(models), size))]


def _aliased(batch: list[Any]) -> list[dict[str, Any]]:
    return [row.model_dump(mode="json", by_alias=True) for row in batch]


def compare(graph: Graph, bundle: Bundle, batch_size: int, on_phase: PhaseHook | None = None,
            unread: dict[str, set[int]] | None = None) -> tuple[list[Classified], dict[str, set[int]]]:
    """Unchanged batches' classifications, and per key the indexes of batches with something to write.
    Batches in `unread[key]` are stored as the last import left them (app.services.import_digest): unchanged,
    without a query."""
    clean: list[Classified] = []
    dirty: dict[str, set[int]] = {key: set() for key in KEY_ORDER}
    total, done = sum(len(getattr(bundle, key)) for key in KEY_ORDER), 0
    for key in KEY_ORDER:
        skip = (unread or {}).get(key, set())
        for index, batch in _batches(getattr(bundle, key), batch_size):
            if index in skip:
                part = Classified(key, unchanged=len(batch), unread=True)
            else:
                part = graph.read_transaction(lambda tx, b=batch, k=key: classify(tx, k, _aliased(b)))
            if part.write:
                dirty[key].add(index)
            else:
                clean.append(part)
            done += len(batch)
            if on_phase:
                on_phase("comparing", done, total, 0)
    return clean, dirty


# Write transactions journal.acquire runs when it finds no dead run: the take-over check and the lock itself.
LOCK_WRITES = 2


def write(graph: Graph, bundle: Bundle, dirty: dict[str, set[int]], *, batch_size: int, timeout_s: float,
          at: datetime, actor: str, on_batch: ProgressHook | None = None, on_phase: PhaseHook | None = None,
          on_switch: Callable[[ManagedTransaction, str, list[Classified], Counter[str]], Any] | None = None,
          digests: dict[str, list[str]] | None = None, recorded: import_digest.Recorded | None = None
          ) -> tuple[str, list[Classified], Counter[str]]:
    """Steps 2 and 3: the dirty batches under the lock, then the switch; returns (run id, parts, counters).
    `on_switch(tx, run, parts, counters)` runs inside the switch transaction (the audit entry).
    `digests` (app.services.import_digest): the switch records those of the batches this run leaves stored as
    given; `recorded.version` is the graph version when the compare began (the clean batches count only if no
    other write came between it and the lock)."""
    run = journal.new_run_id()
    instant = as_instant(at)
    parts: list[Classified] = []
    totals: Counter[str] = Counter()
    total, done = sum(min(batch_size, len(getattr(bundle, k)) - i * batch_size) for k in dirty for i in dirty[k]), 0
    recovered = journal.acquire(graph, run, actor)
    declarations = ImportDeclarations()  # issue 15: what each transaction wrote, for the views' refresh
    try:
        since = recorded.version if recorded is not None and recovered is None else None
        vouched = _vouched(graph, bundle, dirty, batch_size, since) if digests else {}
        seq = 0
        written: dict[str, list[dict[str, Any]]] = {}
        for key in KEY_ORDER:
            steps = STEPS_OF[key]
            models = getattr(bundle, key)
            second: list[dict[str, Any]] = []
            for index in sorted(dirty[key]):
                batch = models[index * batch_size:(index + 1) * batch_size]

                def unit(tx: ManagedTransaction, b: list[Any] = batch, k: str = key, i: int = index,
                         s: int = seq) -> tuple[Classified, Counter[str], list[dict[str, Any]]]:
                    journal.heartbeat(tx, run)
                    counters: Counter[str] = Counter()
                    part = classify(tx, k, _aliased(b))
                    rows = [b[j].model_dump(mode="json") for j in part.write]
                    if on_batch is not None:
                        on_batch(steps[0], i, len(rows))
                    for name in BEFORE_MAIN.get(k, []):
                        run_step(tx, name, rows, counters)
                    run_step(tx, steps[0], rows, counters)
                    for name in AFTER_MAIN.get(k, []):
                        run_step(tx, name, rows, counters)
                    counters["history_snapshots"] += _capture(tx, run, k, rows, instant)
                    journal.record(tx, run, s, k, part.created, part.changed)
                    changes = touched(k, rows)
                    changes.update(touched(k, [previous for _, previous in part.changed]))
                    declarations.declare(tx, changes)
                    return part, counters, rows

                part, counters, rows = graph.write_transaction(unit, timeout_s=timeout_s, gate=False)
                parts.append(part)
                totals.update(counters)
                seq += 1
                done += len(batch)
                if len(steps) > 1 or any(k == key for k, _ in AFTER_ALL):
                    second.extend(rows)
                if on_phase:
                    on_phase("writing", done, total, totals["nodes_created"] + totals["relationships_created"])
            for name in steps[1:]:
                for index, chunk in _batches(second, batch_size):
                    def link_unit(tx: ManagedTransaction, c: list[dict[str, Any]] = chunk, i: int = index,
                                  n: str = name, k: str = key) -> Counter[str]:
                        journal.heartbeat(tx, run)
                        if on_batch is not None:
                            on_batch(n, i, len(c))
                        counters: Counter[str] = Counter()
                        run_step(tx, n, c, counters)
                        declarations.declare(tx, touched(k, c))  # previous links: declared by the main batch
                        return counters

                    totals.update(graph.write_transaction(link_unit, timeout_s=timeout_s, gate=False))
            written[key] = second
        for key, name in AFTER_ALL:  # issue 17: once every key is in (e.g. roles end where contacts moved)
            for index, chunk in _batches(written.get(key, []), batch_size):
                def final_unit(tx: ManagedTransaction, c: list[dict[str, Any]] = chunk, n: str = name) -> Counter[str]:
                    journal.heartbeat(tx, run)
                    counters: Counter[str] = Counter()
                    result = tx.run(query(n), {"rows": c})
                    ended = [row["opportunity"] for row in result]   # deals whose roles of these contacts ended
                    add_counters(counters, result.consume())
                    changes = touched("contacts", c)
                    changes.opportunities.update(ended)
                    counters["history_snapshots"] += capture_history(
                        tx, at=instant, contact_ids=[], role_pairs=[], knows_pairs=[], opportunity_ids=[],
                        competitor_ids=[], line_contact_ids=[], moved_contact_ids=[row["id"] for row in c])
                    declarations.declare(tx, changes)
                    return counters

                totals.update(graph.write_transaction(final_unit, timeout_s=timeout_s, gate=False))
        if on_phase:
            on_phase("switching", total, total, totals["nodes_created"] + totals["relationships_created"])
        def switch(tx: ManagedTransaction) -> None:
            if digests:
                import_digest.record(tx, digests, vouched, batch_size)
            if on_switch is not None:
                on_switch(tx, run, parts, totals)

        journal.release(graph, run, "switched", switch)
    except BaseException:
        _roll_back_after_failure(graph, run)
        raise
    return run, parts, totals


def _vouched(graph: Graph, bundle: Bundle, dirty: dict[str, set[int]], batch_size: int,
             since: int | None) -> dict[str, set[int]]:
    """Per key, the batches this run will leave stored exactly as given: those it writes under the lock, and
    the ones it found unchanged, unless a write it did not make came between that comparison (graph version
    `since`; None: unknown) and the lock (taken now, so no later write of the service can come)."""
    now = graph.read_transaction(lambda tx: Graph.run_in(tx, "graph_version")[0]["version"], gate=False)
    clean_too = since is not None and now == since + LOCK_WRITES
    positions = {key: set(range(-(-len(getattr(bundle, key)) // batch_size))) for key in KEY_ORDER}
    return {key: (positions[key] if clean_too else set(dirty[key])) for key in KEY_ORDER}


def _roll_back_after_failure(graph: Graph, run: str) -> None:
    try:
        journal.recover(graph, stale_s=0)
    except Exception as exc:  # Neo4j gone: the stale lock is rolled back by whoever meets it next
        log.warning("import %s failed and could not be rolled back now (%s); it will be on next contact", run, exc)


def _capture(tx: ManagedTransaction, run: str, key: str, rows: list[dict[str, Any]], instant: datetime) -> int:
    """History snapshots of what this batch wrote (contacts, roles, ties; issue 17: deals, competitor
    ratings, reporting lines), each carrying the run for rollback."""
    if key not in HISTORY_KEYS or not rows:
        return 0
    contacts = [row["id"] for row in rows] if key == "contacts" else []
    roles = [(row["contact"], row["opportunity"]) for row in rows] if key == "roles" else []
    ties = [(row["employee"], row["contact"]) for row in rows] if key == "knows" else []
    deals = [row["id"] for row in rows] if key == "opportunities" else []
    competitors = [row["id"] for row in rows] if key == "competitors" else []
    line_ends = contacts + ([row[end] for row in rows for end in ("from_", "to")] if key == "reports_to" else [])
    # the states carry the run from their creation (a second query tagging them afterwards cost ~10% of a big
    # import, and took every state of the run so far per id when the planner chose the `at` index: issue 16)
    return capture_history(tx, at=instant, contact_ids=contacts, role_pairs=roles, knows_pairs=ties,
                           opportunity_ids=deals, competitor_ids=competitors, line_contact_ids=line_ends, run=run)


HISTORY_KEYS = ("contacts", "roles", "knows", "opportunities", "competitors", "reports_to")
