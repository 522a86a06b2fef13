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

Across other writes (session 5: a day of API edits, sign-ins, captures, then the nightly sync). Most write
paths declare, in their own transaction, every node whose own data or relationships they changed
(app.services.graph_changes: one record per version, chained by token). When every write since the record
declared (the chain from the recorded version and token is unbroken), the record still holds for every batch
whose raw rows name none of the ids declared since: its rows' own nodes and every node they link to are as
the import left them, and a row's stored shape (the export's row queries) reads nothing else, except a
department's account (the top of its PART_OF chain): departments are compared again when any node outside
the four labelled kinds was declared. Only the batches that name a declared id are compared. When no batch
names one (and no such other node was declared), the whole-bundle shortcut holds too: the bundle's checks
against the graph read only what its rows name (links, stored accounts and lines, email holders, which the
API keeps unique), so it validates as it did. A write that declares nothing (an import, an erasure, a
restore, a raw query through Graph) breaks the chain: every batch is compared, as before.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from app.db.graph import Graph
from app.services.graph_changes import Changes, changes_since
from app.services.import_diff import PAIR_FIELDS

FORMAT = "2"  # part of every digest: a change of the canonical form (or of what it relies on) voids old records


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
    batches: set[str] = field(default_factory=set)  # "key/position/digest", valid as long as `since` allows
    since: Changes | None = None  # what declared writes since the record touched (None: nothing was written)

    def unchanged(self, digests: dict[str, list[str]], raw: Any = None,
                  batch_size: int = 0) -> dict[str, set[int]]:
        """Per key, the positions of batches stored as the last import left them: recorded, and (after declared
        writes) with no row whose own node (a link row: either end) is among the nodes those writes touched."""
        positions = {key: {index for index, digest in enumerate(values) if entry(key, index, digest) in self.batches}
                     for key, values in digests.items()}
        if self.since is None:
            return positions
        ids = self.since.ids()
        return {key: {index for index in found if not self._touched(raw, key, index, batch_size, ids)}
                for key, found in positions.items()}

    def _touched(self, raw: Any, key: str, index: int, batch_size: int, ids: set[str]) -> bool:
        """A stored row is its node's own properties and relationships (the ends' ids only): it can differ only if
        a declared write touched that node (a relationship write names both ends). Not so a department's account
        (the top of its PART_OF chain): departments are compared again after any write touching other nodes."""
        if key == "departments" and self.since is not None and self.since.others:
            return True
        if not ids:
            return False
        rows = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(rows, list) or batch_size <= 0:
            return True
        return any(_touches(key, row, ids) for row in rows[index * batch_size:(index + 1) * batch_size])

    def covers(self, raw: Any, digests: dict[str, list[str]], known: list[str],
               unchanged: dict[str, set[int]]) -> bool:
        """Is every batch of `raw` (`unchanged`: what `unchanged()` said) one the last import left stored as sent,
        and raw nothing but known keys, and (after declared writes) does no row name anything they touched?
        Then `raw` is, key by key, a prefix of the bundle that import validated and wrote, and nothing it reads
        to validate it has changed since: it would validate and compare as unchanged again, so neither runs."""
        if not self.batches or not isinstance(raw, dict) or any(key not in known for key in raw):
            return False
        if any(rows is not None and not isinstance(rows, list) for rows in raw.values()):
            return False
        if not all(index in unchanged.get(key, set()) for key, values in digests.items()
                   for index in range(len(values))):
            return False
        if self.since is None:
            return True
        ids = self.since.ids()
        if self.since.others:
            return False
        return not ids or not any(_names(row, ids) for rows in raw.values() for row in rows or [])


def _touches(key: str, row: Any, ids: set[str]) -> bool:
    """Is the node a raw row's stored shape belongs to (its id; both ends of a link row) among `ids`? A row
    without them (a bad row) counts as touched."""
    if not isinstance(row, dict):
        return True
    values = [row.get(name) for name in PAIR_FIELDS.get(key, ("id",))]
    if not all(isinstance(value, str) for value in values):
        return True
    return any(value in ids or value.strip() in ids for value in values)


def _names(value: Any, ids: set[str]) -> bool:
    """Does a raw row name one of `ids` anywhere (its id, a link, a list member)? Every string is looked at,
    so a new link field is covered without a list to keep up to date."""
    if isinstance(value, str):
        return value in ids or value.strip() in ids
    if isinstance(value, dict):
        return any(_names(item, ids) for item in value.values())
    if isinstance(value, list):
        return any(_names(item, ids) for item in value)
    return False


def entry(key: str, index: int, digest: str) -> str:
    return f"{key}/{index}/{digest}"


def read(graph: Graph, batch_size: int) -> Recorded:
    """The version now, and the last import's batches: all of them if nothing was written since it (same token,
    same batch size); after writes that all declared what they touched, with those changes (`since`)."""
    row = graph.read_one("import_digest_read") or {}
    version, token = row.get("version"), row.get("token")
    batches = set(row.get("batches") or [])
    if token is None or row.get("recorded_token") is None or row.get("batch_size") != batch_size or not batches:
        return Recorded(version, token)
    if row.get("recorded_token") == token:
        return Recorded(version, token, batches)
    if row.get("recorded_version") is None:
        return Recorded(version, token)
    version, token, since = changes_since(graph, row["recorded_version"], row["recorded_token"])
    return Recorded(version, token, batches, since) if since is not None else Recorded(version, token)


def record(tx: ManagedTransaction, digests: dict[str, list[str]], vouched: dict[str, set[int]], batch_size: int) -> None:
    """In the switch transaction: the batches this import leaves stored as given, with this transaction's token."""
    batches = sorted(entry(key, index, digests[key][index]) for key, positions in vouched.items()
                     for index in positions if key in digests and index < len(digests[key]))
    Graph.run_in(tx, "import_digest_record", batches=batches, batch_size=batch_size)
