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
from app.services.sessions import COOKIE_NAME, CSRF_HEADER, csrf_matches, session_principal

PUBLIC_PATHS = frozenset({"/health", "/ready", "/", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json",
                          "/auth/login", "/auth/session"})
PUBLIC_PREFIXES = ("/static/", "/docs/assets/")  # the page's JS/CSS (issue 14); the offline API docs' files (issue 19)
ADMIN_PREFIXES = ("/keys", "/export", "/import", "/backup", "/restore", "/users")
ADMIN_SUFFIXES = ("/personal-data",)  # subject access (issue 18): everything held about a person
SIGNED_IN_PREFIXES = ("/auth/",)  # issue 14: me, logout: anyone signed in
EDITOR_PREFIXES = ("/audit",)     # issue 14: editors read an entity's history and undo on the page
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RENDER_PREFIXES = ("/viz/",)  # POST here renders answers the caller already has: a read

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key (brm keys create)")
bearer = HTTPBearer(auto_error=False, description="the same API key as a bearer token")


def required_role(method: str, path: str) -> Role | None:
    """viewer reads; editor writes; admin imports, exports, deletes and manages keys. None = public."""
    if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
        return None
    if path.startswith(SIGNED_IN_PREFIXES):
        return Role.viewer
    if path.endswith(ADMIN_SUFFIXES):
        return Role.admin
    if path.startswith(EDITOR_PREFIXES):
        return Role.editor
    if path.startswith(ADMIN_PREFIXES):
        return Role.admin
    if method == "DELETE":  # issue 14: editors build the map on the page, removing lines and people too
        return Role.editor
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
    if presented:
        principal = authenticate(request.app.state.graph, request.app.state.key_cache, presented)
        if principal is None:
            raise Unauthorized.speaking("api_errors.key_unknown")
    else:
        principal = signed_in_principal(request)
    if not principal.role.allows(needed):
        raise Forbidden(f"role {principal.role.value!r} may not {request.method} {request.url.path}: "
                        f"needs {needed.value!r}")
    request.state.principal = principal
    return principal


def signed_in_principal(request: Request) -> Principal:
    """The person behind the session cookie; a state-changing request must also carry the CSRF token."""
    token = request.cookies.get(COOKIE_NAME)
    if not token:
        raise Unauthorized.speaking("api_errors.sign_in_needed")
    found = session_principal(request.app.state.graph, token)
    if found is None:
        raise Unauthorized.speaking("api_errors.session_ended")
    if request.method not in READ_METHODS and not csrf_matches(token, request.headers.get(CSRF_HEADER)):
        raise Forbidden(f"a request signed in with the session cookie must send the {CSRF_HEADER} header "
                        "(GET /auth/me gives it)")
    request.state.session_token = token
    request.state.session_expires_at = found[1]
    return found[0]


def current_principal(request: Request) -> Principal:
    """The caller of a protected route (authorize ran first as a router dependency)."""
    principal = getattr(request.state, "principal", None)
    if principal is None:
        raise Unauthorized("an API key is required")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def optional_principal(request: Request) -> Principal | None:
    """issue 14: the caller when known (routes that answer "for me" but also work without)."""
    return getattr(request.state, "principal", None)


OptionalPrincipalDep = Annotated[Principal | None, Depends(optional_principal)]
