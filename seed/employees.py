"""Our own company: a sales organisation with managers, teams and the roles that touch customers."""
from __future__ import annotations

import random
from typing import Any

from seed.org import build_tree
from seed.vocab import unique_names, person_name

# Top-level units under the chief executive, in the order they are filled.
UNITS = (("Sales", "North"), ("Sales", "East"), ("Presales", ""), ("Services", ""), ("Sales", "South"),
         ("Marketing", ""), ("Sales", "West"), ("Partners", ""))
STAFF_TITLES = {
    "Sales": ("Account Executive", "Key Account Manager", "Sales Representative"),
    "Presales": ("Solution Consultant", "Presales Engineer"),
    "Services": ("Implementation Engineer", "Customer Success Manager", "Support Engineer"),
    "Marketing": ("Marketing Specialist", "Event Manager"),
    "Partners": ("Partner Manager", "Channel Sales Manager"),
}


def build_employees(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    """Rows for n employees, plus indexes of sellers (own accounts) and helpers (presales/services)."""
    parent, depth = build_tree(rng, n)
    width = max(4, len(str(n - 1)))
    ids = [f"e{i:0{width}d}" for i in range(n)]
    names = unique_names(rng, n) if n <= 2000 else [person_name(rng) for _ in range(n)]
    unit = [-1] * n
    has_reports = [False] * n
    for p in parent[1:]:
        has_reports[p] = True
    rows: list[dict[str, Any]] = []
    sellers: list[int] = []
    helpers: list[int] = []
    k = 0
    for i in range(n):
        if depth[i] == 0:
            rows.append({"id": ids[i], "name": names[i], "title": "Chief Executive Officer", "team": "Leadership"})
            continue
        if depth[i] == 1:
            unit[i] = k % len(UNITS)
            k += 1
        else:
            unit[i] = unit[parent[i]]
        kind, region = UNITS[unit[i]]
        team = f"{kind} {region}".strip()
        if depth[i] == 1:
            title = f"VP {team}" if kind != "Sales" else f"Regional Sales Director {region}"
        elif has_reports[i]:
            title = f"{kind} Manager"
        else:
            title = rng.choice(STAFF_TITLES[kind])
        rows.append({"id": ids[i], "name": names[i], "title": title, "team": team, "manager": ids[parent[i]]})
        if kind in ("Sales", "Partners"):
            sellers.append(i)
        elif kind in ("Presales", "Services"):
            helpers.append(i)
    return rows, sellers, helpers
