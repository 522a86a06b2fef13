"""Rules for links between people that no row schema can check, the same for import and API (issue 18).

- **No reporting cycles between contacts**: nobody is, through a chain of solid reporting lines, their
  own manager. API: 409; import: a row error on the line that closes it. Dotted (matrix) lines are
  informal and may run against the solid chain (a manager with a dotted line to a project lead below
  them), so they are not part of the rule.
- **Links stay inside one account**: a reporting line joins two contacts of the same account; a role
  joins a contact to a deal of the contact's account; a circle's members work at the circle's
  account. API: 422 naming the field (like a department of another account); import: a row error.
- **A move ends the old account's links (issue 17)**: rows linking a contact who moved to the account
  they left are accepted and ended, not written (see `_cross_account_errors`); a reporting-line row with
  `valid_to` is history, not a link.
- **Allowed across accounts (documented rule)**: INFLUENCES. A board member of a parent company, an
  adviser or a partner's executive sways people at other accounts; the decision chain and reach
  count such influence, so it may cross accounts. KNOWS joins our employees (in no account) to contacts.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from neo4j import ManagedTransaction

from app.core.errors import Conflict, InvalidInput
from app.db.graph import Graph
from app.models.bundle import Bundle
from app.services.importer import error_item

KINDS_WITH_ACCOUNT = ("contacts", "circles", "opportunities")


# ----------------------------------------------------------------------------- import
def bundle_link_rule_errors(graph: Graph, bundle: Bundle, standalone: bool = False) -> list[dict[str, Any]]:
    """Row errors for cross-account links and reporting cycles in a bundle (with the stored graph unless standalone)."""
    account_of = _accounts(graph, bundle, standalone)
    errors = _cross_account_errors(bundle, account_of, _moved_from(graph, bundle, account_of, standalone))
    errors.extend(_cycle_errors(graph, bundle, account_of, standalone))
    return errors


def _rows(bundle: Bundle, key: str) -> list[tuple[int, Any]]:
    return [(index, row) for index, row in enumerate(getattr(bundle, key)) if row is not None]


def _accounts(graph: Graph, bundle: Bundle, standalone: bool) -> dict[str, dict[str, str]]:
    """kind -> id -> account, from the bundle first, then (for ids it only references) the database."""
    account_of: dict[str, dict[str, str]] = {kind: {row.id: row.account for _, row in _rows(bundle, kind)}
                                             for kind in KINDS_WITH_ACCOUNT}
    wanted: dict[str, set[str]] = defaultdict(set)
    for _, row in _rows(bundle, "reports_to"):
        wanted["contacts"] |= {row.from_, row.to}
    for _, row in _rows(bundle, "roles"):
        wanted["contacts"].add(row.contact)
        wanted["opportunities"].add(row.opportunity)
    for _, row in _rows(bundle, "circles"):
        wanted["contacts"] |= {member.contact for member in row.members}
    missing = {kind: sorted(wanted[kind] - set(account_of[kind])) for kind in KINDS_WITH_ACCOUNT}
    if not standalone and any(missing.values()):
        for item in graph.read("link_rules_accounts", **missing):
            account_of[item["kind"]].setdefault(item["id"], item["account"])
    return account_of


def _moved_from(graph: Graph, bundle: Bundle, account_of: dict[str, dict[str, str]],
                standalone: bool) -> dict[str, str]:
    """Contacts of this bundle who moved -> the account they left (issue 17: a job change).

    The move is this bundle's (the row names another account than the stored one), else the row's
    `previous_account` (a CRM or an export says so), else the one the graph recorded (`moved_from`), so a
    CRM export that keeps re-listing the old rows after a move imports the same way every night.
    """
    former = {row.id: row.previous_account for _, row in _rows(bundle, "contacts") if row.previous_account}
    ids = sorted(row.id for _, row in _rows(bundle, "contacts"))
    if standalone or not ids:
        return former
    for item in graph.read("link_rules_moves", contacts=ids):
        if item["account"] != account_of["contacts"].get(item["id"]):
            former[item["id"]] = item["account"]
        elif item["moved_from"] and item["id"] not in former:
            former[item["id"]] = item["moved_from"]
    return former


def _cross_account_errors(bundle: Bundle, account_of: dict[str, dict[str, str]],
                          moved_from: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Reporting lines, roles and circle members stay inside one account.

    Exceptions (issue 17): rows that link a contact who moved to the account they left are the ones the
    move ends: the import ends them (an open deal's role, a line with a former colleague, a circle
    membership there; the write queries never create such a link) and keeps a closed deal's chain. A
    reporting-line row with `valid_to` is history (no live edge), so it may join people who now work apart.
    """
    contacts = account_of["contacts"]
    moved_from = moved_from or {}
    errors = []
    for index, row in _rows(bundle, "reports_to"):
        ours, theirs = contacts.get(row.from_), contacts.get(row.to)
        if (ours and theirs and ours != theirs and row.valid_to is None
                and moved_from.get(row.from_) != theirs and moved_from.get(row.to) != ours):
            errors.append(error_item("reports_to", index, "to", f"contact {row.to} works at account {theirs}, "
                                     f"{row.from_} at {ours}: a reporting line stays inside one account "
                                     "(a line that ended needs valid_to)", row.to))
    for index, row in _rows(bundle, "roles"):
        ours, deal = contacts.get(row.contact), account_of["opportunities"].get(row.opportunity)
        if ours and deal and ours != deal and moved_from.get(row.contact) != deal:
            errors.append(error_item("roles", index, "contact", f"contact {row.contact} works at account {ours}, "
                                     f"opportunity {row.opportunity} is for {deal}", row.contact))
    for index, row in _rows(bundle, "circles"):
        for position, member in enumerate(row.members):
            ours = contacts.get(member.contact)
            if ours and ours != row.account and moved_from.get(member.contact) != row.account:
                errors.append(error_item("circles", index, f"members[{position}].contact",
                                         f"contact {member.contact} works at account {ours}, the circle is at "
                                         f"{row.account}", member.contact))
    return errors


