"""An independent reach (domain.md section 5) for tests: every simple path enumerated with NetworkX.

Built from the bundle (not from the database), so it shares nothing with cypher/reach.cypher but the
spec: step weight = the best of the relations between two contacts (ties: INFLUENCES, REPORTS_TO_UP,
REPORTS_TO_DOWN, SAME_CIRCLE in that order), weight-0 steps never taken, score = product, contacts
between the employee and the target not hostile unless asked, best path per employee by (score
rounded to 12 decimals, fewer steps, node ids in order), employees ranked the same way.
"""
from __future__ import annotations

import random
from itertools import combinations
from typing import Any

import networkx as nx

HOSTILE = {"negative", "strong_negative"}
RANK = {"INFLUENCES": 1, "REPORTS_TO_UP": 2, "REPORTS_TO_DOWN": 3, "SAME_CIRCLE": 4}
W = {"knows": 0.5, "influences": 0.7, "up": 0.6, "down": 0.8, "circle": 0.5}


def step_graph(bundle: dict[str, Any]) -> nx.DiGraph:
    """Contact -> contact steps, each with the best (weight, type)."""
    g = nx.DiGraph()
    for c in bundle["contacts"]:
        g.add_node(c["id"], attitude=c.get("attitude"))

    def offer(u: str, v: str, weight: float, kind: str) -> None:
        if u == v:
            return
        old = g.get_edge_data(u, v)
        if old is None or (weight, -RANK[kind]) > (old["weight"], -RANK[old["type"]]):
            g.add_edge(u, v, weight=weight, type=kind)

    for r in bundle.get("influences", []):
        offer(r["from"], r["to"], r.get("strength", W["influences"]), "INFLUENCES")
    for r in bundle.get("reports_to", []):
        offer(r["from"], r["to"], W["up"], "REPORTS_TO_UP")
        offer(r["to"], r["from"], W["down"], "REPORTS_TO_DOWN")
    for circle in bundle.get("circles", []):
        for a, b in combinations([m["contact"] for m in circle["members"]], 2):
            offer(a, b, W["circle"], "SAME_CIRCLE")
            offer(b, a, W["circle"], "SAME_CIRCLE")
    return g


def reach(bundle: dict[str, Any], target: str, max_hops: int = 3, include_hostile: bool = False,
          limit: int = 10, team: str | None = None) -> list[tuple[str, float, int, list[str], list[str]]]:
    g = step_graph(bundle)
    allowed = [n for n, a in g.nodes(data="attitude") if n == target or include_hostile or a not in HOSTILE]
    sub = g.subgraph(allowed)
    teams = {e["id"]: e.get("team") for e in bundle["employees"]}
    best: dict[str, tuple] = {}
    for k in bundle.get("knows", []):
        e, c, wk = k["employee"], k["contact"], k.get("strength", W["knows"])
        if wk <= 0 or c not in sub or (team is not None and teams[e] != team):
            continue
        routes = [[c]] if c == target else list(nx.all_simple_paths(sub, c, target, cutoff=max_hops))
        for route in routes:
            steps = list(zip(route, route[1:]))
            weights = [sub[u][v]["weight"] for u, v in steps]
            if any(w <= 0 for w in weights):
                continue
            score = wk
            for w in weights:
                score *= w
            path = [e, *route]
            key = (-round(score, 12), len(route), path)
            if e not in best or key < best[e][0]:
                best[e] = (key, score, path, ["KNOWS"] + [sub[u][v]["type"] for u, v in steps])
    ranked = sorted(best.values(), key=lambda item: item[0])[:limit]
    return [(path[0], round(score, 4), len(path) - 1, path, types) for _, score, path, types in ranked]


def random_bundle(seed: int, contacts: int = 70, employees: int = 14, influence: float = 2.0) -> dict[str, Any]:
    """A small, messy, reproducible bundle: a reporting tree with dotted lines, dense influence with and
    without strengths (some 0), overlapping circles, parallel relations, hostile contacts, KNOWS ties."""
    rng = random.Random(seed)
    attitudes = ["strong_positive", "positive", "neutral", "negative", "strong_negative", None]
    ids = [f"c-{i:03d}" for i in range(contacts)]
    rows = []
    for cid in ids:
        row: dict[str, Any] = {"id": cid, "name": cid.upper(), "account": "acc-r"}
        attitude = rng.choices(attitudes, weights=[1, 3, 3, 2, 1, 1])[0]
        if attitude:
            row["attitude"] = attitude
        rows.append(row)
    reports = [{"from": ids[i], "to": ids[rng.randrange(max(1, i // 2), i) if i > 1 else 0]} for i in range(1, contacts)]
    reports += [{"from": ids[i], "to": ids[j], "dotted": True}
                for i, j in (rng.sample(range(contacts), 2) for _ in range(contacts // 10))]
    reports = list({(r["from"], r["to"]): r for r in reports}.values())
    influences = []
    for _ in range(int(contacts * influence)):
        a, b = rng.sample(ids, 2)
        if (a, b) in {(r["from"], r["to"]) for r in influences}:
            continue
        row = {"from": a, "to": b}
        pick = rng.random()
        if pick < 0.6:
            row["strength"] = round(rng.choice([0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]) if pick < 0.2
                                    else rng.random(), 2)
        influences.append(row)
    # parallel relations on purpose: influence along some reporting lines
    influences += [{"from": r["from"], "to": r["to"], "strength": round(rng.random(), 2)}
                   for r in rng.sample(reports, 8) if (r["from"], r["to"]) not in {(i["from"], i["to"]) for i in influences}]
    circles = []
    for k in range(5):
        members = rng.sample(ids, rng.randint(3, 9))
        circles.append({"id": f"ci-{k}", "name": f"Circle {k}", "account": "acc-r",
                        "members": [{"contact": m, "role": "member"} for m in members]})
    staff = [{"id": f"e-{i:02d}", "name": f"E{i}", "team": rng.choice(["East", "West"])} for i in range(employees)]
    knows = []
    for e in staff:
        for cid in rng.sample(ids, rng.randint(1, 4)):
            row = {"employee": e["id"], "contact": cid}
            if rng.random() < 0.8:
                row["strength"] = round(rng.choice([0.0, 0.5, 1.0]) if rng.random() < 0.15 else rng.random(), 2)
            knows.append(row)
    return {"accounts": [{"id": "acc-r", "name": "Random"}], "contacts": rows, "reports_to": reports,
            "influences": influences, "circles": circles, "employees": staff, "knows": knows}
