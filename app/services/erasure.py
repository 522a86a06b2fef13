"""Erasure and subject access for the people in the map (GDPR art. 15/17, PIPL art. 45/47) — issue 18.

`erase_person` removes a contact or an employee and every copy of their personal data, in ONE write
transaction (all or nothing):

1. audit entries about them (their node, every edge with them at one end) become tombstones: who did
   what, when, stays; `previous`/`current` go and their id is replaced by an erasure token;
2. other audit entries that recorded them as a relationship's other end lose those relationships'
   values and name them by the token;
3. their history snapshots are deleted: their own states, and those of every role, tie and reporting line
   they are an end of (issue 17's ContactState/RoleState/TieState/LineState); deal states that name an
   erased employee as the owner name the token instead;
4. the import journal (issue 16's `ImportChange` entries, kept after an import as its list of changes)
   loses their previous rows and names them by the token;
5. a sign-in user linked to an erased employee is unlinked (the login stays; issue 14), and the audit
   entries they made as that user name the token as the actor's employee;
6. their name and e-mail addresses are replaced by "[erased]" in every text property of every node
   and relationship (activity summaries, captured addresses, anything another tool wrote);
7. the node goes (with its relationships and e-mail address nodes: activity participation, reporting
   lines, roles, ties);
8. the erasure itself is audited (actor, when, the token; no personal data).

`personal_data` is the subject-access answer: everything the store holds about one person.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from app.core.errors import NotFound
from app.db.graph import Graph
from app.services.audit import NodeRef, record
from app.services.entities import KINDS, delete_node_in
from app.services.keys import Principal

ERASED = "[erased]"
MIN_SCRUB_LENGTH = 3  # shorter values (an initial) would blank out unrelated text


@dataclass(frozen=True)
class PersonKind:
    key: str            # bundle key: contacts / employees
    label: str
    field: str          # how history snapshots name them
    entities: tuple[str, ...]  # audit entity names that can be about them


PEOPLE = {
    "contacts": PersonKind("contacts", "Contact", "contact",
                           ("Contact", "REPORTS_TO", "INFLUENCES", "MEMBER_OF", "ROLE_IN", "KNOWS")),
    "employees": PersonKind("employees", "Employee", "employee", ("Employee", "KNOWS")),
}


def personal_values(props: dict[str, Any]) -> list[str]:
    """The strings that identify the person in free text: name and e-mail addresses (emails, email, …)."""
    found: list[str] = []
    for key, value in props.items():
        if key == "name" or "email" in key or "address" in key:
            values = value if isinstance(value, list) else [value]
            found += [v for v in values if isinstance(v, str) and len(v.strip()) >= MIN_SCRUB_LENGTH]
    return sorted(set(found), key=len, reverse=True)  # longest first: "Wang Lei" before "Wang"


def erase_person(graph: Graph, kind_key: str, person_id: str, principal: Principal | None,
                 cascade: bool = False) -> dict[str, Any]:
    """Erase one contact or employee and every copy of their data; returns counts and the token."""
    person = PEOPLE[kind_key]
    token = f"erased-{secrets.token_hex(8)}"

    def unit(tx: ManagedTransaction) -> dict[str, Any]:
        rows = Graph.run_in(tx, "personal_data", label=person.label, id=person_id, field=person.field)
        if not rows:
            raise NotFound(f"no {person.label.lower()} with id {person_id!r}", kind=kind_key, id=person_id)
        values = personal_values({**rows[0]["properties"], "addresses": rows[0]["addresses"]})
        counts: dict[str, Any] = {}
        counts["nodes_deleted"] = delete_node_in(tx, KINDS[kind_key], person_id, cascade)
        counts["audit_entries_tombstoned"] = Graph.run_in(
            tx, "erase_audit_entries", entities=list(person.entities), id=person_id, token=token)[0]["entries"]
        counts["audit_entries_rewritten"] = _rewrite_mentions(tx, person_id, token, values)
        history = Graph.run_in(tx, "erase_history", field=person.field, id=person_id, token=token)[0]
        counts["history_states_deleted"] = history["states"]
        counts["deal_states_rewritten"] = history["deal_states_rewritten"]
        counts["import_entries_rewritten"] = _rewrite_import_journal(tx, person_id, token, values)
        counts["view_change_records_rewritten"] = Graph.run_in(tx, "erase_graph_changes", id=person_id,
                                                               token=token)[0]["records"]
        if kind_key == "employees":
            counts["users_unlinked"] = Graph.run_in(tx, "erase_user_link", id=person_id)[0]["users"]
            counts["audit_actor_entries_rewritten"] = Graph.run_in(tx, "erase_actor_employee", id=person_id,
                                                                   token=token)[0]["entries"]
        if values:
            scrubbed = Graph.run_in(tx, "erase_text_mentions", values=values, mark=ERASED)[0]
            counts["texts_scrubbed"] = scrubbed["nodes"] + scrubbed["relationships"]
        record(tx, principal, "erase", NodeRef(person.label, token), None,
               {"erased": True, "kind": person.label, **counts})
        return {"erased": token, **counts}

    return graph.write_transaction(unit)


def _rewrite_mentions(tx: ManagedTransaction, person_id: str, token: str, values: list[str]) -> int:
    """Audit entries of other entities that list the person as a relationship's other end (or a member)."""
    rows = Graph.run_in(tx, "erase_audit_mentions", quoted=json.dumps(person_id))
    changed = [{"id": row["id"], "previous": _scrub_json(row["previous"], person_id, token, values),
                "current": _scrub_json(row["current"], person_id, token, values)} for row in rows]
    if changed:
        Graph.run_in(tx, "erase_audit_rewrite", rows=changed)
    return len(changed)


