"""Issue 13: brm capture calendar|mail and brm ties recompute|show against the test Neo4j."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.core.config import Settings
from app.db.graph import Graph
from app.services.importer import import_bundle
from tests.integration.test_capture import DATA, activities, people, ties


@pytest.fixture
def cli(graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    import_bundle(graph, people())
    monkeypatch.setattr("app.cli.common.get_settings", lambda: settings)
    monkeypatch.setattr("app.cli.capture_cmds.get_settings", lambda: settings)
    return CliRunner()


def run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_capture_and_ties_commands(cli: CliRunner, graph: Graph, tmp_path: Path) -> None:
    out = run(cli, "capture", "calendar", str(DATA / "meetings.ics"), "--from", "2026-09-01", "--to", "2026-11-10")
    assert "6 activities created, 0 already captured, 2 ignored" in out
    assert "unknown at acc-a: 1 (newguy@acme.com)" in out and "excluded_employees: e-cto 1" in out
    archive = tmp_path / "maildir.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (DATA / "maildir").rglob("*"):
            if path.is_file():
                zipped.write(path, f"Maildir/{path.relative_to(DATA / 'maildir')}")
    out = run(cli, "capture", "mail", str(DATA / "one.eml"), str(DATA / "thread.mbox"), str(archive))
    assert "6 activities created, 1 already captured, 1 ignored" in out
    assert len(activities(graph)) == 12
    out = run(cli, "ties", "recompute", "--as-of", "2026-11-10")
    assert "live 2" in out  # (ann, zw) 0.7 and (bob, zw) 0.55
    assert ties(graph)[("KNOWS", "e-ann", "c-zw")] == 0.7
    out = run(cli, "ties", "show", "e-ann", "c-zw", "--lang", "zh")
    assert "tie: derived: 4 次会议、4 封邮件，双向往来，最近一次在今天 → 0.70" in out
    bad = cli.invoke(app, ["capture", "calendar", str(DATA / "not-a-calendar.ics")], env={"COLUMNS": "250"})
    assert bad.exit_code == 1 and "not an iCalendar file" in bad.output
    bad = cli.invoke(app, ["capture", "mail", str(DATA / "broken.eml")], env={"COLUMNS": "250"})
    assert bad.exit_code == 1 and "is not mail" in bad.output
