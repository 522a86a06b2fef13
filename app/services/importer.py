"""Bulk import of a JSON bundle: validate everything first, then write it in bounded batches.

All-or-nothing: any invalid row rejects the whole bundle with every problem listed by
key, row index and field. The write runs in many transactions of `batch_size` rows behind the
import lock, journalled so that a failure (or a kill -9, found later) is rolled back before anyone
sees a batch (app.services.import_batches, docs/imports.md). Upserts by id; a row already stored
exactly as given is not written at all (app.services.import_diff), so importing twice writes
nothing. A restore with `replace_all` stays ONE transaction (it swaps the whole graph).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from datetime import date, datetime, timezone
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction
from pydantic import TypeAdapter, ValidationError

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.db.queries import query
from app.models.bundle import Bundle
from app.services.email_rules import PERSON_KEYS, email_errors
from app.services.history import capture_history, history_keys
from app.services import import_batches, import_digest
from app.services.import_diff import Classified, classify, tally
from app.services.import_audit import ImportAudit, sample
from app.services.import_journal import new_run_id
from app.services.import_writes import KEY_ORDER, ProgressHook, steps_in_order

from app.services.import_errors import ErrorCollector
from app.services.import_ties import recompute_touched, touched_pairs

BATCH_SIZE = 5_000


@dataclass
class ImportReport:
    """What an import did. Stable shape (other branches build on it):

    - `rows[key]`: rows of that bundle key;
    - `keys[key] = {"created": n, "changed": n, "unchanged": n}` for every key with rows
      (not filled on a dry run): created = not stored before, changed = stored with other values
      (rewritten), unchanged = stored exactly as given (not written at all);
    - `run`: the import run id when something was written (its audit entry and `GET /imports/{run}/changes`
      list every created id and changed row with previous values); None for a no-op or a dry run;
    - `nodes_created`, `relationships_created`, `relationships_deleted`, `properties_set`: Neo4j counters;
    - `ties` (only when the caller asked, issue 13): {as_of, pairs, live, dormant, manual, pruned} of the derived
      ties recomputed for the activities this import wrote;
    - `batches_unread`: batches counted unchanged without reading the graph, because the last import left
      them stored exactly as sent and nothing was written since (app.services.import_digest).
    """

    dry_run: bool
    rows: dict[str, int]
    keys: dict[str, dict[str, int]] = field(default_factory=dict)
    run: str | None = None                 # the import run (its journal = the list of changes); None: no write
    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    changes: list[Classified] = field(default_factory=list, repr=False)  # per batch: created ids, previous rows
    ties: dict[str, Any] | None = None     # issue 13: derived ties recomputed for the activities written
    batches_unread: int = 0                # issue 16: unchanged by their digest (app.services.import_digest)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "keys": self.keys,
            "run": self.run,
            "nodes_created": self.nodes_created,
            "relationships_created": self.relationships_created,
            "relationships_deleted": self.relationships_deleted,
            "properties_set": self.properties_set,
            "batches_unread": self.batches_unread,
            **({"ties": self.ties} if self.ties is not None else {}),
        }


def import_bundle(graph: Graph, raw: dict[str, Any], dry_run: bool = False,
                  on_batch: ProgressHook | None = None, batch_size: int = BATCH_SIZE,
                  timeout_s: float = 1800.0, effective_at: datetime | date | None = None,
                  replace_all: bool = False, on_phase: import_batches.PhaseHook | None = None,
                  audit: ImportAudit | None = None, consume: bool = False,
                  tie_settings: Settings | None = None,
                  in_switch: Callable[[ManagedTransaction], Any] | None = None) -> ImportReport:
    """Validate `raw` fully; unless dry_run, write what differs in batches. Raises InvalidInput (422).

    Each batch transaction appends history snapshots (attitudes, degrees, ties) of what it wrote,
    dated `effective_at` (default now), so trends and as-of reads see every import. Readers see the
    whole import or none of it (import lock, journal and rollback: app.services.import_batches).
    `replace_all` (restore) removes every domain node and writes the bundle in ONE transaction: the
    database holds either the old graph or the bundle, never a mix; links must resolve inside the bundle.
    `on_phase(phase, done, total)` reports progress (comparing, writing, switching); `audit` (who, from
    where) writes the import's audit entry in the switch transaction (app.services.import_audit);
    `consume` lets validation empty `raw` as it goes (see validate_bundle).
    `tie_settings` (every way in passes it; issue 13): the derived ties of the (employee, contact) pairs whose
    activities this import created or changed are recomputed after the write, as of `effective_at` (default
    today), counts in `report.ties`. `in_switch(tx)` is work that must land with the import, atomically: it runs
    in the switch transaction (a failure there rolls the whole import back), or alone when nothing else is
    written (issue 12: a CRM prune).
    """
    if on_phase is not None:
        on_phase("validating", 0, 0, 0)
    digests: dict[str, list[str]] = {}
    unread: dict[str, set[int]] = {}
    recorded = import_digest.Recorded()
    if not replace_all and not dry_run:
        digests = import_digest.batch_digests(raw, KEY_ORDER, batch_size)
        recorded = import_digest.read(graph, batch_size)
        unread = recorded.unchanged(digests, raw, batch_size)  # before validation: `consume` empties raw
        if recorded.covers(raw, digests, list(Bundle.model_fields), unread):
            return _unread_no_op(graph, raw, digests, batch_size, timeout_s, effective_at, on_phase, tie_settings,
                                 in_switch)
    bundle = validate_bundle(graph, raw, standalone=replace_all, consume=consume)
    rows = {key: len(getattr(bundle, key)) for key in Bundle.model_fields if getattr(bundle, key)}
    report = ImportReport(dry_run=dry_run, rows=rows)
    if dry_run:
        return report
    if not replace_all:
        at = effective_at or datetime.now(timezone.utc)
        clean, dirty = import_batches.compare(graph, bundle, batch_size, on_phase, unread)
        report.batches_unread = sum(1 for part in clean if part.unread)
        parts: list[Classified] = list(clean)
        totals: Counter[str] = Counter()
        if any(dirty.values()):
            def audited(tx: ManagedTransaction, run: str, written: list[Classified], counters: Counter[str]) -> None:
                if in_switch is not None:
                    in_switch(tx)
                if audit is not None:
                    audit.record(tx, run, _audit_summary(rows, clean + written, counters))

            report.run, written, totals = import_batches.write(
                graph, bundle, dirty, batch_size=batch_size, timeout_s=timeout_s, at=at,
                actor=audit.source if audit else "system", on_batch=on_batch, on_phase=on_phase,
                on_switch=audited, digests=digests, recorded=recorded)
            parts.extend(written)
        elif in_switch is not None:
            graph.write_transaction(in_switch, timeout_s=timeout_s)
        report.keys = _in_bundle_order(tally(parts), rows)
        report.changes = parts
        if tie_settings is not None:
            as_of = effective_at.date() if isinstance(effective_at, datetime) else effective_at
            report.ties = recompute_touched(graph, tie_settings, touched_pairs(bundle.activities, parts), as_of)
    else:
        totals = _replace_in_one_transaction(graph, bundle, report, rows, on_batch, batch_size, timeout_s,
                                             effective_at, audit)
    report.nodes_created = totals["nodes_created"]
    report.relationships_created = totals["relationships_created"]
    report.relationships_deleted = totals["relationships_deleted"]
    report.properties_set = totals["properties_set"]
    report.counters = dict(totals)
    return report


def _unread_no_op(graph: Graph, raw: dict[str, Any], digests: dict[str, list[str]], batch_size: int,
                  timeout_s: float, effective_at: datetime | date | None, on_phase: import_batches.PhaseHook | None,
                  tie_settings: Settings | None, in_switch: Callable[[ManagedTransaction], Any] | None
                  ) -> ImportReport:
    """Every batch is one the last import left stored exactly as sent, and nothing was written since: the bundle
    (rows of that validated bundle, at the same places) validates as it did and compares unchanged, so neither
    is done again (app.services.import_digest). Writes nothing, like any no-op."""
    rows = {key: len(raw[key]) for key in Bundle.model_fields if raw.get(key)}
    report = ImportReport(dry_run=False, rows=rows)
    report.changes = [Classified(key, unchanged=len(raw[key][start:start + batch_size]), unread=True)
                      for key in KEY_ORDER if raw.get(key) for start in range(0, len(raw[key]), batch_size)]
    report.keys = _in_bundle_order(tally(report.changes), rows)
    report.batches_unread = sum(len(values) for values in digests.values())
    if on_phase is not None:
        total = sum(rows.values())
        on_phase("comparing", total, total, 0)
    if in_switch is not None:
        graph.write_transaction(in_switch, timeout_s=timeout_s)
    if tie_settings is not None:
        as_of = effective_at.date() if isinstance(effective_at, datetime) else effective_at
        report.ties = recompute_touched(graph, tie_settings, {}, as_of)
    return report


def _in_bundle_order(keys: dict[str, dict[str, int]], rows: dict[str, int]) -> dict[str, dict[str, int]]:
    return {key: keys[key] for key in Bundle.model_fields if key in rows and key in keys}


def _audit_summary(rows: dict[str, int], parts: list[Classified], counters: Counter[str]) -> dict[str, Any]:
    """The audit entry's own content: counts per key and the first ids (every id is in the change pages)."""
    return {"rows": rows, "keys": _in_bundle_order(tally(parts), rows),
            "ids": sample(parts), "counters": {k: v for k, v in counters.items() if v}}


