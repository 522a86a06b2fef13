"""Route builders shared by the resource routers: the same four node endpoints and the two edge endpoints
for every kind, so each router module only says which kind, body and paths it serves.

(No `from __future__ import annotations` here: FastAPI must see the body classes, chosen per kind.)
"""
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Response, status
from pydantic import BaseModel

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep
from app.core.errors import Forbidden
from app.models.bundle import Row
from app.models.keys import Role
from app.models.domain import ID_PATTERN
from app.models.entities import LinkOut, Page, versioned_model
from app.services.entities import MAX_LIMIT, Kind, delete_node, get_row, list_rows, put_node
from app.services.erasure import PEOPLE, erase_person
from app.services.links import LinkKind, delete_link, get_link, put_link
from app.services.versions import etag, parse_if_match

EntityId = Annotated[str, Path(min_length=1, max_length=200, pattern=ID_PATTERN,
                               description="the external (CRM) id (no '/', no control characters, "
                                           "no leading or trailing spaces)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Search = Annotated[str | None, Query(max_length=200, description="name search: words, prefixes allowed")]
Cascade = Annotated[bool, Query(description="also delete what belongs to it (see the 409 message)")]
Erase = Annotated[bool, Query(description="erase the person: audit values, history and mentions of their name and "
                                          "addresses go too; the audit keeps who did what when (a tombstone)")]

IfMatch = Annotated[str | None, Header(max_length=1000, description='issue 14: the `version` you last saw, as "<version>"; '
                                      "412 with the current state when it changed since; omit for last-writer-wins")]
STALE: dict[int | str, dict[str, Any]] = {412: {"description": "If-Match names an older version (issue 14)"}}
CREATED_OR_UPDATED: dict[int | str, dict[str, Any]] = {201: {"description": "created"}, **STALE}  # errors: app.api.errors


def set_etag(response: Response, version: str | None) -> None:
    """issue 14: the version also as the ETag header of single-entity answers."""
    if version:
        response.headers["ETag"] = etag(version) or ""


def resource_router(prefix: str, tag: str) -> APIRouter:
    """The router every resource module starts from."""
    return APIRouter(prefix=prefix, tags=[tag])  # 422s take the import's error shape app-wide (app.api.errors)


def add_put_delete(router: APIRouter, kind: Kind, body_model: type[Row]) -> None:
    """PUT /{id} (create or replace: 201 / 200) and DELETE /{id} (204; 409 unless cascade when it would orphan)."""

    @router.put("/{entity_id}", response_model=versioned_model(kind.row), response_model_exclude_none=True,
                responses=CREATED_OR_UPDATED, summary=f"Create or replace a {kind.noun}")
    def put(entity_id: EntityId, body: body_model, graph: GraphDep, response: Response,  # type: ignore[valid-type]
            principal: PrincipalDep, if_match: IfMatch = None) -> dict[str, Any]:
        row, created = put_node(graph, kind, entity_id, body, principal, parse_if_match(if_match))
        response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        set_etag(response, row.get("version"))
        return row

    if kind.key in PEOPLE:  # issue 18: people can also be erased (node, audit values, history, mentions)
        add_delete_or_erase(router, kind)
        return

    @router.delete("/{entity_id}", status_code=status.HTTP_204_NO_CONTENT, responses=STALE,
                   summary=f"Delete a {kind.noun}")
    def delete(entity_id: EntityId, graph: GraphDep, principal: PrincipalDep, cascade: Cascade = False,
               if_match: IfMatch = None) -> Response:
        delete_node(graph, kind, entity_id, cascade=cascade, principal=principal, if_match=parse_if_match(if_match))
        return Response(status_code=status.HTTP_204_NO_CONTENT)


def add_delete_or_erase(router: APIRouter, kind: Kind) -> None:
    """DELETE /{id} for a person; `?erase=true` also removes every copy of their personal data (app.services.erasure)."""

    @router.delete("/{entity_id}", status_code=status.HTTP_204_NO_CONTENT, responses=STALE,
                   summary=f"Delete a {kind.noun}, or erase them (?erase=true)")
    def delete(entity_id: EntityId, graph: GraphDep, principal: PrincipalDep, cascade: Cascade = False,
               erase: Erase = False, if_match: IfMatch = None) -> Response:
        if erase:
            if not principal.role.allows(Role.admin):  # editors delete on the page (issue 14); erasure is admin's
                raise Forbidden(f"role {principal.role.value!r} may not erase a person: needs 'admin'")
            erase_person(graph, kind.key, entity_id, principal, cascade=cascade)
        else:
            delete_node(graph, kind, entity_id, cascade=cascade, principal=principal,
                        if_match=parse_if_match(if_match))
        return Response(status_code=status.HTTP_204_NO_CONTENT)


def add_get_list(router: APIRouter, kind: Kind) -> None:
    """GET /{id} and GET /?q=&offset=&limit= (rows as the bundle has them)."""

    @router.get("/{entity_id}", response_model=versioned_model(kind.row), response_model_exclude_none=True,
                summary=f"One {kind.noun}")
    def get(entity_id: EntityId, graph: GraphDep, response: Response) -> dict[str, Any]:
        row = get_row(graph, kind, entity_id)
        set_etag(response, row.get("version"))
        return row

    @router.get("", response_model=Page[versioned_model(kind.row)],  # type: ignore[misc]
                response_model_exclude_none=True,
                summary=f"List {kind.key}, optionally searched by name")
    def list_(graph: GraphDep, q: Search = None, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
        total, rows = list_rows(graph, kind, q, offset, limit)
        return {"total": total, "offset": offset, "limit": limit, "items": rows}


def add_link(router: APIRouter, link: LinkKind, path: str, body_model: type[BaseModel], path_is_from: bool,
             get_route: bool = True) -> None:
    """PUT/GET/DELETE `/{id}/<path>/{other_id}`; `path_is_from` says whether {id} is the edge's start node;
    `get_route=False` when another module answers the GET (KNOWS: issue 13's explained tie)."""

    def ends(entity_id: str, other_id: str) -> tuple[str, str]:
        return (entity_id, other_id) if path_is_from else (other_id, entity_id)

    @router.put(f"/{{entity_id}}/{path}/{{other_id}}", response_model=LinkOut, responses=CREATED_OR_UPDATED,
                summary=f"Create or replace {link.type}")
    def put(entity_id: EntityId, other_id: EntityId, body: body_model, graph: GraphDep,  # type: ignore[valid-type]
            response: Response, principal: PrincipalDep, if_match: IfMatch = None) -> dict[str, Any]:
        out, created = put_link(graph, link, *ends(entity_id, other_id), body, principal, parse_if_match(if_match))
        response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        set_etag(response, out.get("version"))
        return out

    if get_route:
        @router.get(f"/{{entity_id}}/{path}/{{other_id}}", response_model=LinkOut, summary=f"One {link.type}")
        def get(entity_id: EntityId, other_id: EntityId, graph: GraphDep, response: Response) -> dict[str, Any]:
            out = get_link(graph, link, *ends(entity_id, other_id))
            set_etag(response, out["version"])
            return out

    @router.delete(f"/{{entity_id}}/{path}/{{other_id}}", status_code=status.HTTP_204_NO_CONTENT, responses=STALE,
                   summary=f"Delete {link.type}")
    def delete(entity_id: EntityId, other_id: EntityId, graph: GraphDep, principal: PrincipalDep,
               if_match: IfMatch = None) -> Response:
        delete_link(graph, link, *ends(entity_id, other_id), principal, parse_if_match(if_match))
        return Response(status_code=status.HTTP_204_NO_CONTENT)
