"""Backup and restore through the bundle format: export to a file, import it back atomically.

A backup is a plain bundle (the same one `GET /export` gives), so it can be read, diffed and
restored anywhere; a restore is one import transaction into an empty database, or with
`replace` one transaction that removes the current graph and writes the backup.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from app.core.errors import Conflict
from app.db.graph import Graph
from app.services.export import export_bundle
from app.services.importer import ImportReport, import_bundle


def backup(graph: Graph, path: Path, timeout_s: float) -> dict[str, int]:
    """Write the whole graph to `path` (atomically: a crash never leaves half a backup); rows per key."""
    bundle = export_bundle(graph, timeout_s=timeout_s)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                     delete=False) as handle:
        json.dump(bundle, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(handle.name, path)
    return {key: len(rows) for key, rows in bundle.items() if isinstance(rows, list)}


def restore(graph: Graph, path: Path, timeout_s: float, replace: bool = False) -> ImportReport:
    """Import a backup; refuses a database that already holds data unless `replace`."""
    bundle: Any = json.loads(path.read_text(encoding="utf-8"))
    if not replace:
        held = (graph.read_one("domain_node_count") or {"n": 0})["n"]
        if held:
            raise Conflict(f"restore needs an empty database, this one holds {held} nodes: "
                           "use --replace to swap the whole graph in one transaction")
    return import_bundle(graph, bundle, timeout_s=timeout_s, replace_all=replace)
