"""/activities: hand curation of activities (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_put_delete, resource_router
from app.models.entities import ActivityIn
from app.services.entities import KINDS

router = resource_router("/activities", "activities")
add_get_list(router, KINDS["activities"])
add_put_delete(router, KINDS["activities"], ActivityIn)
