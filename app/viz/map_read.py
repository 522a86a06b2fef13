"""The account map's read, sized to what it draws (issue 15 part 4, issue 19).

A 5,000-contact account draws ~150 people one by one and folds the rest into department nodes
(app.viz.collapse). Reading every contact in full (profile, circles, roles, activity counts, influence
among all of them) cost seconds; folding needs only each person's department, importance, roles and
circle roles. So the live map reads in two steps:

1. `account_graph_light`: every contact light, reporting lines, departments, circles, open deals;
2. `plan` decides who is drawn (the same plan the renderer makes again from the same fields);
3. `account_graph_people`: the full profile of the drawn people only, the influence lines touching them
   (whose other end is on the map) and our employees' KNOWS lines to them.

The answer has the shape of app.services.account_graph.account_graph; its undrawn contacts carry the
light fields only (the renderer uses nothing else of them). A past day's map (issue 17) and the JSON
side call keep the full read (`account_graph`).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.db.graph import Graph, TransactionGraph, in_one_read_transaction
from app.services.account_graph import account_graph, light_answer
from app.services.deal_history import today as utc_today
from app.services.interaction import window_start
from app.services.map_answer import MAP_PARTS, finish_contacts, map_answer
from app.viz.collapse import plan
from app.viz.config import VizSettings


def drawn_account_map(graph: Graph, settings: Settings, viz: VizSettings, account_id: str, *,
                     department: str | None = None, subunits: bool = True, circle: str | None = None,
                     employees: bool = False, as_of: date | None = None, expanded: set[str] | None = None,
                     deal: str | None = None) -> dict[str, Any]:
    """What the account map of `account_id` draws: the account_graph answer, drawn people in full."""
    today = utc_today()
    if as_of is not None and as_of < today:  # a past day: the history's map (full read, as before)
        return account_graph(graph, settings, account_id, department=department, subunits=subunits, circle=circle,
                             employees=employees, as_of=as_of)
    as_of = today
    filters = {"department": department or None, "subunits": subunits, "circle": circle or None,
               "employees": employees}

    def read(g: Graph) -> dict[str, Any] | None:
        row = g.read_one("account_graph_light", account=account_id, as_of=as_of, **filters)
        if row is None:
            return None
        light = light_answer(row, filters, as_of)
        drawn = plan(light, viz.collapse_over, expanded, deal, viz.collapse_budget).shown
        people = g.read_one("account_graph_people", ids=drawn, employees=employees, as_of=as_of,
                            since=window_start(as_of, settings.interaction_window_days))
        return {"light": light, "people": people}

    # one read transaction: the plan and the profiles it picks come from the same graph
    found = read(graph) if isinstance(graph, TransactionGraph) else in_one_read_transaction(graph, read)
    if found is None:
        raise NotFound(f"no account with id {account_id!r}", entity="Account", id=account_id)
    light, people = found["light"], found["people"]
    on_map = {c["id"] for c in light["contacts"]}
    full = people["contacts"]
    finish_contacts(full, settings)
    by_id = {c["id"]: c for c in full}
    parts = {**{name: light[name] for name in MAP_PARTS},
             "contacts": [by_id.get(c["id"], c) for c in light["contacts"]],
             "influences": [e for e in people["influences"] if e["from"] in on_map and e["to"] in on_map],
             "knows": people["knows"]}
    return map_answer(light["account"], filters, parts, as_of=as_of.isoformat(), history=False,
                      before_history=False)
