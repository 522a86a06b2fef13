"""One scale, start to finish: fresh Neo4j, import, NetworkX copy, equality, latencies raw and over HTTP.

Everything that is compared (Neo4j vs NetworkX, raw vs HTTP) is measured in the same
phase on the same targets, so the shared machine's noise hits both sides alike.
"""
from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from app.db.graph import Graph
from app.models.keys import Role
from app.services.keys import create_key
from benchmarks.api_server import api_server
from benchmarks.codeid import tree_hash
from benchmarks.compare import compare_reach
from benchmarks.data import Scale
from benchmarks.endpoints import ENDPOINTS, Endpoint
from benchmarks.env import BENCH_HOME, BenchDb, bench_neo4j
from benchmarks.importing import run_import
from benchmarks.instrument import RecordingDriver, recorder_for
from benchmarks.latency import Samples, measure_endpoint
from benchmarks.nx_reach import load_from_neo4j
from benchmarks.profiling import profile_named
from benchmarks.stats import percentile, ratio, summarize

Log = Callable[[str], None]


@dataclass(frozen=True)
class PhaseOptions:
    targets: int = 1000
    warmup: int = 50
    compare_targets: int = 200
    batch_size: int = 5000
    profile_import: bool = False
    heap: str = "8g"
    pagecache: str = "3g"
    keep: bool = False
    seed: int = 2026
    code_hash: str = ""  # tree_hash() when the run started (raw calls use that code)


def sample(ids: list[str], n: int, rng: random.Random) -> tuple[list[str], bool]:
    """n ids drawn at random; with replacement only when there are fewer than n (said in the results)."""
    if len(ids) >= n:
        return rng.sample(ids, n), False
    return rng.choices(ids, k=n), True


def run_scale(sc: Scale, opts: PhaseOptions, log: Log = print, out: dict[str, Any] | None = None,
              checkpoint: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """Fill `out` as the phase goes, calling `checkpoint` after each part (a long run saves as it goes)."""
    out = {} if out is None else out
    out.update({"scale": sc.label, "accounts": sc.accounts, "contacts": sc.contacts,
                           "employees": sc.employees, "slices": sc.slices, "started": time.strftime("%H:%M:%S")})
    with bench_neo4j(sc.label.replace("/", "_"), opts.heap, opts.pagecache, keep=opts.keep) as db:
        log(f"[{sc.label}] Neo4j up at {db.settings.neo4j_uri}; importing ({sc.slices} bundle(s))")
        imported = run_import(db, sc, batch_size=opts.batch_size, log=log)
        out["import"] = imported.as_dict()
        checkpoint()
        if imported.error:
            return out
        out["counts"] = db.graph.read_one("bench_counts")
        measure(db, sc, opts, out, log, checkpoint)
    return out


def measure(db: BenchDb, sc: Scale, opts: PhaseOptions, out: dict[str, Any], log: Log,
            checkpoint: Callable[[], None] = lambda: None) -> None:
    rng = random.Random(opts.seed)
    ids = db.graph.read_one("bench_ids") or {"contacts": [], "opportunities": []}
    contacts, opportunities = sorted(ids["contacts"]), sorted(ids["opportunities"])
    pools = {"contact": contacts, "opportunity": opportunities}
    targets, warmups, replaced = {}, {}, {}
    for kind, pool in pools.items():
        targets[kind], replaced[kind] = sample(pool, opts.targets, rng)
        warmups[kind] = rng.choices(pool, k=opts.warmup)
    out["targets"] = {"per_endpoint": opts.targets, "warmup": opts.warmup, "contacts_in_graph": len(contacts),
                      "opportunities_in_graph": len(opportunities), "with_replacement": replaced}

    recorder = recorder_for(db.settings)
    graph = Graph(RecordingDriver(db.driver, recorder), db.graph.database, db.graph.timeout_s)  # type: ignore[arg-type]

    started = time.perf_counter()
    nx_reach = load_from_neo4j(db.graph, db.settings)
    out["networkx"] = {"load_s": round(time.perf_counter() - started, 2),
                       "nodes": nx_reach.g.number_of_nodes(), "edges": nx_reach.g.number_of_edges()}
    log(f"[{sc.label}] NetworkX copy: {out['networkx']['nodes']:,} nodes, {out['networkx']['edges']:,} edges "
        f"in {out['networkx']['load_s']}s")
    for hops in (3, 4):
        log(f"[{sc.label}] equality Neo4j vs NetworkX, max_hops={hops}, {opts.compare_targets} targets")
        out["networkx"][f"equality_h{hops}"] = compare_reach(
            db.graph, db.settings, nx_reach, targets["contact"][:opts.compare_targets], hops).as_dict()

    out["query_floor"] = query_floor(graph, recorder, opts.targets)
    key = create_key(db.graph, f"bench-{secrets.token_hex(3)}", Role.admin).key  # names are unique
    out["latency"] = {}
    out["code_at_api_start"] = tree_hash()
    if out["code_at_api_start"] != opts.code_hash:
        log(f"[{sc.label}] WARNING: app/ or cypher/ changed since this run started: the API serves other code")
    log(f"[{sc.label}] starting the API")
    with api_server(db.settings, BENCH_HOME / "logs" / f"api-{sc.label.replace('/', '_')}.log") as base, \
            httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=120.0) as client:
        for ep in ENDPOINTS:
            log(f"[{sc.label}] {ep.name}: raw and HTTP side by side over {len(targets[ep.kind])} targets")
            extra = None
            if ep.name.startswith("reach_h"):
                hops = int(ep.name[len("reach_h"):])
                extra = lambda t, h=hops: nx_reach.reach(t, max_hops=h, limit=db.settings.reach_limit)  # noqa: E731
            samples = measure_endpoint(ep, graph, db.settings, recorder, client, targets[ep.kind],
                                       warmups[ep.kind], extra)
            entry = {"target_p95_ms": ep.target_ms, **samples.as_dict()}
            out["latency"][ep.name] = entry
            if extra is not None and samples.extra_ms:
                out["networkx"][ep.name] = nx_summary(samples, entry)
            if ep.target_ms is not None and samples.raw_ms and percentile(samples.raw_ms, 95) > ep.target_ms:
                entry["profile"] = profile_slowest(ep, graph, db, recorder, samples, targets[ep.kind])
            checkpoint()
    del nx_reach


