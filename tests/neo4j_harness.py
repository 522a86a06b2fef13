"""Find a Neo4j for the test session: NEO4J_URI if set, else a Docker container, else the local runner.

Only a database this harness started itself (or one explicitly marked with
BRM_TEST_ALLOW_WIPE=1) is ever wiped between tests.
"""
from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.core.config import Settings

TEST_PASSWORD = "brm-test-password"
DOCKER_IMAGE = "neo4j:5.26-community"


@dataclass
class TestNeo4j:
    settings: Settings
    source: str          # "env", "docker" or "local-runner"
    wipe_allowed: bool


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def docker_available() -> bool:
    try:
        import docker  # installed with testcontainers

        docker.from_env(timeout=3).ping()
        return True
    except Exception:  # no engine, no socket, no permission: all mean "not here"
        return False


@contextmanager
def test_neo4j(work_dir: Path) -> Iterator[TestNeo4j]:
    if os.environ.get("NEO4J_URI"):
        yield TestNeo4j(Settings(), "env", os.environ.get("BRM_TEST_ALLOW_WIPE") == "1")
        return
    if docker_available():
        from testcontainers.community.neo4j import Neo4jContainer

        with Neo4jContainer(DOCKER_IMAGE, password=TEST_PASSWORD) as container:
            yield TestNeo4j(Settings(neo4j_uri=container.get_connection_url(), neo4j_password=TEST_PASSWORD),
                            "docker", True)
        return
    from app.runner.local import LocalNeo4j

    settings = Settings(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        neo4j_password=TEST_PASSWORD,
        neo4j_home=work_dir / "neo4j",
        neo4j_heap=os.environ.get("BRM_TEST_NEO4J_HEAP", "768m"),
        neo4j_pagecache=os.environ.get("BRM_TEST_NEO4J_PAGECACHE", "256m"),
    )
    runner = LocalNeo4j(settings)
    runner.start()
    try:
        yield TestNeo4j(settings, "local-runner", True)
    finally:
        runner.stop()
