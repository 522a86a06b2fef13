"""Mapping files: which CRM file becomes which bundle key, column by column, and the value maps.

The default mapping of each source ships in `app/ingest/mappings/<source>.toml`. A user's file is
laid over it (tables merge key by key, anything else replaces), so a two-line file can add one role
value. The merged mapping is checked here, and every problem names the mapping key to fix.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import InvalidInput
from app.i18n import t
from app.models.bundle import Bundle

MAPPINGS_DIR = Path(__file__).parent / "mappings"
VIRTUAL_FIELDS = {  # fields the engine turns into more than one bundle field or row
    "contacts": {"department_name", "reports_to"},
    "opportunities": {"closed", "won"},
    "competitors": {"opportunity"},
}
ID_FORMATS = {"none", "salesforce"}


def sources() -> list[str]:
    return sorted(path.stem for path in MAPPINGS_DIR.glob("*.toml"))


@dataclass
class ObjectMapping:
    """One CRM file → rows of one bundle key."""

    name: str
    kind: str
    file: str
    fields: dict[str, Any]
    values: dict[str, str] = field(default_factory=dict)          # bundle field → value map name
    required: bool = False
    skip_when_true: str | None = None
    skip_when_empty: list[str] = field(default_factory=list)
    optional_links: set[str] = field(default_factory=set)
    default_values: dict[str, str] = field(default_factory=dict)
    skip_when_in: dict[str, list[str]] = field(default_factory=dict)  # column → values whose rows are skipped
    explode: str | None = None  # a field whose cell lists several ids: one bundle row per id


@dataclass
class Mapping:
    source: str
    id_prefix: str
    id_format: str
    list_separator: str
    true_words: set[str]
    false_words: set[str]
    date_formats: list[str]
    objects: list[ObjectMapping]
    values: dict[str, dict[str, str]]  # map name → {lower-cased CRM value: bundle value}
    raw: dict[str, Any]


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value in `over` replaces the one in `base`."""
    out = dict(base)
    for key, value in over.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def parse_toml(text: str | bytes, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text.decode("utf-8-sig") if isinstance(text, bytes) else text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(t("crm.mapping_not_toml", origin=origin, reason=exc),
                           [_problem(origin, None, f"not TOML: {exc}")]) from None


def load_mapping(source: str, override: str | bytes | None = None, override_name: str = "mapping") -> Mapping:
    """The shipped mapping of `source`, with the user's TOML (if any) laid over it, checked."""
    path = MAPPINGS_DIR / f"{source}.toml"
    if source not in sources():
        raise InvalidInput(t("crm.unknown_source", source=source, known=", ".join(sources())),
                           [{"key": None, "row": None, "field": "source", "message": "unknown source",
                             "value": source}])
    raw = parse_toml(path.read_bytes(), path.name)
    if override is not None:
        raw = merge(raw, parse_toml(override, override_name))
    return check_mapping(raw, override_name if override is not None else path.name)


def _problem(origin: str, where: str | None, message: str, value: Any = None) -> dict[str, Any]:
    item: dict[str, Any] = {"key": origin, "row": None, "field": where, "message": message}
    if value is not None:
        item["value"] = value
    return item


def check_mapping(raw: dict[str, Any], origin: str) -> Mapping:
    """Every object names a known bundle key and fields of that key; every value map exists."""
    problems: list[dict[str, Any]] = []
    src = raw.get("source") or {}
    id_format = str(src.get("id_format", "none"))
    if id_format not in ID_FORMATS:
        problems.append(_problem(origin, "source.id_format", f"one of {sorted(ID_FORMATS)}", id_format))
    values = {name: {str(k).strip().lower(): str(v) for k, v in table.items()}
              for name, table in (raw.get("values") or {}).items() if isinstance(table, dict)}
    objects = []
    for name, spec in (raw.get("objects") or {}).items():
        if not isinstance(spec, dict):
            problems.append(_problem(origin, f"objects.{name}", "must be a table"))
            continue
        kind = spec.get("kind")
        if kind not in Bundle.model_fields:
            problems.append(_problem(origin, f"objects.{name}.kind", "not a bundle key", kind))
            continue
        allowed = set(_row_fields(kind)) | VIRTUAL_FIELDS.get(kind, set())
        fields = spec.get("fields") or {}
        for field_name in fields:
            if field_name not in allowed:
                problems.append(_problem(origin, f"objects.{name}.fields.{field_name}",
                                         f"not a field of {kind} (fields: {', '.join(sorted(allowed))})"))
        for field_name, map_name in (spec.get("values") or {}).items():
            if map_name not in values:
                problems.append(_problem(origin, f"objects.{name}.values.{field_name}",
                                         f"no [values.{map_name}] table", map_name))
        if not spec.get("file"):
            problems.append(_problem(origin, f"objects.{name}.file", "missing"))
        objects.append(ObjectMapping(
            name=name, kind=kind, file=str(spec.get("file", "")), fields=dict(fields),
            values=dict(spec.get("values") or {}), required=bool(spec.get("required", False)),
            skip_when_true=spec.get("skip_when_true"), skip_when_empty=list(spec.get("skip_when_empty") or []),
            optional_links=set(spec.get("optional_links") or []),
            default_values=dict(spec.get("default_values") or {}),
            skip_when_in={column: [str(v).lower() for v in values]
                          for column, values in (spec.get("skip_when_in") or {}).items()},
            explode=spec.get("explode")))
    if problems:
        raise InvalidInput(t("crm.mapping_rejected", origin=origin, count=len(problems)), problems)
    booleans = raw.get("booleans") or {}
    return Mapping(
        source=str(src.get("name", "crm")), id_prefix=str(src.get("id_prefix", "")), id_format=id_format,
        list_separator=str(src.get("list_separator", ";")),
        true_words={str(w).lower() for w in booleans.get("true", ["true"])},
        false_words={str(w).lower() for w in booleans.get("false", ["false"])},
        date_formats=list((raw.get("dates") or {}).get("formats", ["%Y-%m-%d"])),
        objects=objects, values=values, raw=raw)


def _row_fields(kind: str) -> list[str]:
    row_model = Bundle.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
    return [info.alias or name for name, info in row_model.model_fields.items()]
