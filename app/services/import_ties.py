"""Issue 13: an import's activities count toward derived ties like captured ones, with no extra step.

After an import writes, the (employee, contact) pairs whose activities it created or changed are
recomputed (app.services.ties, pairs mode): the pairs of each written activity as it is now, and of a
changed one also as it was (a contact taken off an activity may leave that pair with nothing, and its
derived tie goes). Unchanged rows touch nothing, so a re-import recomputes nothing: the work is bounded
by what the import wrote, not by the graph.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.import_diff import Classified
from app.services.ties import recompute


def touched_pairs(activities: Iterable[Any], parts: Iterable[Classified],
                  removed: Iterable[dict[str, Any]] = ()) -> dict[str, set[str]]:
    """{employee: contacts} of the activities an import created or changed (before and after), and of
    `removed` activity rows (bundle shape: employee, contacts) that a CRM prune deletes."""
    rows = {row.id: row for row in activities}
    pairs: dict[str, set[str]] = defaultdict(set)

    def add(row: dict[str, Any] | None) -> None:
        if row and row.get("employee"):
            pairs[row["employee"]].update(row.get("contacts") or [])

    for part in parts:
        if part.key != "activities":
            continue
        for ident in part.created:
            add(_now(rows.get(str(ident))))
        for ident, previous in part.changed:
            add(_now(rows.get(str(ident))))
            add(previous)
    for row in removed:
        add(row)
    return dict(pairs)


def _now(row: Any) -> dict[str, Any] | None:
    return None if row is None else {"employee": row.employee, "contacts": list(row.contacts)}


def recompute_touched(graph: Graph, settings: Settings, pairs: dict[str, set[str]],
                      as_of: date | None = None) -> dict[str, Any]:
    """The derived ties of the touched pairs as of `as_of` (default today); the counts for the import report."""
    return recompute(graph, settings, as_of=as_of, pairs=pairs)
