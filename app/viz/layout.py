"""Stable org-chart rows for the account map, computed here rather than by vis-network.

vis-network's own hierarchical layout is pulled about by influence and KNOWS edges and changes with
edge order; positions from solid REPORTS_TO lines alone give the same picture every time. Reports
who manage nobody are stacked in columns so a 150-person account still fits a few screens.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping


def reporting_depths(ids: Iterable[str], reports_to: Iterable[Mapping[str, object]]) -> dict[str, int | None]:
    """Depth below the top of each contact's reporting chain (0 = top manager).

    Only solid lines count (dotted ones are drawn, not laid out). A contact with several managers
    sits one row under the lowest of them. A contact in no reporting line at all gets None.
    Cycles (bad data) are cut where they are found, so this always ends.
    """
    ids = list(ids)
    known = set(ids)
    managers: dict[str, list[str]] = defaultdict(list)
    linked: set[str] = set()
    for edge in reports_to:
        frm, to = str(edge["from"]), str(edge["to"])
        if edge.get("dotted") or frm not in known or to not in known or frm == to:
            continue
        managers[frm].append(to)
        linked.update((frm, to))
    depth: dict[str, int] = {}

    def resolve(node: str, path: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        ups = [m for m in managers.get(node, []) if m not in path]
        value = 1 + max(resolve(m, path | {node}) for m in ups) if ups else 0
        depth[node] = value
        return value

    return {node: (resolve(node, frozenset()) if node in linked else None) for node in ids}


def org_chart_positions(
    ids: Iterable[str],
    reports_to: Iterable[Mapping[str, object]],
    *,
    x_gap: float = 140,
    y_gap: float = 130,
    stack_after: int = 4,
    stack_rows: int = 6,
    loose_per_row: int = 24,
) -> dict[str, tuple[float, float]]:
    """x, y of every contact: a tidy org chart from solid REPORTS_TO lines, computed once, never by physics.

    Each manager sits centred over its reports; a manager with more than `stack_after` reports who
    manage nobody gets them stacked in columns of `stack_rows` (as printed org charts do), so a wide
    account stays a few screens wide. Contacts in no reporting line go in rows under the chart.
    Children are ordered by id, so the same data always gives the same picture.
    """
    ids = sorted(ids)
    reports_to = list(reports_to)
    depths = reporting_depths(ids, reports_to)
    children: dict[str, list[str]] = defaultdict(list)
    has_parent: set[str] = set()
    for node in ids:
        d = depths[node]
        if not d:
            continue
        managers = sorted(str(e["to"]) for e in reports_to
                          if str(e["from"]) == node and not e.get("dotted") and depths.get(str(e["to"])) == d - 1)
        if managers:
            children[managers[0]].append(node)
            has_parent.add(node)
    positions: dict[str, tuple[float, float]] = {}

    def place(node: str, left: float, y: float) -> float:
        """Lay out the subtree of `node` from x=left; returns its width in columns."""
        kids = children.get(node, [])
        if not kids:
            positions[node] = (left * x_gap, y)
            return 1
        if len(kids) > stack_after and not any(children.get(k) for k in kids):
            columns = (len(kids) - 1) // stack_rows + 1
            for i, kid in enumerate(kids):
                positions[kid] = ((left + i // stack_rows) * x_gap, y + y_gap * (1 + (i % stack_rows) * 0.62))
            positions[node] = ((left + (columns - 1) / 2) * x_gap, y)
            return columns
        width = 0.0
        for kid in kids:
            width += place(kid, left + width, y + y_gap)
        first, last = positions[kids[0]][0], positions[kids[-1]][0]
        positions[node] = ((first + last) / 2, y)
        return width

    left = 0.0
    roots = [n for n in ids if depths[n] is not None and n not in has_parent]
    for root in roots:
        left += place(root, left, 0.0) + 0.5
    bottom = max((y for _, y in positions.values()), default=-y_gap) + y_gap * 1.2
    loose = [n for n in ids if depths[n] is None]
    for i, node in enumerate(loose):
        positions[node] = ((i % loose_per_row) * x_gap, bottom + (i // loose_per_row) * y_gap * 0.8)
    return positions
