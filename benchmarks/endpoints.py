"""What is timed: each endpoint as its service function (raw: Python + the named queries through the driver)
and as its HTTP route, on a random target id of the right kind."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core.config import Settings
from app.db.graph import Graph
from app.services.decision_chain import decision_chain
from app.services.gaps import gaps
from app.services.reach import reach
from app.services.win_rate import win_rate

Raw = Callable[[Graph, Settings, str], Any]


@dataclass(frozen=True)
class Endpoint:
    name: str
    kind: str                       # "contact" or "opportunity": which ids it is timed on
    raw: Raw
    path: Callable[[str], str]
    params: dict[str, Any]
    target_ms: float | None         # p95 target of the issue (None: no target)


def _reach(hops: int) -> Raw:
    return lambda graph, settings, cid: reach(graph, settings, cid, max_hops=hops)


ENDPOINTS: list[Endpoint] = [
    Endpoint("reach_h3", "contact", _reach(3), lambda i: f"/contacts/{i}/reach", {"max_hops": 3}, 50.0),
    Endpoint("reach_h4", "contact", _reach(4), lambda i: f"/contacts/{i}/reach", {"max_hops": 4}, None),
    Endpoint("decision_chain", "opportunity", lambda g, s, i: decision_chain(g, s, i),
             lambda i: f"/opportunities/{i}/decision-chain", {}, 10.0),
    Endpoint("win_rate", "opportunity", lambda g, s, i: win_rate(g, s, i),
             lambda i: f"/opportunities/{i}/win-rate", {}, None),
    Endpoint("gaps", "opportunity", lambda g, s, i: gaps(g, s, i), lambda i: f"/opportunities/{i}/gaps", {}, 100.0),
]
