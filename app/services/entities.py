"""Hand curation of nodes: create-or-replace, read, delete and list, one kind at a time.

A PUT is an import of one row: the body is checked with the bundle's row model and
link rules, then written with the importer's own queries (the row is authoritative),
so the API and `POST /import` cannot disagree. Everything one request does runs in one
transaction. Unknown link targets in a body → 422 naming the field; an unknown id in
the path → 404; a change that would break the graph's shape → 409.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction
from pydantic import ValidationError

from app.core.errors import Conflict, InvalidInput, NotFound
from app.db.graph import Graph
from app.models.bundle import (
    AccountRow, ActivityRow, CircleRow, CompetitorRow, ContactRow, DepartmentRow, EmployeeRow, OpportunityRow, Row,
)
from app.services.audit import NodeRef, audited_write
from app.services.email_rules import PERSON_KEYS, email_errors
from app.services.export import clean_row
from app.services.keys import Principal
from app.services.importer import LINKS, error_item, pydantic_errors
from app.services.search import lucene_query
from app.services.versions import require_version, version_of

MAX_LIMIT = 500


@dataclass(frozen=True)
class Kind:
    key: str                      # bundle key, also the URL segment: "accounts"
    label: str                    # node label: "Account"
    row: type[Row]                # the bundle row model: value domains live there
    put_queries: tuple[str, ...]  # named queries that upsert one row, in order
    has_blockers: bool = False    # `<key>_blockers` says what a plain delete would orphan

    @property
    def noun(self) -> str:
        return self.label.lower()


KINDS: dict[str, Kind] = {k.key: k for k in [
    Kind("accounts", "Account", AccountRow, ("import_accounts",), has_blockers=True),
    Kind("departments", "Department", DepartmentRow, ("import_departments", "import_department_links"),
         has_blockers=True),
    Kind("contacts", "Contact", ContactRow,
         ("contacts_note_moves", "import_contacts", "import_contact_emails", "contacts_end_roles"),
         has_blockers=True),  # issue 17: a move or departure ends the old account's roles
    Kind("employees", "Employee", EmployeeRow, ("import_employees", "import_employee_managers", "import_employee_emails"), has_blockers=True),
    Kind("circles", "Circle", CircleRow, ("circle_put",)),
    Kind("opportunities", "Opportunity", OpportunityRow, ("import_opportunities",)),
    Kind("competitors", "Competitor", CompetitorRow, ("competitor_put",)),
    Kind("activities", "Activity", ActivityRow, ("import_activities",)),
]}


# ----------------------------------------------------------------------------- read
def get_row(graph: Graph, kind: Kind, entity_id: str) -> dict[str, Any]:
    row = graph.read_one(f"{kind.key}_rows", ids=[entity_id])
    if row is None:
        raise NotFound(f"no {kind.noun} with id {entity_id!r}", kind=kind.key, id=entity_id)
    return versioned(clean_row(row["row"]))


def versioned(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its `version` (issue 14: what If-Match sends back)."""
    return {**row, "version": version_of(row)}


def current_row_in(tx: ManagedTransaction, kind: Kind, entity_id: str) -> dict[str, Any] | None:
    rows = Graph.run_in(tx, f"{kind.key}_rows", ids=[entity_id])
    return clean_row(rows[0]["row"]) if rows else None


