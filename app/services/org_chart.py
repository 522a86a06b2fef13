"""The customer's org chart as of a date (issue 17): who worked in the account and which department, and
which reporting lines held then, each with its validity (valid_from, valid_to) worked out from the line's
history: a line holds from the first `present` state of its current run to the next `present: false`.

Ended lines are history only (LineState), never live REPORTS_TO edges: the live reads see current lines.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.history import end_of_day


def _day(value: Any) -> str | None:
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else value
    return (native.date() if hasattr(native, "date") and callable(native.date) else native).isoformat()


def validity(states: list[dict[str, Any]], until: Any) -> tuple[bool, Any, Any, bool]:
    """(holds at `until`, valid_from, valid_to, dotted) from one line's states in time order."""
    before = [s for s in states if s["at"] < until]
    if not before or not before[-1]["present"]:
        return False, None, None, False
    start = len(before) - 1
    while start > 0 and before[start - 1]["present"]:
        start -= 1
    ended = next((s["at"] for s in states[len(before):] if not s["present"]), None)
    return True, before[start]["at"], ended, bool(before[-1]["dotted"])


def org_chart(graph: Graph, account_id: str, as_of: date) -> dict[str, Any]:
    if graph.read_one("account_brief", id=account_id) is None:
        raise NotFound(f"no account with id {account_id!r}", entity="Account", id=account_id)
    until = end_of_day(as_of)
    row = graph.read_one("org_chart_as_of", account=account_id, until=until) or {"people": [], "lines": []}
    ids = {p["id"] for p in row["people"]}
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for line in row["lines"]:
        at = line["at"].to_native() if hasattr(line["at"], "to_native") else line["at"]
        by_pair[(line["contact"], line["manager"])].append({**line, "at": at})
    lines = []
    for (contact, manager), states in sorted(by_pair.items()):
        holds, start, end, dotted = validity(states, until)
        if holds and manager in ids:
            lines.append({"contact": contact, "manager": manager, "dotted": dotted,
                          "valid_from": _day(start), "valid_to": _day(end)})
    people = [{"id": p["id"], "name": p["name"], "department": p["department"],
               "left_at": _day(p["left_at"])} for p in row["people"]]
    return {"account": account_id, "as_of": as_of.isoformat(), "contacts": people, "lines": lines}
