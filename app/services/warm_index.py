"""Who can reach whom, for every contact at once, in memory (issue 15).

The company-wide views (departure risk, coverage, rep levels) need, per contact, whether NOBODY,
exactly ONE employee, or SEVERAL employees have a warm path to it (reach rules of domain.md
section 5 with default parameters: KNOWS, then at most `max_hops` customer-side steps along
INFLUENCES in its direction, REPORTS_TO either way or a shared circle, never passing through a
hostile contact). app.services.warm_paths answers that per target with one query per hop level;
for 100,000 targets that took a minute. Here one query reads the reach graph
(cypher/warm_index_contacts.cypher) and numpy does the rest:

- `two_sources`: per contact, the two smallest DISTINCT employee indices among its sources. The
  sets are propagated hop by hop, S_h(c) = S_0(c) ∪ ⋃ S_{h-1}(p) over the non-hostile p that step
  to c, but each truncated to its two smallest members. Truncation is exact for what we ask: a
  union has at least two members iff the union of the truncated sets has, and when it has exactly
  one, the truncated sets hold it. Linear in the edges per hop.
- `reaches`: for given (employee, contact) pairs, whether that employee reaches that contact
  (rep levels ask it for the key people of a rep's excellent accounts): a backward breadth-first
  walk from the targets over (contact, target) pairs, vectorised.

Circles are nodes of their own (a member steps to any other member), never member cliques.
tests/integration/test_warm_index.py checks both against warm_paths.warm_sources.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.db.graph import Graph
from app.services.view_cache import cached

NONE = np.iinfo(np.int64).max  # "no source" in the two-sources arrays


@dataclass
class WarmIndex:
    """The reach graph of one version of the data, as integer arrays (contacts and employees by position)."""

    employee_rows: list[dict[str, Any]]     # id, name, title, team (by position)
    contacts: list[dict[str, Any]]          # id, name, account, account_name (by position)
    position: dict[str, int]                # contact id -> position
    employees: list[str]                    # employee ids (by position)
    employee_position: dict[str, int]
    hostile: np.ndarray                     # bool per contact
    step_src: np.ndarray                    # contact steps to contact (INFLUENCES, REPORTS_TO both ways)
    step_dst: np.ndarray
    member_contact: np.ndarray              # circle memberships
    member_circle: np.ndarray
    circles: int
    knows_employee: np.ndarray              # KNOWS edges
    knows_contact: np.ndarray
    _two: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.contacts)

    # ------------------------------------------------------------------ two smallest sources per contact
    def two_sources(self, max_hops: int) -> tuple[np.ndarray, np.ndarray]:
        """(first, second): per contact the smallest and second smallest employee index with a warm path
        to it, NONE where there is none. Computed once per hop count for this version of the graph."""
        if max_hops not in self._two:
            self._two[max_hops] = self._propagate(max_hops)
        return self._two[max_hops]

    def _propagate(self, max_hops: int) -> tuple[np.ndarray, np.ndarray]:
        n = self.size
        first, second = two_smallest(self.knows_contact, self.knows_employee,
                                     np.full(len(self.knows_employee), NONE), n)
        passable = ~self.hostile
        step = passable[self.step_src]
        src, dst = self.step_src[step], self.step_dst[step]
        mem = passable[self.member_contact]
        m_contact, m_circle = self.member_contact[mem], self.member_circle[mem]
        for _ in range(max_hops):
            c_first, c_second = two_smallest(m_circle, first[m_contact], second[m_contact], self.circles)
            nodes = np.arange(n)
            dsts = np.concatenate([nodes, dst, self.member_contact])
            v1 = np.concatenate([first, first[src], c_first[self.member_circle]])
            v2 = np.concatenate([second, second[src], c_second[self.member_circle]])
            new_first, new_second = two_smallest(dsts, v1, v2, n)
            if np.array_equal(new_first, first) and np.array_equal(new_second, second):
                break
            first, second = new_first, new_second
        return first, second

    def source_counts(self, max_hops: int) -> np.ndarray:
        """Per contact: 0 (nobody can reach it), 1 (exactly one employee) or 2 (two or more)."""
        first, second = self.two_sources(max_hops)
        return (first != NONE).astype(np.int8) + (second != NONE).astype(np.int8)

    def sole_source(self, max_hops: int) -> dict[str, list[str]]:
        """Employee id -> the contact ids only that employee can reach (sorted)."""
        first, second = self.two_sources(max_hops)
        only = np.flatnonzero((first != NONE) & (second == NONE))
        out: dict[str, list[str]] = {}
        for contact, employee in zip(only.tolist(), first[only].tolist()):
            out.setdefault(self.employees[employee], []).append(self.contacts[contact]["id"])
        return {e: sorted(ids) for e, ids in out.items()}

    def sole_source_of(self, employee_id: str, max_hops: int) -> list[str]:
        """The contact ids only this employee can reach (one employee's departure impact)."""
        e = self.employee_position.get(employee_id)
        if e is None:
            return []
        first, second = self.two_sources(max_hops)
        only = np.flatnonzero((first == e) & (second == NONE))
        return sorted(self.contacts[i]["id"] for i in only.tolist())

    # ------------------------------------------------------------------ does employee E reach contact C?
    def reaches(self, pairs: list[tuple[str, str]], max_hops: int) -> set[tuple[str, str]]:
        """The (employee id, contact id) pairs among `pairs` where the employee has a warm path to the contact."""
        known = [(e, c) for e, c in pairs if e in self.employee_position and c in self.position]
        if not known:
            return set()
        pair_emp = np.array([self.employee_position[e] for e, _ in known], dtype=np.int64)
        pair_contact = np.array([self.position[c] for _, c in known], dtype=np.int64)
        targets = np.unique(pair_contact)
        m = len(targets)
        pair_slot = np.searchsorted(targets, pair_contact)
        preds = _csr(self.step_dst, self.step_src, self.size)                    # who steps to u
        circles_of = _csr(self.member_contact, self.member_circle, self.size)    # u's circles
        members_of = _csr(self.member_circle, self.member_contact, self.circles)
        passable = ~self.hostile
        seen = targets * m + np.arange(m)          # (contact, slot) pairs as contact * m + slot
        frontier_node, frontier_slot = targets, np.arange(m)
        for _ in range(max_hops):
            n1, s1 = _expand(preds, frontier_node, frontier_slot)
            ci, s2 = _expand(circles_of, frontier_node, frontier_slot)
            n2, s2 = _expand(members_of, ci, s2)
            nodes, slots = np.concatenate([n1, n2]), np.concatenate([s1, s2])
            keep = passable[nodes]
            keys = np.unique(nodes[keep] * m + slots[keep])
            keys = keys[~np.isin(keys, seen, assume_unique=True)]
            if len(keys) == 0:
                break
            seen = np.union1d(seen, keys)
            frontier_node, frontier_slot = keys // m, keys % m
        knowers = _csr(self.knows_contact, self.knows_employee, self.size)
        emp, slot = _expand(knowers, seen // m, seen % m)
        hit = np.isin(pair_emp * m + pair_slot, emp * m + slot)
        return {pair for pair, ok in zip(known, hit.tolist()) if ok}


def two_smallest(groups: np.ndarray, v1: np.ndarray, v2: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group 0..size-1: the smallest and second smallest distinct value among v1, v2 of its rows
    (NONE where there are fewer). Values are employee indices; NONE entries are ignored."""
    first = np.full(size, NONE, dtype=np.int64)
    second = np.full(size, NONE, dtype=np.int64)
    g = np.concatenate([groups, groups]).astype(np.int64)
    v = np.concatenate([v1, v2]).astype(np.int64)
    real = v != NONE
    g, v = g[real], v[real]
    if len(g) == 0:
        return first, second
    span = int(v.max()) + 1
    keys = np.unique(g * span + v)               # sorted by group, then value; duplicates gone
    kg, kv = keys // span, keys % span
    starts = np.flatnonzero(np.r_[True, kg[1:] != kg[:-1]])
    first[kg[starts]] = kv[starts]
    nxt = starts + 1
    has = nxt < len(keys)
    has[has] = kg[nxt[has]] == kg[starts[has]]
    second[kg[starts[has]]] = kv[nxt[has]]
    return first, second


def _csr(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, values sorted by key): values of key k are values[indptr[k]:indptr[k+1]]."""
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=size)
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, values[order]


def _expand(csr: tuple[np.ndarray, np.ndarray], nodes: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every (node, slot), one (neighbour, slot) per neighbour of node in `csr`."""
    indptr, values = csr
    starts, ends = indptr[nodes], indptr[nodes + 1]
    lens = ends - starts
    total = int(lens.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
    return values[offsets].astype(np.int64), np.repeat(slots, lens)


def load_warm_index(graph: Graph) -> WarmIndex:
    """Read the reach graph of every contact (one query) and the employees, and index them."""
    return index_from_rows(graph.read("warm_index_contacts", ids=None), graph.read("employees_brief"))


def index_from_rows(rows: list[dict[str, Any]], employee_rows: list[dict[str, Any]]) -> WarmIndex:
    """Index rows of cypher/warm_index_contacts.cypher (any order) and of employees_brief."""
    rows = list(rows)
    employees = [row["id"] for row in employee_rows]
    employee_position = {e: i for i, e in enumerate(employees)}
    rows.sort(key=lambda r: r["id"])
    position = {row["id"]: i for i, row in enumerate(rows)}
    circle_position: dict[str, int] = {}
    step_src: list[int] = []
    step_dst: list[int] = []
    m_contact: list[int] = []
    m_circle: list[int] = []
    k_emp: list[int] = []
    k_contact: list[int] = []
    for i, row in enumerate(rows):
        for v in row["influences"]:
            j = position.get(v)
            if j is not None:
                step_src.append(i)
                step_dst.append(j)
        for v in row["reports_to"]:
            j = position.get(v)
            if j is not None:  # the step goes both ways
                step_src.extend((i, j))
                step_dst.extend((j, i))
        for ci in row["circles"]:
            m_contact.append(i)
            m_circle.append(circle_position.setdefault(ci, len(circle_position)))
        for e in row["knowers"]:
            k = employee_position.get(e)
            if k is not None:
                k_emp.append(k)
                k_contact.append(i)
    arr = lambda xs: np.array(xs, dtype=np.int64)  # noqa: E731
    contacts = [{"id": r["id"], "name": r["name"], "account": r["account"], "account_name": r["account_name"]}
                for r in rows]
    return WarmIndex(employee_rows=employee_rows, contacts=contacts, position=position, employees=employees, employee_position=employee_position,
                     hostile=np.array([bool(r["hostile"]) for r in rows], dtype=bool),
                     step_src=arr(step_src), step_dst=arr(step_dst), member_contact=arr(m_contact),
                     member_circle=arr(m_circle), circles=len(circle_position), knows_employee=arr(k_emp),
                     knows_contact=arr(k_contact))


def warm_index(graph: Graph) -> WarmIndex:
    """The warm index of the graph as it is now (built once per graph version, app.services.view_cache)."""
    return cached(graph, "warm_index", (), lambda: load_warm_index(graph))
