"""`brm … --json` prints parseable JSON, in the API's shapes, for every command (issue 19).

Not covered: `brm serve` (a server, no answer), `brm neo4j start|stop` (would stop the test Neo4j).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.cli.common import hoist_json_flag
from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle

pytestmark = pytest.mark.integration
MODULES = ("common", "intel_cmds", "manager_cmds", "bundle_cmds", "backup_cmds", "neo4j_cmds", "keys_cmds", "demo_cmds")


@pytest.fixture
def cli(graph: Graph, settings: Settings, mini_bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    import_bundle(graph, mini_bundle)
    for module in MODULES:
        monkeypatch.setattr(f"app.cli.{module}.get_settings", lambda: settings, raising=False)
    monkeypatch.setattr("app.cli.common._json_output", {"on": False})
    return CliRunner()


def run_json(cli: CliRunner, *args: str, code: int = 0) -> Any:
    result = cli.invoke(app, hoist_json_flag([*args, "--json"]), env={"COLUMNS": "80"})
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def test_hoisting_moves_the_flag_before_the_command() -> None:
    assert hoist_json_flag(["gaps", "o-1", "--json"]) == ["--json", "gaps", "o-1"]
    assert hoist_json_flag(["keys", "list"]) == ["keys", "list"]


def test_every_command_prints_json(cli: CliRunner, tmp_path: Path, mini_bundle: dict[str, Any]) -> None:
    assert run_json(cli, "reach", "c-cfo")["target"]["id"] == "c-cfo"
    assert run_json(cli, "chain", "o-wms")["opportunity"]["id"] == "o-wms"
    assert run_json(cli, "win-rate", "o-wms")["win_rate"] == 0.3208
    gaps = run_json(cli, "gaps", "o-wms")
    assert {"gaps", "people", "lang"} <= set(gaps)
    assert run_json(cli, "account-map", "acc-nw")["account"]["id"] == "acc-nw"
    assert isinstance(run_json(cli, "key-accounts")["accounts"], list)
    levels = run_json(cli, "rep-levels")["items"]  # a page, like the API (issue 15)
    assert levels and {"employee", "level", "reasons"} <= set(levels[0])
    assert run_json(cli, "rep-levels", "e-dan")[0]["employee"] == "e-dan"
    assert isinstance(run_json(cli, "departure-risk")["items"], list)
    assert run_json(cli, "departure-risk", "e-dan")["employee"] == "e-dan"
    coverage = run_json(cli, "coverage")  # a page, like GET /coverage (issue 15)
    assert [row["account"] for row in coverage["items"]] == ["acc-nw"] and coverage["total"] == 1
    assert run_json(cli, "trend", "acc-nw")["id"] == "acc-nw"
    bundle_file = tmp_path / "bundle.json"
    bundle_file.write_text(json.dumps(mini_bundle), encoding="utf-8")
    assert "nodes_created" in json.dumps(run_json(cli, "import", str(bundle_file), "--dry-run"))
    assert set(run_json(cli, "export")) >= {"accounts", "contacts"}
    assert run_json(cli, "contacts", "list", "--limit", "2")["total"] == len(mini_bundle["contacts"])
    assert run_json(cli, "contacts", "show", "c-cfo")["id"] == "c-cfo"
    created = run_json(cli, "keys", "create", "--role", "viewer", "--name", "json-test")
    assert created["key"] and created["role"] == "viewer"
    assert any(k["name"] == "json-test" for k in run_json(cli, "keys", "list"))
    assert run_json(cli, "keys", "revoke", "json-test")["revoked"]
    assert run_json(cli, "demo", "--path", str(tmp_path / "missing.json"))["loaded"] is False
    assert run_json(cli, "schema", "apply")["statements"] > 0
    backup_file = tmp_path / "backup.json"
    assert run_json(cli, "backup", str(backup_file))["path"] == str(backup_file)
    assert "nodes_created" in run_json(cli, "restore", str(backup_file), "--replace")


def test_errors_come_as_the_api_error_body(cli: CliRunner) -> None:
    body = run_json(cli, "gaps", "nope", code=1)
    assert body["error"] == "NotFound" and "nope" in body["message"]
