"""A separate process that imports a bundle slowly (a pause per batch), for the kill -9 tests.

    python -m tests.import_worker BUNDLE.json BATCH_ROWS PAUSE_S     (NEO4J_URI etc. from the environment)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from app.core.config import Settings
from app.db.graph import Graph, create_driver
from app.services.importer import import_bundle


def main() -> None:
    path, batch_rows, pause_s = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    settings = Settings()
    driver = create_driver(settings)
    graph = Graph.from_settings(driver, settings)
    report = import_bundle(graph, json.loads(path.read_text(encoding="utf-8")), batch_size=batch_rows,
                           on_batch=lambda name, index, rows: time.sleep(pause_s))
    print(json.dumps(report.as_dict()), flush=True)
    driver.close()


if __name__ == "__main__":
    main()