def changed_rows(tx: ManagedTransaction, bundle: Bundle, parts: list[Classified], batch_size: int,
                 assume_new: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Per key, the rows to write (created or changed, bundle order), read against the stored graph
    before anything is written; each batch's classification is appended to `parts`."""
    payload: dict[str, list[dict[str, Any]]] = {}
    for key in Bundle.model_fields:
        models = getattr(bundle, key)
        payload[key] = []
        for start in range(0, len(models), batch_size):
            batch = models[start:start + batch_size]
            part = classify(tx, key, [row.model_dump(mode="json", by_alias=True) for row in batch], assume_new)
            parts.append(part)
            payload[key].extend(batch[index].model_dump(mode="json") for index in part.write)
    return payload


def _replace_in_one_transaction(graph: Graph, bundle: Bundle, report: ImportReport, rows: dict[str, int],
                                on_batch: ProgressHook | None, batch_size: int, timeout_s: float,
                                effective_at: datetime | date | None, audit: ImportAudit | None = None
                                ) -> Counter[str]:
    """Restore --replace: wipe and write in ONE transaction (the old graph or the bundle, never a mix)."""
    replace_all = True
    parts: list[Classified] = []

    def write_all(tx: ManagedTransaction) -> Counter[str]:
        parts.clear()
        totals: Counter[str] = Counter()
        payload = changed_rows(tx, bundle, parts, batch_size, assume_new=replace_all)
        if replace_all:
            totals["nodes_deleted"] += tx.run(query("restore_wipe_domain")).consume().counters.nodes_deleted
        for key, name in steps_in_order():
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
            contact_ids=[row["id"] for row in payload["contacts"]],
            role_pairs=[(row["contact"], row["opportunity"]) for row in payload["roles"]],
            knows_pairs=[(row["employee"], row["contact"]) for row in payload["knows"]],
            **history_keys(bundle))  # issue 17: deals, competitor ratings, reporting lines
        if audit is not None:
            audit.record(tx, new_run_id(), {**_audit_summary(rows, parts, totals), "replace_all": True})
        return totals

    totals = graph.write_transaction(write_all, timeout_s=timeout_s)
    report.keys = {key: counts for key, counts in tally(parts).items() if key in rows}
    report.changes = parts
    return totals


