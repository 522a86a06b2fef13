"""The brm reach / chain / win-rate / gaps / account-map commands against the test Neo4j (mini bundle)."""
from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle


@pytest.fixture
def cli(graph: Graph, settings: Settings, mini_bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    import_bundle(graph, mini_bundle)
    monkeypatch.setattr("app.cli.common.get_settings", lambda: settings)
    monkeypatch.setattr("app.cli.intel_cmds.get_settings", lambda: settings)
    return CliRunner()


def run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_commands_print_tables(cli: CliRunner) -> None:
    out = run(cli, "reach", "c-ceo")
    assert "Dan Wu (e-dan)" in out and "0.8100" in out and "He Jun" in out
    out = run(cli, "reach", "c-ceo", "--max-hops", "1", "--team", "East")
    assert "Carol Ho" in out and "Dan Wu" not in out
    out = run(cli, "reach", "c-ceo", "--employees", "e-amy,e-eve")
    assert "Amy Tan" in out and "Eve Lam" in out and "Dan Wu" not in out
    assert "54.2857" in run(cli, "chain", "o-wms", "--as-of", "2026-11-22")
    assert "0.3208" in run(cli, "win-rate", "o-wms")
    out = run(cli, "gaps", "o-wms", "--as-of", "2026-11-22")
    assert "Veto holder not supportive" in out and "Key person not seen lately" in out
    chinese = cli.invoke(app, ["gaps", "o-wms", "--as-of", "2026-11-22"], env={"COLUMNS": "250", "BRM_LANG": "zh"})
    assert chinese.exit_code == 0 and "一票否决者不支持" in chinese.output and "策略" in chinese.output
    out = run(cli, "account-map", "acc-nw")
    assert "medium 中" in out and "3/3" in out


def test_unknown_ids_exit_1(cli: CliRunner) -> None:
    result = cli.invoke(app, ["reach", "nobody"])
    assert result.exit_code == 1 and "no contact" in result.output
    assert cli.invoke(app, ["reach", "c-ceo", "--max-hops", "9"]).exit_code == 2
