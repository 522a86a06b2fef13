"""/circles: hand curation of circles (create or replace, read, delete, list with name search)."""
from __future__ import annotations

from app.api.crud import add_get_list, add_link, add_put_delete, resource_router
from app.models.entities import CircleIn, MembershipIn
from app.services.entities import KINDS
from app.services.links import LINK_KINDS

router = resource_router("/circles", "circles")
add_get_list(router, KINDS["circles"])
add_put_delete(router, KINDS["circles"], CircleIn)
add_link(router, LINK_KINDS["members"], "members", MembershipIn, path_is_from=False)
