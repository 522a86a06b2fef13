"""Reach (domain.md section 5) computed independently with NetworkX on an in-memory copy of the graph.

Used as the reference answer and as the speed baseline for the Neo4j reach. Not a path
enumeration: a dynamic programme backwards from the target, one level per customer-side
step, keeping for every contact its best suffix (highest score, then smallest node ids)
per exact length. Since every step weight is at most 1, a walk that repeats a node is
never better than the path without the loop (lower or equal score, more steps), so the
best walk found this way is a simple path, i.e. the answer domain.md asks for.

Circles are nodes of their own (member -> circle edges) rather than member cliques:
a big circle would otherwise add thousands of edges per account.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from app.core.config import Settings
from app.db.graph import Graph

HOSTILE = frozenset({"negative", "strong_negative"})
CIRCLE = "circle"
TIE = 1e-12  # scores closer than this are equal (products in another order differ in the last bits)


@dataclass(frozen=True)
class Weights:
    knows: float
    influences: float
    reports_up: float
    reports_down: float
    same_circle: float

    @classmethod
    def from_settings(cls, s: Settings) -> "Weights":
        return cls(s.reach_knows_default, s.reach_influences_default, s.reach_reports_up, s.reach_reports_down,
                   s.reach_same_circle)


@dataclass(frozen=True)
class ReachPath:
    employee: str
    score: float
    steps: int
    path: tuple[str, ...]  # employee, then contacts, ending at the target


def _better(a: tuple[float, tuple[str, ...]], b: tuple[float, tuple[str, ...]] | None) -> bool:
    """Same length: higher score wins, then the smaller node-id sequence."""
    if b is None:
        return True
    if abs(a[0] - b[0]) > TIE:
        return a[0] > b[0]
    return a[1] < b[1]


class NxReach:
    """The reach graph: contacts, employees and circles as nodes; customer steps as weighted edges."""

    def __init__(self, weights: Weights) -> None:
        self.w = weights
        self.g = nx.DiGraph()

    # ------------------------------------------------------------------ building
    def add_contact(self, contact_id: str, attitude: str | None) -> None:
        self.g.add_node(contact_id, kind="contact", hostile=attitude in HOSTILE)

    def _step(self, src: str, dst: str, weight: float) -> None:
        """A customer-side step src -> dst; of several kinds between one pair only the best weight matters."""
        old = self.g.get_edge_data(src, dst)
        if old is None or old["w"] < weight:
            self.g.add_edge(src, dst, w=weight, kind="step")

    def add_reports_to(self, report: str, manager: str) -> None:
        self._step(report, manager, self.w.reports_up)
        self._step(manager, report, self.w.reports_down)

    def add_influence(self, src: str, dst: str, strength: float | None) -> None:
        self._step(src, dst, self.w.influences if strength is None else strength)

    def add_member(self, contact_id: str, circle_id: str) -> None:
        node = (CIRCLE, circle_id)
        self.g.add_node(node, kind=CIRCLE)
        self.g.add_edge(contact_id, node, kind="member")

    def add_knows(self, employee: str, contact_id: str, strength: float | None) -> None:
        self.g.add_node(employee, kind="employee")
        self.g.add_edge(employee, contact_id, w=self.w.knows if strength is None else strength, kind="knows")

    # ------------------------------------------------------------------ reach
    def _predecessors(self, node: str) -> Iterable[tuple[str, float]]:
        """Contacts one customer step before `node`, with the step's weight (circle co-members included)."""
        g = self.g
        for src, data in g.pred[node].items():
            if data["kind"] == "step":
                yield src, data["w"]
        for circle, data in g.succ[node].items():
            if data["kind"] == "member":
                for member in g.pred[circle]:
                    if member != node:
                        yield member, self.w.same_circle

    def reach(self, target: str, max_hops: int = 3, limit: int = 10, include_hostile: bool = False) -> list[ReachPath]:
        """Top `limit` employees by their best path's score (then fewer steps, then path ids)."""
        if target not in self.g or self.g.nodes[target].get("kind") != "contact":
            return []
        hostile = self.g.nodes
        level: dict[str, tuple[float, tuple[str, ...]]] = {target: (1.0, (target,))}
        levels = [level]
        for k in range(1, max_hops + 1):
            nxt: dict[str, tuple[float, tuple[str, ...]]] = {}
            for node, (score, path) in level.items():
                if k > 1 and not include_hostile and hostile[node]["hostile"]:
                    continue  # node would be passed through
                for pred, weight in self._predecessors(node):
                    cand = (score * weight, (pred,) + path)
                    if _better(cand, nxt.get(pred)):
                        nxt[pred] = cand
            levels.append(nxt)
            level = nxt
        best: dict[str, ReachPath] = {}
        for k, lvl in enumerate(levels):
            for contact, (score, path) in lvl.items():
                if k > 0 and not include_hostile and hostile[contact]["hostile"]:
                    continue  # the known contact is passed through
                for employee, data in self.g.pred[contact].items():
                    if data["kind"] != "knows":
                        continue
                    cand = ReachPath(employee, data["w"] * score, k + 1, (employee,) + path)
                    if _path_better(cand, best.get(employee)):
                        best[employee] = cand
        return sorted(best.values(), key=rank_key)[:limit]