# ----------------------------------------------------------------------------- validation
def validate_bundle(graph: Graph, raw: Any, standalone: bool = False, consume: bool = False) -> Bundle:
    """Schema errors (pydantic) and whole-bundle rules (duplicates, links), all reported together.

    Rows are validated one by one into an ErrorCollector (app.services.import_errors): every problem
    is counted, only the first rows of each kind are kept, so a million bad rows cost bounded memory.
    `consume` empties `raw` key by key while validating, so a big bundle is never held twice
    (the parsed JSON and its models); only for callers that own `raw` (a file or body just parsed).
    """
    if not isinstance(raw, dict):
        raise InvalidInput("a bundle is a JSON object", [error_item(None, None, None, "must be a JSON object")])
    collector = ErrorCollector()
    declared = declared_ids(raw)
    bundle = _validate_rows(raw, collector, consume)
    collector.extend(duplicate_errors(bundle))
    collector.extend(link_errors(graph, bundle, declared, standalone))
    collector.extend(email_errors({key: _rows(bundle, key) for key in PERSON_KEYS},  # issue 13
                                  (lambda name, **p: []) if standalone else graph.read))
    from app.services.link_rules import bundle_link_rule_errors  # issue 18; it imports this module

    collector.extend(bundle_link_rule_errors(graph, bundle, standalone))
    if collector:
        raise collector.rejection(f"bundle rejected: {collector.total} problem(s), nothing was written")
    return bundle


