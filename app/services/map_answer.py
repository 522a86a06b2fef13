"""The account map's answer, shared by the live map and the map as of a past day (issue 17), so both
draw from one shape in one stable order."""
from __future__ import annotations

from typing import Any

from app.core.config import Settings
from app.services.interaction import interaction_level


MAP_PARTS = ("contacts", "reports_to", "influences", "employees", "knows", "circles", "departments", "opportunities")


def by_id(item: dict[str, Any]) -> str:
    return item["id"]


def by_ends(edge: dict[str, Any]) -> tuple[str, str]:
    return edge["from"], edge["to"]


def finish_contacts(contacts: list[dict[str, Any]], settings: Settings) -> None:
    """Each contact's interaction level from its activities; its circles and roles in a stable order."""
    for contact in contacts:
        contact["interaction_level"] = interaction_level(contact["activities"], settings).value
        contact["circles"].sort(key=by_id)
        contact["roles"].sort(key=lambda r: r["opportunity"])


def map_answer(account: dict[str, Any], filters: dict[str, Any], parts: dict[str, list[dict[str, Any]]],
               **extra: Any) -> dict[str, Any]:
    """`parts`: the MAP_PARTS lists, each sorted here (nodes by id, edges by their two ends)."""
    edges = {"reports_to", "influences", "knows"}
    return {"account": account, "filter": filters,
            **{name: sorted(items, key=by_ends if name in edges else by_id) for name, items in parts.items()},
            **extra}
