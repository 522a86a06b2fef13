"""A 5,000-contact account's map through the API (issue 19, with issue 15 part 4): folded into
departments, under 2 MB, a department opens on request. The time is printed, never asserted
(benchmarks/ measures it)."""
from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.services.importer import import_bundle

pytestmark = pytest.mark.integration
MAX_BYTES = 2 * 1024 * 1024


def node_ids(html: str) -> set[str]:
    return set(re.findall(r'"id": "(dept:[^"]+)"', html))


def test_a_5000_contact_account_map_is_folded_and_small(client: TestClient, graph: Graph) -> None:
    from seed.generate import generate_bundle

    bundle = generate_bundle(accounts=1, contacts_per_account=5000, employees=80, seed=23)
    import_bundle(graph, bundle, timeout_s=1800)
    account = bundle["accounts"][0]["id"]
    started = time.perf_counter()
    response = client.get(f"/viz/accounts/{account}")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    html = response.text
    print(f"5000-contact account map: {len(response.content)} bytes in {elapsed:.2f} s")
    assert len(response.content) < MAX_BYTES
    folded = node_ids(html)
    assert 10 <= len(folded)
    assert html.count('"kind": "contact"') < 400  # key people and the opened levels, not 5,000 dots
    first = sorted(folded)[0]
    opened = client.get(f"/viz/accounts/{account}", params={"expand": first.removeprefix("dept:")})
    assert opened.status_code == 200 and first not in node_ids(opened.text)
    assert len(opened.content) < MAX_BYTES
