"""Subject access (admin): everything the store holds about one contact or employee (issue 18).

Erasure is `DELETE /contacts/{id}?erase=true` (and /employees), next to the plain delete (app.api.crud).
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.api.crud import EntityId
from app.api.deps import GraphDep
from app.services.erasure import personal_data

router = APIRouter(tags=["privacy"])


@router.get("/contacts/{entity_id}/personal-data", response_model=dict[str, Any],
            summary="Everything held about one contact (subject access)")
def contact_personal_data(entity_id: EntityId, graph: GraphDep) -> dict[str, Any]:
    return plain(personal_data(graph, "contacts", entity_id))


@router.get("/employees/{entity_id}/personal-data", response_model=dict[str, Any],
            summary="Everything held about one employee (subject access)")
def employee_personal_data(entity_id: EntityId, graph: GraphDep) -> dict[str, Any]:
    return plain(personal_data(graph, "employees", entity_id))


def plain(value: Any) -> Any:
    """Neo4j dates and times as ISO text, so the answer is plain JSON."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


