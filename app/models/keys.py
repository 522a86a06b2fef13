"""API key shapes and the role ladder (viewer < editor < admin)."""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from app.models.domain import Name


class Role(str, Enum):
    viewer = "viewer"   # read
    editor = "editor"   # write
    admin = "admin"     # import, export, delete, keys, audit

    @property
    def rank(self) -> int:
        return ROLE_RANK[self.value]

    def allows(self, needed: "Role") -> bool:
        return self.rank >= needed.rank


ROLE_RANK = {"viewer": 0, "editor": 1, "admin": 2}


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    role: Role
    user: str | None = Field(default=None, max_length=64, description="issue 14: the user this key belongs to")


class KeyInfo(BaseModel):
    id: str
    name: str
    role: Role
    created_at: str
    revoked_at: str | None = None
    user: str | None = None  # issue 14


class CreatedKey(KeyInfo):
    key: str  # shown once
