"""First-request latency after a fresh Neo4j start, with and without the warm-up (issue 19).

    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.first_request --scale demo
    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.first_request --scale S --rounds 1
    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.first_request --scale S --rounds 1 --reuse issue15-S

The data is imported once into a Neo4j of our own; then, per round and per mode (warm-up off / on,
side by side), Neo4j is restarted (fresh JVM, empty plan and page caches), the API started, /ready
awaited, and the page's first calls timed: the first deal view (GET /viz/opportunities/{id}, then the
decision chain, win rate and gaps the sidebar asks for), the first reach and the first account map,
then the same calls once more. The deal and contact timed are NOT the ones the warm-up runs on.
Results: benchmarks/results/first-request-<scale>.json (figures go to docs/benchmarks.md by hand).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import httpx

from app.core.config import PROJECT_ROOT
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.models.keys import Role
from app.runner.local import LocalNeo4j
from app.services.importer import import_bundle
from app.services.keys import create_key
from benchmarks.api_server import api_server
from benchmarks.data import bundle_slices, scale
from benchmarks.env import BENCH_HOME, bench_settings, stop_cleanly_on_sigterm

RESULTS = PROJECT_ROOT / "benchmarks" / "results"


def load(graph: Graph, label: str) -> None:
    if label == "demo":
        from seed.demo import build_demo

        import_bundle(graph, build_demo())
        return
    for bundle in bundle_slices(scale(label)):
        import_bundle(graph, bundle, timeout_s=7200.0)


def pick(graph: Graph) -> dict[str, str]:
    """The LAST open deal by id (the warm-up runs on the first), its account and a member of it."""
    with graph.driver.session(database=graph.database) as session:
        row = session.run(
            "MATCH (o:Opportunity)-[:FOR]->(a:Account) WHERE NOT coalesce(o.stage, '') IN ['won', 'lost'] "
            "WITH o, a ORDER BY o.id DESC LIMIT 1 "
            "MATCH (c:Contact)-[:ROLE_IN]->(o) WITH o, a, c ORDER BY c.id DESC LIMIT 1 "
            "RETURN o.id AS deal, a.id AS account, c.id AS contact").single()
    return dict(row)


def timed(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return round(elapsed, 3)


def page_calls(client: httpx.Client, ids: dict[str, str]) -> dict[str, float]:
    deal, contact, account = ids["deal"], ids["contact"], ids["account"]
    out = {"deal_view": timed(client, f"/viz/opportunities/{deal}?lang=en")}  # the page always sends lang
    for part in ("decision-chain", "win-rate", "gaps"):
        out[part] = timed(client, f"/opportunities/{deal}/{part}")
    out["deal_total"] = round(sum(out.values()), 3)
    out["reach"] = timed(client, f"/contacts/{contact}/reach")
    out["reach_view"] = timed(client, f"/viz/contacts/{contact}/reach?lang=en")  # what the page's reach panel asks
    out["account_map"] = timed(client, f"/viz/accounts/{account}?lang=en")
    return out


def one_round(settings: Any, ids: dict[str, str], key: str, warm: bool, log: Path) -> dict[str, Any]:
    runner = LocalNeo4j(settings)
    runner.start()
    try:
        os.environ["WARM_UP"] = "true" if warm else "false"
        os.environ["WARM_UP_WAIT_S"] = "600"
        started = time.perf_counter()
        with api_server(settings, log, start_timeout_s=300) as base, \
                httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=600) as client:
            serving_s = round(time.perf_counter() - started, 2)  # the app's start-up (schema, recovery) done
            while client.get("/ready").status_code != 200:
                time.sleep(0.5)
            ready_s = round(time.perf_counter() - started, 2)
            first = page_calls(client, ids)
            second = page_calls(client, ids)
        return {"warm_up": warm, "serving_s": serving_s, "ready_s": ready_s, "first": first, "second": second}
    finally:
        runner.stop()


def profile_start(settings: Any) -> dict[str, Any]:
    """What the app does between a fresh Neo4j start and /ready, step by step, in this process:
    schema, import recovery, then the warm-up with its slowest plans and page steps."""
    from app.services.import_journal import recover
    from app.services.warm_up import warm_up

    runner = LocalNeo4j(settings)
    runner.start()
    try:
        driver = create_driver(settings)
        graph = Graph.from_settings(driver, settings)
        out: dict[str, Any] = {}
        for name, step in (("ping", graph.ping), ("apply_schema", lambda: apply_schema(graph)),
                           ("recover_import", lambda: recover(graph, stale_s=settings.import_stale_s))):
            started = time.perf_counter()
            step()
            out[name] = round(time.perf_counter() - started, 2)
        report = warm_up(graph, settings)
        out["warm_up"] = {**report.as_dict(), "slowest": report.slowest(25), "ran": report.ran}
        driver.close()
        return out
    finally:
        runner.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="demo", help="demo, S/10, S")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--heap", default="3g")
    parser.add_argument("--modes", default="off,on", help="warm-up modes per round, e.g. 'on' to keep a big run short")
    parser.add_argument("--profile", action="store_true",
                        help="first time the start-up steps and the warm-up's slowest plans in-process (once)")
    parser.add_argument("--out", default=None, help="results file (default benchmarks/results/first-request-<scale>.json)")
    parser.add_argument("--reuse", default=None, metavar="NAME",
                        help="measure the database another benchmark kept under var/bench/NAME (no import, kept)")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()  # `timeout` must not leave this benchmark's Neo4j running
    home = BENCH_HOME / (args.reuse or f"first-request-{args.scale.replace('/', '_')}")
    if not args.reuse:
        shutil.rmtree(home, ignore_errors=True)
    settings = bench_settings(home, args.heap, "2g").model_copy(update={"neo4j_start_timeout_s": 900.0})
    runner = LocalNeo4j(settings)
    runner.start()
    try:
        driver = create_driver(settings)
        graph = Graph.from_settings(driver, settings)
        load_s = None
        if not args.reuse:
            apply_schema(graph)
            load_started = time.perf_counter()
            load(graph, args.scale)
            load_s = round(time.perf_counter() - load_started, 1)
        ids = pick(graph)
        key = create_key(graph, f"first-request-bench-{time.time_ns()}", Role.viewer).key  # a reused database keeps old keys
        driver.close()
    finally:
        runner.stop()
    rounds: list[dict[str, Any]] = []
    profile = None
    try:
        if args.profile:
            profile = profile_start(settings)
            print(json.dumps({"profile": profile}), flush=True)
        for index in range(args.rounds):
            for warm in (mode.strip() == "on" for mode in args.modes.split(",")):
                result = one_round(settings, ids, key, warm, RESULTS / "first-request-server.log")
                print(json.dumps(result), flush=True)
                rounds.append(result)
    finally:
        if not args.reuse:
            shutil.rmtree(home, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = Path(args.out) if args.out else RESULTS / f"first-request-{args.scale.replace('/', '_')}.json"
    out.write_text(json.dumps({"scale": args.scale, "reused": args.reuse, "load_s": load_s,
                                "load_avg": list(os.getloadavg()), "ids": ids, "profile": profile,
                                "rounds": rounds}, indent=1))
    print(out)


if __name__ == "__main__":
    main()
