"""Where a batched import spends its time (issue 16): seconds per step, per named query, and a cProfile.

    .venv/bin/python -m benchmarks.import_profile --scale S/10      # development size: no lock needed

One fresh Neo4j (1 GB heap): the ceiling once (warms the JVM and the write queries' plans), the database
emptied, then `import_bundle` of new data with timers around its steps (validation, compare, each write
query, history capture, the journal, the heartbeat) and every named query it runs through `Graph.run_in`,
then a no-op re-import. Prints the table, longest first, and the top of a cProfile of the import.
The figures of docs/benchmarks.md (issue-16 section, session 3) came from this script.
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import time
from collections import Counter, defaultdict
from typing import Any

from app.db.graph import Graph
from app.services import import_batches, import_journal
from app.services import importer
from benchmarks.data import scale
from benchmarks.env import bench_neo4j
from benchmarks.import_scale import ceiling, empty
from seed.generate import generate_bundle

SECONDS: defaultdict[str, float] = defaultdict(float)
CALLS: Counter[str] = Counter()


def _timed(module: Any, name: str, key_arg: int | None = None) -> None:
    """Replace module.name by a wrapper adding its wall time to SECONDS (by argument `key_arg` when given)."""
    inner = getattr(module, name)

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            label = f"{module.__name__.split('.')[-1]}.{name}"
            if key_arg is not None and len(args) > key_arg:
                label += f"[{args[key_arg]}]"
            SECONDS[label] += time.perf_counter() - started
            CALLS[label] += 1

    setattr(module, name, wrapper)


def _instrument() -> None:
    _timed(import_batches, "classify", key_arg=1)
    _timed(import_batches, "run_step", key_arg=1)
    _timed(import_batches, "_capture", key_arg=2)
    _timed(import_batches, "capture_history")
    _timed(import_journal, "record")
    _timed(import_journal, "heartbeat")
    _timed(import_batches, "compare")
    _timed(import_batches, "write")
    _timed(importer, "validate_bundle")
    run_in = Graph.run_in

    def named(tx: Any, name: str, **params: Any) -> Any:
        started = time.perf_counter()
        try:
            return run_in(tx, name, **params)
        finally:
            SECONDS[f"query {name}"] += time.perf_counter() - started
            CALLS[f"query {name}"] += 1

    Graph.run_in = staticmethod(named)  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="S/10")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()
    sc = scale(args.scale)
    bundle = generate_bundle(accounts=sc.accounts, contacts_per_account=sc.contacts_per_account,
                             employees=sc.employees, seed=7)
    _instrument()
    with bench_neo4j("import-profile", heap=args.heap, pagecache="1g") as db:
        graph = db.graph
        started = time.perf_counter()
        ceiling(graph, bundle, args.batch_size)
        print(f"ceiling (warm-up) {time.perf_counter() - started:.1f} s, load {open('/proc/loadavg').read()[:14]}")
        empty(graph)
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        report = importer.import_bundle(graph, bundle, batch_size=args.batch_size, timeout_s=7200)
        profile.disable()
        seconds = time.perf_counter() - started
        elements = report.nodes_created + report.relationships_created
        print(f"import {seconds:.1f} s, {elements} elements, {elements / seconds:.0f} elements/s, "
              f"load {open('/proc/loadavg').read()[:14]}")
        for label in sorted(SECONDS, key=lambda k: -SECONDS[k]):
            print(f"  {label:55s} {SECONDS[label]:8.2f} s  calls {CALLS[label]}")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        started = time.perf_counter()
        again = importer.import_bundle(graph, bundle, batch_size=args.batch_size, timeout_s=7200)
        print(f"no-op re-import {time.perf_counter() - started:.1f} s (run {again.run})")


if __name__ == "__main__":
    main()
