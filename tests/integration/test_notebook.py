"""notebooks/exploration.ipynb runs top to bottom against the test Neo4j (nbclient, a real kernel)."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from app.core.config import Settings
from app.db.graph import Graph

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def test_exploration_notebook_runs(graph: Graph, settings: Settings) -> None:
    notebook = nbformat.read(ROOT / "notebooks" / "exploration.ipynb", as_version=4)
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(), "NEO4J_DATABASE": settings.neo4j_database}
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute(env=env)  # raises CellExecutionError on the first failing cell

    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert "connected to " + settings.neo4j_uri in text
    assert "win rate:" in text and "target:" in text
    assert sum("<iframe srcdoc=" in h for h in html) == 3
    assert not any("https://" in h.split("srcdoc=")[0] for h in html)
