"""Parallel writers and readers: one node per id, the last write wins whole, and no half-imported bundle is seen."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from app.db.graph import Graph
from app.models.entities import ContactIn
from app.models.keys import Role
from app.services.audit import list_entries
from app.services.entities import KINDS, put_node
from app.services.importer import import_bundle
from app.services.keys import Principal
from seed.generate import generate_bundle

THREADS, UPSERTS, IDS = 8, 500, 5


def test_parallel_upserts_of_the_same_ids(graph: Graph) -> None:
    import_bundle(graph, {"accounts": [{"id": "acc-1", "name": "Acme"}]})
    ids = [f"c-{i}" for i in range(IDS)]

    def writer(thread_no: int) -> None:
        principal = Principal(key_id=f"k{thread_no}", name=f"writer-{thread_no}", role=Role.editor)
        for seq in range(UPSERTS):
            tag = f"t{thread_no}-s{seq}"  # every field of one write carries the same tag
            body = ContactIn(name=f"name {tag}", title=f"title {tag}", account="acc-1", closeness=seq % 101)
            put_node(graph, KINDS["contacts"], ids[seq % IDS], body, principal)

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(writer, range(THREADS)))

    rows = graph.driver.execute_query(
        "MATCH (c:Contact) RETURN c.id AS id, c.name AS name, c.title AS title, c.closeness AS closeness, "
        "count {(c)-[:WORKS_AT]->()} AS accounts ORDER BY id", database_=graph.database).records
    assert [row["id"] for row in rows] == ids                   # exactly one node per id
    for row in rows:
        tag = row["name"].removeprefix("name ")
        assert row["title"] == f"title {tag}"                   # fields never mix across writes
        assert row["closeness"] == int(tag.split("-s")[1]) % 101
        assert row["accounts"] == 1
        trail = list_entries(graph, "Contact", row["id"], None, 0, 1)   # newest first
        assert trail[0]["current"]["props"]["name"] == row["name"]       # ... and it is the last write
    total = graph.driver.execute_query("MATCH (e:AuditEntry {entity: 'Contact'}) RETURN count(e) AS n",
                                       database_=graph.database).records[0]["n"]
    assert total == THREADS * UPSERTS                            # every write recorded once


def test_readers_never_see_a_half_imported_bundle(graph: Graph) -> None:
    bundle = generate_bundle(accounts=4, contacts_per_account=300, employees=40, seed=5)
    expected = len(bundle["contacts"])
    seen: list[int] = []
    stop = threading.Event()

    def contacts() -> int:  # through Graph, like every read of the service: it waits at the import gate
        return graph.read_transaction(lambda tx: tx.run("MATCH (c:Contact) RETURN count(c) AS n").single()["n"])

    def reader() -> None:
        while not stop.is_set():
            seen.append(contacts())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        import_bundle(graph, bundle, batch_size=100)  # many statements: a long window for a reader to peek
    finally:
        stop.set()
        thread.join()
    assert len(seen) > 5                                        # the reader really ran during the import
    assert set(seen) <= {0, expected}, sorted(set(seen))[:10]   # before or after, never in between
    assert contacts() == expected
