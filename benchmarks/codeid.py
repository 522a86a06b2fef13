"""Which code was measured: git commit, files changed since it, and a hash of app/ and cypher/.

Raw calls run the code this process imported; the API subprocess imports the code on disk
when it starts. On a tree others are editing the two can differ, so the hash is taken at
the start and again at every API start, and a difference is written into the results.
(Run from an exported snapshot, `git archive HEAD | tar -x -C DIR`, to measure one commit.)
"""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

from app.core.config import PROJECT_ROOT


def tree_hash(root: Path = PROJECT_ROOT) -> str:
    """SHA-256 over the paths and bytes of every .py under app/ and every app .cypher under cypher/."""
    digest = hashlib.sha256()
    queries = [p for p in root.glob("cypher/*.cypher") if not p.name.startswith("bench_")]  # ours are not the app
    files = sorted([*root.glob("app/**/*.py"), *queries])
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.rstrip() if out.returncode == 0 else None


def code_identity() -> dict[str, Any]:
    """Commit (or the snapshot's recorded one), uncommitted changes under app/ and cypher/, tree hash."""
    snapshot = PROJECT_ROOT / "SNAPSHOT_COMMIT"
    commit = snapshot.read_text().strip() if snapshot.exists() else _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "app", "cypher") if not snapshot.exists() else ""
    return {"commit": commit, "snapshot": snapshot.exists(), "root": str(PROJECT_ROOT),
            "uncommitted": [line[3:] for line in (dirty or "").splitlines()], "tree_hash": tree_hash()}
