"""Import throughput through the real `import_bundle` (one transaction per bundle), with per-query times.

Per named query we record driver wall time (parameters sent, query run, summary back) and
server time (`result_available_after + result_consumed_after`); what is left of the call
is validation + row dumping before the first query and the commit after the last.
With `profile=True` the first batch of each query runs under PROFILE (same effects, more
overhead), so use it on a separate run from the one whose throughput is reported.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from app.db.graph import Graph
from app.services.importer import import_bundle
from benchmarks.data import Bundle, Scale, bundle_slices, row_count
from benchmarks.env import BenchDb
from benchmarks.instrument import Recorder, RecordingDriver, RecordingResult, RecordingTx, recorder_for
from benchmarks.stats import throughput


@dataclass
class ImportResult:
    scale: str
    batch_size: int
    slices: int
    rows: int = 0
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    generate_s: float = 0.0
    prepare_s: float = 0.0       # validation and row dumping, before the first query
    queries_s: float = 0.0       # driver wall time of the import queries
    queries_db_s: float = 0.0    # server time of the same queries
    history_s: float = 0.0       # history snapshots the importer appends in the same transaction (driver time)
    history_db_s: float = 0.0
    history_snapshots: int = 0
    commit_s: float = 0.0        # what is left: the commit (and the driver's bookkeeping around it)
    per_query: dict[str, dict[str, float]] = field(default_factory=dict)
    profiles: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    error: str | None = None

    @property
    def elements(self) -> int:
        return self.nodes + self.relationships

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items()}
        out["elements"] = self.elements
        out["elements_per_s"] = round(throughput(self.elements, self.seconds), 1)
        out["write_elements_per_s"] = round(throughput(self.elements, self.seconds - self.prepare_s), 1)
        for key in ("seconds", "generate_s", "prepare_s", "queries_s", "queries_db_s", "history_s", "history_db_s",
                    "commit_s"):
            out[key] = round(out[key], 3)
        return out


VALIDATION_QUERIES = {"import_existing_ids", "import_department_accounts"}


class ProfilingTx(RecordingTx):
    """Runs the first call of every named query under PROFILE and keeps its operator table."""

    def __init__(self, tx: Any, recorder: Recorder, plans: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__(tx, recorder)
        self._plans = plans

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        text = str(query)
        name = self._rec.name_of(text)
        if name in self._plans:
            return super().run(query, parameters, **kwargs)
        self._plans[name] = []

        def keep(summary: Any) -> None:
            self._plans[name] = flatten_plan(summary.profile)
        started = time.perf_counter()
        return RecordingResult(self._tx.run("PROFILE " + text, parameters, **kwargs), text, self._rec, started, keep)


def flatten_plan(plan: dict[str, Any] | None, depth: int = 0) -> list[dict[str, Any]]:
    """A profile tree as rows (operator, details, rows, db hits, page cache hits/misses, time if reported)."""
    if not plan:
        return []
    args = plan.get("args", {})
    row = {"depth": depth, "operator": plan.get("operatorType"), "details": str(args.get("Details", ""))[:160],
           "rows": plan.get("rows"), "db_hits": plan.get("dbHits"),
           "page_cache_hits": plan.get("pageCacheHits"), "page_cache_misses": plan.get("pageCacheMisses"),
           "time_ms": round(plan["time"] / 1e6, 2) if isinstance(plan.get("time"), (int, float)) else None}
    rows = [row]
    for child in plan.get("children", []):
        rows.extend(flatten_plan(child, depth + 1))
    return rows


def _timed_graph(db: BenchDb, profile: bool, plans: dict[str, list[dict[str, Any]]]) -> tuple[Graph, Recorder]:
    """A Graph over a recording driver (and, for `profile`, PROFILE on each query's first batch)."""
    recorder = recorder_for(db.settings)
    factory = (lambda tx, rec: ProfilingTx(tx, rec, plans)) if profile else None
    driver = RecordingDriver(db.driver, recorder, factory)
    return Graph(driver, db.graph.database, db.graph.timeout_s), recorder  # type: ignore[arg-type]


def import_one(graph: Graph, recorder: Recorder, bundle: Bundle, batch_size: int, timeout_s: float,
               result: ImportResult) -> None:
    """One bundle through import_bundle, adding its figures to `result`."""
    recorder.take()
    first: list[float] = []

    def on_batch(name: str, index: int, size: int) -> None:
        if not first:
            first.append(time.perf_counter())

    started = time.perf_counter()
    report = import_bundle(graph, bundle, batch_size=batch_size, timeout_s=timeout_s, on_batch=on_batch)
    total = time.perf_counter() - started
    recorded = recorder.take()
    entries = [e for e in recorded if e.name.startswith("import_") and e.name not in VALIDATION_QUERIES]
    history = [e for e in recorded if e.name.startswith("history_")]
    wall = sum(e.wall_ms for e in entries) / 1000
    history_wall = sum(e.wall_ms for e in history) / 1000
    prepare = (first[0] - started) if first else total
    result.seconds += total
    result.prepare_s += prepare
    result.queries_s += wall
    result.queries_db_s += sum(e.db_ms for e in entries) / 1000
    result.history_s += history_wall
    result.history_db_s += sum(e.db_ms for e in history) / 1000
    result.history_snapshots += report.counters.get("history_snapshots", 0)
    result.commit_s += total - prepare - wall - history_wall
    result.nodes += report.nodes_created
    result.relationships += report.relationships_created
    result.rows += row_count(bundle)
    for e in entries:
        q = result.per_query.setdefault(e.name, {"batches": 0, "wall_s": 0.0, "db_s": 0.0})
        q["batches"] += 1
        q["wall_s"] = round(q["wall_s"] + e.wall_ms / 1000, 3)
        q["db_s"] = round(q["db_s"] + e.db_ms / 1000, 3)


def run_import(db: BenchDb, sc: Scale, batch_size: int = 5000, profile: bool = False,
               log: Any = print) -> ImportResult:
    """Import the scale (one bundle, or `sc.slices` account slices) into `db`; failures are reported, not raised."""
    result = ImportResult(scale=sc.label, batch_size=batch_size, slices=sc.slices)
    plans: dict[str, list[dict[str, Any]]] = {}
    graph, recorder = _timed_graph(db, profile, plans)
    gen_started = time.perf_counter()
    try:
        for index, bundle in enumerate(bundle_slices(sc)):
            result.generate_s += time.perf_counter() - gen_started
            import_one(graph, recorder, bundle, batch_size, db.settings.neo4j_import_timeout_s, result)
            log(f"  [{sc.label}] slice {index + 1}/{sc.slices}: {result.elements:,} elements in "
                f"{result.seconds:.1f}s ({throughput(result.elements, result.seconds):,.0f}/s)")
            del bundle
            gen_started = time.perf_counter()
    except Exception as exc:  # reported in the results: what failed and why
        result.error = f"{type(exc).__name__}: {getattr(exc, 'message', None) or exc}"
        log(f"  [{sc.label}] import failed: {result.error}")
    result.profiles = plans
    return result
