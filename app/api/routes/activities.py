"""/activities: hand curation of activities (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from fastapi import APIRouter

from app.api.crud import add_get_list, add_put_delete
from app.models.entities import ActivityIn
from app.services.entities import KINDS

router = APIRouter(prefix="/activities", tags=["activities"])
add_get_list(router, KINDS["activities"])
add_put_delete(router, KINDS["activities"], ActivityIn)