def _validate_rows(raw: dict[str, Any], collector: ErrorCollector, consume: bool = False) -> Bundle:
    """Each row by its row model; an invalid row is kept as None so link checks still run on the rest.
    With `consume`, each key's raw rows are dropped once their models are built."""
    for name in raw:
        if name not in Bundle.model_fields:
            collector.add(error_item(str(name), None, None, "unknown key"))
    bundle = Bundle()
    for key, info in Bundle.model_fields.items():
        rows = raw.get(key)
        if rows is None:
            continue
        if not isinstance(rows, list):
            collector.add(error_item(key, None, None, "Input should be a valid list"))
            continue
        row_model = info.annotation.__args__[0]  # list[XRow]
        good: list[Any] = []
        for index, row in enumerate(rows):
            if collector.total >= EXACT_PROBLEMS:
                _count_rest(key, rows[index:], good, collector)
                break
            try:
                good.append(row_model.model_validate(row))
            except ValidationError as exc:
                good.append(None)
                for err in exc.errors(include_url=False, include_context=False):
                    signature = (key, err["type"], err["msg"], *(p for p in err["loc"] if not isinstance(p, int)))
                    collector.add_again(signature, lambda err=err, index=index: _pydantic_item(
                        err, [key, index, *err["loc"]]))
        object.__setattr__(bundle, key, good)
        if consume:
            del raw[key]
    return bundle


EXACT_PROBLEMS = 100_000  # problems broken down by kind; past this, the rest are only counted (bounded time)
COUNT_CHUNK = 10_000


def _count_rest(key: str, rows: list[Any], good: list[Any], collector: ErrorCollector) -> None:
    """Validate the remaining rows in chunks and only count their problems (no error dicts, no per-row raise)."""
    adapter = _list_adapter(key)
    for start in range(0, len(rows), COUNT_CHUNK):
        chunk = rows[start:start + COUNT_CHUNK]
        try:
            good.extend(adapter.validate_python(chunk))
        except ValidationError as exc:
            good.extend([None] * len(chunk))
            collector.count_only(key, exc.error_count())


@lru_cache(maxsize=None)
def _list_adapter(key: str) -> TypeAdapter[Any]:
    return TypeAdapter(Bundle.model_fields[key].annotation)


def error_item(key: str | None, row: int | None, field_name: str | None, message: str,
               value: Any = None) -> dict[str, Any]:
    item: dict[str, Any] = {"key": key, "row": row, "field": field_name, "message": message}
    if value is not None:
        item["value"] = value
    return item


def pydantic_errors(exc: ValidationError) -> list[dict[str, Any]]:
    return [_pydantic_item(err, list(err["loc"])) for err in exc.errors()]


def _pydantic_item(err: Any, loc: list[Any]) -> dict[str, Any]:
    key = str(loc.pop(0)) if loc else None
    row = loc.pop(0) if loc and isinstance(loc[0], int) else None
    field_name = dotted_field(loc) or None
    message = "unknown key" if err["type"] == "extra_forbidden" and row is None else err["msg"]
    if err["type"] == "extra_forbidden" and row is not None:
        message = "unknown field"
    value = err.get("input") if err["type"] not in {"missing", "model_type"} else None
    return error_item(key, row, field_name, message, value if is_scalar(value) else None)


def dotted_field(loc: list[Any]) -> str:
    """A pydantic location as the field a person reads: `members[1].role`, `from` (not `from_`)."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text.replace("from_", "from")


def is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


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
