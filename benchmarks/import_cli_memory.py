"""Peak memory of `brm import FILE` (issue 16): the CLI as its own process, against the bundle file's size.

    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.import_cli_memory --scale S

The benchmark of benchmarks.import_scale keeps its generated bundle for later phases, so its RSS says nothing
about the CLI. Here the bundle is written to a file and dropped, a fresh Neo4j is started (default heap), and
`brm import --dry-run FILE` (parse and validate), then `brm import FILE` (the whole import of new data) run as
child processes under `/usr/bin/time -v`; their peak RSS is set beside the file's size and beside the RSS of
a process that only parses the file (`json.loads` of its bytes: the floor for a parser that holds the rows).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.data import scale
from benchmarks.env import BENCH_HOME, PASSWORD, bench_neo4j, stop_cleanly_on_sigterm
from seed.generate import generate_bundle

PARSE_ONLY = "import json, sys; from pathlib import Path; rows = json.loads(Path(sys.argv[1]).read_bytes())"


def peak_rss(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run `command` under /usr/bin/time -v: its peak RSS (MiB), seconds and exit code."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], env=env, capture_output=True, text=True)
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return {"peak_rss_mib": round(int(found.group(1)) / 1024) if found else None,
            "seconds": round(time.perf_counter() - started, 1), "exit": done.returncode,
            "tail": done.stderr.strip().splitlines()[-25:-20] if done.returncode else []}


def main() -> None:
    stop_cleanly_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="S")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sc = scale(args.scale)
    path = BENCH_HOME / f"cli-memory-{sc.label.replace('/', '_')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    bundle = generate_bundle(accounts=sc.accounts, contacts_per_account=sc.contacts_per_account,
                             employees=sc.employees, seed=7)
    rows = sum(len(v) for v in bundle.values())
    path.write_text(json.dumps(bundle), encoding="utf-8")
    del bundle
    result: dict[str, Any] = {"scale": sc.label, "rows": rows, "file_mib": round(path.stat().st_size / 2**20, 1),
                              "load_avg_start": open("/proc/loadavg").read().split()[:3]}
    result["parse_only"] = peak_rss([sys.executable, "-c", PARSE_ONLY, str(path)], dict(os.environ))
    try:
        with bench_neo4j(f"cli-memory-{sc.label.replace('/', '_')}", heap=args.heap, pagecache="1g") as db:
            env = {**os.environ, "NEO4J_URI": db.settings.neo4j_uri, "NEO4J_PASSWORD": PASSWORD}
            brm = str(Path(sys.executable).with_name("brm"))
            result["dry_run"] = peak_rss([brm, "import", "--dry-run", str(path)], env)
            result["import"] = peak_rss([brm, "import", str(path)], env)
            result["load_avg_end"] = open("/proc/loadavg").read().split()[:3]
    finally:
        path.unlink(missing_ok=True)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
