"""The audit trail (admin): read it by entity and id, and undo a change."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep
from app.services.audit import list_entries, undo

router = APIRouter(prefix="/audit", tags=["access"])


@router.get("", response_model=list[dict[str, Any]])
def get_audit(graph: GraphDep,
              entity: str | None = Query(None, max_length=100, description="label (Contact...) or relationship type"),
              id: str | None = Query(None, max_length=400, description="entity id; relationships: 'from->to'"),
              actor: str | None = Query(None, max_length=300),
              offset: int = Query(0, ge=0, le=1_000_000), limit: int = Query(50, ge=1, le=500)) -> list[dict[str, Any]]:
    return list_entries(graph, entity, id, actor, offset, limit)


@router.post("/{entry_id}/undo", response_model=dict[str, str])
def post_undo(entry_id: str, graph: GraphDep, principal: PrincipalDep) -> dict[str, str]:
    return undo(graph, principal, entry_id)
