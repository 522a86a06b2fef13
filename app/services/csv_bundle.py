"""CSV files → a JSON bundle (import-format.md), so spreadsheets import through the same validator.

One file per bundle key (`contacts.csv`, ...), header row = field names, one data
row per bundle row, except:

- `circles.csv` `members` cell: `contact:role;contact:role` (`:role` may be left out → member);
- `activities.csv` `contacts` cell: `c1;c2`;
- `emails` (contacts, employees) and `domains` (accounts) cells: `a@acme.com;b@acme.com`;
- `competitors.csv`: one row per (competitor, opportunity) with columns
  `id,name,opportunity,need_satisfaction,closeness`; rows sharing an id become one
  competitor (a row with an empty `opportunity` is a competitor with no deals).

An empty cell is an absent field. Numbers and booleans are converted by the type the
bundle row model declares, so the value domains stay in app.models.bundle; range and
enum checks are left to the importer's validator. Problems are reported like the
JSON ones: key, 0-based data row, field.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from app.core.errors import InvalidInput
from app.ingest.archive import read_folder, read_zip
from app.models.bundle import Bundle, CompetitorEntry, Row
from app.models.field_kinds import field_kind
from app.services.importer import error_item

LIST_SEPARATOR = ";"
ROLE_SEPARATOR = ":"
TRUE_WORDS = {"true", "1", "yes", "y"}
FALSE_WORDS = {"false", "0", "no", "n"}
MAX_FILES = 50
LIST_COLUMNS = {"emails", "domains"}  # issue 13: `;`-separated lists of addresses / domains


@dataclass
class CsvBundle:
    """The converted bundle, plus where each competitor entry came from (to report errors by CSV row)."""

    bundle: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    competitor_rows: dict[tuple[int, int], int] = field(default_factory=dict)  # (competitor, entry) → CSV row
    competitor_first_row: dict[int, int] = field(default_factory=dict)         # competitor → first CSV row

    def translate(self, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Point importer errors about competitors back at the CSV row and column they came from."""
        out = []
        for item in errors:
            if item.get("key") == "competitors" and isinstance(item.get("row"), int):
                out.append(self._competitor_error(item))
            else:
                out.append(item)
        return out

    def _competitor_error(self, item: dict[str, Any]) -> dict[str, Any]:
        row, name = item["row"], str(item.get("field") or "")
        if name.startswith("opportunities[") and "]" in name:
            entry = int(name[len("opportunities["):name.index("]")])
            column = name[name.index("]") + 1:].lstrip(".") or "opportunity"
            return {**item, "row": self.competitor_rows.get((row, entry), row), "field": column}
        return {**item, "row": self.competitor_first_row.get(row, row)}


# ----------------------------------------------------------------------------- reading files
def read_csv_folder(folder: Path) -> dict[str, str]:
    """`{file stem: text}` for every `*.csv` in a folder (not recursive), within the archive limits."""
    return {Path(name).stem: _decode(data) for name, data in read_folder(folder).items()}


def read_csv_zip(data: bytes) -> dict[str, str]:
    """`{file stem: text}` for every `*.csv` in a zip (folders inside are ignored, names must not repeat).

    Read through app.ingest.archive: a zip bomb is refused (413) before it is expanded.
    """
    members = read_zip(data)
    if len(members) > MAX_FILES:
        raise InvalidInput("too many files", [error_item(None, None, None, f"more than {MAX_FILES} CSV files")])
    return {Path(name).stem: _decode(content) for name, content in members.items()}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # spreadsheets often write a BOM
    except UnicodeDecodeError as exc:
        raise InvalidInput("CSV files must be UTF-8",
                           [error_item(None, None, None, f"not UTF-8: {exc}")]) from None


# ----------------------------------------------------------------------------- conversion
def bundle_from_csv(files: dict[str, str]) -> CsvBundle:
    """Convert `{key: csv text}`; raises InvalidInput listing every unconvertible cell and unknown file."""
    result = CsvBundle()
    errors: list[dict[str, Any]] = []
    for key, text in files.items():
        if key not in Bundle.model_fields:
            errors.append(error_item(key, None, None, f"unknown file {key}.csv (expected one of: "
                                     f"{', '.join(f'{k}.csv' for k in Bundle.model_fields)})"))
            continue
        records = _records(key, text, errors)
        if key == "competitors":
            result.bundle[key] = _competitors(records, errors, result)
        else:
            result.bundle[key] = [_row(key, index, record, errors) for index, record in enumerate(records)]
    if errors:
        raise InvalidInput(f"CSV rejected: {len(errors)} problem(s), nothing was written", errors)
    return result


