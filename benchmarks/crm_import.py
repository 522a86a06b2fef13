"""Time a Salesforce-shaped export (benchmarks.salesforce_export) through `brm import --from salesforce`'s path.

Not a test (minutes, gigabytes): run by hand, under the shared lock, and read the figures.

    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.crm_import --accounts 1000 \
        --contacts-per-account 100 --employees 2000 --heap 4g

Starts its own local Neo4j (benchmarks.env.bench_neo4j: fresh home under var/bench, free port), writes the export as a zip, then times:
reading the zip (archive limits), mapping it (engine), and the import (validation + one write
transaction); imports the same export again (the no-op re-import) and prints what the import report
says (`source`: skipped, not in this export, what a CRM cannot give).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from app.core.config import Settings
from app.db.graph import Graph
from app.ingest.archive import ArchiveLimits, read_zip
from app.ingest.crm_import import import_crm_files
from app.ingest.engine import convert
from app.ingest.mapping import load_mapping
from app.services.import_audit import ImportAudit
from app.services.import_errors import ErrorCollector
from benchmarks.env import bench_neo4j, stop_cleanly_on_sigterm
from benchmarks.salesforce_export import write_salesforce_export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--contacts-per-account", type=int, default=100)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--skip-reimport", action="store_true")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()  # `timeout` stops us: still stop our Neo4j
    from seed.generate import generate_bundle

    work = Path(tempfile.mkdtemp(prefix="brm-crm-bench-"))
    t0 = time.perf_counter()
    bundle = generate_bundle(args.accounts, args.contacts_per_account, args.employees)
    written = write_salesforce_export(bundle, work / "export")
    del bundle
    archive = work / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted((work / "export").glob("*.csv")):
            out.write(path, path.name)
    print(f"export written in {time.perf_counter() - t0:.1f}s: {written}; zip {archive.stat().st_size / 1e6:.1f} MB",
          flush=True)

    try:
        with bench_neo4j("crm-import", heap=args.heap, pagecache=args.pagecache) as db:
            _measure(db.graph, db.settings, archive, args.skip_reimport)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(graph: Graph, settings: Settings, archive: Path, skip_reimport: bool) -> None:
    """Read the zip, map it, import it, import it again; print each step's time. The imports run with the
    options `brm import --from salesforce` passes (its audit entry, the derived ties of the imported tasks)."""
    options = {"timeout_s": 7200, "batch_size": settings.import_batch_rows, "audit": ImportAudit(None, "cli"),
               "tie_settings": settings}
    t = time.perf_counter()
    files = read_zip(archive.read_bytes(), limits=ArchiveLimits())
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    collector = ErrorCollector()
    converted = convert(load_mapping("salesforce"), files, collector)
    map_s = time.perf_counter() - t
    print(f"read zip {read_s:.1f}s, map {map_s:.1f}s ({'ok' if not collector else collector.summary()}): "
          + ", ".join(f"{k}={len(v)}" for k, v in converted.bundle.items()), flush=True)
    del converted
    t = time.perf_counter()
    report = import_crm_files(graph, "salesforce", files, **options)
    first_s = time.perf_counter() - t
    print(f"first import (read+map+validate+compare+write in batches): {first_s:.1f}s; "
          f"nodes {report['nodes_created']}, relationships {report['relationships_created']}; "
          f"ties {report.get('ties')}", flush=True)
    if not skip_reimport:
        t = time.perf_counter()
        again = import_crm_files(graph, "salesforce", files, **options)
        print(f"re-import of the same export: {time.perf_counter() - t:.1f}s; nodes created "
              f"{again['nodes_created']}, relationships created {again['relationships_created']}, "
              f"not in export {again['source']['not_in_export']}", flush=True)
    source = report["source"]
    print(json.dumps({k: source[k] for k in ("rows", "skipped", "links_dropped", "merged", "not_in_export",
                                             "cannot_give", "next_steps")}, indent=1, ensure_ascii=False))
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
