"""FastAPI application factory: one driver per process, opened in the lifespan and injected."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app.api.docs import install_offline_docs
from app.api.errors import install_error_handlers, install_error_media_type
from app.api.gate import GateLimits, RequestGate
from app.api.headers import SecurityHeaders
from app.api.json_guard import JsonBodyGuard
from app.api.openapi_names import install_schema_names, operation_id
from app.api.limits import BodySizeLimit
from app.api.render_budget import RenderBudgetMiddleware
from app.api.router import api_router
from app.core.config import Settings, get_settings
from app.core.errors import DatabaseUnavailable
from app.db.graph import Graph, create_driver
from app.db.schema import apply_schema
from app.services.import_journal import recover as recover_import
from app.services.keys import KeyCache
from app.services import reach_memory
from app.services.warm_up import WarmUp

log = logging.getLogger("brm")
STATIC_DIR = Path(__file__).resolve().parent / "viz" / "static"
SHUTDOWN_WAIT_S = 10.0  # how long shutdown waits for the warm-up's plan and the background reach reads


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings)
        app.state.settings = settings
        app.state.graph = Graph.from_settings(driver, settings)
        app.state.key_cache = KeyCache(settings.auth_cache_ttl_s)
        app.state.warm_up = WarmUp(app.state.graph, settings, routes=app.openapi)
        try:
            app.state.graph.ping()
            apply_schema(app.state.graph)
            recover_import(app.state.graph, stale_s=settings.import_stale_s)  # a dead import's batches go
            if settings.warm_up:
                app.state.warm_up.ensure()  # in the background; /ready waits for it
        except DatabaseUnavailable as exc:  # start anyway: /ready says why, and retries
            log.warning("schema not applied at start-up: %s", exc.message)
        try:
            yield
        finally:  # background work first: a query in flight on a closing driver fails inside the driver
            app.state.warm_up.stop(SHUTDOWN_WAIT_S)
            reach_memory.join_background(SHUTDOWN_WAIT_S)
            driver.close()

    app = FastAPI(
        title="brm-graph",
        version="0.1.0",
        summary="Relationship intelligence for B2B enterprise sales, on Neo4j",
        lifespan=lifespan,
        docs_url=None, redoc_url=None,  # served from installed files by app.api.docs (issue 19)
        generate_unique_id_function=operation_id,
    )
    install_error_handlers(app)
    # outermost last: headers on every answer → render budget (/viz/) → body size → who and how often → JSON sanity → routes
    app.add_middleware(JsonBodyGuard, max_depth=settings.max_json_depth)
    app.add_middleware(RequestGate, limits=GateLimits(
        per_address=settings.rate_limit_per_address, per_key=settings.rate_limit_per_key,
        failed_auth=settings.rate_limit_failed_auth, max_concurrent=settings.max_concurrent_requests,
        queue_wait_s=settings.queue_wait_s))
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RenderBudgetMiddleware, seconds=settings.viz_render_budget_s)
    app.add_middleware(SecurityHeaders)
    app.include_router(api_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")  # issue 14: the page's editing JS/CSS
    install_offline_docs(app)
    install_schema_names(app)
    install_error_media_type(app)  # issue 18: error answers are JSON on HTML/CSV/image routes too
    return app
