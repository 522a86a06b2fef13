"""Users over HTTP (admin): the same operations as `brm users`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, status

from app.api.deps import GraphDep
from app.models.users import PasswordReset, UserCreate, UserInfo
from app.services.users import create_user, disable_user, list_users, reset_password

router = APIRouter(prefix="/users", tags=["access"])
UsernamePath = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("", response_model=list[UserInfo])
def get_users(graph: GraphDep) -> list[UserInfo]:
    return list_users(graph)


@router.post("", response_model=UserInfo, status_code=status.HTTP_201_CREATED)
def post_user(body: UserCreate, graph: GraphDep) -> UserInfo:
    """Only an argon2 hash of the password is stored; `employee` (optional) says which employee the user is."""
    return create_user(graph, body.username, body.password, body.role, body.employee)


@router.post("/{username}/disable", response_model=dict[str, int])
def post_disable(username: UsernamePath, graph: GraphDep, request: Request) -> dict[str, int]:
    """The user can no longer sign in; their sessions and the API keys that belong to them stop working."""
    ended = disable_user(graph, username)
    request.app.state.key_cache.clear()  # this process forgets the user's keys now (others within AUTH_CACHE_TTL_S)
    return {"sessions_revoked": ended}


@router.post("/{username}/password", response_model=dict[str, int])
def post_password(username: UsernamePath, body: PasswordReset, graph: GraphDep) -> dict[str, int]:
    """Set a new password; the user's sessions are revoked."""
    return {"sessions_revoked": reset_password(graph, username, body.password)}
