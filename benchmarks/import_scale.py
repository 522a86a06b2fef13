"""Big imports (issue 16) in the default 1 GB heap: the batched importer beside the ceiling, in one run.

    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.import_scale --scale S

For the scale: (1) the ceiling, a plain batched `UNWIND … MERGE` of the same rows (the import's own
write queries, one transaction per batch, nothing else) into the fresh database; the database is
emptied; (2) `import_bundle` (validation, compare, lock, journal, history, switch) of the same
bundle; (3) a no-op re-import of the unchanged bundle; (4) a re-import with 1% of the contacts
changed. Peak heap is sampled from the JVM (JMX) every 0.5 s during each phase. Figures go to
stdout as JSON (and `--out FILE`); docs/benchmarks.md has them by hand.
"""
from __future__ import annotations

import argparse
import copy
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.db.graph import Graph
from app.db.queries import query
from app.services import import_diff
from app.services.entities import KINDS, put_node
from app.services.graph_changes import write_declared
from app.services.import_prefilter import ident_text
from app.services.import_writes import WRITE_STEPS, run_step
from app.services.importer import import_bundle
from benchmarks.data import scale
from benchmarks.env import bench_neo4j, stop_cleanly_on_sigterm
from seed.generate import generate_bundle



class HeapSampler:
    """Peak used heap of the benchmark Neo4j while a phase runs (JMX through Cypher, every 0.5 s)."""

    def __init__(self, graph: Graph) -> None:
        self.graph, self.peak, self._stop = graph, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                records = self.graph.driver.execute_query(query("bench_heap_used"),
                                                          database_=self.graph.database).records
                self.peak = max(self.peak, int(records[0]["used"]))
            except Exception:  # a sample lost under load is not a result
                pass
            self._stop.wait(0.5)

    def __enter__(self) -> "HeapSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()


def ceiling(graph: Graph, bundle: dict[str, list[dict[str, Any]]], batch_size: int) -> Counter[str]:
    """The same rows through the import's write queries, batched, one transaction per batch, nothing else."""
    totals: Counter[str] = Counter()
    for key, name in WRITE_STEPS:
        rows = [{("from_" if k == "from" else k): v for k, v in row.items()} for row in bundle.get(key, [])]
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            totals.update(graph.write_transaction(lambda tx, c=chunk, n=name: _step(tx, n, c), gate=False))
    return totals


def _step(tx: Any, name: str, rows: list[dict[str, Any]]) -> Counter[str]:
    counters: Counter[str] = Counter()
    run_step(tx, name, rows, counters)
    return counters


def empty(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:  # IN TRANSACTIONS: an implicit transaction
        session.run(query("bench_empty")).consume()


def phase(name: str, graph: Graph, work: Any, log: Any = print) -> tuple[dict[str, Any], Any]:
    with HeapSampler(graph) as heap:
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
    log(f"  {name}: {seconds:.1f} s, peak heap {heap.peak / 2**20:.0f} MiB")
    return {"seconds": round(seconds, 2), "peak_heap_mib": round(heap.peak / 2**20)}, result


WARM_UP = {"accounts": 4, "contacts_per_account": 100, "employees": 8, "seed": 3}  # ~2.5k rows


def warm_up(graph: Graph, batch_size: int, timeout_s: float) -> float:
    """Plan and JIT-compile every query of both sides before timing them (a fresh JVM took 2.3x longer for the
    same S/10 ceiling: 37.5 s cold, 16.1 s warm, 2026-12-02): a small bundle through the ceiling, then
    through import_bundle twice (new data, then a no-op), with the database emptied after each."""
    started = time.perf_counter()
    small = generate_bundle(**WARM_UP)
    ceiling(graph, small, batch_size)
    empty(graph)
    import_bundle(graph, small, batch_size=batch_size, timeout_s=timeout_s)
    import_bundle(graph, one_percent(small)[0], batch_size=batch_size, timeout_s=timeout_s)
    empty(graph)
    return time.perf_counter() - started


def one_percent(bundle: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, list[dict[str, Any]]], int]:
    changed = copy.copy(bundle)
    changed["contacts"] = [dict(row) for row in bundle["contacts"]]
    picked = changed["contacts"][::100]
    for row in picked:
        row["name"] = row["name"] + " (changed)"
    return changed, len(picked)


