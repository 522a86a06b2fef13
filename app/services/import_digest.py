"""Batches a re-import sends exactly as the last import did, while nothing was written since: not read again.

A no-op re-import of S spent most of its time comparing every batch with the stored graph (issue 16: 49 s
against ≤ 30 s). The last import that wrote records, in its switch transaction, a digest of each batch it
left stored exactly as given, with the graph version token of that transaction (app.db.graph bumps the
token in every write transaction, so any later write of the service, API, CLI, undo, restore or erasure,
changes it). The next import reads the record first: if the token is still the same, a batch whose digest
is the recorded one for its key and position is stored as that import left it, which is what writing it
again would leave, so it counts as unchanged without a query. Any write since (one API edit) makes the
token differ, and every batch is compared as before (app.services.import_diff): a row changed through the
API is rewritten by a re-import of the old bundle.

The digest is over the raw rows (JSON, keys sorted) of one batch, before validation: the same raw rows
validate to the same models. What a batch digest stands for is only trusted when the import itself saw
that batch as stored: a batch it wrote (compared and written under the import lock), or a batch it found
unchanged before taking the lock, if no other write came between that comparison and the lock
(the version moved only by the import's own lock transactions). Writes that bypass the service (a raw
driver, cypher-shell) do not move the token and are not seen, as they are not gated (docs/imports.md).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from app.db.graph import Graph

FORMAT = "1"  # part of every digest: a change of the canonical form invalidates old records


def batch_digests(raw: Any, keys: list[str], batch_size: int) -> dict[str, list[str]]:
    """Per key, the digest of each batch of its raw rows (position i covers rows i*size .. (i+1)*size - 1)."""
    if not isinstance(raw, dict):
        return {}
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode
    digests: dict[str, list[str]] = {}
    for key in keys:
        rows = raw.get(key)
        if not isinstance(rows, list):
            continue
        digests[key] = [hashlib.sha256(f"{FORMAT}|{key}|{batch_size}|".encode() +
                                       encode(rows[start:start + batch_size]).encode()).hexdigest()[:32]
                        for start in range(0, len(rows), batch_size)]
    return digests


@dataclass
class Recorded:
    """The graph version at the start of an import, and the batches the last import vouched for."""

    version: int | None = None
    token: str | None = None
    batches: set[str] = field(default_factory=set)  # "key/position/digest", valid only if the token is unchanged

    def unchanged(self, digests: dict[str, list[str]]) -> dict[str, set[int]]:
        """Per key, the positions of batches stored as the last import left them (none if anything was written since)."""
        return {key: {index for index, digest in enumerate(values) if entry(key, index, digest) in self.batches}
                for key, values in digests.items()}


    def covers(self, raw: Any, digests: dict[str, list[str]], known: list[str]) -> bool:
        """Is every batch of `raw` one the last import left stored as sent (and raw nothing but known keys)?
        Then `raw` is, key by key, a prefix of the bundle that import validated and wrote, and nothing has
        changed since: it would validate and compare as unchanged again, so neither has to run."""
        if not self.batches or not isinstance(raw, dict) or any(key not in known for key in raw):
            return False
        if any(rows is not None and not isinstance(rows, list) for rows in raw.values()):
            return False
        return all(entry(key, index, digest) in self.batches
                   for key, values in digests.items() for index, digest in enumerate(values))


def entry(key: str, index: int, digest: str) -> str:
    return f"{key}/{index}/{digest}"


def read(graph: Graph, batch_size: int) -> Recorded:
    """The version now, and the last import's batches if nothing was written since it (same token, same batch size)."""
    row = graph.read_one("import_digest_read") or {}
    valid = row.get("token") is not None and row.get("recorded_token") == row.get("token") \
        and row.get("batch_size") == batch_size
    return Recorded(row.get("version"), row.get("token"), set(row.get("batches") or []) if valid else set())


def record(tx: ManagedTransaction, digests: dict[str, list[str]], vouched: dict[str, set[int]], batch_size: int) -> None:
    """In the switch transaction: the batches this import leaves stored as given, with this transaction's token."""
    batches = sorted(entry(key, index, digests[key][index]) for key, positions in vouched.items()
                     for index in positions if key in digests and index < len(digests[key]))
    Graph.run_in(tx, "import_digest_record", batches=batches, batch_size=batch_size)