def list_rows(graph: Graph, kind: Kind, q: str | None, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of rows): by name through the full-text index when `q` is given, else in id order."""
    limit = max(1, min(limit, MAX_LIMIT))
    text = (q or "").strip()
    if not text:
        page = graph.read_one(f"{kind.key}_list", offset=offset, limit=limit)
    elif kind.key == "activities":  # no name: substring of summary or exact type
        page = graph.read_one("activities_search", q=text.lower(), offset=offset, limit=limit)
    else:
        lucene = lucene_query(text)
        page = graph.read_one("entity_search", lucene=lucene, label=kind.label, offset=offset, limit=limit) \
            if lucene else {"total": 0, "ids": []}
    assert page is not None
    rows = graph.read(f"{kind.key}_rows", ids=page["ids"]) if page["ids"] else []
    return page["total"], [versioned(clean_row(r["row"])) for r in rows]


# ----------------------------------------------------------------------------- write
def put_node(graph: Graph, kind: Kind, entity_id: str, body: Row,
             principal: Principal | None = None, if_match: list[str] | None = None) -> tuple[dict[str, Any], bool]:
    """Create or replace; returns (the stored row, created?). Idempotent: the same body twice changes nothing.

    `if_match` (issue 14): the versions the caller last saw; 412 when the stored row is not one of them.
    """
    def work(tx: ManagedTransaction) -> tuple[dict[str, Any], bool]:
        require_version(tx, if_match, current_row_in(tx, kind, entity_id), kind.label, entity_id, kind.noun)
        row, created = put_node_in(tx, kind, entity_id, body)
        return versioned(row), created

    return audited_write(graph, principal, NodeRef(kind.label, entity_id), work)


def put_node_in(tx: ManagedTransaction, kind: Kind, entity_id: str, body: Row) -> tuple[dict[str, Any], bool]:
    """put_node inside a caller's transaction (so an audit or history record can share it)."""
    try:
        row = kind.row.model_validate({"id": entity_id, **body.model_dump(by_alias=True)})
    except ValidationError as exc:  # the id from the path, judged by the row model like an import row
        raise InvalidInput(f"{kind.noun} {entity_id!r} rejected", pydantic_errors_for(kind.key, exc)) from None
    payload = row.model_dump(mode="json")
    # a body may not carry members / competitor entries (they have their own routes): keep the stored ones
    payload.pop("members", None)
    payload.pop("opportunities", None)
    check_links(tx, kind, payload)
    check_shape(tx, kind, payload)
    check_emails(tx, kind, row)  # issue 13
    existed = bool(Graph.run_in(tx, f"{kind.key}_rows", ids=[entity_id]))
    for name in kind.put_queries:
        Graph.run_in(tx, name, rows=[payload])
    stored = Graph.run_in(tx, f"{kind.key}_rows", ids=[entity_id])[0]["row"]
    return clean_row(stored), not existed


def delete_node(graph: Graph, kind: Kind, entity_id: str, cascade: bool = False,
                principal: Principal | None = None, if_match: list[str] | None = None) -> int:
    """Delete one node and its relationships; returns how many nodes went (more only with cascade)."""
    def work(tx: ManagedTransaction) -> int:
        if if_match is not None:
            require_version(tx, if_match, current_row_in(tx, kind, entity_id), kind.label, entity_id, kind.noun)
        return delete_node_in(tx, kind, entity_id, cascade)

    return audited_write(graph, principal, NodeRef(kind.label, entity_id), work)


def delete_node_in(tx: ManagedTransaction, kind: Kind, entity_id: str, cascade: bool = False) -> int:
    """delete_node inside a caller's transaction."""
    if not Graph.run_in(tx, "ids_exist", **id_lists({kind.key: [entity_id]}))[0][kind.key]:
        raise NotFound(f"no {kind.noun} with id {entity_id!r}", kind=kind.key, id=entity_id)
    if kind.has_blockers:
        blockers = {k: n for k, n in Graph.run_in(tx, f"{kind.key}_blockers", id=entity_id)[0]["blockers"].items()
                    if n}
        if blockers and not cascade:
            listed = ", ".join(f"{n} {k}" for k, n in sorted(blockers.items()))
            raise Conflict.speaking("api_errors.delete_blocked", {"blockers": blockers}, noun=kind.noun,
                                    id=entity_id, listed=listed)
    deleted = 0
    if kind.key == "accounts":
        deleted += Graph.run_in(tx, "accounts_delete_activities", id=entity_id)[0]["deleted"]
    deleted += Graph.run_in(tx, f"{kind.key}_delete", id=entity_id)[0]["deleted"]
    return deleted


def pydantic_errors_for(key: str, exc: ValidationError) -> list[dict[str, Any]]:
    """The importer's error items for one row of `key` (no row index: the URL names the row)."""
    return [{**item, "key": key, "row": None, "field": item["field"] or item["key"]}
            for item in pydantic_errors(exc)]


# ----------------------------------------------------------------------------- checks
def id_lists(wanted: dict[str, list[str]]) -> dict[str, list[str]]:
    """Parameters for `ids_exist`: every kind present, most of them empty."""
    return {key: sorted(set(wanted.get(key, []))) for key in KINDS}


