"""/accounts: hand curation of accounts (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_put_delete, resource_router
from app.models.entities import AccountIn
from app.services.entities import KINDS

router = resource_router("/accounts", "accounts")
add_get_list(router, KINDS["accounts"])
add_put_delete(router, KINDS["accounts"], AccountIn)
