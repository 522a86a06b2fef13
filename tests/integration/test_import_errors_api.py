"""Import errors of ANY bundle: summary beside errors in the 422, did-you-mean hints, a bounded answer."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.db.graph import Graph
from tests.integration.test_import import label_counts


def test_unknown_columns_and_values_get_a_hint(client: TestClient, graph: Graph, mini_bundle: dict[str, Any]) -> None:
    bundle = json.loads(json.dumps(mini_bundle))
    bundle["accounts"][0]["Name"] = bundle["accounts"][0].pop("name")
    bundle["roles"][0]["role"] = "Decision Maker"
    bundle["contact"] = []
    response = client.post("/import", json=bundle)
    assert response.status_code == 422
    body = response.json()
    hints = {(p["key"], p["field"]): p["hint"] for p in body["summary"]["problems"]}
    assert hints[("accounts", "Name")] == "did you mean 'name'?"
    assert hints[("roles", "role")] == "did you mean 'decision_maker'?"
    assert hints[("contact", None)] == "did you mean 'contacts'?"
    assert body["summary"]["total"] == sum(p["count"] for p in body["summary"]["problems"])
    assert label_counts(graph) == {}


def test_a_bundle_of_many_empty_rows_gets_a_short_answer(client: TestClient, graph: Graph) -> None:
    rows = 300_000
    response = client.post("/import", content=json.dumps({"contacts": [{}] * rows}),
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert len(response.content) < 20_000
    body = response.json()
    assert body["summary"]["total"] == 3 * rows  # id, name and account missing on every row: all counted
    assert len(body["errors"]) == 3 * body["summary"]["first_rows_per_kind"]
    assert {(p["field"], p["kind"]) for p in body["summary"]["problems"][:3]} == {
        ("id", "Field required"), ("name", "Field required"), ("account", "Field required")}
    assert label_counts(graph) == {}


def test_cli_prints_the_summary_table(cli: CliRunner, graph: Graph, tmp_path: Path,  # noqa: F811
                                      mini_bundle: dict[str, Any]) -> None:
    bundle = json.loads(json.dumps(mini_bundle))
    for account in bundle["accounts"]:
        account["Name"] = account.pop("name")
    path = tmp_path / "b.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    result = cli.invoke(cli_app, ["import", str(path)])
    assert result.exit_code == 1
    assert "did you mean 'name'?" in result.output and f"{2 * len(bundle['accounts'])} problem(s)" in result.output
