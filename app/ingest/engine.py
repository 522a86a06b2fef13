"""One engine for every CRM mapping: CSV files + a Mapping → bundle rows, with where each row came from.

Generic over mappings: which file, which column, which value map all come from the TOML. The few
rules that shape bundle rows (a department per (account, department text), a reports_to row from a
manager column, IsClosed/IsWon over the stage name, a grade from the amount, one competitor per
name across deals, one role per (deal, contact)) are rules of the bundle, not of a vendor; the only
vendor rule is the id format (app.ingest.salesforce).

Problems are reported on the CRM's own terms: file, 0-based data row, column.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, timezone
from typing import Any

from app.core.config import get_settings
from app.i18n import t
from app.ingest import salesforce
from app.ingest.mapping import Mapping, ObjectMapping
from app.models.bundle import Bundle
from app.models.field_kinds import field_kind
from app.models.domain import ActivityType, DecisionRole, Stage
from app.services.import_errors import ErrorCollector, closest
from app.services.importer import LINKS

# (kind, field) → the kind whose id it names; besides importer.LINKS
EXTRA_LINKS = {("activities", "contacts"): "contacts", ("competitors", "opportunity"): "opportunities",
               ("contacts", "reports_to"): "contacts"}
LINK_KIND = {**{(key, name.rstrip("_")): kind for key, name, kind in LINKS}, **EXTRA_LINKS}
ID_KINDS = {"accounts", "departments", "contacts", "circles", "employees", "opportunities", "competitors",
            "activities"}
ROLE_RANK = {role.value: rank for rank, role in enumerate(DecisionRole)}  # approver first
ENUMS = {("opportunities", "stage"): [s.value for s in Stage], ("roles", "role"): [r.value for r in DecisionRole],
         ("activities", "type"): [a.value for a in ActivityType]}
csv.field_size_limit(10 * 1024 * 1024)


@dataclass
class Origin:
    file: str
    row: int
    columns: dict[str, str]  # bundle field → CRM column


@dataclass
class Converted:
    """The bundle, where every row came from, and what was read, skipped or merged on the way."""

    bundle: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    read: dict[str, int] = field(default_factory=dict)           # file → data rows
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (file, reason) → rows
    dropped_links: Counter[tuple[str, str]] = field(default_factory=Counter)  # (file, column) → links
    merged: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, key: str, row: dict[str, Any], origin: Origin) -> None:
        self.bundle.setdefault(key, []).append(row)
        self.origins.setdefault(key, []).append(origin)

    def translate(self, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Importer errors (bundle key, row, field) → the CRM file, data row and column they came from."""
        out = []
        for item in errors:
            origins = self.origins.get(str(item.get("key")))
            row = item.get("row")
            if origins is None or not isinstance(row, int) or row >= len(origins):
                out.append(item)
                continue
            origin = origins[row]
            name = re.sub(r"\[\d+\].*$", "", str(item.get("field") or ""))
            out.append({**item, "key": origin.file, "row": origin.row,
                        "field": origin.columns.get(name, item.get("field"))})
        return out

    def report(self) -> dict[str, Any]:
        return {"files": self.read,
                "rows": {key: len(rows) for key, rows in self.bundle.items()},
                "skipped": [{"file": f, "reason": r, "rows": n} for (f, r), n in sorted(self.skipped.items())],
                "links_dropped": [{"file": f, "column": c, "links": n}
                                  for (f, c), n in sorted(self.dropped_links.items())],
                "merged": [{"file": f, "reason": r, "rows": n} for (f, r), n in sorted(self.merged.items())]}


@lru_cache(maxsize=None)
def _field_types(kind: str) -> dict[str, tuple[type | None, bool]]:
    """Bundle field → (scalar kind, required)."""
    row_model = Bundle.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
    types_ = {info.alias or name: (field_kind(info.annotation), info.is_required())
              for name, info in row_model.model_fields.items()}
    return {**types_, **VIRTUAL_TYPES.get(kind, {})}


