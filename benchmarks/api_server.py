"""The real app, served by uvicorn in a subprocess on a free port against the benchmark Neo4j.

A subprocess (not a thread) so the server's Python does not share the GIL with the
client that times it; access log off, as a production deployment would run it.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from app.core.config import PROJECT_ROOT, Settings
from benchmarks.env import free_port


def server_env(settings: Settings) -> dict[str, str]:
    """Environment for the app: our Neo4j, never the shared one (env wins over a .env file)."""
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "NEO4J_HOME": str(settings.neo4j_home),
        "NEO4J_QUERY_TIMEOUT_S": str(settings.neo4j_query_timeout_s),
    }


@contextmanager
def api_server(settings: Settings, log_path: Path, start_timeout_s: float = 60.0,
               log_config: Path | None = None) -> Iterator[str]:
    """Start uvicorn with the app factory; yield its base URL; terminate it on exit. `log_config`: a
    logging dictConfig file for uvicorn (e.g. benchmarks/log_refresh.json: the views' refresh timings)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--log-level", "warning"]
    if log_config is not None:
        command += ["--log-config", str(log_config)]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=server_env(settings), stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API exited with {process.returncode} while starting; see {log_path}")
            try:
                if httpx.get(f"{base}/health", timeout=2.0).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API did not answer /health within {start_timeout_s:.0f}s; see {log_path}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
