"""/contacts: hand curation of contacts and of their reporting lines and influence; answers carry the
interaction level (交互程度) computed as of `as_of` (default today), never stored."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Response

from app.api.crud import EntityId, Limit, Offset, Search, add_link, add_put_delete, resource_router, set_etag
from app.api.deps import GraphDep, SettingsDep
from app.models.entities import ContactIn, ContactOut, InfluenceIn, Page, ReportsToIn
from app.services.contacts import get_contact, list_contacts
from app.services.entities import KINDS
from app.services.links import LINK_KINDS

router = resource_router("/contacts", "contacts")
AsOf = Annotated[date | None, Query(description="interaction levels as of this day (default today)")]


@router.get("/{entity_id}", response_model=ContactOut, response_model_exclude_none=True, summary="One contact")
def get(entity_id: EntityId, graph: GraphDep, settings: SettingsDep, response: Response,
        as_of: AsOf = None) -> dict[str, Any]:
    row = get_contact(graph, entity_id, as_of or date.today(), settings)
    set_etag(response, row.get("version"))  # issue 14
    return row


@router.get("", response_model=Page[ContactOut], response_model_exclude_none=True,
            summary="List contacts, optionally searched by name")
def list_(graph: GraphDep, settings: SettingsDep, q: Search = None, offset: Offset = 0, limit: Limit = 50,
          as_of: AsOf = None) -> dict[str, Any]:
    total, rows = list_contacts(graph, q, offset, limit, as_of or date.today(), settings)
    return {"total": total, "offset": offset, "limit": limit, "items": rows}


add_put_delete(router, KINDS["contacts"], ContactIn)
add_link(router, LINK_KINDS["reports_to"], "reports-to", ReportsToIn, path_is_from=True)
add_link(router, LINK_KINDS["influences"], "influences", InfluenceIn, path_is_from=True)
