"""Liveness (/health: the process answers) and readiness (/ready: Neo4j reachable, schema applied).

Both are served apart from the heavy work (issue 18): /health runs on the event loop without touching
the thread pool, /ready runs its check in a pool of its own, and the request gate lets both through
without rate limits or a concurrency slot. /ready says only up or down: the reason (which may name
Neo4j's address and the driver's error) goes to the log, for operators.
"""
from __future__ import annotations

import logging
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.api.errors import RETRY_AFTER_S
from app.core.errors import DatabaseUnavailable
from app.db.graph import Graph
from app.db.schema import apply_schema, missing_schema

router = APIRouter(tags=["health"])
log = logging.getLogger("brm")
READY_THREADS = anyio.CapacityLimiter(2)


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    reason: str | None = None


@router.get("/health", response_model=Health)
async def health() -> Health:
    return Health(status="ok")


@router.get("/ready", response_model=Readiness, responses={503: {"model": Readiness}})
async def ready(request: Request) -> Readiness | JSONResponse:
    reason = await anyio.to_thread.run_sync(not_ready_reason, request.app.state.graph,
                                            getattr(request.app.state, "warm_up", None),
                                            request.app.state.settings, limiter=READY_THREADS)
    if reason is None:
        return Readiness(status="ready")
    log.warning("not ready: %s", reason)
    return JSONResponse(status_code=503, content=Readiness(status="unavailable").model_dump(),
                        headers={"Retry-After": RETRY_AFTER_S})


def not_ready_reason(graph: Graph, warm: Any = None, settings: Any = None) -> str | None:
    """None when Neo4j answers, the schema is in place (mended once if missing) and the named queries
    are planned (issue 19: the first click after a start is fast); else why not."""
    try:
        graph.ping()
        missing = missing_schema(graph)
        if missing:  # Neo4j was down at start-up, or someone dropped an index: mend it once
            apply_schema(graph)
            missing = missing_schema(graph)
    except DatabaseUnavailable as exc:
        if warm is not None:
            warm.invalidate()  # when Neo4j comes back its plan cache is empty: warm again first
        return exc.message
    if missing:
        return f"schema not applied: missing {', '.join(sorted(missing))}"
    if warm is not None and settings is not None and settings.warm_up:
        warm.ensure()
        if not warm.wait(settings.warm_up_wait_s):
            return "warming up: planning the named queries"
    return None
