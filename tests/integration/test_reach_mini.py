"""Reach (domain.md section 5) through the API on the mini bundle: every answer of mini.expected.json."""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle


@pytest.fixture
def mini(graph: Graph, client: TestClient, mini_bundle: dict[str, Any]) -> TestClient:
    import_bundle(graph, mini_bundle)
    return client


def test_reach_reproduces_every_expected_answer(mini: TestClient, mini_expected: dict[str, Any]) -> None:
    for contact_id, expected in mini_expected["reach"].items():
        response = mini.get(f"/contacts/{contact_id}/reach")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["target"]["id"] == contact_id
        got = [{"employee": p["employee"]["id"], "score": p["score"], "steps": p["steps"],
                "path": [n["id"] for n in p["nodes"]]} for p in body["paths"]]
        assert got == expected, contact_id
