"""Who may call what: API keys (X-API-Key or Authorization: Bearer) and one role policy for every route.

The policy is a single function of method and path, applied as a router-level
dependency, so a new route is protected by default instead of by remembering to.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from app.core.errors import Forbidden, Unauthorized
from app.models.keys import Role
from app.services.keys import Principal, authenticate

PUBLIC_PATHS = frozenset({"/health", "/ready", "/", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
PUBLIC_PREFIXES = ("/static/",)
ADMIN_PREFIXES = ("/keys", "/audit", "/export", "/import", "/backup", "/restore")
ADMIN_SUFFIXES = ("/personal-data",)  # subject access (issue 18): everything held about a person
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RENDER_PREFIXES = ("/viz/",)  # POST here renders answers the caller already has: a read

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key (brm keys create)")
bearer = HTTPBearer(auto_error=False, description="the same API key as a bearer token")


def required_role(method: str, path: str) -> Role | None:
    """viewer reads; editor writes; admin imports, exports, deletes and manages keys. None = public."""
    if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
        return None
    if path.startswith(ADMIN_PREFIXES) or method == "DELETE" or path.endswith(ADMIN_SUFFIXES):
        return Role.admin
    if method in READ_METHODS or (method == "POST" and path.startswith(RENDER_PREFIXES)):
        return Role.viewer
    return Role.editor


def authorize(
    request: Request,
    header_key: Annotated[str | None, Security(api_key_header)] = None,
    bearer_key: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None,
) -> Principal | None:
    needed = required_role(request.method, request.url.path)
    if needed is None:
        return None
    checked = getattr(request.state, "principal", None)  # app.api.gate authenticated it before the body
    if checked is not None and checked.role.allows(needed):
        return checked
    presented = header_key or (bearer_key.credentials if bearer_key else None)
    if not presented:
        raise Unauthorized("an API key is required: send X-API-Key or Authorization: Bearer")
    principal = authenticate(request.app.state.graph, request.app.state.key_cache, presented)
    if principal is None:
        raise Unauthorized("the API key is unknown, malformed or revoked")
    if not principal.role.allows(needed):
        raise Forbidden(f"role {principal.role.value!r} may not {request.method} {request.url.path}: "
                        f"needs {needed.value!r}")
    request.state.principal = principal
    return principal


def current_principal(request: Request) -> Principal:
    """The caller of a protected route (authorize ran first as a router dependency)."""
    principal = getattr(request.state, "principal", None)
    if principal is None:
        raise Unauthorized("an API key is required")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