def _records(key: str, text: str, errors: list[dict[str, Any]]) -> list[dict[str | None, Any]]:
    """The file's rows; a cell over csv's field limit (131,072 characters) or broken quoting is an error
    naming the file and line, not a crash (issue 18: the field limit bounds the work per cell)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as exc:
        errors.append(error_item(key, None, None, f"{key}.csv line {reader.line_num}: {exc} "
                                 f"(a cell may hold at most {csv.field_size_limit():,} characters)"))
        return []


def _row(key: str, index: int, record: dict[str | None, Any], errors: list[dict[str, Any]]) -> dict[str, Any]:
    fields = _row_model(key).model_fields
    by_name = {info.alias or name: info for name, info in fields.items()}
    out: dict[str, Any] = {}
    for column, cell in record.items():
        if column is None:  # more cells than header columns
            errors.append(error_item(key, index, None, "more cells than header columns"))
            continue
        if cell is None or cell.strip() == "":
            continue
        column = column.strip()
        info = by_name.get(column)
        if info is None:  # let the row model report it as an unknown field, like JSON
            out[column] = cell
            continue
        try:
            out[column] = _convert(key, column, info.annotation, cell.strip())
        except ValueError as exc:
            errors.append(error_item(key, index, column, str(exc), cell))
    return out


def _convert(key: str, column: str, annotation: Any, cell: str) -> Any:
    if key == "circles" and column == "members":
        return [_member(part) for part in _split(cell)]
    if key == "activities" and column == "contacts":
        return _split(cell)
    if column in LIST_COLUMNS:  # issue 13: emails / domains, `a@x.com;b@x.com`
        return _split(cell)
    kind = field_kind(annotation)
    if kind is bool:
        lowered = cell.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise ValueError("not a boolean (use true/false)")
    if kind is int or kind is float:
        try:
            number = float(cell)
        except ValueError:
            raise ValueError("not a number") from None
        return int(number) if number.is_integer() and "." not in cell and "e" not in cell.lower() else number
    return cell


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _member(part: str) -> dict[str, str]:
    contact, _, role = part.partition(ROLE_SEPARATOR)
    if not contact.strip():
        raise ValueError(f"member {part!r} has no contact id (format: contact:role;contact:role)")
    return {"contact": contact.strip(), "role": role.strip()} if role.strip() else {"contact": contact.strip()}


def _row_model(key: str) -> type[Row]:
    return get_args(Bundle.model_fields[key].annotation)[0]


COMPETITOR_COLUMNS = ("id", "name", "opportunity", "need_satisfaction", "closeness")


def _competitors(records: list[dict[str | None, Any]], errors: list[dict[str, Any]],
                 result: CsvBundle) -> list[dict[str, Any]]:
    """One CSV row per (competitor, opportunity) → one bundle row per competitor id, in first-seen order."""
    rows: list[dict[str, Any]] = []
    position: dict[str, int] = {}
    entry_fields = CompetitorEntry.model_fields
    for index, record in enumerate(records):
        cells = {(k or "").strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if None in record:
            errors.append(error_item("competitors", index, None, "more cells than header columns"))
        for column in cells:
            if column not in COMPETITOR_COLUMNS:
                errors.append(error_item("competitors", index, column, "unknown field"))
        comp_id, name = cells.get("id", ""), cells.get("name", "")
        if comp_id not in position:
            position[comp_id] = len(rows)
            result.competitor_first_row[len(rows)] = index
            row: dict[str, Any] = {"opportunities": []}
            if comp_id:
                row["id"] = comp_id
            if name:
                row["name"] = name
            rows.append(row)
        else:
            row = rows[position[comp_id]]
            if name and row.get("name") not in (None, name):
                errors.append(error_item("competitors", index, "name",
                                         f"competitor {comp_id} has another name in an earlier row", name))
            if name and "name" not in row:
                row["name"] = name
        if not cells.get("opportunity"):
            if cells.get("need_satisfaction") or cells.get("closeness"):
                errors.append(error_item("competitors", index, "opportunity", "values without an opportunity"))
            continue
        entry: dict[str, Any] = {"opportunity": cells["opportunity"]}
        for column in ("need_satisfaction", "closeness"):
            if cells.get(column):
                try:
                    entry[column] = _convert("competitors", column, entry_fields[column].annotation, cells[column])
                except ValueError as exc:
                    errors.append(error_item("competitors", index, column, str(exc), cells[column]))
        result.competitor_rows[(position[comp_id], len(row["opportunities"]))] = index
        row["opportunities"].append(entry)
    return rows


def bundle_to_csv(bundle: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """The inverse, for export as CSV and for tests: `{key: csv text}` in the same format."""
    files: dict[str, str] = {}
    for key, rows in bundle.items():
        if key == "competitors":
            flat = [{"id": r["id"], "name": r["name"], **entry} for r in rows for entry in r.get("opportunities") or []]
            flat += [{"id": r["id"], "name": r["name"]} for r in rows if not r.get("opportunities")]
            columns: list[str] = list(COMPETITOR_COLUMNS)
            rows = flat
        else:
            columns = [info.alias or name for name, info in _row_model(key).model_fields.items()]
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: _cell(key, column, row.get(column)) for column in columns})
        files[key] = buffer.getvalue()
    return files


def _cell(key: str, column: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "circles" and column == "members":
        return LIST_SEPARATOR.join(f"{m['contact']}{ROLE_SEPARATOR}{m.get('role', 'member')}" for m in value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
