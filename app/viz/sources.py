"""The data of the deal and reach views: the issue-5 services, as the JSON their endpoints send.

The renderers take the shapes of GET /opportunities/{id}/decision-chain, /win-rate, /gaps and
GET /contacts/{id}/reach; going through `jsonable_encoder` here (dates → ISO strings) means the
views see exactly one shape whether the data came from a service call or from a posted answer.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.encoders import jsonable_encoder

from app.core.config import Settings
from app.db.graph import Graph
from app.services.decision_chain import decision_chain
from app.services.gaps import gaps
from app.services.reach import reach
from app.services.win_rate import win_rate


def deal_data(graph: Graph, settings: Settings, opportunity_id: str, as_of: date | None = None,
              lang: str = "en") -> dict[str, Any]:
    """Decision chain, win rate and gaps of one opportunity (404 from the services if it is unknown)."""
    return jsonable_encoder({
        "chain": decision_chain(graph, settings, opportunity_id, as_of),
        "win_rate": win_rate(graph, settings, opportunity_id, lang=lang),
        "gaps": gaps(graph, settings, opportunity_id, as_of, lang=lang),
    })


def reach_data(graph: Graph, settings: Settings, contact_id: str) -> dict[str, Any]:
    """Best path from each colleague to the contact, default reach options (domain.md section 5)."""
    return jsonable_encoder(reach(graph, settings, contact_id))