VIRTUAL_TYPES: dict[str, dict[str, tuple[type | None, bool]]] = {
    "opportunities": {"closed": (bool, False), "won": (bool, False)},
    "contacts": {"department_name": (str, False), "reports_to": (str, False)},
    "competitors": {"opportunity": (str, False)},
}


def slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")[:80] or "x"


class Engine:
    """Converts the files of one export with one mapping; problems go to one bounded collector."""

    def __init__(self, mapping: Mapping, files: dict[str, bytes], collector: ErrorCollector,
                 lang: str = "en") -> None:
        self.mapping = mapping
        self.lang = lang
        self.files = {name.lower(): (name, data) for name, data in files.items()}
        self.errors = collector
        self.out = Converted()
        self.known: dict[str, set[str]] = {kind: set() for kind in ID_KINDS}
        self.settings = get_settings()
        self._pending_roles: dict[tuple[Any, Any], list[tuple[dict[str, Any], Origin]]] = {}
        self._departments: set[str] = set()
        self._competitor_at: dict[str, int] = {}
        self._skipped_rows: set[tuple[str, int]] = set()

    def _t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    # ------------------------------------------------------------------ reading
    def _records(self, obj: ObjectMapping) -> tuple[str, list[str], list[dict[str, str]]] | None:
        found = self.files.get(obj.file.lower())
        if found is None:
            if obj.required:
                self.errors.add({"key": obj.file, "row": None, "field": None, "kind": "file missing",
                                 "message": self._t("crm.file_missing", file=obj.file),
                                 "hint": _did_you_mean(obj.file, [n for n, _ in self.files.values()], self.lang)})
            return None
        name, data = found
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.errors.add({"key": name, "row": None, "field": None, "kind": "not UTF-8",
                             "message": self._t("crm.not_utf8", file=name, reason=exc)})
            return None
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            header = [column.strip() for column in reader.fieldnames or []]
            records = [{(k or "").strip(): (v or "").strip() for k, v in record.items() if k is not None}
                       for record in reader]
        except csv.Error as exc:
            self.errors.add({"key": name, "row": None, "field": None, "kind": "not CSV",
                             "message": self._t("crm.not_csv", file=name, reason=exc)})
            return None
        return name, header, records

    # ------------------------------------------------------------------ the whole export
    def convert(self) -> Converted:
        loaded = []
        for obj in self.mapping.objects:
            got = self._records(obj)
            if got is None:
                continue
            name, header, records = got
            self.out.read[name] = len(records)
            if self._check_columns(obj, name, header):
                loaded.append((obj, name, records))
        for obj, name, records in loaded:  # first pass: every id this export holds, for optional links
            if "id" in obj.fields and obj.kind in ID_KINDS:
                for record in records:
                    if not self._skip_reason(obj, record):
                        value = self._cell(record, obj.fields["id"])[0]
                        if value:
                            try:
                                self.known[obj.kind].add(self._id(obj, value))
                            except ValueError:
                                pass
        for obj, name, records in loaded:
            for index, record in enumerate(records):
                reason = self._skip_reason(obj, record)
                if reason:
                    if (name, index) not in self._skipped_rows:  # two objects may read one file
                        self._skipped_rows.add((name, index))
                        self.out.skipped[(name, reason)] += 1
                    continue
                if obj.explode:
                    spec = obj.fields.get(obj.explode)
                    column = spec if isinstance(spec, str) else None
                    parts = [p.strip() for p in record.get(column or "", "").split(self.mapping.list_separator)
                             if p.strip()]
                    for part in parts:
                        self._convert_row(obj, name, index, {**record, column: part} if column else record)
                    if not parts:
                        self.out.skipped[(name, f"no {column}")] += 1
                    continue
                self._convert_row(obj, name, index, record)
        self._finish_roles()
        return self.out

    def _check_columns(self, obj: ObjectMapping, name: str, header: list[str]) -> bool:
        types_ = _field_types(obj.kind)
        ok = True
        for field_name, spec in obj.fields.items():
            columns = _columns(spec)
            map_name = obj.values.get(field_name)
            has_blank = bool(map_name) and "" in self.mapping.values.get(map_name, {})
            required = (types_.get(field_name, (None, False))[1] and field_name not in obj.default_values
                        and not has_blank)
            if columns and not any(column in header for column in columns) and required:
                wanted = columns[0]
                self.errors.add({"key": name, "row": None, "field": wanted, "kind": "column missing",
                                 "message": self._t("crm.column_missing", file=name, column=wanted, field=field_name),
                                 "hint": _did_you_mean(wanted, header, self.lang)})
                ok = False
        return ok

    def _skip_reason(self, obj: ObjectMapping, record: dict[str, str]) -> str | None:
        if obj.skip_when_true and record.get(obj.skip_when_true, "").lower() in self.mapping.true_words:
            return f"{obj.skip_when_true}=true"
        for column in obj.skip_when_empty:
            if not record.get(column):
                return f"no {column}"
        for column, values in obj.skip_when_in.items():
            if record.get(column, "").lower() in values:
                return f"{column}={record.get(column)}"
        return None

    # ------------------------------------------------------------------ one row
    def _cell(self, record: dict[str, str], spec: Any) -> tuple[str | None, str | None]:
        """(value, column it came from) for a field spec: column, [alternatives], {join}, {slug}."""
        if isinstance(spec, str):
            value = record.get(spec) or None
            return value, spec
        if isinstance(spec, list):
            first_column = None
            for alternative in spec:
                value, column = self._cell(record, alternative)
                first_column = first_column or column
                if value:
                    return value, column
            return None, first_column
        if isinstance(spec, dict) and "join" in spec:
            parts = [record.get(column, "") for column in spec["join"]]
            return " ".join(part for part in parts if part) or None, "+".join(spec["join"])
        if isinstance(spec, dict) and "slug" in spec:
            value = record.get(spec["slug"]) or None
            return (slug(value) if value else None), spec["slug"]
        return None, None

    def _id(self, obj: ObjectMapping, value: str, kind: str | None = None) -> str:
        if isinstance(obj.fields.get("id"), dict) and kind in (None, obj.kind):
            return f"{self.mapping.id_prefix}{(kind or obj.kind)[:-1]}-{value}"  # derived (slug) ids
        return self._ref(value)

    def _ref(self, value: str) -> str:
        if self.mapping.id_format == "salesforce":
            value = salesforce.normalise_id(value)
        return f"{self.mapping.id_prefix}{value}"

    def _convert_row(self, obj: ObjectMapping, file: str, index: int, record: dict[str, str]) -> None:
        types_ = _field_types(obj.kind)
        row: dict[str, Any] = {}
        columns: dict[str, str] = {}
        failed = False

        def problem(column: str | None, kind: str, message: str, value: Any, hint: str | None = None) -> None:
            nonlocal failed
            failed = True
            self.errors.add({"key": file, "row": index, "field": column, "kind": kind, "message": message,
                             "value": value, "hint": hint})

        for field_name, spec in obj.fields.items():
            map_name = obj.values.get(field_name)
            if map_name:
                value, column = self._mapped(obj, record, spec, map_name, field_name)
                if column:
                    columns[field_name] = column
                if value is _UNKNOWN:
                    raw, column = self._cell(record, spec)
                    problem(column, "unknown value", self._t("crm.unknown_value", value=raw, table=map_name),
                            raw, self._value_hint(obj.kind, field_name, map_name, raw or ""))
                elif value is not None:
                    kind = types_.get(field_name, (str, False))[0]
                    try:
                        row[field_name] = self._typed(kind, value) if kind in (bool, int, float, date) else value
                    except ValueError as exc:
                        problem(column, "invalid value", str(exc), value)
                continue
            value, column = self._cell(record, spec)
            if column:
                columns[field_name] = column
            if value is None:
                continue
            link_kind = LINK_KIND.get((obj.kind, field_name))
            try:
                if field_name == "id" and obj.kind in ID_KINDS:
                    row[field_name] = self._id(obj, value)
                elif link_kind:
                    parts = [part.strip() for part in value.split(self.mapping.list_separator) if part.strip()]
                    ids = [self._ref(part) for part in (parts if field_name == "contacts" else parts[:1])]
                    if field_name in obj.optional_links or field_name == "reports_to":
                        kept = [i for i in ids if i in self.known[link_kind]]
                        if len(kept) < len(ids):
                            self.out.dropped_links[(file, column or field_name)] += len(ids) - len(kept)
                        ids = kept
                    if field_name == "contacts":
                        row[field_name] = ids
                    elif ids:
                        row[field_name] = ids[0]
                else:
                    row[field_name] = self._typed(types_.get(field_name, (str, False))[0], value)
            except ValueError as exc:
                problem(column, "invalid value", str(exc), value)
        for field_name, value in obj.default_values.items():
            row.setdefault(field_name, value)
        if failed:
            return
        if obj.kind == "activities" and not row.get("contacts"):
            self.out.skipped[(file, "no contact known in this export")] += 1
            return
        self._shape(obj, file, index, row, columns)

    def _typed(self, kind: type | None, value: str) -> Any:
        if kind is list:  # emails, domains: `a@x.com;b@x.com`
            return [part.strip() for part in value.split(self.mapping.list_separator) if part.strip()]
        if kind is bool:
            lowered = value.lower()
            if lowered in self.mapping.true_words:
                return True
            if lowered in self.mapping.false_words:
                return False
            raise ValueError(self._t("crm.not_boolean", value=value))
        if kind in (int, float):
            try:
                number = float(value.replace(",", ""))
            except ValueError:
                raise ValueError(self._t("crm.not_number", value=value)) from None
            return int(number) if kind is int else number
        if kind is date:
            for fmt in self.mapping.date_formats:
                if fmt == "epoch_ms":  # HubSpot's engagement timestamps
                    if value.isdigit():
                        return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc).date().isoformat()
                    continue
                try:
                    return datetime.strptime(value, fmt).date().isoformat()
                except ValueError:
                    continue
            raise ValueError(self._t("crm.not_date", value=value, formats=", ".join(self.mapping.date_formats)))
        return value

    def _mapped(self, obj: ObjectMapping, record: dict[str, str], spec: Any, map_name: str,
                field_name: str) -> tuple[Any, str | None]:
        """Through a value map: the first alternative whose value (or its first words) is in the map."""
        table = self.mapping.values[map_name]
        alternatives = spec if isinstance(spec, list) else [spec]
        first_seen = None
        for alternative in alternatives:
            value, column = self._cell(record, alternative)
            if value is None and "" in table and alternative is alternatives[-1] and first_seen is None:
                return table[""], column
            if value is None:
                continue
            first_seen = first_seen or column
            lowered = value.strip().lower()
            if lowered in table:
                return table[lowered], column
            words = [key for key in table if key and lowered.startswith(key + " ")]
            if words:
                return table[max(words, key=len)], column
        if field_name in obj.default_values:
            return obj.default_values[field_name], first_seen
        if first_seen is None:
            return None, None
        return _UNKNOWN, first_seen

    def _value_hint(self, kind: str, field_name: str, map_name: str, value: str) -> str:
        choices = ENUMS.get((kind, field_name), [])
        guess = closest(value, choices, cutoff=0.5) if choices else None
        target = guess or (choices[0] if choices else "…")
        return self._t("crm.hint_add_value", value=value, table=map_name, target=target, choices=", ".join(choices))

    # ------------------------------------------------------------------ bundle rules
    def _shape(self, obj: ObjectMapping, file: str, index: int, row: dict[str, Any], columns: dict[str, str]) -> None:
        origin = Origin(file, index, columns)
        if obj.kind == "contacts":
            self._contact(row, origin)
        elif obj.kind == "opportunities":
            self._opportunity(row)
            self.out.add("opportunities", row, origin)
        elif obj.kind == "competitors":
            self._competitor(row, origin)
        elif obj.kind == "roles":
            self._pending_roles.setdefault((row.get("opportunity"), row.get("contact")), []).append((row, origin))
        else:
            self.out.add(obj.kind, row, origin)

    def _contact(self, row: dict[str, Any], origin: Origin) -> None:
        department = row.pop("department_name", None)
        manager = row.pop("reports_to", None)
        if department and row.get("account"):
            dept_id = f"{row['account']}-dept-{slug(department)}"
            if dept_id not in self._departments:
                self._departments.add(dept_id)
                self.out.add("departments", {"id": dept_id, "name": department, "account": row["account"]},
                             Origin(origin.file, origin.row, {"name": origin.columns.get("department_name", ""),
                                                              "account": origin.columns.get("account", "")}))
            row["department"] = dept_id
        self.out.add("contacts", row, origin)
        if manager and manager != row.get("id"):
            self.out.add("reports_to", {"from": row["id"], "to": manager},
                         Origin(origin.file, origin.row, {"from": origin.columns.get("id", ""),
                                                          "to": origin.columns.get("reports_to", "")}))

    def _opportunity(self, row: dict[str, Any]) -> None:
        closed, won = row.pop("closed", None), row.pop("won", None)
        if closed is True:
            row["stage"] = "won" if won else "lost"
        elif closed is False and row.get("stage") in ("won", "lost"):
            row.pop("stage")  # the CRM says open: the closed stage name does not win
        if "grade" not in row and isinstance(row.get("amount"), (int, float)):
            row["grade"] = grade_for(row["amount"], self.settings)

    def _competitor(self, row: dict[str, Any], origin: Origin) -> None:
        opportunity = row.pop("opportunity", None)
        position = self._competitor_at.get(row["id"])
        if position is None:
            position = self._competitor_at[row["id"]] = len(self.out.bundle.get("competitors", []))
            self.out.add("competitors", {**row, "opportunities": []}, origin)
        entries = self.out.bundle["competitors"][position]["opportunities"]
        if opportunity and all(entry["opportunity"] != opportunity for entry in entries):
            entries.append({"opportunity": opportunity})
        elif opportunity:
            self.out.merged[(origin.file, "the same competitor twice on a deal")] += 1

    def _finish_roles(self) -> None:
        """One role per (deal, contact): the CRM allows several; the heaviest role wins, IsPrimary if any."""
        for rows in self._pending_roles.values():
            rows.sort(key=lambda pair: ROLE_RANK.get(pair[0].get("role"), 99))
            row, origin = rows[0]
            if len(rows) > 1:
                if any(other.get("is_primary") for other, _ in rows):
                    row["is_primary"] = True
                self.out.merged[(origin.file, "several roles of one contact on a deal: the heaviest kept")] += \
                    len(rows) - 1
            self.out.add("roles", row, origin)


_UNKNOWN = object()


def _columns(spec: Any) -> list[str]:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, list):
        return [column for alternative in spec for column in _columns(alternative)]
    if isinstance(spec, dict):
        return list(spec.get("join") or []) + ([spec["slug"]] if "slug" in spec else [])
    return []


def _did_you_mean(wanted: str, choices: list[str], lang: str = "en") -> str | None:
    guess = closest(wanted, choices, cutoff=0.5)
    return t("crm.hint_did_you_mean", lang, guess=guess) if guess else None


def grade_for(amount: float, settings: Any) -> str:
    """A–E from the amount thresholds in settings (CRM_GRADE_*_MIN_AMOUNT)."""
    for grade, threshold in (("A", settings.crm_grade_a_min_amount), ("B", settings.crm_grade_b_min_amount),
                             ("C", settings.crm_grade_c_min_amount), ("D", settings.crm_grade_d_min_amount)):
        if amount >= threshold:
            return grade
    return "E"


def convert(mapping: Mapping, files: dict[str, bytes], collector: ErrorCollector, lang: str = "en") -> Converted:
    return Engine(mapping, files, collector, lang).convert()