def rank_key(p: ReachPath) -> tuple[float, int, tuple[str, ...]]:
    return (-round(p.score, 12), p.steps, p.path)


def _path_better(a: ReachPath, b: ReachPath | None) -> bool:
    if b is None:
        return True
    if abs(a.score - b.score) > TIE:
        return a.score > b.score
    if a.steps != b.steps:
        return a.steps < b.steps
    return a.path < b.path


# ---------------------------------------------------------------------- loading
def _stream(graph: Graph, name: str) -> Iterable[dict[str, Any]]:
    """Rows of a named bench query, streamed (10×S has millions of edges)."""
    from app.db.queries import query
    with graph.driver.session(database=graph.database, default_access_mode="READ", fetch_size=50_000) as session:
        for record in session.run(query(name)):
            yield record.data()


def load_from_neo4j(graph: Graph, settings: Settings) -> NxReach:
    """The in-memory copy: contacts (attitude), REPORTS_TO, INFLUENCES, circles, KNOWS."""
    reach = NxReach(Weights.from_settings(settings))
    for row in _stream(graph, "bench_reach_contacts"):
        reach.add_contact(row["id"], row["attitude"])
    for row in _stream(graph, "bench_reach_reports_to"):
        reach.add_reports_to(row["src"], row["dst"])
    for row in _stream(graph, "bench_reach_influences"):
        reach.add_influence(row["src"], row["dst"], row["strength"])
    for row in _stream(graph, "bench_reach_circles"):
        reach.add_member(row["contact"], row["circle"])
    for row in _stream(graph, "bench_reach_knows"):
        reach.add_knows(row["employee"], row["contact"], row["strength"])
    return reach


def load_from_bundle(bundle: dict[str, list[dict[str, Any]]], settings: Settings) -> NxReach:
    """The same copy straight from a bundle (tests, and a cross-check of the Neo4j loader)."""
    reach = NxReach(Weights.from_settings(settings))
    for row in bundle.get("contacts", []):
        reach.add_contact(row["id"], row.get("attitude"))
    for row in bundle.get("reports_to", []):
        reach.add_reports_to(row["from"], row["to"])
    for row in bundle.get("influences", []):
        reach.add_influence(row["from"], row["to"], row.get("strength"))
    for row in bundle.get("circles", []):
        for member in row.get("members", []):
            reach.add_member(member["contact"], row["id"])
    for row in bundle.get("knows", []):
        reach.add_knows(row["employee"], row["contact"], row.get("strength"))
    return reach
