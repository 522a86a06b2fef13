"""The request gate (ASGI): who may come in, how often, and how many at a time — before any body is read.

In order, for every request except /health and /ready (which pass straight through, so they never
wait behind heavy work):

1. a rate limit per client address (429 + Retry-After);
2. for a protected route: the API key is checked here, before the body is parsed (a bad body without
   a key is a 401, not a 400/422). Failed authentications are counted per address; once over their
   limit the address gets 429 without a database lookup (random keys cannot turn into Neo4j load);
3. a rate limit per key;
4. a concurrency slot: at most `max_concurrent_requests` requests run at once (below the thread pool's
   40 threads); one that cannot get a slot within `queue_wait_s` gets 429 instead of queueing forever.

Counters live in memory (`limits`' MemoryStorage, moving windows): per process, reset on restart.
"""
from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass

import anyio
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.auth import READ_METHODS, required_role
from app.api.errors import RETRY_AFTER_S, error_body
from app.api.language import request_language
from app.core.errors import DatabaseUnavailable
from app.i18n import t
from app.models.keys import Role
from app.services.keys import authenticate
from app.services.sessions import COOKIE_NAME, CSRF_HEADER, csrf_matches, session_principal

UNGATED_PATHS = frozenset({"/health", "/ready"})
AUTH_THREADS = 8  # key lookups run in their own small pool, never in the routes' pool


@dataclass(frozen=True)
class GateLimits:
    """The limits of one app, from Settings (strings in `limits`' notation, e.g. "20/second;600/minute")."""

    per_address: str
    per_key: str
    failed_auth: str
    max_concurrent: int
    queue_wait_s: float


class RequestGate:
    def __init__(self, app: ASGIApp, limits: GateLimits) -> None:
        self.app = app
        self.limits = limits
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_address = parse_many(limits.per_address)
        self.per_key = parse_many(limits.per_key)
        self.failed_auth = parse_many(limits.failed_auth)
        self.auth_threads = anyio.CapacityLimiter(AUTH_THREADS)
        self.slots: asyncio.Semaphore | None = None  # made on first use, inside the running loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNGATED_PATHS:
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        lang = request_language(scope)
        refused = self._over("address", self.per_address, address, "hardening.rate_address", lang)
        if refused is None:
            refused = await self._authenticate(scope, address, lang)
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self._run_in_slot(scope, receive, send, lang)

    # ------------------------------------------------------------------ rate limits
    def _over(self, kind: str, items: list[RateLimitItem], who: str, message: str, lang: str,
              hit: bool = True) -> JSONResponse | None:
        """None if `who` is within every limit (and, with hit, counts this request); else the 429."""
        for item in items:
            allowed = self.limiter.hit(item, kind, who) if hit else self.limiter.test(item, kind, who)
            if not allowed:
                reset, _ = self.limiter.get_window_stats(item, kind, who)
                return too_many(message, lang, max(1, math.ceil(reset - time.time())))
        return None

    async def _authenticate(self, scope: Scope, address: str, lang: str) -> JSONResponse | None:
        needed = required_role(scope["method"], scope["path"])
        if needed is None:
            return None
        headers = Headers(scope=scope)
        presented = presented_key(headers)
        if not presented:
            token = cookie_parser(headers.get("cookie", "")).get(COOKIE_NAME)
            if not token:
                return unauthorized(t("hardening.key_required", lang))
            return await self._authenticate_session(scope, headers, token, needed, address, lang)
        throttled = self._over("failed-auth", self.failed_auth, address, "hardening.rate_failed_auth", lang,
                               hit=False)
        if throttled is not None:
            return throttled
        app = scope["app"]
        try:
            principal = await anyio.to_thread.run_sync(
                authenticate, app.state.graph, app.state.key_cache, presented, limiter=self.auth_threads)
        except DatabaseUnavailable as exc:
            return JSONResponse(status_code=503, content=error_body(exc), headers={"Retry-After": RETRY_AFTER_S})
        if principal is None:
            self._over("failed-auth", self.failed_auth, address, "hardening.rate_failed_auth", lang)
            return unauthorized(t("hardening.key_invalid", lang))
        if not principal.role.allows(needed):
            return error(403, "Forbidden", t("hardening.forbidden", lang, role=principal.role.value,
                                             method=scope["method"], path=scope["path"], needed=needed.value))
        limited = self._over("key", self.per_key, principal.key_id, "hardening.rate_key", lang)
        if limited is not None:
            return limited
        scope.setdefault("state", {})["principal"] = principal
        return None

    async def _authenticate_session(self, scope: Scope, headers: Headers, token: str, needed: Role, address: str,
                                    lang: str) -> JSONResponse | None:
        """issue 14's sign-in cookie, checked here too (before the body): session, CSRF on writes, role."""
        throttled = self._over("failed-auth", self.failed_auth, address, "hardening.rate_failed_auth", lang,
                               hit=False)
        if throttled is not None:
            return throttled
        try:
            found = await anyio.to_thread.run_sync(session_principal, scope["app"].state.graph, token,
                                                   limiter=self.auth_threads)
        except DatabaseUnavailable as exc:
            return JSONResponse(status_code=503, content=error_body(exc), headers={"Retry-After": RETRY_AFTER_S})
        if found is None:
            self._over("failed-auth", self.failed_auth, address, "hardening.rate_failed_auth", lang)
            return unauthorized("the session has expired or was signed out: sign in again")
        principal, expires_at = found
        if scope["method"] not in READ_METHODS and not csrf_matches(token, headers.get(CSRF_HEADER)):
            return error(403, "Forbidden", f"a request signed in with the session cookie must send the "
                                           f"{CSRF_HEADER} header (GET /auth/me gives it)")
        if not principal.role.allows(needed):
            return error(403, "Forbidden", t("hardening.forbidden", lang, role=principal.role.value,
                                             method=scope["method"], path=scope["path"], needed=needed.value))
        limited = self._over("key", self.per_key, f"user:{principal.user or principal.name}", "hardening.rate_key",
                             lang)
        if limited is not None:
            return limited
        state = scope.setdefault("state", {})
        state.update(principal=principal, session_token=token, session_expires_at=expires_at)
        return None

    # ------------------------------------------------------------------ concurrency
    async def _run_in_slot(self, scope: Scope, receive: Receive, send: Send, lang: str) -> None:
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.limits.max_concurrent)
        try:
            await asyncio.wait_for(self.slots.acquire(), timeout=self.limits.queue_wait_s)
        except TimeoutError:
            await too_many("hardening.busy", lang, 1)(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()


def presented_key(headers: Headers) -> str | None:
    """The key from X-API-Key, or from `Authorization: Bearer …`."""
    key = headers.get("x-api-key")
    if key:
        return key
    scheme, _, credentials = (headers.get("authorization") or "").partition(" ")
    return credentials.strip() or None if scheme.lower() == "bearer" else None


def unauthorized(message: str) -> JSONResponse:
    return error(401, "Unauthorized", message, {"WWW-Authenticate": 'Bearer realm="brm-graph"'})


def error(status: int, name: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": name, "message": message}, headers=headers)


def too_many(message_key: str, lang: str, retry_after_s: int) -> JSONResponse:
    return error(429, "TooManyRequests", t(message_key, lang, seconds=retry_after_s),
                 {"Retry-After": str(retry_after_s)})
