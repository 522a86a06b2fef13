"""POST /import (JSON, zip of CSV, multipart), GET /export and `brm import` / `brm export` end to end."""
from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.db.graph import Graph
from app.services.csv_bundle import bundle_to_csv
from tests.integration.test_import import LABEL_KEYS, broken_bundle, label_counts

ALL_PROBLEMS = {("contacts", 1, "attitude"), ("contacts", 2, "closeness"), ("knows", 0, "contact"),
                ("roles", 9, "contact"), ("employees", 0, "nickname")}


def node_counts(bundle: dict[str, Any]) -> dict[str, int]:
    return {label: len(bundle[key]) for label, key in LABEL_KEYS.items() if bundle.get(key)}


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for key, text in files.items():
            archive.writestr(f"{key}.csv", text)
    return buffer.getvalue()


def test_json_import_then_export(client: TestClient, graph: Graph, mini_bundle: dict[str, Any]) -> None:
    dry = client.post("/import", params={"dry_run": "true"}, json=mini_bundle)
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    assert label_counts(graph) == {}
    response = client.post("/import", json=mini_bundle)
    assert response.status_code == 200
    assert response.json()["nodes_created"] == sum(node_counts(mini_bundle).values())
    assert label_counts(graph) == node_counts(mini_bundle)
    exported = client.get("/export").json()
    assert {key: len(rows) for key, rows in exported.items()} == {key: len(rows) for key, rows in mini_bundle.items()}


def test_a_bad_bundle_is_422_listing_every_problem(client: TestClient, graph: Graph,
                                                   mini_bundle: dict[str, Any]) -> None:
    response = client.post("/import", json=broken_bundle(mini_bundle))
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"error", "message", "errors", "summary"}
    assert body["summary"]["total"] == len(ALL_PROBLEMS) == sum(p["count"] for p in body["summary"]["problems"])
    assert {(e["key"], e["row"], e["field"]) for e in body["errors"]} == ALL_PROBLEMS
    assert all(set(e) <= {"key", "row", "field", "message", "value"} for e in body["errors"])
    assert label_counts(graph) == {}
    assert client.post("/import", content=b"{not json", headers={"content-type": "application/json"}
                       ).status_code == 422


def test_zip_of_csv_import(client: TestClient, graph: Graph, mini_bundle: dict[str, Any]) -> None:
    response = client.post("/import", content=zipped(bundle_to_csv(mini_bundle)),
                           headers={"content-type": "application/zip"})
    assert response.status_code == 200, response.json()
    assert label_counts(graph) == node_counts(mini_bundle)


def test_bad_csv_cells_are_reported_like_json(client: TestClient, graph: Graph, mini_bundle: dict[str, Any]) -> None:
    files = bundle_to_csv(broken_bundle(mini_bundle))
    lines = files["employees"].splitlines()   # bundle_to_csv writes known columns only: add the unknown one
    files["employees"] = "\n".join([lines[0] + ",nickname", lines[1] + ",A", *lines[2:]]) + "\n"
    response = client.post("/import", content=zipped(files), headers={"content-type": "application/zip"})
    assert response.status_code == 422
    assert {(e["key"], e["row"], e["field"]) for e in response.json()["errors"]} == ALL_PROBLEMS
    bad = copy.deepcopy(mini_bundle)
    bad["competitors"][0]["opportunities"].append({"opportunity": "o-nobody", "need_satisfaction": 1, "closeness": 1})
    bad_files = bundle_to_csv(bad)
    csv_row = bad_files["competitors"].splitlines()[1:].index(
        next(line for line in bad_files["competitors"].splitlines() if "o-nobody" in line))
    response = client.post("/import", content=zipped(bad_files), headers={"content-type": "application/zip"})
    assert [(e["key"], e["row"], e["field"]) for e in response.json()["errors"]] == [
        ("competitors", csv_row, "opportunity")]
    assert label_counts(graph) == {}


def test_multipart_uploads(client: TestClient, graph: Graph, mini_bundle: dict[str, Any]) -> None:
    files = bundle_to_csv(mini_bundle)
    csv_parts = [("files", (f"{key}.csv", text.encode(), "text/csv")) for key, text in files.items()]
    response = client.post("/import", params={"dry_run": "true"}, files=csv_parts)
    assert response.status_code == 200 and response.json()["rows"]["contacts"] == len(mini_bundle["contacts"])
    response = client.post("/import", files={"file": ("bundle.zip", zipped(files), "application/zip")})
    assert response.status_code == 200
    response = client.post("/import", files={"file": ("b.json", json.dumps(mini_bundle).encode(), "application/json")})
    assert response.status_code == 200 and response.json()["nodes_created"] == 0  # same bundle again: no change
    assert label_counts(graph) == node_counts(mini_bundle)


def test_cli_import_json_folder_zip_and_export(cli: CliRunner, graph: Graph, tmp_path: Path,
                                               mini_bundle: dict[str, Any]) -> None:
    bundle_file = tmp_path / "mini.json"
    bundle_file.write_text(json.dumps(mini_bundle), encoding="utf-8")
    result = cli.invoke(cli_app, ["import", str(bundle_file), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert label_counts(graph) == {}
    folder = tmp_path / "csv"
    folder.mkdir()
    for key, text in bundle_to_csv(mini_bundle).items():
        (folder / f"{key}.csv").write_text(text, encoding="utf-8")
    result = cli.invoke(cli_app, ["import", str(folder)])
    assert result.exit_code == 0, result.output
    assert label_counts(graph) == node_counts(mini_bundle)
    (tmp_path / "mini.zip").write_bytes(zipped(bundle_to_csv(mini_bundle)))
    assert cli.invoke(cli_app, ["import", str(tmp_path / "mini.zip")]).exit_code == 0
    out = tmp_path / "export.json"
    result = cli.invoke(cli_app, ["export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert {k: len(v) for k, v in exported.items()} == {k: len(v) for k, v in mini_bundle.items()}


def test_cli_import_reports_problems_and_exits_1(cli: CliRunner, graph: Graph, tmp_path: Path,
                                                 mini_bundle: dict[str, Any]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(broken_bundle(mini_bundle)), encoding="utf-8")
    result = cli.invoke(cli_app, ["import", str(bad)])
    assert result.exit_code == 1
    assert "5 problem(s)" in result.output and "c-nobody" in result.output
    assert label_counts(graph) == {}
