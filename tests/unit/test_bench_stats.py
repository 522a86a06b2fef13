"""Benchmark helpers (no Neo4j): percentiles and summaries, the results-to-markdown writer, and the
NetworkX reference reach that the benchmark compares Neo4j against (checked on mini.expected.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.config import Settings
from benchmarks.data import Scale, bundle_slices, scale
from benchmarks.nx_reach import load_from_bundle
from benchmarks.report import BEGIN, END, merge, splice, to_markdown
from benchmarks.stats import meets, percentile, ratio, summarize, throughput

DATA = Path(__file__).resolve().parents[1] / "data"


def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 40.0
    assert percentile(values, 50) == 25.0
    assert percentile(values, 95) == pytest.approx(38.5)
    assert percentile([7.0], 99) == 7.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0  # order of the input does not matter


def test_percentile_rejects_empty_and_out_of_range() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_of_one_to_hundred() -> None:
    s = summarize([float(v) for v in range(1, 101)])
    assert (s.n, s.mean, s.p50, s.max) == (100, 50.5, 50.5, 100.0)
    assert s.p95 == pytest.approx(95.05)
    assert s.p99 == pytest.approx(99.01)
    assert s.as_dict()["p95"] == 95.05


def test_ratio_throughput_and_targets() -> None:
    assert ratio(10.0, 4.0) == 2.5
    assert ratio(None, 4.0) is None and ratio(1.0, 0.0) is None
    assert throughput(1_000, 0.5) == 2_000.0 and throughput(5, 0.0) == 0.0
    assert meets(40.0, 50.0) is True and meets(60.0, 50.0) is False
    assert meets(25_000.0, 20_000.0, higher_is_better=True) is True
    assert meets(None, 1.0) is None


def _results() -> dict:
    latency = {"raw": {"wall": {"n": 1000, "mean": 20.0, "p50": 18.0, "p95": 60.0, "p99": 90.0, "max": 120.0},
                       "db": {"n": 1000, "mean": 15.0, "p50": 14.0, "p95": 55.0, "p99": 80.0, "max": 110.0},
                       "errors": {}},
               "http": {"wall": {"n": 1000, "mean": 22.0, "p50": 20.5, "p95": 63.0, "p99": 95.0, "max": 130.0},
                        "statuses": {"200": 1000}},
               "overhead_ms": {"p50": 2.5, "p95": 3.0, "paired_median": 2.4, "paired_p95": 4.0},
               "target_p95_ms": 50.0}
    return {
        "date": "2026-11-23", "machine": {"cpus": 2, "memory_gb": 24},
        "scales": {"S": {"contacts": 100_000, "import": {"slices": 1, "batch_size": 5000, "elements": 1_200_000,
                                                          "seconds": 60.0, "elements_per_s": 20_000.0},
                         "targets": {"per_endpoint": 1000, "warmup": 50, "with_replacement": {"opportunity": False}},
                         "latency": {"reach_h3": latency},
                         "networkx": {"reach_h3": {"wall": {"p50": 6.0, "p95": 20.0}, "ratio_neo4j_over_nx_p50": 3.0,
                                                   "ratio_neo4j_db_over_nx_p50": 2.33},
                                      "equality_h3": {"targets_compared": 200, "paths_compared": 1900,
                                                      "mismatched_targets": 0}}}},
    }


def test_markdown_reports_each_figure_against_its_target() -> None:
    md = to_markdown(_results())
    assert "| import throughput S (elements/s) | 20,000 | ≥ 20,000 | met |" in md
    assert "| reach_h3 p95 raw at S (ms) | 60.0 | ≤ 50 | **missed** |" in md
    assert "| API overhead reach_h3 at S (ms, p50 e2e − p50 raw) | 2.50 | ≤ 5 | met |" in md
    assert "| S | 3 | 18.00 | 6.00 |" in md  # Neo4j vs NetworkX row
    assert "200 targets / 1900 paths | 0 |" in md


def test_splice_keeps_hand_written_text_and_replaces_the_block() -> None:
    doc = splice("# Benchmarks\n\nintro\n", "first")
    assert doc.startswith("# Benchmarks\n\nintro\n") and f"{BEGIN}\nfirst\n{END}" in doc
    again = splice(doc + "\nanalysis after\n", "second")
    assert "first" not in again and "second" in again
    assert again.startswith("# Benchmarks\n\nintro\n") and again.rstrip().endswith("analysis after")


def test_merge_keeps_scales_of_earlier_runs() -> None:
    merged = merge({"scales": {"S/10": {"a": 1}, "S": {"a": 2}}, "tuning": {"S": 1}},
                   {"scales": {"S": {"a": 3}}, "date": "d"})
    assert merged["scales"] == {"S/10": {"a": 1}, "S": {"a": 3}}
    assert merged["tuning"] == {"S": 1} and merged["date"] == "d"


def test_slices_hold_the_same_rows_as_one_bundle() -> None:
    from seed.generate import generate_bundle

    small = Scale("tiny", 9, 6, 5, 3)
    whole = generate_bundle(9, 6, 5)
    parts = list(bundle_slices(small))
    assert len(parts) == 3 and parts[0]["employees"] and not parts[1]["employees"] and parts[2]["competitors"]
    for key, rows in whole.items():
        assert [r for p in parts for r in p[key]] == rows, key
    assert scale("10xS").slices == 10


def test_networkx_reach_reproduces_mini_expected() -> None:
    bundle = json.loads((DATA / "mini.json").read_text(encoding="utf-8"))
    expected = json.loads((DATA / "mini.expected.json").read_text(encoding="utf-8"))["reach"]
    reach = load_from_bundle(bundle, Settings())
    for contact_id, paths in expected.items():
        got = [{"employee": p.employee, "score": round(p.score, 10), "steps": p.steps, "path": list(p.path)}
               for p in reach.reach(contact_id)]
        assert got == [{**p, "score": round(p["score"], 10)} for p in paths], contact_id
