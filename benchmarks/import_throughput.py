"""Import throughput: a generated 100k-contact bundle through `import_bundle` into a Neo4j started for it.

Not a test (minutes, gigabytes): run by hand and read the figure.

    .venv/bin/python benchmarks/import_throughput.py --accounts 1000 --contacts-per-account 100 --employees 2000

It starts its own local Neo4j in a temporary home on a free port (the runner of
app.runner.local), applies the schema, generates the bundle with seed.generate,
imports it in ONE transaction and reports elements (nodes + relationships) per
second for the write, and separately the time spent validating. Then it stops
that Neo4j and deletes its home unless --keep.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

from app.core.config import Settings
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.runner.local import LocalNeo4j
from app.services.importer import import_bundle, validate_bundle


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TimedGraph(Graph):
    """Notes when the transaction's work is done, so the commit's share of the time can be told apart."""

    work_done: float = 0.0

    def write_transaction(self, work, timeout_s=None):  # noqa: ANN001, ANN201 - thin timing wrapper
        def timed(tx):  # noqa: ANN001, ANN202
            result = work(tx)
            self.work_done = time.perf_counter()
            return result

        return super().write_transaction(timed, timeout_s)


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process (Linux /proc): elements per Neo4j CPU-second hardly depends on
    how many other processes share the machine, unlike elements per wall-clock second."""
    if pid is None:
        return float("nan")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--contacts-per-account", type=int, default=100)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--keep", action="store_true", help="leave the Neo4j home on disk")
    args = parser.parse_args()

    from seed.generate import generate_bundle

    started = time.perf_counter()
    bundle = generate_bundle(accounts=args.accounts, contacts_per_account=args.contacts_per_account,
                             employees=args.employees)
    print(f"generated in {time.perf_counter() - started:.1f}s: "
          + ", ".join(f"{k}={len(v)}" for k, v in bundle.items()), flush=True)

    home = Path(tempfile.mkdtemp(prefix="brm-bench-"))
    settings = Settings(neo4j_home=home, neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
                        neo4j_password="brm-bench-password", neo4j_heap=args.heap, neo4j_pagecache=args.pagecache,
                        neo4j_query_timeout_s=3600)
    runner = LocalNeo4j(settings)
    runner.start()
    driver = create_driver(settings)
    try:
        graph = TimedGraph.from_settings(driver, settings)
        apply_schema(graph)
        t0 = time.perf_counter()
        validate_bundle(graph, bundle)
        validate_s = time.perf_counter() - t0

        steps: list[tuple[str, float]] = []
        last = [time.perf_counter(), ""]

        def on_batch(name: str, index: int, size: int) -> None:
            now = time.perf_counter()
            if last[1] and last[1] != name:
                steps.append((last[1], now - last[0]))
                last[0] = now
            if not last[1] or last[1] != name:
                last[0], last[1] = now, name

        t0 = time.perf_counter()
        cpu0 = cpu_seconds(runner.pid())
        report = import_bundle(graph, bundle, on_batch=on_batch, batch_size=args.batch_size, timeout_s=7200)
        end = time.perf_counter()
        neo4j_cpu_s = cpu_seconds(runner.pid()) - cpu0
        total_s = end - t0
        steps.append((last[1], graph.work_done - last[0]))
        steps.append(("commit", end - graph.work_done))
        elements = report.nodes_created + report.relationships_created
        write_s = total_s - validate_s
        print(f"validation {validate_s:.1f}s; import_bundle total {total_s:.1f}s")
        print(f"nodes {report.nodes_created}, relationships {report.relationships_created}, elements {elements}")
        print(f"throughput (import_bundle end to end): {elements / total_s:,.0f} elements/s")
        print(f"throughput (write transaction only, approx): {elements / max(write_s, 1e-9):,.0f} elements/s")
        print(f"Neo4j CPU time during import_bundle: {neo4j_cpu_s:.1f}s → {elements / neo4j_cpu_s:,.0f} elements "
              "per Neo4j CPU-second")
        for name, seconds in steps:
            print(f"  {name:32s} {seconds:7.1f}s")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} (the figure drops when others share the CPU)")
    finally:
        driver.close()
        runner.stop()
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
