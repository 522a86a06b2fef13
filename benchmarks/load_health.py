"""Issue 18 load run (D1): 100 parallel heavy views while /health is probed; loopback only, bounded.

Fresh benchmark Neo4j, the S/10 data set (10,000 contacts), the real app under uvicorn with its
DEFAULT limits, then for at most `--seconds`: `--clients` concurrent clients send `--requests` heavy
requests in all (`GET /viz/accounts/{id}?employees=true`, each client with its own key), while one
probe calls /health every 50 ms. Prints and saves the status counts and the /health latencies.

    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.load_health
"""
from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import queue
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from benchmarks.api_server import api_server
from benchmarks.data import bundle_slices, scale
from benchmarks.env import BENCH_HOME, bench_neo4j
from benchmarks.stats import percentile

RESULTS = Path(__file__).parent / "results"


async def heavy_client(base: str, key: str, accounts: list[str], quota: asyncio.Queue[int],
                       statuses: Counter[int], latencies: list[float], stop_at: float) -> None:
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=120.0) as client:
        while time.monotonic() < stop_at:
            try:
                index = quota.get_nowait()
            except asyncio.QueueEmpty:
                return
            started = time.monotonic()
            try:
                response = await client.get(f"/viz/accounts/{accounts[index % len(accounts)]}",
                                            params={"employees": "true"})
                statuses[response.status_code] += 1
            except httpx.HTTPError:
                statuses[-1] += 1
            latencies.append(time.monotonic() - started)


def drain_after(samples: Any, wait_s: float) -> list[float]:
    """What the probe measured so far, after waiting `wait_s`."""
    time.sleep(wait_s)
    found: list[float] = []
    while True:
        try:
            found.append(samples.get_nowait())
        except queue.Empty:
            return found


def health_probe(base: str, samples: Any, stop: Any) -> None:
    """Probe /health every 50 ms from a process of its own: in the clients' process the probe's latency
    would include the 100 clients' own event-loop work, not only the server's."""
    with httpx.Client(base_url=base, timeout=60.0) as client:
        while not stop.is_set():
            started = time.monotonic()
            response = client.get("/health")
            samples.put((time.monotonic() - started) if response.status_code == 200 else float("inf"))
            time.sleep(0.05)


async def load(base: str, keys: list[str], accounts: list[str], requests: int, seconds: float) -> dict[str, Any]:
    quota: asyncio.Queue[int] = asyncio.Queue()
    for index in range(requests):
        quota.put_nowait(index)
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    context = multiprocessing.get_context("spawn")
    samples, stop = context.Queue(), context.Event()
    probe = context.Process(target=health_probe, args=(base, samples, stop), daemon=True)
    probe.start()
    quiet = [samples.get(timeout=60)] + drain_after(samples, 0.5)  # the probe answers before the load
    stop_at = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(*(heavy_client(base, key, accounts, quota, statuses, latencies, stop_at) for key in keys))
    elapsed = time.monotonic() - started
    during = drain_after(samples, 0.0)
    stop.set()
    probe.join(timeout=30)
    ms = sorted(x * 1000 for x in during)
    return {"heavy_requests": sum(statuses.values()), "statuses": dict(sorted(statuses.items())),
            "elapsed_s": round(elapsed, 1),
            "heavy_p50_ms": round(percentile(sorted(x * 1000 for x in latencies), 50), 1) if latencies else None,
            "health_probes": len(ms), "health_p50_ms": round(percentile(ms, 50), 1),
            "health_p95_ms": round(percentile(ms, 95), 1), "health_max_ms": round(ms[-1], 1),
            "health_over_100ms": sum(1 for x in ms if x > 100),
            "health_before_load_p50_ms": round(percentile(sorted(x * 1000 for x in quiet), 50), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--keys", type=int, default=10, help="the clients share this many API keys")
    parser.add_argument("--reuse", action="store_true", help="keep the database and start on the one a previous --reuse run kept")
    args = parser.parse_args()
    home = BENCH_HOME / "load-health"
    with bench_neo4j("load-health", heap="2g", pagecache="1g", keep=args.reuse,
                     reuse=args.reuse and (home / "data").exists()) as db:
        if not db.graph.read("bench_account_ids", limit=1):
            for bundle in bundle_slices(scale("S/10")):
                import_bundle(db.graph, bundle)
        accounts = [row["id"] for row in db.graph.read("bench_account_ids", limit=50)]
        run = time.strftime("%H%M%S")  # key names are unique (issue 18): a reused database has older ones
        keys = [create_key(db.graph, f"load-{run}-{i}", Role.viewer).key for i in range(args.keys)]
        with api_server(db.settings, BENCH_HOME / "load-health" / "api.log") as base:
            result = asyncio.run(load(base, [keys[i % len(keys)] for i in range(args.clients)], accounts,
                                      args.requests, args.seconds))
    result.update({"clients": args.clients, "keys": args.keys, "requested": args.requests,
                   "time_cap_s": args.seconds, "data": "S/10 (10,000 contacts)",
                   "at": time.strftime("%Y-%m-%d %H:%M")})
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load_health.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
