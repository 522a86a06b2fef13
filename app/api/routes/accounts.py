"""/accounts: hand curation of accounts (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from fastapi import APIRouter

from app.api.crud import add_get_list, add_put_delete
from app.models.entities import AccountIn
from app.services.entities import KINDS

router = APIRouter(prefix="/accounts", tags=["accounts"])
add_get_list(router, KINDS["accounts"])
add_put_delete(router, KINDS["accounts"], AccountIn)
