"""An account's relationship map as of a past day (issue 17), from the history, in the same shape as the
live answer (app.services.account_graph) so the pyvis renderer draws it unchanged.

Who is on the map is who worked there then: a person who left on or before the day, or had not joined
(or moved in) yet, is not drawn; someone who left or moved away later is. Their attitude, degrees, name
and department are their state of that day, their roles are the ones they held in deals of the account
that were open then, and the reporting lines are those valid on that day (the org chart's rule,
app.services.org_chart.validity). Circles, influence, our ties and titles have no history: the current
ones among these people are shown, and the answer says so (`current_only`).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.history import end_of_day
from app.services.interaction import window_start
from app.services.map_answer import finish_contacts, map_answer
from app.services.org_chart import validity

CURRENT_ONLY = ["circles", "influences", "knows", "titles"]


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def lines_valid_on(lines: list[dict[str, Any]], until: Any) -> list[dict[str, Any]]:
    """The reporting lines that held just before `until`, from their LineStates (any order)."""
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for line in sorted(lines, key=lambda s: (s["contact"], s["manager"], _native(s["at"]), s["version"])):
        by_pair[(line["contact"], line["manager"])].append({**line, "at": _native(line["at"])})
    out = []
    for (contact, manager), states in sorted(by_pair.items()):
        holds, _start, _end, dotted = validity(states, until)
        if holds:
            out.append({"from": contact, "to": manager, "dotted": dotted})
    return out


def _below(departments: list[dict[str, Any]], root: str) -> set[str]:
    """`root` and every department under it (the live filter's PART_OF*0..)."""
    children: dict[str, list[str]] = defaultdict(list)
    for d in departments:
        if d.get("parent"):
            children[d["parent"]].append(d["id"])
    found, todo = {root}, [root]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def account_map_as_of(graph: Graph, settings: Settings, account_id: str, as_of: date, *,
                      department: str | None = None, circle: str | None = None,
                      employees: bool = False, subunits: bool = True) -> dict[str, Any] | None:
    """The map's data as of `as_of` (a past day), or None when the account does not exist."""
    until = end_of_day(as_of)
    row = graph.read_one("account_graph_as_of", account=account_id, until=until, day=as_of,
                         since=window_start(as_of, settings.interaction_window_days), employees=employees)
    if row is None:
        return None
    contacts = row["contacts"]
    for contact in contacts:  # a person deleted since has states but no node: no current circles
        contact["circles"] = contact["circles"] or []
    if department:
        wanted = _below(row["departments"], department) if subunits else {department}
        contacts = [c for c in contacts if c["department"] and c["department"]["id"] in wanted]
    if circle:
        contacts = [c for c in contacts if any(ci["id"] == circle for ci in c["circles"])]
    shown = {c["id"] for c in contacts}
    finish_contacts(contacts, settings)
    knows = [k for k in row["knows"] if k["to"] in shown]
    return map_answer(row["account"], {"department": department or None, "subunits": subunits,
                                       "circle": circle or None, "employees": employees}, {
        "contacts": contacts,
        "reports_to": [e for e in lines_valid_on(row["lines"], until) if e["from"] in shown and e["to"] in shown],
        "influences": [e for e in row["influences"] if e["from"] in shown and e["to"] in shown],
        "employees": list({e["id"]: e for e in row["employees"] if any(k["from"] == e["id"] for k in knows)}.values()),
        "knows": knows, "circles": row["circles"], "departments": row["departments"],
        "opportunities": row["opportunities"],
    }, as_of=as_of.isoformat(), history=True, before_history=False, current_only=CURRENT_ONLY)
