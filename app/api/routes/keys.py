"""API keys over HTTP (admin): the same operations as `brm keys`."""
from __future__ import annotations

from fastapi import APIRouter, Request, status

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep
from app.models.keys import CreatedKey, KeyCreate, KeyInfo
from app.services.keys import create_key, list_keys, revoke_key

router = APIRouter(prefix="/keys", tags=["access"])


@router.get("", response_model=list[KeyInfo])
def get_keys(graph: GraphDep) -> list[KeyInfo]:
    return list_keys(graph)


@router.post("", response_model=CreatedKey, status_code=status.HTTP_201_CREATED)
def post_key(body: KeyCreate, graph: GraphDep, principal: PrincipalDep) -> CreatedKey:
    """The key is in this answer only; Neo4j keeps its hash. Names are unique among live keys (409)."""
    return create_key(graph, body.name, body.role, principal, body.user)


@router.delete("/{key}", response_model=dict[str, list[str]])
def delete_key(key: str, request: Request, graph: GraphDep, principal: PrincipalDep) -> dict[str, list[str]]:
    """Revoke by id, or by name when exactly one live key has it (else 409: revoke by id)."""
    return {"revoked": revoke_key(graph, key, request.app.state.key_cache, principal)}
