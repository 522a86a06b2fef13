"""Issue 15 part 3: where a warm reach into the biggest account of S spends its time, in process (no HTTP).

    flock /tmp/brm-bench.lock nice -n 10 python -m benchmarks.reach_phases --out benchmarks/results/reach-phases-S.json

On a copy of the kept S database (var/bench/issue15-S, started with --reuse semantics and kept): the account is
read into memory (app.services.reach_memory.build), then the CEO and random contacts are reached with max_hops 3
and 4 through app.services.reach.reach_many, every named query timed on its own (the import gate's check is
part of the transaction, not a named query: it is in `total` only), the in-memory search timed apart; and the
same targets through the query path (memory off) for comparison, with the tie explanation query it runs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from app.db.graph import Graph
from app.services import reach_memory
from app.services.reach import ReachOptions, reach_many
from benchmarks.company_views import pct
from benchmarks.env import bench_neo4j


def spread(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50_ms": pct(values, 0.5), "p95_ms": pct(values, 0.95), "max_ms": round(max(values), 2)}


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.reach_phases")
    p.add_argument("--targets", type=int, default=20)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--query-rounds", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()
    timings: dict[str, list[float]] = defaultdict(list)
    run_in = Graph.run_in

    def timed_run_in(tx: Any, name: str, /, **params: Any) -> list[dict[str, Any]]:
        started = time.perf_counter()
        try:
            return run_in(tx, name, **params)
        finally:
            timings[name].append((time.perf_counter() - started) * 1000)

    search = reach_memory.search

    def timed_search(*a: Any, **k: Any) -> Any:
        started = time.perf_counter()
        try:
            return search(*a, **k)
        finally:
            timings["search (Python)"].append((time.perf_counter() - started) * 1000)

    Graph.run_in = staticmethod(timed_run_in)  # type: ignore[method-assign]
    reach_memory.search = timed_search  # type: ignore[assignment]
    out: dict[str, Any] = {"load_before": list(os.getloadavg())}
    with bench_neo4j("issue15-S", heap="4g", pagecache="2g", keep=True, reuse=True) as db:
        settings = db.settings.model_copy(update={"reach_memory_min_contacts": 0})   # no background builds
        graph = db.graph
        account = graph.read("bench_views_biggest_account")[0]["id"]
        people = graph.read("bench_views_account_people", account=account)[0]
        ceo = min(c["id"] for c in people["contacts"] if c["top"])
        targets = [ceo] + random.Random(15).sample(sorted(c["id"] for c in people["contacts"]), args.targets)
        started = time.perf_counter()
        entry = reach_memory.build(graph, account)
        out.update(account=account, ceo=ceo, contacts=len(entry.ids) if entry else None, ties=len(entry.ties) if entry else None,
                   build_ms=round((time.perf_counter() - started) * 1000, 1))
        for hops in (3, 4):
            for mode in ("memory", "query"):
                if mode == "query":
                    reach_memory.clear()
                elif not reach_memory.entries_for(graph, [ceo]):
                    reach_memory.build(graph, account)
                for target in targets[:3]:   # plans, warm caches
                    reach_many(graph, settings, [target], ReachOptions(max_hops=hops))
                timings.clear()
                totals, ceo_totals = [], []
                for _ in range(args.rounds if mode == "memory" else args.query_rounds):
                    for target in targets:
                        started = time.perf_counter()
                        answer = reach_many(graph, settings, [target], ReachOptions(max_hops=hops))
                        ms = (time.perf_counter() - started) * 1000
                        totals.append(ms)
                        if target == ceo:
                            ceo_totals.append(ms)
                        assert target in answer
                out[f"h{hops}_{mode}"] = {"total": spread(totals), "ceo_total": spread(ceo_totals),
                                          **{name: spread(v) for name, v in sorted(timings.items())},
                                          "load": list(os.getloadavg())}
                print(json.dumps({f"h{hops}_{mode}": out[f"h{hops}_{mode}"]}), flush=True)
        reach_memory.clear()
    out["load_after"] = list(os.getloadavg())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
