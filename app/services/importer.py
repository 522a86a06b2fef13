"""Bulk import of a JSON bundle: validate everything first, then write it all in ONE transaction.

All-or-nothing: any invalid row rejects the whole bundle with every problem listed by
key, row index and field; a failure while writing rolls the transaction back, so the
database is left exactly as it was. Upserts by id, so importing twice changes nothing.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timezone
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction
from pydantic import ValidationError

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.db.queries import query
from app.models.bundle import Bundle
from app.services.history import capture_history, history_keys

BATCH_SIZE = 5_000

# (bundle key, named query, rows-from-bundle) in write order: nodes before the links that need them.
WRITE_STEPS: list[tuple[str, str]] = [
    ("accounts", "import_accounts"),
    ("departments", "import_departments"),
    ("departments", "import_department_links"),
    ("contacts", "contacts_note_moves"),   # issue 17: a changed account is a move (before the row is written)
    ("contacts", "import_contacts"),
    ("reports_to", "import_reports_to"),
    ("reports_to", "import_reports_to_history"),   # issue 17: dated line history (valid_from / valid_to)
    ("influences", "import_influences"),
    ("circles", "import_circles"),
    ("employees", "import_employees"),
    ("employees", "import_employee_managers"),
    ("knows", "import_knows"),
    ("opportunities", "import_opportunities"),
    ("roles", "import_roles"),
    ("contacts", "contacts_end_roles"),    # issue 17: roles end where a contact moved away or left
    ("competitors", "import_competitors"),
    ("activities", "import_activities"),
]

ProgressHook = Callable[[str, int, int], None]  # (query name, batch index, rows in batch)


@dataclass
class ImportReport:
    dry_run: bool
    rows: dict[str, int]
    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    counters: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "nodes_created": self.nodes_created,
            "relationships_created": self.relationships_created,
            "relationships_deleted": self.relationships_deleted,
            "properties_set": self.properties_set,
        }


def import_bundle(graph: Graph, raw: dict[str, Any], dry_run: bool = False,
                  on_batch: ProgressHook | None = None, batch_size: int = BATCH_SIZE,
                  timeout_s: float = 1800.0, effective_at: datetime | date | None = None,
                  replace_all: bool = False) -> ImportReport:
    """Validate `raw` fully; unless dry_run, write it in one transaction. Raises InvalidInput (422).

    The same transaction appends history snapshots (attitudes, degrees, ties) of what the bundle
    touched, dated `effective_at` (default now), so trends and as-of reads see every import.
    `replace_all` (restore) first removes every domain node in that same transaction: the database
    holds either the old graph or the bundle, never a mix; links must then resolve inside the bundle.
    """
    bundle = validate_bundle(graph, raw, standalone=replace_all)
    rows = {key: len(getattr(bundle, key)) for key in Bundle.model_fields if getattr(bundle, key)}
    report = ImportReport(dry_run=dry_run, rows=rows)
    if dry_run:
        return report
    payload = {key: [row.model_dump(mode="json") for row in getattr(bundle, key)] for key in Bundle.model_fields}

    def write_all(tx: ManagedTransaction) -> Counter[str]:
        totals: Counter[str] = Counter()
        if replace_all:
            totals["nodes_deleted"] += tx.run(query("restore_wipe_domain")).consume().counters.nodes_deleted
        for key, name in WRITE_STEPS:
            batch_rows = payload[key]
            for index, start in enumerate(range(0, len(batch_rows), batch_size)):
                batch = batch_rows[start:start + batch_size]
                if on_batch is not None:
                    on_batch(name, index, len(batch))
                summary = tx.run(query(name), {"rows": batch}).consume()
                for counter, value in vars(summary.counters).items():
                    if isinstance(value, int) and not isinstance(value, bool) and not counter.startswith("_"):
                        totals[counter] += value
        totals["history_snapshots"] += capture_history(
            tx, at=effective_at or datetime.now(timezone.utc),
            contact_ids=[row.id for row in bundle.contacts],
            role_pairs=[(row.contact, row.opportunity) for row in bundle.roles],
            knows_pairs=[(row.employee, row.contact) for row in bundle.knows],
            **history_keys(bundle))  # issue 17: deals, competitor ratings, reporting lines
        return totals

    totals = graph.write_transaction(write_all, timeout_s=timeout_s)
    report.nodes_created = totals["nodes_created"]
    report.relationships_created = totals["relationships_created"]
    report.relationships_deleted = totals["relationships_deleted"]
    report.properties_set = totals["properties_set"]
    report.counters = dict(totals)
    return report


# ----------------------------------------------------------------------------- validation
def validate_bundle(graph: Graph, raw: Any, standalone: bool = False) -> Bundle:
    """Schema errors (pydantic) and whole-bundle rules (duplicates, links), all reported together."""
    if not isinstance(raw, dict):
        raise InvalidInput("a bundle is a JSON object", [error_item(None, None, None, "must be a JSON object")])
    errors: list[dict[str, Any]] = []
    try:
        bundle = Bundle.model_validate(raw)
    except ValidationError as exc:
        errors.extend(pydantic_errors(exc))
        bundle = _valid_rows_only(raw)
    errors.extend(duplicate_errors(bundle))
    errors.extend(link_errors(graph, bundle, declared_ids(raw), standalone))
    if errors:
        errors.sort(key=lambda e: (str(e["key"]), e["row"] if e["row"] is not None else -1, str(e["field"])))
        raise InvalidInput(f"bundle rejected: {len(errors)} problem(s), nothing was written", errors)
    return bundle


def error_item(key: str | None, row: int | None, field_name: str | None, message: str,
               value: Any = None) -> dict[str, Any]:
    item: dict[str, Any] = {"key": key, "row": row, "field": field_name, "message": message}
    if value is not None:
        item["value"] = value
    return item


def pydantic_errors(exc: ValidationError) -> list[dict[str, Any]]:
    items = []
    for err in exc.errors():
        loc = list(err["loc"])
        key = str(loc.pop(0)) if loc else None
        row = loc.pop(0) if loc and isinstance(loc[0], int) else None
        field_name = dotted_field(loc) or None
        message = "unknown key" if err["type"] == "extra_forbidden" and row is None else err["msg"]
        if err["type"] == "extra_forbidden" and row is not None:
            message = "unknown field"
        value = err.get("input") if err["type"] not in {"missing", "model_type"} else None
        items.append(error_item(key, row, field_name, message, value if is_scalar(value) else None))
    return items


def dotted_field(loc: list[Any]) -> str:
    """A pydantic location as the field a person reads: `members[1].role`, `from` (not `from_`)."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text.replace("from_", "from")


