"""The audit trail (admin): read it by entity and id, and undo a change."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep
from app.core.errors import InvalidInput
from app.services.audit import list_entries, related_entries, undo
from app.services.importer import error_item

router = APIRouter(prefix="/audit", tags=["access"])


@router.get("", response_model=list[dict[str, Any]])
def get_audit(graph: GraphDep,
              entity: str | None = Query(None, max_length=100, description="label (Contact...) or relationship type"),
              id: str | None = Query(None, max_length=400, description="entity id; relationships: 'from->to'"),
              actor: str | None = Query(None, max_length=300),
              offset: int = Query(0, ge=0, le=1_000_000), limit: int = Query(50, ge=1, le=500),
              related: bool = Query(False, description="with `entity` and `id` of a node: also the entries of the "
                                    "relationships it has at either end (a deal's members and competitors' ratings, "
                                    "a person's lines, circles, roles and ties)")) -> list[dict[str, Any]]:
    if not related:
        return list_entries(graph, entity, id, actor, offset, limit)
    if entity is None or id is None:
        name = "entity" if entity is None else "id"
        raise InvalidInput(f"related=true needs {name}", [error_item(None, None, name, "required with related=true")])
    if actor is not None:
        raise InvalidInput("related=true cannot be combined with actor",
                           [error_item(None, None, "actor", "not allowed with related=true")])
    return related_entries(graph, entity, id, offset, limit)


@router.post("/{entry_id}/undo", response_model=dict[str, str])
def post_undo(entry_id: str, graph: GraphDep, principal: PrincipalDep) -> dict[str, str]:
    return undo(graph, principal, entry_id)
