"""History of attitudes, degrees, ties, deals, competitor ratings and reporting lines: appended state
snapshots, never overwritten.

Write paths stay as they are; after a write, `capture_history` (in the SAME transaction)
appends a snapshot for each entity whose tracked values differ from its latest one:

- `(:ContactState {contact, account, at, version, present, attitude, orientation, importance,
  closeness, solution_acceptance, price_acceptance})`
- `(:RoleState {contact, opportunity, at, version, present, role, attitude, closeness,
  solution_acceptance, price_acceptance})` for ROLE_IN
- `(:TieState {employee, contact, at, version, present, strength})` for KNOWS
- (issue 17) `(:DealState {opportunity, at, version, present, account, owner, stage, amount, grade,
  compelling_event, need_satisfaction, close_date})`, `(:CompeteState {competitor, opportunity, at, version,
  present, name, need_satisfaction, closeness})` for COMPETES_IN, `(:LineState {contact, manager, at, version,
  present, dotted})` for REPORTS_TO; RoleState also keeps the votes and inside_source, ContactState the
  department, left_at and name. An ended reporting line lives only as a LineState (never as an edge), so
  live queries keep seeing the current lines only.

States carry ids instead of edges, so they survive a delete (recorded as `present: false`)
and an account move, and the audit trail's node snapshots never see them. Reads "as of"
a date take, per entity, the latest state before the end of that day (ties by `version`).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from neo4j import ManagedTransaction

from app.db.graph import Graph

BATCH = 5_000


def as_instant(at: datetime | date) -> datetime:
    """A timezone-aware UTC instant: a date means its start (00:00 UTC); a naive datetime is taken as UTC."""
    if isinstance(at, datetime):
        return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return datetime.combine(at, time(0, 0), tzinfo=UTC)


def end_of_day(day: date) -> datetime:
    """'As of day D' includes everything captured on D: states strictly before the next midnight (UTC)."""
    return as_instant(day + timedelta(days=1))


def capture_history(tx: ManagedTransaction, *, at: datetime | date,
                    contact_ids: list[str] | None = None,
                    role_pairs: list[tuple[str, str]] | None = None,
                    knows_pairs: list[tuple[str, str]] | None = None,
                    opportunity_ids: list[str] | None = None, competitor_ids: list[str] | None = None,
                    line_contact_ids: list[str] | None = None, moved_contact_ids: list[str] | None = None,
                    run: str | None = None) -> int:
    """Append snapshots of the given entities that changed since their latest state; returns how many.

    `role_pairs` are (contact_id, opportunity_id), `knows_pairs` (employee_id, contact_id), both in
    the direction of their edge. `competitor_ids` capture those competitors' COMPETES_IN ratings (and
    `opportunity_ids` also their deals' ratings); `line_contact_ids` the reporting lines from or to those
    contacts; `moved_contact_ids` the recorded roles of those that moved or left (the roles a move ended).
    `None` means every entity of that kind (after a bulk import), `[]` means none. Entities
    that no longer exist get one `present: false` state. `run` (an import's run id) is stored on every state
    appended, so that import's rollback removes exactly them (issue 16).
    """
    instant = as_instant(at)
    created = 0
    if contact_ids is None:
        contact_ids = [row["id"] for row in Graph.run_in(tx, "history_contact_ids")]
    if role_pairs is None:
        role_pairs = [(r["contact"], r["opportunity"])
                      for r in Graph.run_in(tx, "history_role_pairs", contact=None, opportunity=None)]
    if knows_pairs is None:
        knows_pairs = [(r["employee"], r["contact"])
                       for r in Graph.run_in(tx, "history_tie_pairs", employee=None, contact=None)]
    if moved_contact_ids:
        role_pairs = list(role_pairs) + [(r["contact"], r["opportunity"]) for batch in
                                         _batches(sorted(set(moved_contact_ids)))
                                         for r in Graph.run_in(tx, "history_moved_role_pairs", ids=batch)]
    if opportunity_ids is None:
        opportunity_ids = [row["id"] for row in Graph.run_in(tx, "history_deal_ids")]
    if competitor_ids is None:
        compete_rows = Graph.run_in(tx, "history_compete_pairs", competitors=None, opportunities=None)
    elif competitor_ids or opportunity_ids:
        compete_rows = Graph.run_in(tx, "history_compete_pairs", competitors=sorted(set(competitor_ids)),
                                    opportunities=sorted(set(opportunity_ids)))
    else:
        compete_rows = []
    if line_contact_ids is None:
        line_rows = Graph.run_in(tx, "history_line_pairs", ids=None)
    else:
        line_rows = Graph.run_in(tx, "history_line_pairs", ids=sorted(set(line_contact_ids))) if line_contact_ids else []
    for batch in _batches(sorted(set(contact_ids))):
        created += _created(Graph.run_in(tx, "history_capture_contacts", ids=batch, at=instant, run=run))
    roles = [{"contact": c, "opportunity": o} for c, o in sorted(set(role_pairs))]
    for batch in _batches(roles):
        created += _created(Graph.run_in(tx, "history_capture_roles", pairs=batch, at=instant, run=run))
    ties = [{"employee": e, "contact": c} for e, c in sorted(set(knows_pairs))]
    for batch in _batches(ties):
        created += _created(Graph.run_in(tx, "history_capture_ties", pairs=batch, at=instant, run=run))
    for batch in _batches(sorted(set(opportunity_ids))):
        created += _created(Graph.run_in(tx, "history_capture_deals", ids=batch, at=instant, run=run))
    competes = sorted({(r["competitor"], r["opportunity"]) for r in compete_rows})
    for batch in _batches([{"competitor": k, "opportunity": o} for k, o in competes]):
        created += _created(Graph.run_in(tx, "history_capture_competes", pairs=batch, at=instant, run=run))
    lines = sorted({(r["contact"], r["manager"]) for r in line_rows})
    for batch in _batches([{"contact": c, "manager": m} for c, m in lines]):
        created += _created(Graph.run_in(tx, "history_capture_lines", pairs=batch, at=instant, run=run))
    return created


class _Ref(Protocol):  # app.services.audit.NodeRef / RelRef, without importing the audit module
    @property
    def entity(self) -> str: ...

    @property
    def entity_id(self) -> str: ...


def capture_for_ref(tx: ManagedTransaction, ref: _Ref, at: datetime | date) -> int:
    """Capture what one audited write can have changed: the entity and the tracked edges at its ends.

    Contact: itself, its roles, ties and reporting lines (a delete removes them); Opportunity: its
    fields, roles and competitor ratings; Employee: its ties; Competitor: its ratings; ROLE_IN / KNOWS /
    COMPETES_IN / REPORTS_TO: that edge. Other entities carry no tracked values.
    """
    entity, entity_id = ref.entity, ref.entity_id
    none: dict[str, Any] = {"contact_ids": [], "role_pairs": [], "knows_pairs": [], "opportunity_ids": [],
                            "competitor_ids": [], "line_contact_ids": []}
    if entity == "Contact":
        roles = _pairs(Graph.run_in(tx, "history_role_pairs", contact=entity_id, opportunity=None),
                       "contact", "opportunity")
        ties = _pairs(Graph.run_in(tx, "history_tie_pairs", employee=None, contact=entity_id), "employee", "contact")
        return capture_history(tx, at=at, **{**none, "contact_ids": [entity_id], "role_pairs": roles,
                                             "knows_pairs": ties, "line_contact_ids": [entity_id]})
    if entity == "Opportunity":
        roles = _pairs(Graph.run_in(tx, "history_role_pairs", contact=None, opportunity=entity_id),
                       "contact", "opportunity")
        return capture_history(tx, at=at, **{**none, "role_pairs": roles, "opportunity_ids": [entity_id]})
    if entity == "Employee":
        ties = _pairs(Graph.run_in(tx, "history_tie_pairs", employee=entity_id, contact=None), "employee", "contact")
        return capture_history(tx, at=at, **{**none, "knows_pairs": ties})
    if entity == "Competitor":
        return capture_history(tx, at=at, **{**none, "competitor_ids": [entity_id]})
    if entity in ("ROLE_IN", "KNOWS", "COMPETES_IN", "REPORTS_TO"):
        start, end = entity_id.split("->", 1)
        field, value = {"ROLE_IN": ("role_pairs", [(start, end)]), "KNOWS": ("knows_pairs", [(start, end)]),
                        "COMPETES_IN": ("competitor_ids", [start]), "REPORTS_TO": ("line_contact_ids", [start])}[entity]
        return capture_history(tx, at=at, **{**none, field: value})
    return 0


def account_as_of(graph: Graph, account_id: str, day: date) -> list[dict[str, Any]]:
    """The account's contacts (tracked values) and the KNOWS ties present at the end of `day`."""
    return graph.read("history_account_contacts_as_of", account=account_id, until=end_of_day(day))


def _pairs(rows: Iterable[dict[str, Any]], first: str, second: str) -> list[tuple[str, str]]:
    return [(row[first], row[second]) for row in rows]


def _batches(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]


def _created(rows: list[dict[str, Any]]) -> int:
    return rows[0]["created"] if rows else 0


def history_keys(bundle: Any) -> dict[str, list[str]]:
    """What an import touched besides contacts, roles and ties (issue 17): its deals, its competitors'
    ratings and the reporting lines at its contacts (and at the ends of its reports_to rows)."""
    line_ids = [row.id for row in bundle.contacts]
    line_ids += [end for row in bundle.reports_to for end in (row.from_, row.to)]
    return {"opportunity_ids": [row.id for row in bundle.opportunities],
            "competitor_ids": [row.id for row in bundle.competitors],
            "line_contact_ids": line_ids, "moved_contact_ids": [row.id for row in bundle.contacts]}
