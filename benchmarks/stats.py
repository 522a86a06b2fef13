"""Percentiles and latency summaries: plain Python so the figures are reproducible and unit-testable."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of an empty sequence")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be in 0..100, got {q}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Latency summary in milliseconds."""

    n: int
    mean: float
    p50: float
    p95: float
    p99: float
    max: float

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def summarize(ms: Sequence[float]) -> Summary:
    """p50/p95/p99 (and mean, max) of latencies in milliseconds."""
    if not ms:
        raise ValueError("no samples")
    return Summary(n=len(ms), mean=sum(ms) / len(ms), p50=percentile(ms, 50), p95=percentile(ms, 95),
                   p99=percentile(ms, 99), max=max(ms))


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing or b is zero (a ratio that cannot be computed is not 0 or inf)."""
    if a is None or b is None or b == 0:
        return None
    return a / b


def throughput(elements: int, seconds: float) -> float:
    """Elements per second; 0 when no time was measured."""
    return elements / seconds if seconds > 0 else 0.0


def meets(value: float | None, target: float, higher_is_better: bool = False) -> bool | None:
    """Whether a figure meets its target (None when the figure is missing)."""
    if value is None:
        return None
    return value >= target if higher_is_better else value <= target
