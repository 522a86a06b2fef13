"""The data behind an account's relationship map (关系地图): one named read, then plain dicts.

The pyvis renderer (app.viz.account_map) takes this answer as is, so it can be tested
without Neo4j; lists are sorted here so the same data always draws the same picture.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.account_map_as_of import account_map_as_of
from app.services.deal_history import today as utc_today
from app.services.history import end_of_day
from app.services.interaction import window_start
from app.services.map_answer import MAP_PARTS, finish_contacts, map_answer


def account_graph(
    graph: Graph,
    settings: Settings,
    account_id: str,
    *,
    department: str | None = None,
    subunits: bool = True,
    circle: str | None = None,
    employees: bool = False,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Nodes and edges of one account, optionally cut to a department (with `subunits`, everything below
    it too; without, exactly the people who work in it) or a circle.

    A past `as_of` reads the map of that day from the history (issue 17, app.services.account_map_as_of);
    today or later, or a day before the history began (nothing is known of it), reads the live graph."""
    today = utc_today()
    before_history = False
    if as_of is not None and as_of < today:
        before_history = not graph.read_one("history_started_by", until=end_of_day(as_of))["started"]
        if not before_history:
            past = account_map_as_of(graph, settings, account_id, as_of, department=department, circle=circle,
                                     employees=employees, subunits=subunits)
            if past is None:
                raise NotFound(f"no account with id {account_id!r}", entity="Account", id=account_id)
            return past
    as_of = as_of or today
    row = graph.read_one(
        "account_graph",
        account=account_id,
        department=department or None,
        subunits=subunits,
        circle=circle or None,
        employees=employees,
        since=window_start(as_of, settings.interaction_window_days),
        as_of=as_of,
    )
    if row is None:
        raise NotFound(f"no account with id {account_id!r}", entity="Account", id=account_id)
    finish_contacts(row["contacts"], settings)
    return map_answer(row["account"], {"department": department or None, "subunits": subunits,
                                       "circle": circle or None, "employees": employees},
                      {name: row[name] for name in MAP_PARTS},
                      as_of=as_of.isoformat(), history=False, before_history=before_history)


def account_graph_light(graph: Graph, account_id: str, *, department: str | None = None, subunits: bool = True,
                        circle: str | None = None, employees: bool = False) -> dict[str, Any]:
    """The live map's people light (cypher/account_graph_light.cypher, issue 15): per contact id, name, department,
    importance, circle roles and open-deal roles, with reporting lines, departments, circles and open deals; no
    influence and no ties (`influences`, `knows` empty). What the page's filters count and what folding needs."""
    filters = {"department": department or None, "subunits": subunits, "circle": circle or None,
               "employees": employees}
    as_of = utc_today()
    row = graph.read_one("account_graph_light", account=account_id, as_of=as_of, **filters)
    if row is None:
        raise NotFound(f"no account with id {account_id!r}", entity="Account", id=account_id)
    return light_answer(row, filters, as_of)


def light_answer(row: dict[str, Any], filters: dict[str, Any], as_of: date) -> dict[str, Any]:
    """A row of account_graph_light in the map's answer shape (lists sorted as map_answer sorts them)."""
    for contact in row["contacts"]:
        contact["circles"].sort(key=lambda c: c["id"])
        contact["roles"].sort(key=lambda r: r["opportunity"])
    parts = {name: row.get(name) or [] for name in MAP_PARTS}
    return map_answer(row["account"], filters, parts, as_of=as_of.isoformat(), history=False, before_history=False,
                      light=True)
