"""Sign-in for people: POST /auth/login sets an HttpOnly session cookie, /auth/logout revokes it, /auth/me says who.

Programs keep using API keys; the page uses the cookie plus the CSRF token from the login answer or /auth/me.
"""
from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep, SettingsDep
from app.core.config import Settings
from app.core.errors import Unauthorized
from app.models.users import LoginIn, Me
from app.services.login_limits import LoginLimiter
from app.services.me import my_work
from app.services.sessions import COOKIE_NAME, csrf_token_for, end_session, session_principal, start_session
from app.services.users import verify_login

router = APIRouter(prefix="/auth", tags=["access"])


def login_limiter(request: Request, settings: Settings) -> LoginLimiter:
    """One limiter per app (in memory), made on first use."""
    limiter = getattr(request.app.state, "login_limiter", None)
    if limiter is None:
        limiter = request.app.state.login_limiter = LoginLimiter(settings.login_limit_per_user,
                                                                 settings.login_limit_per_address)
    return limiter


def cookie_is_secure(request: Request, settings: Settings) -> bool:
    return settings.session_cookie_secure if settings.session_cookie_secure is not None \
        else request.url.scheme == "https"


@router.post("/login", response_model=Me, responses={429: {"description": "too many failed sign-ins (Retry-After)"}})
def login(body: LoginIn, request: Request, response: Response, graph: GraphDep, settings: SettingsDep) -> Me:
    """Check the password (argon2); on success set the session cookie and answer who signed in and the CSRF token."""
    address = request.client.host if request.client else "unknown"
    limiter = login_limiter(request, settings)
    limiter.check(body.username, address)
    user = verify_login(graph, body.username, body.password)
    if user is None:
        limiter.failed(body.username, address)
        raise Unauthorized.speaking("api_errors.wrong_password")
    session = start_session(graph, user["username"], settings.session_ttl_s, address)
    response.set_cookie(COOKIE_NAME, session.token, max_age=settings.session_ttl_s, path="/", httponly=True,
                        secure=cookie_is_secure(request, settings), samesite="lax")
    return Me(username=user["username"], role=user["role"], employee=user["employee"],
              expires_at=session.expires_at, csrf_token=session.csrf_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(request: Request, graph: GraphDep, _: PrincipalDep) -> Response:
    """Revoke this session on the server and clear the cookie (an API-key caller has nothing to sign out)."""
    token = getattr(request.state, "session_token", None)
    if token:
        end_session(graph, token)
    answer = Response(status_code=status.HTTP_204_NO_CONTENT)
    answer.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax")
    return answer


@router.get("/me", response_model=Me)
def me(request: Request, principal: PrincipalDep) -> Me:
    """Who the caller is; with a session, also the CSRF token the page sends in X-CSRF-Token."""
    token = getattr(request.state, "session_token", None)
    return Me(username=principal.user or principal.name, role=principal.role, employee=principal.employee,
              expires_at=getattr(request.state, "session_expires_at", None),
              csrf_token=csrf_token_for(token) if token else None)


@router.get("/me/work", response_model=dict)
def my_work_route(graph: GraphDep, principal: PrincipalDep) -> dict:
    """My deals and my accounts (issue 14: the page lists them first); empty when the caller is not an employee."""
    return my_work(graph, principal)


@router.get("/session", response_model=Me | None)
def current_session(request: Request, graph: GraphDep) -> Me | None:
    """Public: the signed-in person of this browser, or null (the page asks this first; no 401 in its console)."""
    token = request.cookies.get(COOKIE_NAME)
    found = session_principal(graph, token) if token else None
    if found is None:
        return None
    principal, expires_at = found
    return Me(username=principal.name, role=principal.role, employee=principal.employee, expires_at=expires_at,
              csrf_token=csrf_token_for(token or ""))
