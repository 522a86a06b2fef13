"""/competitors: hand curation of competitors (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_put_delete, resource_router
from app.models.entities import CompetitorIn
from app.services.entities import KINDS

router = resource_router("/competitors", "competitors")
add_get_list(router, KINDS["competitors"])
add_put_delete(router, KINDS["competitors"], CompetitorIn)