def _cycle_errors(graph: Graph, bundle: Bundle, account_of: dict[str, dict[str, str]],
                  standalone: bool) -> list[dict[str, Any]]:
    lines = [(index, row) for index, row in _rows(bundle, "reports_to") if not row.dotted]
    if not lines:
        return []
    above: dict[str, set[str]] = defaultdict(set)
    if not standalone:
        accounts = sorted({account_of["contacts"][c] for _, row in lines for c in (row.from_, row.to)
                           if c in account_of["contacts"]})
        for edge in graph.read("link_rules_reports_to_edges", accounts=accounts):
            above[edge["from"]].add(edge["to"])
    for _, row in lines:
        above[row.from_].add(row.to)
    on_cycle = contacts_on_cycles(above)
    return [error_item("reports_to", index, "to", f"{row.from_} -> {row.to} closes a reporting cycle "
                       f"(someone would be their own manager)", row.to)
            for index, row in lines if row.from_ in on_cycle and row.to in on_cycle
            and _same_cycle(above, row.to, row.from_)]


def contacts_on_cycles(above: dict[str, set[str]]) -> set[str]:
    """Nodes that lie on a directed cycle (iterative Tarjan: strongly connected components of size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[str] = set()
    counter = 0
    for root in list(above):
        if root in index:
            continue
        work = [(root, iter(sorted(above.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(above.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.update(component)
    return found


def _same_cycle(above: dict[str, set[str]], start: str, goal: str) -> bool:
    """Is `goal` reachable from `start` (so the edge goal -> start is on a cycle)?"""
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in above.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


# ----------------------------------------------------------------------------- API
def check_link(tx: ManagedTransaction, link_name: str, from_id: str, to_id: str, dotted: bool = False) -> None:
    """The same rules for one edge written through the API (ends already known to exist)."""
    if link_name not in ("reports_to", "roles", "members"):
        return
    contacts = [from_id] + ([to_id] if link_name == "reports_to" else [])
    params = {"contacts": contacts, "circles": [to_id] if link_name == "members" else [],
              "opportunities": [to_id] if link_name == "roles" else []}
    account_of = {(r["kind"], r["id"]): r["account"] for r in Graph.run_in(tx, "link_rules_accounts", **params)}
    ours = account_of.get(("contacts", from_id))
    other_kind = {"reports_to": "contacts", "roles": "opportunities", "members": "circles"}[link_name]
    theirs = account_of.get((other_kind, to_id))
    if ours and theirs and ours != theirs:
        message = (f"contact {from_id} works at account {ours}, {other_kind[:-1]} {to_id} belongs to {theirs}: "
                   "this link stays inside one account")
        raise InvalidInput(message, [error_item(link_name, None, "to", message, to_id)])
    if link_name == "reports_to" and not dotted and Graph.run_in(tx, "contact_reports_cycle", **{"from": from_id, "to": to_id})[0]["cycle"]:
        raise Conflict.speaking("api_errors.reporting_cycle", {"field": "to"}, **{"from": from_id, "to": to_id})
