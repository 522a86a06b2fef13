"""A cached answer kept across writes that cannot change it, judged from what they declared (issue 15).

view_cache drops an answer at every write (its key is the version token). Some answers read so little of
the graph that most writes cannot touch them: the key-account scores read only the accounts' own
properties. `cached_declared` keeps such an answer with the version it was read at; on the next call it
asks for the changes declared since (app.services.graph_changes, one tiny query) and keeps the answer when
`touches(changes)` says they leave it alone. Changes not all known (a write that declares nothing, a wiped
graph) or touching it: the answer is read again. The version is read BEFORE the answer, so an entry is
never older than the version it is kept at: never stale.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from app.db.graph import Graph
from app.services.graph_changes import Changes, changes_since

T = TypeVar("T")
MAX_ENTRIES = 32

_lock = threading.Lock()
_entries: dict[tuple[Hashable, ...], list[Any]] = {}     # key -> [version, token, value]
_gates: dict[tuple[Hashable, ...], threading.Lock] = {}


def cached_declared(graph: Graph, view: str, params: tuple[Hashable, ...], build: Callable[[], T],
                    touches: Callable[[Changes], bool]) -> T:
    """`build()`'s answer for the graph as it is now, reused while the writes since declare nothing it reads."""
    key = (id(graph.driver), graph.database, view, params)
    with _lock:
        gate = _gates.setdefault(key, threading.Lock())
    with gate:               # one reader per key at a time: a burst after a write reads the answer once
        entry = _entries.get(key)
        if entry is not None:
            version, token, changes = changes_since(graph, entry[0], entry[1])
            if changes is not None and version is not None and not touches(changes):
                entry[0], entry[1] = version, token
                return entry[2]
        row = graph.read_one("graph_version") or {}
        value = build()
        with _lock:
            if row.get("token") is None:      # nothing written through the gateway yet: nothing can be kept
                _entries.pop(key, None)
            else:
                _entries[key] = [row.get("version"), row.get("token"), value]
                while len(_entries) > MAX_ENTRIES:
                    _entries.pop(next(iter(_entries)))
        return value


def clear() -> None:
    """Forget everything (tests that want a cold start)."""
    with _lock:
        _entries.clear()
