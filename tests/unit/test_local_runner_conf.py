"""The neo4j.conf the local runner writes (issue 19: plans keyed on parameter types, not sizes)."""
from __future__ import annotations

from pathlib import Path

from app.core.config import Settings
from app.runner.local import LocalNeo4j


def conf(tmp_path: Path, **extra: str) -> dict[str, str]:
    settings = Settings(neo4j_home=tmp_path, neo4j_extra_conf=extra)
    runner = LocalNeo4j(settings)
    tmp_path.mkdir(parents=True, exist_ok=True)
    runner._write_conf()
    return dict(line.split("=", 1) for line in runner.conf_file.read_text().splitlines() if line)


def test_plans_are_cached_by_parameter_types_only(tmp_path: Path) -> None:
    # with size hints on, an id of 11 characters or a list of 12 ids missed the warm-up's plan (a new plan: seconds)
    assert conf(tmp_path)["internal.cypher.use_parameter_size"] == "false"


def test_extra_conf_still_overrides_it(tmp_path: Path) -> None:
    assert conf(tmp_path, **{"internal.cypher.use_parameter_size": "true"})["internal.cypher.use_parameter_size"] == "true"