def api_edits(graph: Graph, bundle: dict[str, list[dict[str, Any]]], count: int) -> int:
    """`count` contacts edited through the API's own service (PUT /contacts/{id}: audited, declared), spread
    over the bundle; a re-import of the bundle rewrites exactly them (docs/imports.md)."""
    kind = KINDS["contacts"]
    rows = bundle["contacts"][:: max(1, len(bundle["contacts"]) // count)][:count]
    for row in rows:
        body = kind.row.model_validate({**row,
                                        "title": f"{row.get('title') or ''} (edited)"})
        put_node(graph, kind, row["id"], body)
    return len(rows)


PHASES = ("ceiling", "import", "reimport")


@contextmanager
def python_side_compare() -> Iterator[None]:
    """The no-op check as it was before app.services.import_prefilter: every stored row read back, compared in Python."""
    def every_row(tx: Any, key: str, canon: list[dict[str, Any]]) -> tuple[set[str], dict[Any, dict[str, Any]]]:
        stored = import_diff.stored_rows(tx, key, canon)
        return {ident_text(ident) for ident in stored}, stored

    saved = import_diff._stored_where_different
    import_diff._stored_where_different = every_row
    try:
        yield
    finally:
        import_diff._stored_where_different = saved


def measure(label: str, heap: str = "1g", pagecache: str = "1g", batch_size: int = 5000,
            log: Any = print, phases: tuple[str, ...] = PHASES, python_compare: bool = True,
            warm: bool = True) -> dict[str, Any]:
    """The phases at one scale; the figures as a dict (benchmarks.run keeps them).

    All three phases: one fresh Neo4j. A subset (a long run split so that each part holds the shared
    lock for less time): the ceiling alone in a fresh database; `warm` first runs a small bundle through
    both sides (every query planned and compiled before the clock starts); `import` leaves its database in
    var/bench for a later `reimport` (no-op, then 1% changed), which deletes it."""
    sc = scale(label)
    started = time.perf_counter()
    bundle = generate_bundle(accounts=sc.accounts, contacts_per_account=sc.contacts_per_account,
                             employees=sc.employees, seed=7)
    rows = sum(len(v) for v in bundle.values())
    log(f"[{sc.label}] generated {rows:,} rows in {time.perf_counter() - started:.0f} s")
    result: dict[str, Any] = {"scale": sc.label, "rows": rows, "heap": heap, "batch_size": batch_size}
    name = f"import-scale-{sc.label.replace('/', '_')}"
    reuse = "import" not in phases and "reimport" in phases
    keep = "import" in phases and "reimport" not in phases
    with bench_neo4j(name, heap=heap, pagecache=pagecache, keep=keep, reuse=reuse) as db:
        graph = db.graph
        timeout = db.settings.neo4j_import_timeout_s
        if warm and ("ceiling" in phases or "import" in phases):
            result["warm_up_s"] = round(warm_up(graph, batch_size, timeout), 1)
            log(f"  warm-up (a small bundle through both sides, then emptied): {result['warm_up_s']:.0f} s")
        if "ceiling" in phases:
            result["ceiling_load_avg"] = _load()
            figures, totals = phase("ceiling (batched UNWIND MERGE)", graph,
                                    lambda: ceiling(graph, bundle, batch_size), log)
            elements = totals["nodes_created"] + totals["relationships_created"]
            result["ceiling"] = {**figures, "elements": elements,
                                 "elements_per_s": round(elements / figures["seconds"]), "load_avg_end": _load()}
            if "import" in phases:
                empty(graph)
        if "import" in phases:
            result["import_load_avg"] = _load()
            figures, report = phase("import_bundle (new data)", graph,
                                    lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
            elements = report.nodes_created + report.relationships_created
            result["import"] = {**figures, "elements": elements,
                                "elements_per_s": round(elements / figures["seconds"]),
                                "history_snapshots": report.counters.get("history_snapshots", 0),
                                "load_avg_end": _load()}
        if "reimport" in phases:
            result["reimport_load_avg"] = _load()
            figures, report = phase("no-op re-import", graph,
                                    lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
            result["noop"] = {**figures, "written": {k: v for k, v in report.counters.items() if v},
                              "run": report.run, "batches_unread": report.batches_unread}
            if reuse:  # a JVM that just started on the kept database: the first no-op also planned its queries
                figures, report = phase("no-op re-import again (warm)", graph,
                                        lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
                result["noop_warm"] = {**figures, "written": {k: v for k, v in report.counters.items() if v},
                                       "run": report.run, "load_avg": _load()}
            # issue 16, session 5: writes that declare what they touched (sign-ins, API edits) keep the digests of
            # the batches they do not touch: a handful naming nothing in the bundle, then a handful of API edits
            for _ in range(5):
                write_declared(graph, "graph_version")  # declared, touching nothing (like a sign-in)
            figures, report = phase("no-op re-import after 5 declared writes naming nothing in it", graph,
                                    lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
            result["noop_after_declared_writes"] = {**figures, "written": {k: v for k, v in report.counters.items() if v},
                                                    "run": report.run, "batches_unread": report.batches_unread,
                                                    "load_avg": _load()}
            edited = api_edits(graph, bundle, 5)
            figures, report = phase("re-import after 5 contact edits through the API (rewrites them)", graph,
                                    lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
            result["after_api_edits"] = {**figures, "edited": edited, "keys_contacts": report.keys.get("contacts"),
                                         "written_keys": {k: v for k, v in report.keys.items()
                                                          if v["created"] or v["changed"]},
                                         "run": report.run, "batches_unread": report.batches_unread,
                                         "load_avg": _load()}
            # issue 16, session 4: the no-ops above find every batch as the import left it (its digests) and
            # nothing written since; after any other write (an API edit at night) every batch is compared again
            graph.write_transaction(lambda tx: None)  # a write that declares nothing: the digests are void
            figures, report = phase("no-op re-import after an undeclared write (validated and compared)", graph,
                                    lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
            result["noop_after_a_write"] = {**figures, "written": {k: v for k, v in report.counters.items() if v},
                                            "run": report.run, "batches_unread": report.batches_unread,
                                            "load_avg": _load()}
            if python_compare:  # the same no-op with every stored row read back and compared in Python
                with python_side_compare():
                    figures, report = phase("no-op re-import, compared in Python (before the prefilter)", graph,
                                            lambda: import_bundle(graph, bundle, batch_size=batch_size,
                                                                  timeout_s=timeout), log)
                result["noop_python_compare"] = {**figures, "written": {k: v for k, v in report.counters.items() if v}}
            changed, picked = one_percent(bundle)
            figures, report = phase("1% changed re-import", graph,
                                    lambda: import_bundle(graph, changed, batch_size=batch_size, timeout_s=timeout), log)
            result["one_percent"] = {**figures, "contacts_changed": picked,
                                     "keys_contacts": report.keys.get("contacts"),
                                     "properties_set": report.properties_set,
                                     "written_keys": {k: v for k, v in report.keys.items()
                                                      if v["created"] or v["changed"]},
                                     "load_avg_end": _load()}
            figures, report = phase("1% changed back, right after that import", graph,
                                    lambda: import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout), log)
            result["one_percent_back"] = {**figures, "keys_contacts": report.keys.get("contacts"),
                                          "batches_unread": report.batches_unread, "load_avg_end": _load()}
    if "ceiling" in result and "import" in result:
        result["ratio_import_to_ceiling"] = round(result["import"]["elements_per_s"]
                                                  / result["ceiling"]["elements_per_s"], 3)
    return result


def _load() -> list[str]:
    return open("/proc/loadavg").read().split()[:3]


def main() -> None:
    stop_cleanly_on_sigterm()  # `timeout` stops us: still stop our Neo4j
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="S", help="S/10, S or 10S")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--phases", default=",".join(PHASES),
                        help="ceiling,import,reimport (default all, one Neo4j); split a long run: "
                             "'ceiling', then 'import' (keeps its database), then 'reimport' (reuses it)")
    parser.add_argument("--out", type=Path, help="results JSON; the phases of a split run merge into it")
    parser.add_argument("--no-python-compare", action="store_true",
                        help="skip the second no-op timed with the Python-side comparison (the side-by-side 'before')")
    parser.add_argument("--cold", action="store_true",
                        help="no warm-up: time the phases on a fresh JVM (as sessions 1 and 2 did)")
    args = parser.parse_args()
    phases = tuple(p for p in PHASES if p in args.phases.split(","))
    result = measure(args.scale, args.heap, args.pagecache, args.batch_size,
                     log=lambda message: print(message, flush=True), phases=phases,
                     python_compare=not args.no_python_compare, warm=not args.cold)
    if args.out and args.out.exists():
        result = {**json.loads(args.out.read_text(encoding="utf-8")), **result}
        if "ceiling" in result and "import" in result:
            result["ratio_import_to_ceiling"] = round(result["import"]["elements_per_s"]
                                                      / result["ceiling"]["elements_per_s"], 3)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
