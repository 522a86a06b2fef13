"""The big-import table of the generated benchmark block (issue 16): verdicts at S, runs of a day merged by scale."""
from __future__ import annotations

from benchmarks.report import import_scale_table, merge


def run(rate: int, noop_s: float, written: dict[str, int] | None = None) -> dict:
    return {"heap": "1g", "ceiling": {"elements_per_s": 40_000, "seconds": 30.0, "peak_heap_mib": 700},
            "import": {"elements": 1_200_000, "elements_per_s": rate, "seconds": 1_200_000 / rate, "peak_heap_mib": 800},
            "noop": {"seconds": noop_s, "written": written or {}},
            "noop_python_compare": {"seconds": 90.0},
            "one_percent": {"seconds": 9.0, "written_keys": {"contacts": {"changed": 1000}}, "properties_set": 8000},
            "ratio_import_to_ceiling": round(rate / 40_000, 3), "import_load_avg": ["1.0", "1.2", "1.4"]}


def test_targets_are_judged_at_s_only() -> None:
    table = import_scale_table({"import_scale": {"S": run(31_000, 29.0), "S/10": run(5_000, 200.0)}})
    s_row = next(line for line in table.splitlines() if line.startswith("| S |"))
    small = next(line for line in table.splitlines() if line.startswith("| S/10 |"))
    assert s_row.count("met") == 2 and "missed" not in s_row
    assert "compared in Python: 90.0 s" in s_row and "0.78" in s_row
    assert "met" not in small and "missed" not in small


def test_a_slow_or_writing_no_op_is_missed() -> None:
    assert "**missed**" in import_scale_table({"import_scale": {"S": run(31_000, 31.0)}})
    assert "**missed**" in import_scale_table({"import_scale": {"S": run(31_000, 5.0, {"properties_set": 3})}})


def test_runs_of_a_day_merge_by_scale() -> None:
    merged = merge({"import_scale": {"S": run(1, 1.0)}}, {"import_scale": {"10S": run(2, 2.0)}})
    assert set(merged["import_scale"]) == {"S", "10S"}
