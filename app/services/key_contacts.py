"""Key contacts per account, shared by rep levels, departure risk and coverage (docs/managers.md)."""
from __future__ import annotations

from typing import Any

from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.models.domain import ATTITUDE_SCORE


def key_contacts(graph: Graph, msettings: ManagerSettings,
                 accounts: list[str] | None = None) -> list[dict[str, Any]]:
    """Per account: `basis` (open_deals | importance) and its key contacts with roles and attitudes."""
    return graph.read("key_contacts", accounts=accounts,
                      fallback_importance=msettings.key_contact_fallback_importance)


def worst_attitude(contact: dict[str, Any]) -> str | None:
    """The lowest attitude over the contact's key roles (overall one when it has none); None if unknown."""
    attitudes = [r["attitude"] for r in contact["roles"] if r["attitude"]] if contact["roles"] else []
    if not contact["roles"] and contact["attitude"]:
        attitudes = [contact["attitude"]]
    return min(attitudes, key=lambda a: ATTITUDE_SCORE[a]) if attitudes else None


def opposed(contact: dict[str, Any]) -> bool:
    """Attitude below neutral (domain.md section 7, KEY_PERSON_OPPOSED)."""
    worst = worst_attitude(contact)
    return worst is not None and ATTITUDE_SCORE[worst] < 0