def query_floor(graph: Graph, recorder: Any, n: int) -> dict[str, Any]:
    """The fixed cost of one named query through the driver (RETURN 1): what every extra query adds."""
    for _ in range(50):
        graph.read("bench_ping")
    wall = []
    for _ in range(n):
        started = time.perf_counter()
        graph.read("bench_ping")
        wall.append((time.perf_counter() - started) * 1000)
    recorder.take()
    return {"wall": summarize(wall).as_dict()}


def nx_summary(samples: Samples, entry: dict[str, Any]) -> dict[str, Any]:
    """NetworkX latency on the same targets in the same turns, and the Neo4j/NetworkX ratios."""
    nx_wall = summarize(samples.extra_ms).as_dict()
    neo, db = entry["raw"]["wall"], entry["raw"]["db"]
    return {"wall": nx_wall,
            "ratio_neo4j_over_nx_p50": _r(ratio(neo["p50"], nx_wall["p50"])),
            "ratio_neo4j_over_nx_p95": _r(ratio(neo["p95"], nx_wall["p95"])),
            "ratio_neo4j_db_over_nx_p50": _r(ratio(db["p50"], nx_wall["p50"])),
            "ratio_mean": _r(ratio(neo["mean"], nx_wall["mean"]))}


def profile_slowest(ep: Endpoint, graph: Graph, db: BenchDb, recorder: Any, samples: Samples,
                    targets: list[str]) -> dict[str, Any]:
    """Replay the slowest target, find its most expensive named query, and PROFILE that query."""
    wall = samples.raw_ms
    slowest = targets[max(range(len(wall)), key=wall.__getitem__)] if len(wall) == len(targets) else targets[0]
    recorder.take()
    ep.raw(graph, db.settings, slowest)
    entries = recorder.take()
    if not entries:
        return {"target": slowest, "note": "no query recorded"}
    worst = max(entries, key=lambda e: e.db_ms)
    result: dict[str, Any] = {"target": slowest, "queries": [
        {"name": e.name, "db_ms": e.db_ms, "wall_ms": round(e.wall_ms, 2)} for e in entries]}
    if worst.params is not None:
        result["plan"] = profile_named(db.graph, worst.name, worst.params)
        if worst.name == "reach":
            result["reach_targets_in_call"] = len(worst.params.get("contact_ids", []))
    return result


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
