"""Liveness (/health: the process answers) and readiness (/ready: Neo4j reachable, schema applied)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.api.deps import GraphDep, SettingsDep
from app.api.errors import RETRY_AFTER_S
from app.core.errors import DatabaseUnavailable
from app.db.schema import apply_schema, missing_schema

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    reason: str | None = None


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health(status="ok")


@router.get("/ready", response_model=Readiness, responses={503: {"model": Readiness}})
def ready(request: Request, graph: GraphDep, settings: SettingsDep) -> Readiness | JSONResponse:
    warm = getattr(request.app.state, "warm_up", None)
    try:
        graph.ping()
        missing = missing_schema(graph)
        if missing:  # Neo4j was down at start-up, or someone dropped an index: mend it once
            apply_schema(graph)
            missing = missing_schema(graph)
    except DatabaseUnavailable as exc:
        if warm is not None:
            warm.invalidate()  # when Neo4j comes back its plan cache is empty: warm again first
        return _not_ready(exc.message)
    if missing:
        return _not_ready(f"schema not applied: missing {', '.join(sorted(missing))}")
    if warm is not None and settings.warm_up:  # issue 19: the first click after a start is fast
        warm.ensure()
        if not warm.wait(settings.warm_up_wait_s):
            return _not_ready("warming up: planning the named queries")
    return Readiness(status="ready")


def _not_ready(reason: str) -> JSONResponse:
    body = Readiness(status="unavailable", reason=reason).model_dump()
    return JSONResponse(status_code=503, content=body, headers={"Retry-After": RETRY_AFTER_S})
