"""A Neo4j of our own for one benchmark phase: fresh home, free port, big heap; always stopped afterwards.

Never the shared Neo4j on 7687: each phase gets a clean database, so import timings
start from empty and one scale's data never skews another's latencies.
"""
from __future__ import annotations

import shutil
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver

from app.core.config import PROJECT_ROOT, Settings
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.runner.local import LocalNeo4j

BENCH_HOME = PROJECT_ROOT / "var" / "bench"
PASSWORD = "bench-password"


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_cleanly_on_sigterm() -> None:
    """SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so every Neo4j and server a benchmark started is stopped
    by its `finally` (Python's default for SIGTERM is to die at once, leaving a Neo4j with gigabytes of heap behind).
    Installed by `bench_neo4j` for every benchmark; a no-op outside the main thread (signals go there)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@dataclass
class BenchDb:
    settings: Settings
    driver: Driver
    graph: Graph
    home: Path


def bench_settings(home: Path, heap: str, pagecache: str) -> Settings:
    """Settings for a benchmark Neo4j: long query timeout (imports), everything else the domain defaults."""
    return Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password=PASSWORD, neo4j_home=home,
                    neo4j_heap=heap, neo4j_pagecache=pagecache, neo4j_query_timeout_s=600.0,
                    neo4j_import_timeout_s=7200.0)


@contextmanager
def bench_neo4j(name: str, heap: str = "8g", pagecache: str = "3g", keep: bool = False,
                reuse: bool = False) -> Iterator[BenchDb]:
    """Start a fresh Neo4j under var/bench/<name> with the schema applied; stop it (and delete it) on exit.
    `reuse`: start on the data a previous `keep=True` run left there (a long benchmark split in phases)."""
    stop_cleanly_on_sigterm()
    home = BENCH_HOME / name
    if not reuse:
        shutil.rmtree(home, ignore_errors=True)
    settings = bench_settings(home, heap, pagecache)
    runner = LocalNeo4j(settings)
    driver = None
    try:  # start inside the try: an interrupt while Neo4j boots must still stop it
        runner.start()
        driver = create_driver(settings)
        graph = Graph.from_settings(driver, settings)
        apply_schema(graph)
        yield BenchDb(settings, driver, graph, home)
    finally:
        if driver is not None:
            driver.close()
        runner.stop()
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