def is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def _valid_rows_only(raw: dict[str, Any]) -> Bundle:
    """Keep the rows that validate on their own, so link checks still run and report everything at once."""
    kept: dict[str, list[Any]] = {}
    for key, info in Bundle.model_fields.items():
        rows = raw.get(key)
        if not isinstance(rows, list):
            continue
        row_model = info.annotation.__args__[0]  # list[XRow]
        good = []
        for row in rows:
            try:
                good.append(row_model.model_validate(row))
            except ValidationError:
                good.append(None)
        kept[key] = good
    bundle = Bundle()
    for key, rows in kept.items():
        object.__setattr__(bundle, key, rows)
    return bundle


def _rows(bundle: Bundle, key: str) -> list[tuple[int, Any]]:
    return [(index, row) for index, row in enumerate(getattr(bundle, key)) if row is not None]


def duplicate_errors(bundle: Bundle) -> list[dict[str, Any]]:
    errors = []
    for key in ["accounts", "departments", "contacts", "circles", "employees", "opportunities", "competitors",
                "activities"]:
        seen: dict[str, int] = {}
        for index, row in _rows(bundle, key):
            if row.id in seen:
                errors.append(error_item(key, index, "id", f"duplicate id (also row {seen[row.id]})", row.id))
            else:
                seen[row.id] = index
    pairs: dict[tuple[str, str], int] = {}
    for index, row in _rows(bundle, "roles"):
        pair = (row.opportunity, row.contact)
        if pair in pairs:
            errors.append(error_item("roles", index, "contact",
                                     f"duplicate role row for ({pair[0]}, {pair[1]}) (also row {pairs[pair]})"))
        else:
            pairs[pair] = index
    for key in ["reports_to", "influences"]:
        for index, row in _rows(bundle, key):
            if row.from_ == row.to:
                errors.append(error_item(key, index, "to", "a contact cannot link to itself", row.to))
    for index, row in _rows(bundle, "employees"):
        if row.manager == row.id:
            errors.append(error_item("employees", index, "manager", "an employee cannot manage themself", row.id))
    return errors


