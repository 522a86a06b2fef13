"""Latency of the time endpoints (issue 17) on the demo with its dated history, service calls (no HTTP).

    python -m benchmarks.time_demo [--repeat 10]

Starts its own Neo4j (the test harness: local runner, 768m heap), loads seed/demo_time's history and
demo.json, then times each call `repeat` times after one warm-up; prints p50 / p95 in ms.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.services.alerts import alerts
from app.services.importer import import_bundle
from app.services.org_chart import org_chart
from app.services.weekly_review import weekly_review
from app.services.win_rate import win_rate
from app.services.win_rate_curve import win_rate_curve
from benchmarks.stats import summarize
from seed import demo
from seed.demo_time import import_history
from tests.neo4j_harness import test_neo4j


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    bundle = json.loads((Path(demo.__file__).parent / "demo.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as work, test_neo4j(Path(work)) as neo:
        settings = neo.settings
        driver = create_driver(settings)
        graph = Graph.from_settings(driver, settings)
        apply_schema(graph)
        started = time.perf_counter()
        import_history(graph, bundle)
        import_bundle(graph, bundle)
        print(f"demo + 6 dated states imported in {time.perf_counter() - started:.1f} s")
        past = date.today() - timedelta(days=60)
        calls = {
            "win-rate as_of (60 days ago)": lambda: win_rate(graph, settings, demo.VETO, past),
            "win-rate live": lambda: win_rate(graph, settings, demo.VETO),
            "curve 13 weeks": lambda: win_rate_curve(graph, settings, demo.VETO),
            "curve 52 weeks": lambda: win_rate_curve(graph, settings, demo.VETO, start=(date.today() - timedelta(weeks=51)).isoformat()),
            "weekly review (all 4 open deals)": lambda: weekly_review(graph, settings),
            "alerts": lambda: alerts(graph, settings),
            "org chart as of (133 contacts)": lambda: org_chart(graph, "acc-jinhai", past),
        }
        for name, call in calls.items():
            call()
            ms = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                call()
                ms.append((time.perf_counter() - t0) * 1000)
            s = summarize(ms)
            print(f"| {name} | {s.p50:.1f} | {s.p95:.1f} |")
        driver.close()


if __name__ == "__main__":
    main()
