"""Where the deal and reach views get their data: the issue-5 services, found at call time.

The views take the JSON shapes of GET /opportunities/{id}/decision-chain, /win-rate, /gaps and
GET /contacts/{id}/reach. Those services are written in parallel; until they exist the GET viz
routes answer 501 and the page renders the same JSON it already fetched through the POST routes.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fastapi.encoders import jsonable_encoder

from app.core.config import Settings
from app.core.errors import BrmError
from app.db.graph import Graph


class ViewUnavailable(BrmError):
    """A view needs a service that is not installed yet."""

    status_code = 501


# (module, function) candidates per answer, first found wins.
CANDIDATES: dict[str, list[tuple[str, str]]] = {
    "decision_chain": [("app.services.decision_chain", "decision_chain")],
    "win_rate": [("app.services.win_rate", "win_rate")],
    "gaps": [("app.services.gaps", "gaps"), ("app.services.gaps", "opportunity_gaps")],
    "reach": [("app.services.reach", "reach")],
}


def service(answer: str) -> Callable[..., Any]:
    for module_name, function in CANDIDATES[answer]:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        found = getattr(module, function, None)
        if callable(found):
            return found
    raise ViewUnavailable(f"the {answer.replace('_', ' ')} service is not available yet")


def plain(value: Any) -> Any:
    """A service answer (dicts, models, dates) as the JSON the endpoint sends, so views see one shape."""
    return jsonable_encoder(value)


def deal_data(graph: Graph, settings: Settings, opportunity_id: str) -> dict[str, Any]:
    return {
        "chain": plain(service("decision_chain")(graph, settings, opportunity_id)),
        "win_rate": plain(service("win_rate")(graph, settings, opportunity_id)),
        "gaps": plain(service("gaps")(graph, settings, opportunity_id)),
    }


def reach_data(graph: Graph, settings: Settings, contact_id: str) -> dict[str, Any]:
    return plain(service("reach")(graph, settings, contact_id))
