"""Issue 15 parts 3 and 4 on one generated 5,000-contact account (not S): the big phase of benchmarks/company_views
(`big_account`: reach to the CEO and random contacts at max_hops 3 and 4, decision chain and gaps of its deals, the
page's side call, the folded map, one department opened), old code beside new, through HTTP, one Neo4j, one run.
For when the S slot is out of reach; the database is kept under var/bench/<name> (`--reuse` after the first run).

    python -m benchmarks.big_account_dev --base /path/to/old/checkout
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import httpx

from app.core.config import PROJECT_ROOT
from app.models.keys import Role
from app.services.importer import import_bundle
from app.services.keys import create_key
from benchmarks.company_views import big_account, log, server
from benchmarks.env import BENCH_HOME, bench_neo4j
from seed.generate import generate_bundle


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.big_account_dev", description=__doc__.split("\n\n")[0])
    p.add_argument("--base", type=Path, required=True, help="checkout of the old code")
    p.add_argument("--name", default="dev5k")
    p.add_argument("--heap", default="1g")
    p.add_argument("--targets", type=int, default=20)
    p.add_argument("--warm-wait", type=float, default=20.0)
    p.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks" / "results" / "big-account-5000-dev.json")
    args = p.parse_args(argv)
    reuse = (BENCH_HOME / args.name / "data").exists()
    results: dict = {"contacts": 5000, "heap": args.heap, "load_before": list(os.getloadavg())}
    for name in ("RATE_LIMIT_PER_ADDRESS", "RATE_LIMIT_PER_KEY"):
        os.environ.setdefault(name, "100000/second")
    os.environ.setdefault("WARM_UP", "false")
    with bench_neo4j(args.name, heap=args.heap, pagecache="512m", keep=True, reuse=reuse) as db:
        if not reuse:
            import_bundle(db.graph, generate_bundle(1, 5000, 150, seed=5), timeout_s=1800)
        account = db.graph.read("bench_views_biggest_account")[0]["id"]
        key = create_key(db.graph, f"bench-{int(time.time())}", Role.admin).key
        logs = BENCH_HOME / "big-account-dev-logs"
        for label, root in (("old", args.base), ("new", PROJECT_ROOT)):
            with server(db.settings, root, logs / f"{label}.log") as base, \
                    httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=600.0) as client:
                log(f"== {label} code")
                out = big_account(client, db.graph, db.settings, account, random.Random(11), args.targets, html=True,
                                  max_deals=50, warm_wait_s=args.warm_wait if label == "new" else 0.0)
                out.pop("_targets", None)
                results[label] = out
                results[f"load_after_{label}"] = list(os.getloadavg())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
