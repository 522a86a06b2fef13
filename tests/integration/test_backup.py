"""Backup and restore as a round trip through the bundle format, and restores that are all-or-nothing."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import Conflict
from app.db.graph import Graph
from app.services.backup import backup, restore
from app.services.export import export_bundle
from app.services.importer import import_bundle
from tests.conftest import wipe


def test_backup_then_restore_into_an_empty_database_gives_the_same_graph(
        graph: Graph, mini_bundle: dict[str, Any], tmp_path: Path) -> None:
    import_bundle(graph, mini_bundle)
    before = export_bundle(graph, timeout_s=60)
    counts = backup(graph, tmp_path / "b.json", timeout_s=60)
    assert counts["contacts"] == len(mini_bundle["contacts"])
    wipe(graph)
    restore(graph, tmp_path / "b.json", timeout_s=60)
    assert export_bundle(graph, timeout_s=60) == before
    assert json.loads((tmp_path / "b.json").read_text()) == before


def test_restore_refuses_a_database_with_data(graph: Graph, mini_bundle: dict[str, Any], tmp_path: Path) -> None:
    import_bundle(graph, mini_bundle)
    backup(graph, tmp_path / "b.json", timeout_s=60)
    with pytest.raises(Conflict, match="empty database"):
        restore(graph, tmp_path / "b.json", timeout_s=60)


def test_restore_replace_swaps_the_graph_in_one_transaction(
        graph: Graph, mini_bundle: dict[str, Any], tmp_path: Path) -> None:
    import_bundle(graph, mini_bundle)
    backup(graph, tmp_path / "b.json", timeout_s=60)
    wanted = export_bundle(graph, timeout_s=60)
    import_bundle(graph, {"accounts": [{"id": "acc-extra", "name": "Added after the backup"}],
                          "contacts": [{"id": "c-extra", "name": "Extra", "account": "acc-extra"}]})
    restore(graph, tmp_path / "b.json", timeout_s=60, replace=True)
    assert export_bundle(graph, timeout_s=60) == wanted


def test_a_failed_replace_leaves_the_current_graph(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    current = export_bundle(graph, timeout_s=60)
    replacement = {"accounts": [{"id": "acc-other", "name": "Other"}]}

    def fail(name: str, index: int, size: int) -> None:
        raise RuntimeError("disk full, say")

    with pytest.raises(RuntimeError):
        import_bundle(graph, replacement, replace_all=True, on_batch=fail)
    assert export_bundle(graph, timeout_s=60) == current
