"""/opportunities: hand curation of opportunities (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_link, add_put_delete, resource_router
from app.models.entities import CompetesIn, OpportunityIn, RoleIn
from app.services.entities import KINDS
from app.services.links import LINK_KINDS

router = resource_router("/opportunities", "opportunities")
add_get_list(router, KINDS["opportunities"])
add_put_delete(router, KINDS["opportunities"], OpportunityIn)
add_link(router, LINK_KINDS["roles"], "roles", RoleIn, path_is_from=False)
add_link(router, LINK_KINDS["competes"], "competitors", CompetesIn, path_is_from=False)
