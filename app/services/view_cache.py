"""Answers of the company-wide views, kept until the graph changes (issue 15).

Each entry is keyed by the graph's version token (app.db.graph: every write transaction ends by
replacing it with a fresh random token, in the same transaction). A read first asks Neo4j for the
current token (one tiny query), so an answer computed before the last committed write can never be
served: there is no expiry to tune and no write path that has to remember to invalidate. Without a
token (nothing written through the gateway yet, e.g. a freshly wiped graph) nothing is kept.

The token is read BEFORE the work runs, so an entry is never older than its key (a write landing
during the work makes the entry newer than its key, which is harmless: that key is already gone).
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from pydantic import BaseModel

from app.db.graph import Graph

T = TypeVar("T")
MAX_ENTRIES = 32  # a few views × parameter sets; entries of older tokens are dropped first

_lock = threading.Lock()
_entries: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
_building: dict[tuple[Hashable, ...], threading.Lock] = {}


def cached(graph: Graph, view: str, params: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """`build()`'s answer for the graph as it is now: reused while the graph's version token is unchanged.

    Concurrent callers of the same key wait for one build instead of all building at once (these
    builds read the whole graph; a burst of requests after a write must not multiply that work).
    """
    token = graph.version_token()
    if token is None:
        return build()
    key = (id(graph.driver), graph.database, token, view, params)
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]
        gate = _building.setdefault(key, threading.Lock())
    with gate:
        with _lock:
            if key in _entries:
                return _entries[key]
        value = build()
        with _lock:
            _store(key, value)
            _building.pop(key, None)
        return value


def _store(key: tuple[Hashable, ...], value: Any) -> None:
    token = key[2]
    for old in [k for k in _entries if k[:2] == key[:2] and k[2] != token]:
        del _entries[old]  # the graph moved on: answers of older versions can never be asked for again
    _entries[key] = value
    while len(_entries) > MAX_ENTRIES:
        _entries.popitem(last=False)


def settings_key(*models: BaseModel) -> str:
    """One short key for the settings an answer depends on (every field: a changed threshold is a new key)."""
    text = "\n".join(m.model_dump_json() for m in models)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def clear() -> None:
    """Forget everything (tests that want a cold start), the company-wide views' state too."""
    from app.services import company_state, declared_cache  # they build on this module

    with _lock:
        _entries.clear()
    company_state.clear()
    declared_cache.clear()
