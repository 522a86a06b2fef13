"""Latency of reach, decision chain and gaps (p50 / p95) on a generated graph in a Neo4j started for it.

Not a test: run by hand and read the figures.

    .venv/bin/python benchmarks/intel_latency.py --accounts 200 --contacts-per-account 100 --employees 400

Starts its own local Neo4j on a free port in a temporary home (app.runner.local), imports a
seed.generate bundle (or --bundle FILE, e.g. seed/demo.json), warms up, then times the service
functions (the same ones the API calls) on seeded random targets: reach with default options on
random contacts and on contacts of the largest account, decision chain and gaps on random open
opportunities. Stops that Neo4j and deletes its home unless --keep.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.runner.local import LocalNeo4j
from app.services.chain_degrees import chain_degrees_raw
from app.services.decision_chain import chain_rows, decision_chain
from app.services.gaps import gaps
from app.services.importer import import_bundle
from app.services.reach import reach, warm_paths

AS_OF = date(2026, 11, 22)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(label: str, calls: list[Callable[[], Any]]) -> dict[str, Any]:
    times = []
    for call in calls:
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    row = {"what": label, "n": len(times), "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
           "max_ms": round(times[-1], 1)}
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--contacts-per-account", type=int, default=100)
    parser.add_argument("--employees", type=int, default=400)
    parser.add_argument("--bundle", type=Path, help="a bundle file instead of a generated one")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", action="store_true", help="also time the parts of the decision chain")
    args = parser.parse_args()

    if args.bundle:
        bundle = json.loads(args.bundle.read_text(encoding="utf-8"))
    else:
        from seed.generate import generate_bundle
        bundle = generate_bundle(accounts=args.accounts, contacts_per_account=args.contacts_per_account,
                                 employees=args.employees)
    print(", ".join(f"{k}={len(v)}" for k, v in bundle.items()), flush=True)

    home = Path(tempfile.mkdtemp(prefix="brm-intel-bench-"))
    settings = Settings(neo4j_home=home, neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
                        neo4j_password="brm-bench-password", neo4j_heap=args.heap, neo4j_pagecache=args.pagecache,
                        neo4j_query_timeout_s=3600, neo4j_import_timeout_s=7200)
    runner = LocalNeo4j(settings)
    runner.start()
    driver = create_driver(settings)
    try:
        graph = Graph.from_settings(driver, settings)
        apply_schema(graph)
        t0 = time.perf_counter()
        import_bundle(graph, bundle, timeout_s=settings.neo4j_import_timeout_s)
        print(f"imported in {time.perf_counter() - t0:.1f}s", flush=True)

        rng = random.Random(5)
        contacts = [c["id"] for c in bundle["contacts"]]
        by_account: dict[str, list[str]] = {}
        for c in bundle["contacts"]:
            by_account.setdefault(c["account"], []).append(c["id"])
        largest = max(by_account.values(), key=len)
        opps = [o["id"] for o in bundle["opportunities"] if o.get("stage") not in ("won", "lost")]
        n = args.samples
        warm = [lambda c=c: reach(graph, settings, c) for c in rng.sample(contacts, min(50, len(contacts)))]
        warm += [lambda o=o: gaps(graph, settings, o, as_of=AS_OF) for o in rng.sample(opps, min(10, len(opps)))]
        timed("warm-up", warm)
        members: dict[str, list[str]] = {}
        for r in bundle["roles"]:
            members.setdefault(r["opportunity"], []).append(r["contact"])
        if args.profile:
            sample = rng.choices(opps, k=n // 2)
            timed("  chain rows query", [lambda o=o: chain_rows(graph, settings, o, AS_OF) for o in sample])
            timed("  chain degrees query", [lambda o=o: chain_degrees_raw(graph, settings, o) for o in sample])
            timed("  warm paths of all members", [lambda o=o: warm_paths(graph, settings, members.get(o, []))
                                                  for o in sample])
        results = [
            timed("reach (default, random contacts)",
                  [lambda c=c: reach(graph, settings, c) for c in rng.choices(contacts, k=n)]),
            timed(f"reach (default, largest account: {len(largest)} contacts)",
                  [lambda c=c: reach(graph, settings, c) for c in rng.choices(largest, k=n)]),
            timed("reach (max_hops 5, random contacts)",
                  [lambda c=c: reach(graph, settings, c, max_hops=5) for c in rng.choices(contacts, k=n // 4)]),
            timed("decision chain (random open opportunities)",
                  [lambda o=o: decision_chain(graph, settings, o, as_of=AS_OF) for o in rng.choices(opps, k=n // 2)]),
            timed("gaps (random open opportunities)",
                  [lambda o=o: gaps(graph, settings, o, as_of=AS_OF) for o in rng.choices(opps, k=n // 2)]),
        ]
        print(json.dumps({"contacts": len(contacts), "results": results}, indent=1))
    finally:
        driver.close()
        runner.stop()
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
