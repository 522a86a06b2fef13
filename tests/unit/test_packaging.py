"""docker-compose.yml cannot run here (no Docker engine): check it parses and names the runner's Neo4j version."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.neo4j_harness import DOCKER_IMAGE

ROOT = Path(__file__).resolve().parents[2]


def _runner_version() -> str:
    pom = (ROOT / "neo4j-runner" / "pom.xml").read_text()
    return re.search(r"<neo4j.version>([^<]+)</neo4j.version>", pom).group(1)


def test_compose_parses_and_pins_the_runner_version() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == f"neo4j:{_runner_version()}-community"
    assert "healthcheck" in neo4j
    assert compose["services"]["app"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert any(":/data" in volume for volume in neo4j["volumes"])
    assert "NEO4J_AUTH" in neo4j["environment"]


def test_testcontainers_image_is_the_same_lts_line() -> None:
    assert _runner_version().startswith("5.26.")
    assert DOCKER_IMAGE == "neo4j:5.26-community"
