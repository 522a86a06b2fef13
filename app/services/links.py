"""Hand curation of relationships: create-or-replace (PUT) and delete one edge between two stored nodes.

Both ends come from the URL, so an unknown one is a 404 naming it; the body holds the
edge's properties, checked by the bundle's row model (via app.models.entities), and
becomes the edge's whole property set (as an import row would).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel

from app.core.errors import InvalidInput, NotFound
from app.db.graph import Graph
from app.services.audit import RelRef, audited_write
from app.services.entities import KINDS, missing_ids
from app.services.keys import Principal
from app.services.link_rules import check_link
from app.services.importer import error_item
from app.services.versions import require_version, version_of


@dataclass(frozen=True)
class LinkKind:
    name: str            # query suffix: link_<name>_put / link_<name>_delete
    type: str            # relationship type
    from_kind: str       # bundle key of the start node
    to_kind: str         # bundle key of the end node
    self_allowed: bool = True


LINK_KINDS: dict[str, LinkKind] = {k.name: k for k in [
    LinkKind("reports_to", "REPORTS_TO", "contacts", "contacts", self_allowed=False),
    LinkKind("influences", "INFLUENCES", "contacts", "contacts", self_allowed=False),
    LinkKind("members", "MEMBER_OF", "contacts", "circles"),
    LinkKind("roles", "ROLE_IN", "contacts", "opportunities"),
    LinkKind("knows", "KNOWS", "employees", "contacts"),
    LinkKind("competes", "COMPETES_IN", "competitors", "opportunities"),
]}


def put_link(graph: Graph, link: LinkKind, from_id: str, to_id: str, body: BaseModel,
             principal: Principal | None = None, if_match: list[str] | None = None) -> tuple[dict[str, Any], bool]:
    """Create or replace the edge (audited); returns ({type, from_id, to_id, properties, version}, created?)."""
    ref = link_ref(link, from_id, to_id)

    def work(tx: ManagedTransaction) -> tuple[dict[str, Any], bool]:
        require_version(tx, if_match, link_properties_in(tx, ref), ref.entity, ref.entity_id, link.type)
        out, created = put_link_in(tx, link, from_id, to_id, body)
        return {**out, "version": version_of(out["properties"])}, created

    return audited_write(graph, principal, ref, work)


def link_properties_in(tx: ManagedTransaction, ref: RelRef) -> dict[str, Any] | None:
    """The edge's properties, or None when there is no such edge (issue 14: its version is their hash)."""
    rows = Graph.run_in(tx, "audit_snapshot_relationship", **ref.params())
    return rows[0]["props"] if rows else None


def get_link(graph: Graph, link: LinkKind, from_id: str, to_id: str) -> dict[str, Any]:
    """One edge with its version; 404 when either end or the edge is missing."""
    ref = link_ref(link, from_id, to_id)

    def unit(tx: ManagedTransaction) -> dict[str, Any]:
        require_ends(tx, link, from_id, to_id)
        props = link_properties_in(tx, ref)
        if props is None:
            raise NotFound(f"no {link.type} from {from_id!r} to {to_id!r}", type=link.type)
        return {"type": link.type, "from_id": from_id, "to_id": to_id, "properties": props,
                "version": version_of(props)}

    return graph.read_transaction(unit)


def link_ref(link: LinkKind, from_id: str, to_id: str) -> RelRef:
    return RelRef(link.type, KINDS[link.from_kind].label, from_id, KINDS[link.to_kind].label, to_id)


def put_link_in(tx: ManagedTransaction, link: LinkKind, from_id: str, to_id: str,
                body: BaseModel) -> tuple[dict[str, Any], bool]:
    """put_link inside a caller's transaction (so an audit or history record can share it)."""
    if from_id == to_id and not link.self_allowed:
        raise InvalidInput(f"a contact cannot have {link.type} to itself",
                           [error_item(link.name, None, "to", "a contact cannot link to itself", to_id)])
    props = {k: v for k, v in body.model_dump(mode="json").items() if v is not None}
    require_ends(tx, link, from_id, to_id)
    check_link(tx, link.name, from_id, to_id, bool(props.get("dotted")))  # one account, no cycles (issue 18)
    row = Graph.run_in(tx, f"link_{link.name}_put", **{"from": from_id, "to": to_id, "props": props})[0]
    return {"type": link.type, "from_id": from_id, "to_id": to_id, "properties": row["properties"]}, row["created"]


def delete_link(graph: Graph, link: LinkKind, from_id: str, to_id: str, principal: Principal | None = None,
                if_match: list[str] | None = None) -> None:
    ref = link_ref(link, from_id, to_id)

    def work(tx: ManagedTransaction) -> None:
        if if_match is not None:
            require_version(tx, if_match, link_properties_in(tx, ref), ref.entity, ref.entity_id, link.type)
        delete_link_in(tx, link, from_id, to_id)

    audited_write(graph, principal, ref, work)


def delete_link_in(tx: ManagedTransaction, link: LinkKind, from_id: str, to_id: str) -> None:
    """delete_link inside a caller's transaction; 404 when either end or the edge does not exist."""
    require_ends(tx, link, from_id, to_id)
    if not Graph.run_in(tx, f"link_{link.name}_delete", **{"from": from_id, "to": to_id})[0]["deleted"]:
        raise NotFound(f"no {link.type} from {from_id!r} to {to_id!r}", type=link.type)


def require_ends(tx: ManagedTransaction, link: LinkKind, from_id: str, to_id: str) -> None:
    wanted: dict[str, list[str]] = {}
    for key, node_id in ((link.from_kind, from_id), (link.to_kind, to_id)):
        wanted.setdefault(key, []).append(node_id)
    missing = missing_ids(tx, wanted)
    for key, node_id in ((link.from_kind, from_id), (link.to_kind, to_id)):
        if node_id in missing[key]:
            raise NotFound(f"no {KINDS[key].noun} with id {node_id!r}", kind=key, id=node_id)
