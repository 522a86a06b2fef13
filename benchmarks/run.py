"""One command for every benchmark of issue 7:

    python -m benchmarks.run [--scale S/10 --scale S --scale 10S] [--quick]

Per scale: a fresh Neo4j of our own (LocalNeo4j, free port, var/bench/<scale>), the
deterministic bundle imported through import_bundle, a NetworkX copy of the reach graph,
latencies raw and through the real API (uvicorn subprocess), equality Neo4j vs NetworkX.
Writes benchmarks/results/<date>.json (merged with earlier runs of the day) and the
generated block of docs/benchmarks.md (+ docs/benchmarks-growth.png). Default: S/10 and S,
plus import variants at S (batch sizes 1000 and 20000, no fulltext index) and a PROFILEd
import at S/10, and per scale the big-import run of issue 16 (benchmarks.import_scale: the batched
importer beside the batched-UNWIND ceiling, peak heap, no-op and 1% re-import, default 1g heap). --quick: S/10 only, 200 targets, no variants, docs untouched (a smoke run).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from app.core.config import PROJECT_ROOT
from benchmarks.codeid import code_identity
from benchmarks.data import scale
from benchmarks.import_scale import measure as measure_import_scale
from benchmarks.phase import PhaseOptions, run_scale
from benchmarks.report import plot_growth, write_json, write_markdown
from benchmarks.tuning import parse_specs, tune_import

DOC = Path("docs") / "benchmarks.md"
PLOT = Path("docs") / "benchmarks-growth.png"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", action="append", help="S/10, S or 10S (repeatable; default S/10 and S; 'none': tuning only)")
    p.add_argument("--quick", action="store_true", help="smoke run: S/10 only, 200 targets, no tuning; writes "
                   "benchmarks/results/<date>-quick.json and leaves docs/benchmarks.md alone")
    p.add_argument("--targets", type=int, help="random targets per endpoint (default 1000; --quick 200)")
    p.add_argument("--compare-targets", type=int, default=200, help="targets compared Neo4j vs NetworkX")
    p.add_argument("--batch-size", type=int, default=5000)
    p.add_argument("--tune", default=None, help="import variants: batch sizes and/or 'nofulltext' "
                   "(default 1000,20000,nofulltext); 'none' to skip")
    p.add_argument("--tune-scale", default="S", help="scale of the batch-size runs (default S)")
    p.add_argument("--tune-series", default="", help="label for this series of import variants (kept apart in "
                   "the results when a day has several)")
    p.add_argument("--profile-scale", default="S/10", help="scale of the PROFILEd import run (default S/10)")
    p.add_argument("--import-scale", default=None, help="scales of the big-import runs (issue 16: ceiling, batched "
                   "import, no-op, 1%% change in the default 1g heap; benchmarks.import_scale); default: the "
                   "--scale list, 'none' with --quick; comma-separated, or 'none'")
    p.add_argument("--import-heap", default="1g", help="heap of the big-import runs (default 1g, NEO4J_HEAP's default)")
    p.add_argument("--heap", default="8g")
    p.add_argument("--pagecache", default="3g")
    p.add_argument("--keep", action="store_true", help="keep each scale's Neo4j home under var/bench")
    p.add_argument("--out", type=Path, default=None, help="results JSON (default benchmarks/results/<date>.json)")
    p.add_argument("--no-docs", action="store_true", help="do not touch docs/benchmarks.md")
    p.add_argument("--render", type=Path, default=None, metavar="JSON",
                   help="only re-render docs/benchmarks.md (+ plot) from a results JSON, measure nothing")
    p.add_argument("--write-to", type=Path, default=PROJECT_ROOT,
                   help="checkout whose benchmarks/results and docs receive the output (default: this one; "
                        "set it when running from an exported snapshot)")
    return p.parse_args(argv)


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


def _interrupt(signum: int, frame: Any) -> None:
    """SIGTERM unwinds like Ctrl-C, so every `finally` stops its Neo4j and API server."""
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    args = parse(argv)
    args.no_docs = args.no_docs or args.quick  # a smoke run must not replace the published figures
    if args.render is not None:
        _save(json.loads(args.render.read_text(encoding="utf-8")), args.render, args.write_to)
        log(f"rendered {args.write_to / DOC} from {args.render}")
        return 0
    labels = args.scale or (["S/10"] if args.quick else ["S/10", "S"])
    scales = [scale(label) for label in labels if label != "none"]
    targets = args.targets or (200 if args.quick else 1000)
    code = code_identity()
    opts = PhaseOptions(targets=targets, warmup=min(50, targets), compare_targets=min(args.compare_targets, targets),
                        batch_size=args.batch_size, heap=args.heap, pagecache=args.pagecache, keep=args.keep,
                        code_hash=code["tree_hash"])
    today = date.today().isoformat()
    results_dir = args.write_to / "benchmarks" / "results"
    json_path = args.out or results_dir / (f"{today}-quick.json" if args.quick else f"{today}.json")
    results: dict[str, Any] = {
        "date": today, "command": "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "json_path": str(json_path.relative_to(args.write_to)) if json_path.is_relative_to(args.write_to) else str(json_path),
        "code": code,
        "machine": {"cpus": os.cpu_count(), "memory_gb": _memory_gb(), "load_before": _load(), "heap": args.heap,
                    "pagecache": args.pagecache, "python": sys.version.split()[0]},
        "scales": {},
    }
    started = time.perf_counter()
    tune = args.tune if args.tune is not None else ("none" if args.quick else "1000,20000,nofulltext")
    if tune != "none":  # first: the import experiments are the part of a long run worth having soonest
        results["tuning"] = {args.tune_scale: tune_import(scale(args.tune_scale), parse_specs(tune), args.heap,
                                                          args.pagecache, scale(args.profile_scale), log=log,
                                                          series=args.tune_series)}
        _save(results, json_path, None if args.no_docs else args.write_to)
    big = args.import_scale or ("none" if args.quick else ",".join(sc.label for sc in scales))
    for label in [part for part in big.split(",") if part and part != "none"]:
        log(f"== big import (issue 16) at {label}, heap {args.import_heap}")
        results.setdefault("import_scale", {})[scale(label).label] = measure_import_scale(
            label, heap=args.import_heap, pagecache="1g", batch_size=args.batch_size, log=log)
        _save(results, json_path, None if args.no_docs else args.write_to)
    for sc in scales:
        log(f"== scale {sc.label}: {sc.accounts:,} accounts, {sc.contacts:,} contacts, {sc.employees:,} employees")
        results["scales"][sc.label] = entry = {"load_at_start": _load(), "code": code}
        run_scale(sc, opts, log, entry,  # a long run keeps what it has measured so far
                  checkpoint=lambda: _save(results, json_path, None if args.no_docs else args.write_to))
        entry["load_at_end"] = _load()
        _save(results, json_path, None if args.no_docs else args.write_to)
    results["machine"]["load_after"] = _load()
    results["total_s"] = round(time.perf_counter() - started, 1)
    merged = _save(results, json_path, None if args.no_docs else args.write_to)
    log(f"done in {results['total_s']:.0f}s: {json_path}" + ("" if args.no_docs else f", {args.write_to / DOC}"))
    return 0 if all(not s.get("import", {}).get("error") for s in merged["scales"].values()) else 1


def _save(results: dict[str, Any], json_path: Path, docs_root: Path | None) -> dict[str, Any]:
    """Merge into the day's JSON; regenerate docs/benchmarks.md (+ plot) under `docs_root` unless None."""
    merged = write_json(results, json_path)
    if docs_root is not None:
        merged["plot"] = plot_growth(merged, docs_root / PLOT)
        write_markdown(merged, docs_root / DOC)
    return merged


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _memory_gb() -> int | None:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    except (ValueError, OSError):
        return None


if __name__ == "__main__":
    sys.exit(main())