def missing_ids(tx: ManagedTransaction, wanted: dict[str, list[str]]) -> dict[str, set[str]]:
    found = Graph.run_in(tx, "ids_exist", **id_lists(wanted))[0]
    return {key: set(ids) - set(found[key]) for key, ids in wanted.items()}


def check_links(tx: ManagedTransaction, kind: Kind, payload: dict[str, Any]) -> None:
    """Every link field must name a stored node (the importer's LINKS table, so both agree); 422 otherwise."""
    refs: list[tuple[str, str, str]] = []  # (field, kind, id)
    for key, field_name, target in LINKS:
        if key == kind.key and payload.get(field_name) is not None:
            refs.append((field_name.rstrip("_"), target, payload[field_name]))
    if kind.key == "activities":
        refs += [(f"contacts[{i}]", "contacts", c) for i, c in enumerate(payload["contacts"])]
    # a row may point at itself (a department's parent, an employee's manager): that is a shape problem, not a link
    refs = [r for r in refs if not (r[1] == kind.key and r[2] == payload["id"])]
    wanted: dict[str, list[str]] = {}
    for _, target, ref_id in refs:
        wanted.setdefault(target, []).append(ref_id)
    missing = missing_ids(tx, wanted)
    errors = [error_item(kind.key, None, field_name, f"unknown {KINDS[target].noun} id", ref_id)
              for field_name, target, ref_id in refs if ref_id in missing[target]]
    if errors:
        raise InvalidInput(f"{kind.noun} {payload['id']!r} links to ids that do not exist", errors)


def check_shape(tx: ManagedTransaction, kind: Kind, payload: dict[str, Any]) -> None:
    """Rules across rows: departments stay inside their account and acyclic, employees' lines acyclic."""
    entity_id = payload["id"]
    if kind.key == "contacts" and payload.get("department"):
        found = Graph.run_in(tx, "import_department_accounts", departments=[payload["department"]])
        if found and found[0]["account"] != payload["account"]:
            raise InvalidInput("the department belongs to another account", [error_item(
                "contacts", None, "department",
                f"department {payload['department']} belongs to account {found[0]['account']}, "
                f"not {payload['account']}", payload["department"])])
    if kind.key == "departments":
        parent = payload.get("parent")
        if parent == entity_id:
            raise InvalidInput("a department cannot be its own parent",
                               [error_item("departments", None, "parent", "a department cannot be its own parent",
                                           parent)])
        if parent:
            if Graph.run_in(tx, "department_cycle", id=entity_id, parent=parent)[0]["cycle"]:
                raise Conflict.speaking("api_errors.department_cycle", {"field": "parent"}, parent=parent,
                                        id=entity_id)
            found = Graph.run_in(tx, "import_department_accounts", departments=[parent])
            if found and found[0]["account"] != payload["account"]:
                raise InvalidInput("the parent department belongs to another account", [error_item(
                    "departments", None, "parent",
                    f"parent department {parent} belongs to account {found[0]['account']}", parent)])
        stranded = Graph.run_in(tx, "department_move_conflicts", id=entity_id, account=payload["account"])
        if stranded and stranded[0]["contacts"]:
            raise Conflict.speaking("api_errors.department_stranded", {"contacts": stranded[0]["contacts"]},
                                    id=entity_id, account=payload["account"])
    if kind.key == "employees" and payload.get("manager") == entity_id:
        raise InvalidInput("an employee cannot manage themself",
                           [error_item("employees", None, "manager", "an employee cannot manage themself", entity_id)])
    if kind.key == "employees" and payload.get("manager"):
        if Graph.run_in(tx, "employee_cycle", id=entity_id, manager=payload["manager"])[0]["cycle"]:
            raise Conflict.speaking("api_errors.employee_cycle", {"field": "manager"}, manager=payload["manager"],
                                    id=entity_id)


def check_emails(tx: ManagedTransaction, kind: Kind, row: Row) -> None:
    """Issue 13: a person's addresses may not belong to anyone else (422 naming the address)."""
    if kind.key not in PERSON_KEYS:
        return
    errors = email_errors({kind.key: [(None, row)]}, lambda name, **params: Graph.run_in(tx, name, **params))
    if errors:
        raise InvalidInput(f"{kind.noun} {row.id!r}: an email address belongs to someone else",  # type: ignore[attr-defined]
                           [{**e, "row": None} for e in errors])
