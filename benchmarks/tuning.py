"""Import tuning: the same scale at several batch sizes, each into a fresh Neo4j, plus one PROFILEd run.

Answers "is the batch size the lever?" and shows where the import spends its time
(per query: server vs driver; prepare; commit).
"""
from __future__ import annotations

from typing import Any, Callable

from benchmarks.data import Scale
from benchmarks.env import bench_neo4j
from benchmarks.importing import run_import


DEFAULT_BATCH = 5000
NO_FULLTEXT = "without the fulltext index"


def parse_specs(text: str) -> list[int | str]:
    """'1000,20000,nofulltext' -> [1000, 20000, NO_FULLTEXT]."""
    return [NO_FULLTEXT if part.strip() == "nofulltext" else int(part) for part in text.split(",") if part.strip()]


def tune_import(sc: Scale, batch_sizes: list[int | str], heap: str, pagecache: str, profile_scale: Scale | None = None,
                log: Callable[[str], None] = print, series: str = "") -> dict[str, Any]:
    """Batch sizes at `sc`; the PROFILE run (plans only, its timings are distorted) at `profile_scale`."""
    runs = []
    for spec in batch_sizes:
        size, variant = (DEFAULT_BATCH, spec) if isinstance(spec, str) else (spec, "schema as is")
        variant += f" [{series}]" if series else ""
        with bench_neo4j(f"tune_{sc.label.replace('/', '_')}_{size}", heap, pagecache) as db:
            if spec == NO_FULLTEXT:
                db.graph.write("bench_drop_fulltext")
            log(f"[tuning {sc.label}] batch_size={size}, {variant}")
            result = run_import(db, sc, batch_size=size, log=log).as_dict()
            result.pop("profiles", None)
            result["variant"] = variant
            runs.append(result)
    out: dict[str, Any] = {"scale": sc.label, "runs": runs}
    if profile_scale is not None:
        with bench_neo4j(f"tune_{profile_scale.label.replace('/', '_')}_profile", heap, pagecache) as db:
            log(f"[tuning {profile_scale.label}] PROFILE run (first batch of every import query)")
            profiled = run_import(db, profile_scale, profile=True, log=log).as_dict()
            out["profile"] = {"scale": profile_scale.label, "seconds": profiled["seconds"],
                              "per_query": profiled["per_query"],
                              "plans": {name: _heaviest(plan) for name, plan in profiled["profiles"].items()}}
    return out


def _heaviest(plan: list[dict[str, Any]], top: int = 6) -> dict[str, Any]:
    return {"total_db_hits": sum(r["db_hits"] or 0 for r in plan),
            "eager_operators": sum(1 for r in plan if str(r["operator"]).startswith("Eager")),
            "operators": len(plan),
            "heaviest": sorted(plan, key=lambda r: -(r["db_hits"] or 0))[:top]}