def _rewrite_import_journal(tx: ManagedTransaction, person_id: str, token: str, values: list[str]) -> int:
    """Import journal entries that created or changed the person, or kept them in another row's values."""
    rows = Graph.run_in(tx, "erase_import_mentions", quoted=json.dumps(person_id), values=values)
    changed = [{"run": row["run"], "seq": row["seq"],
                "created": _scrub_journal(row["created"], person_id, token, values, rows_kept=False),
                "changed": _scrub_journal(row["changed"], person_id, token, values, rows_kept=True)}
               for row in rows]
    if changed:
        Graph.run_in(tx, "erase_import_rewrite", rows=changed)
    return len(changed)


def _scrub_journal(text: str, person_id: str, token: str, values: list[str], rows_kept: bool) -> str:
    """`created`: ids or [a, b] pairs; `changed`: [identity, previous row] pairs. The person's own rows
    (their node, a pair they are an end of) lose their previous values; then ids and values are replaced."""
    items = json.loads(text)
    if rows_kept and isinstance(items, list):
        items = [[item[0], None] if isinstance(item, list) and len(item) == 2 and _names(item[0], person_id)
                 else item for item in items]
    out = json.dumps(items, ensure_ascii=False).replace(json.dumps(person_id), json.dumps(token))
    for value in values:
        out = out.replace(value, ERASED)
    return out


def _names(ident: Any, person_id: str) -> bool:
    return ident == person_id or (isinstance(ident, list) and person_id in ident)


def _scrub_json(text: str | None, person_id: str, token: str, values: list[str]) -> str | None:
    if text is None:
        return None
    state = json.loads(text)
    if isinstance(state, dict) and isinstance(state.get("rels"), list):
        state["rels"] = [{"type": r.get("type"), "out": r.get("out"), "label": r.get("label"), "id": token,
                          "props": {}} if isinstance(r, dict) and r.get("id") == person_id else r
                         for r in state["rels"]]
    out = json.dumps(state, sort_keys=True, ensure_ascii=False).replace(json.dumps(person_id), json.dumps(token))
    for value in values:
        out = out.replace(value, ERASED)
    return out


def personal_data(graph: Graph, kind_key: str, person_id: str) -> dict[str, Any]:
    """The subject-access answer: the node's values, its relationships, history snapshots and audit entries."""
    person = PEOPLE[kind_key]
    rows = graph.read("personal_data", label=person.label, id=person_id, field=person.field)
    if not rows:
        raise NotFound(f"no {person.label.lower()} with id {person_id!r}", kind=kind_key, id=person_id)
    audit = graph.read("personal_data_audit", entities=list(person.entities), id=person_id)
    for entry in audit:
        entry["previous"] = json.loads(entry["previous"]) if entry["previous"] else None
        entry["current"] = json.loads(entry["current"]) if entry["current"] else None
    return {"kind": person.label, "id": person_id, **rows[0], "audit": audit}
