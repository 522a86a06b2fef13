"""Stable org-chart rows for the account map, computed here rather than by vis-network.

vis-network's own hierarchical layout is pulled about by influence and KNOWS edges and changes with
edge order; positions from solid REPORTS_TO lines alone give the same picture every time. Reports
who manage nobody are stacked in columns so a 150-person account still fits a few screens.
"""
from __future__ import annotations

import math
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
    max_columns: int | None = None,
    loose_per_row: int = 24,
    aspect: float = 1.4,
) -> dict[str, tuple[float, float]]:
    """x, y of every contact; without `max_columns`, the band width whose picture is closest to `aspect`
    (width / height, about that of the page's graph pane) is chosen."""
    ids = sorted(ids)
    reports_to = list(reports_to)
    if max_columns is not None:
        return _org_chart(ids, reports_to, x_gap, y_gap, stack_after, stack_rows, max_columns, loose_per_row)
    best: tuple[float, dict[str, tuple[float, float]]] | None = None
    for columns in (6, 9, 12, 16, 20, 26, 34, 44, 60, 80, 120):
        positions = _org_chart(ids, reports_to, x_gap, y_gap, stack_after, stack_rows, columns, loose_per_row)
        xs = [x for x, _ in positions.values()] or [0.0]
        ys = [y for _, y in positions.values()] or [0.0]
        ratio = (max(xs) - min(xs) + x_gap) / (max(ys) - min(ys) + y_gap)
        score = abs(math.log(ratio / aspect))
        if best is None or score < best[0] - 1e-9:
            best = (score, positions)
    assert best is not None
    return best[1]


def _org_chart(ids: list[str], reports_to: list[Mapping[str, object]], x_gap: float, y_gap: float,
               stack_after: int, stack_rows: int, max_columns: int, loose_per_row: int) -> dict[str, tuple[float, float]]:
    """x, y of every contact: a tidy org chart from solid REPORTS_TO lines, computed once, never by physics.

    Each manager sits centred over its reports. A manager with more than `stack_after` reports who
    manage nobody gets them stacked in columns of `stack_rows` (as printed org charts do); when a
    manager's report subtrees together are wider than `max_columns`, they wrap into bands one under
    the other. So a 150-person account stays roughly as tall as it is wide. Contacts in no reporting
    line go in rows under the chart. Children are ordered by id: the same data gives the same picture.
    """
    depths = reporting_depths(ids, reports_to)
    children: dict[str, list[str]] = defaultdict(list)
    has_parent: set[str] = set()
    solid: dict[str, list[str]] = defaultdict(list)  # report -> managers, indexed once (was a scan per contact)
    for e in reports_to:
        if not e.get("dotted"):
            solid[str(e["from"])].append(str(e["to"]))
    for node in ids:
        d = depths[node]
        if not d:
            continue
        managers = sorted(m for m in solid.get(node, ()) if depths.get(m) == d - 1)
        if managers:
            children[managers[0]].append(node)
            has_parent.add(node)
    stacked = {n for n, kids in children.items() if len(kids) > stack_after and not any(children.get(k) for k in kids)}
    widths: dict[str, int] = {}

    def bands(kids: list[str]) -> list[list[str]]:
        """Greedy packing of report subtrees into bands no wider than max_columns (at least one each)."""
        out: list[list[str]] = [[]]
        used = 0
        for kid in kids:
            if out[-1] and used + measure(kid) > max_columns:
                out.append([])
                used = 0
            out[-1].append(kid)
            used += measure(kid)
        return out

    def measure(node: str) -> int:
        if node not in widths:
            kids = children.get(node, [])
            if not kids:
                widths[node] = 1
            elif node in stacked:
                widths[node] = (len(kids) - 1) // stack_rows + 1
            else:
                widths[node] = max(sum(measure(k) for k in band) for band in bands(kids))
        return widths[node]

    positions: dict[str, tuple[float, float]] = {}

    def place(node: str, left: float, y: float) -> float:
        """Lay out the subtree of `node` from column `left` at height y; returns its lowest y."""
        kids = children.get(node, [])
        positions[node] = ((left + (measure(node) - 1) / 2) * x_gap, y)
        if not kids:
            return y
        if node in stacked:
            for i, kid in enumerate(kids):
                positions[kid] = ((left + i // stack_rows) * x_gap, y + y_gap * (1 + (i % stack_rows) * 0.62))
            return y + y_gap * (1 + (min(len(kids), stack_rows) - 1) * 0.62)
        bottom = y
        band_y = y + y_gap
        for band in bands(kids):
            band_width = sum(measure(k) for k in band)
            offset = left + (measure(node) - band_width) / 2  # centre each band under the manager
            band_bottom = band_y
            for kid in band:
                band_bottom = max(band_bottom, place(kid, offset, band_y))
                offset += measure(kid)
            bottom = max(bottom, band_bottom)
            band_y = band_bottom + y_gap
        return bottom

    left = 0.0
    bottom = -y_gap
    for root in (n for n in ids if depths[n] is not None and n not in has_parent):
        bottom = max(bottom, place(root, left, 0.0))
        left += measure(root) + 0.5
    top_of_loose = bottom + y_gap * 1.2
    loose = [n for n in ids if depths[n] is None]
    for i, node in enumerate(loose):
        positions[node] = ((i % loose_per_row) * x_gap, top_of_loose + (i // loose_per_row) * y_gap * 0.8)
    return positions
