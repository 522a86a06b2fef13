"""Import jobs (`POST /import?async=true`, `GET /imports/{id}`), the import's audit entry with the ids it
created and changed and previous values (API and CLI alike), and the CLI's progress output."""
from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli_app
from app.db.graph import Graph
from app.services import import_journal as journal


def import_entries(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/audit", params={"entity": "Import"})
    assert response.status_code == 200, response.text
    return response.json()


def test_async_import_is_a_job_with_progress_and_report(client: TestClient, mini_bundle: dict[str, Any]) -> None:
    response = client.post("/import", params={"async": "true"}, json=mini_bundle)
    assert response.status_code == 202, response.text
    job_url = response.headers["location"]
    deadline = time.monotonic() + 120
    job = response.json()
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
        job = client.get(job_url).json()
    assert job["state"] == "done", job
    assert job["report"]["keys"]["contacts"] == {"created": 12, "changed": 0, "unchanged": 0}
    assert job["progress"]["rows_done"] == job["progress"]["rows_total"] == sum(len(v) for v in mini_bundle.values())
    assert client.get(job["changes"]).status_code == 200
    assert client.get("/imports/" + "0" * 32).status_code == 404


def test_a_bad_async_import_fails_the_job_with_every_problem(client: TestClient,
                                                             mini_bundle: dict[str, Any]) -> None:
    bad = copy.deepcopy(mini_bundle)
    bad["knows"][0]["contact"] = "c-nobody"
    job = client.post("/import", params={"async": "true"}, json=bad).json()
    while job["state"] in ("queued", "running"):
        time.sleep(0.2)
        job = client.get(f"/imports/{job['id']}").json()
    assert job["state"] == "failed"
    assert [(e["key"], e["row"], e["field"]) for e in job["error"]["errors"]] == [("knows", 0, "contact")]


def test_api_import_audit_names_created_and_changed_ids_with_previous_values(
        client: TestClient, mini_bundle: dict[str, Any]) -> None:
    assert client.post("/import", json=mini_bundle).status_code == 200
    changed = copy.deepcopy(mini_bundle)
    changed["contacts"][0]["name"] = "Wang Lei (renamed)"
    changed["accounts"].append({"id": "acc-new", "name": "New Account"})
    assert client.post("/import", json=changed).status_code == 200
    assert client.post("/import", json=changed).json()["run"] is None     # a no-op: no entry
    entries = import_entries(client)
    assert len(entries) == 2 and all(e["actor"] == "test-admin" for e in entries)
    latest = max(entries, key=lambda e: e["at"])
    assert latest["current"]["ids"] == {"contacts": {"created": [], "changed": ["c-ceo"]},
                                        "accounts": {"created": ["acc-new"], "changed": []}}
    page = client.get(latest["current"]["changes"]).json()["items"]
    assert {(i["key"], i["id"], i["change"]) for i in page} == {("accounts", "acc-new", "created"),
                                                               ("contacts", "c-ceo", "changed")}
    previous = next(i["previous"] for i in page if i["id"] == "c-ceo")
    assert previous["name"] == "Wang Lei" and previous["account"] == "acc-nw"
    second = client.get(latest["current"]["changes"], params={"offset": 1, "limit": 1}).json()["items"]
    assert len(second) == 1 and second[0] == page[1]


def test_cli_import_leaves_an_audit_entry_and_shows_progress(cli: CliRunner, client: TestClient,  # noqa: F811
                                                             graph: Graph, tmp_path: Path,
                                                             mini_bundle: dict[str, Any]) -> None:
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(mini_bundle), encoding="utf-8")
    result = cli.invoke(cli_app, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "switching" in result.output                      # the progress bar's last phase
    entries = import_entries(client)
    assert [e["actor"] for e in entries] == ["cli"]
    assert entries[0]["current"]["keys"]["knows"]["created"] == len(mini_bundle["knows"])


def test_a_key_still_signs_in_to_poll_a_job_while_an_import_writes(client: TestClient, graph: Graph) -> None:
    run = "f" * 32
    journal.acquire(graph, run, "test")            # the readers' gate is shut, as during an import's writes
    try:
        # the key lookup passes the gate, so the job route answers (404: no such job) instead of a 503
        assert client.get("/imports/" + "0" * 32).status_code == 404
    finally:
        journal.release(graph, run, "abandoned")
