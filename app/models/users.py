"""User and sign-in shapes: a user has a username, a role (as API keys have) and optionally the employee they are."""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.models.keys import Role

Username = Annotated[str, Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]*$",
                                description="letters, digits and . _ @ - (starts with a letter or digit)")]
Password = Annotated[str, Field(min_length=8, max_length=256, description="at least 8 characters")]
EmployeeRef = Annotated[str, Field(min_length=1, max_length=200, description="the employee id this user is")]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: Username
    password: Password
    role: Role
    employee: EmployeeRef | None = None


class PasswordReset(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: Password


class UserInfo(BaseModel):
    username: str
    role: Role
    employee: str | None = None
    disabled: bool = False
    created_at: str
    disabled_at: str | None = None


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class Me(BaseModel):
    """Who is signed in, and the token the page sends back in X-CSRF-Token on every write."""
    username: str
    role: Role
    employee: str | None = None
    expires_at: str | None = None
    csrf_token: str | None = None