# (key, field, kind it must name); a value may be a list (activity contacts, circle members, competitor entries)
LINKS: list[tuple[str, str, str]] = [
    ("departments", "account", "accounts"),
    ("departments", "parent", "departments"),
    ("contacts", "account", "accounts"),
    ("contacts", "department", "departments"),
    ("reports_to", "from_", "contacts"),
    ("reports_to", "to", "contacts"),
    ("influences", "from_", "contacts"),
    ("influences", "to", "contacts"),
    ("circles", "account", "accounts"),
    ("employees", "manager", "employees"),
    ("knows", "employee", "employees"),
    ("knows", "contact", "contacts"),
    ("opportunities", "account", "accounts"),
    ("opportunities", "owner", "employees"),
    ("roles", "opportunity", "opportunities"),
    ("roles", "contact", "contacts"),
    ("activities", "employee", "employees"),
    ("activities", "opportunity", "opportunities"),
]


def _references(bundle: Bundle) -> list[tuple[str, int, str, str, str]]:
    """Every link in the bundle as (key, row, field path, kind, id)."""
    refs = []
    for key, field_name, kind in LINKS:
        for index, row in _rows(bundle, key):
            value = getattr(row, field_name)
            if value is not None:
                refs.append((key, index, field_name.rstrip("_"), kind, value))
    for index, row in _rows(bundle, "circles"):
        refs += [("circles", index, f"members[{i}].contact", "contacts", m.contact) for i, m in enumerate(row.members)]
    for index, row in _rows(bundle, "competitors"):
        refs += [("competitors", index, f"opportunities[{i}].opportunity", "opportunities", e.opportunity)
                 for i, e in enumerate(row.opportunities)]
    for index, row in _rows(bundle, "activities"):
        refs += [("activities", index, f"contacts[{i}]", "contacts", c) for i, c in enumerate(row.contacts)]
    return refs


LINKED_KINDS = ["accounts", "departments", "contacts", "employees", "opportunities"]


def declared_ids(raw: dict[str, Any]) -> dict[str, set[str]]:
    """Ids the bundle declares, invalid rows included: a bad row is reported once, not again as a dangling link."""
    return {kind: {row["id"].strip() for row in raw.get(kind) or [] if isinstance(row, dict)
                   and isinstance(row.get("id"), str)} if isinstance(raw.get(kind), list) else set()
            for kind in LINKED_KINDS}


def link_errors(graph: Graph, bundle: Bundle, in_bundle: dict[str, set[str]],
                standalone: bool = False) -> list[dict[str, Any]]:
    """A link must name an id in the bundle or (unless standalone) already in the database."""
    refs = _references(bundle)
    unresolved = {kind: sorted({ref_id for _, _, _, k, ref_id in refs if k == kind and ref_id not in ids})
                  for kind, ids in in_bundle.items()}
    lookup = any(unresolved.values()) and not standalone
    stored = graph.read_one("import_existing_ids", **unresolved) if lookup else {}
    known = {kind: in_bundle[kind] | set((stored or {}).get(kind, [])) for kind in in_bundle}
    errors = [error_item(key, row, field_name, f"unknown {kind[:-1]} id (not in the bundle nor the database)", ref_id)
              for key, row, field_name, kind, ref_id in refs if ref_id not in known[kind]]
    errors.extend(_department_account_errors(graph, bundle))
    return errors


def _department_account_errors(graph: Graph, bundle: Bundle) -> list[dict[str, Any]]:
    """A contact's department must belong to the contact's account; a sub-department to its parent's account."""
    account_of = {row.id: row.account for _, row in _rows(bundle, "departments")}
    stored_ids = sorted({row.department for _, row in _rows(bundle, "contacts")
                         if row.department and row.department not in account_of})
    if stored_ids:
        for item in graph.read("import_department_accounts", departments=stored_ids):
            account_of.setdefault(item["department"], item["account"])
    errors = []
    for index, row in _rows(bundle, "contacts"):
        dept_account = account_of.get(row.department) if row.department else None
        if dept_account is not None and dept_account != row.account:
            errors.append(error_item("contacts", index, "department",
                                     f"department {row.department} belongs to account {dept_account}, "
                                     f"not {row.account}", row.department))
    for index, row in _rows(bundle, "departments"):
        parent_account = account_of.get(row.parent) if row.parent else None
        if parent_account is not None and parent_account != row.account:
            errors.append(error_item("departments", index, "parent",
                                     f"parent department {row.parent} belongs to account {parent_account}",
                                     row.parent))
    return errors
