"""Latency of each endpoint, raw and end to end, measured side by side target by target.

For every target the service function (raw: Python + named queries through the driver,
server time from the result summaries) and the HTTP route (keep-alive) are called back
to back, in alternating order, so the shared machine's load hits both alike and
e2e − raw is a fair API overhead. For reach the NetworkX answer is timed in the same turn.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.core.config import Settings
from app.db.graph import Graph
from benchmarks.endpoints import Endpoint
from benchmarks.instrument import Recorder
from benchmarks.stats import percentile, summarize


@dataclass
class Samples:
    """Aligned per-target samples; a failed call on either side drops that target from the pairs."""

    raw_ms: list[float] = field(default_factory=list)
    db_ms: list[float] = field(default_factory=list)
    http_ms: list[float] = field(default_factory=list)
    extra_ms: list[float] = field(default_factory=list)  # NetworkX, for reach
    queries: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"raw": {"errors": dict(self.errors)},
                               "http": {"statuses": {str(k): v for k, v in sorted(self.statuses.items())}}}
        if self.raw_ms:
            raw, db = summarize(self.raw_ms).as_dict(), summarize(self.db_ms).as_dict()
            out["raw"].update(wall=raw, db=db, driver_overhead_p50_ms=round(raw["p50"] - db["p50"], 3),
                              queries_per_call={k: round(v / len(self.raw_ms), 2)
                                                for k, v in sorted(self.queries.items())})
        if self.http_ms:
            out["http"]["wall"] = summarize(self.http_ms).as_dict()
            paired = [h - r for h, r in zip(self.http_ms, self.raw_ms)]
            out["overhead_ms"] = {
                "p50": round(percentile(self.http_ms, 50) - percentile(self.raw_ms, 50), 3),
                "p95": round(percentile(self.http_ms, 95) - percentile(self.raw_ms, 95), 3),
                "paired_median": round(percentile(paired, 50), 3),
                "paired_p95": round(percentile(paired, 95), 3),
            }
        return out


def raw_once(endpoint: Endpoint, graph: Graph, settings: Settings, recorder: Recorder,
             target: str) -> tuple[float, float, list[str], str | None]:
    """(wall ms, server ms summed over the call's queries, query names, error class or None)."""
    recorder.take()
    started = time.perf_counter()
    try:
        endpoint.raw(graph, settings, target)
        error = None
    except Exception as exc:  # counted, not fatal: a benchmark reports what failed
        error = type(exc).__name__
    wall = (time.perf_counter() - started) * 1000
    entries = recorder.take()
    return wall, sum(e.db_ms for e in entries), [e.name for e in entries], error


def http_once(endpoint: Endpoint, client: httpx.Client, target: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(endpoint.path(target), params=endpoint.params)
    response.read()
    return (time.perf_counter() - started) * 1000, response.status_code


def measure_endpoint(endpoint: Endpoint, graph: Graph, settings: Settings, recorder: Recorder,
                     client: httpx.Client, targets: list[str], warmup: list[str],
                     extra: Callable[[str], Any] | None = None) -> Samples:
    """Warm up both sides, then per target: raw and HTTP back to back (alternating order), then `extra`."""
    for target in warmup:
        raw_once(endpoint, graph, settings, recorder, target)
        http_once(endpoint, client, target)
        if extra is not None:
            extra(target)
    samples = Samples()
    for index, target in enumerate(targets):
        if index % 2 == 0:
            wall, db, names, error = raw_once(endpoint, graph, settings, recorder, target)
            http, status = http_once(endpoint, client, target)
        else:
            http, status = http_once(endpoint, client, target)
            wall, db, names, error = raw_once(endpoint, graph, settings, recorder, target)
        samples.statuses[status] += 1
        if error:
            samples.errors[error] += 1
        if error or status >= 300:
            continue
        samples.raw_ms.append(wall)
        samples.db_ms.append(db)
        samples.http_ms.append(http)
        samples.queries.update(names)
        if extra is not None:
            started = time.perf_counter()
            extra(target)
            samples.extra_ms.append((time.perf_counter() - started) * 1000)
    return samples
