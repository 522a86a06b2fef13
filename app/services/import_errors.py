"""Import errors a person can act on: a bounded list, a summary table, and "did you mean".

Every import (JSON bundle, CSV, a CRM export) reports its problems through an `ErrorCollector`:
it COUNTS every problem by (kind, key, field) but KEEPS only the first few rows of each kind, so a
bundle of a million bad rows gives a short answer in bounded memory. The summary (kind × key ×
field with counts and the total) sits beside `errors` in the 422 body and heads the CLI output;
each line carries a hint where one helps: the field the unknown column most likely meant
(`Name` → `name`), the enum value a CRM picklist value most likely meant, or the mapping table
to add it to (`Decision Maker` → `[values.roles]`).
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.core.errors import InvalidInput

FIRST_ROWS_PER_KIND = 5     # error rows kept per (kind, key, field)
MAX_GROUPS = 200            # summary lines kept; the rest are counted under one "other" line
MAX_KEPT = 1_000            # error rows kept in all
_UNSEEN = object()


def problem_kind(item: dict[str, Any]) -> str:
    """A stable name for what went wrong: the item's `kind`, else its message without the specifics."""
    if item.get("kind"):
        return str(item["kind"])
    message = str(item.get("message") or "")
    message = re.split(r"[(:]", message, maxsplit=1)[0]
    message = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", message).strip()
    return message or "invalid"


@dataclass
class ErrorCollector:
    """Counts every problem; keeps the first rows of each kind (bounded in memory whatever the input)."""

    first_rows: int = FIRST_ROWS_PER_KIND
    max_groups: int = MAX_GROUPS
    max_kept: int = MAX_KEPT
    total: int = 0
    counts: Counter[tuple[str, str | None, str | None]] = field(default_factory=Counter)
    samples: dict[tuple[str, str | None, str | None], dict[str, Any]] = field(default_factory=dict)
    kept: list[dict[str, Any]] = field(default_factory=list)
    other: int = 0
    not_broken_down: Counter[str | None] = field(default_factory=Counter)
    _known: dict[Any, Any] = field(default_factory=dict, repr=False)

    def add(self, item: dict[str, Any]) -> tuple[str, str | None, str | None] | None:
        """Count the problem; keep it if its kind has room. Returns its summary group (None: "other")."""
        self.total += 1
        group = (problem_kind(item), item.get("key"), _field_group(item.get("field")))
        if group not in self.counts and len(self.counts) >= self.max_groups:
            self.other += 1
            return None
        self.counts[group] += 1
        if group not in self.samples:
            self.samples[group] = item
        if self.counts[group] <= self.first_rows and len(self.kept) < self.max_kept:
            self.kept.append({k: v for k, v in item.items() if k != "kind" and k != "hint"})
        return group

    def add_again(self, signature: Any, make_item: Callable[[], dict[str, Any]]) -> None:
        """Fast path for many rows failing the same way: once a signature's group keeps no more rows,
        only count it (no error dict is built), so validation time stays a small constant per row."""
        group = self._known.get(signature, _UNSEEN)
        if group is not _UNSEEN and (group is None or self.counts[group] >= self.first_rows):
            self.total += 1
            if group is None:
                self.other += 1
            else:
                self.counts[group] += 1
            return
        self._known[signature] = self.add(make_item())

    def count_only(self, key: str | None, count: int) -> None:
        """Problems past the exact bound: counted in the total, not broken down by kind."""
        self.total += count
        self.not_broken_down[key] += count

    def extend(self, items: Iterable[dict[str, Any]]) -> None:
        for item in items:
            self.add(item)

    def __bool__(self) -> bool:
        return self.total > 0

    def summary(self) -> dict[str, Any]:
        problems = [{"kind": kind, "key": key, "field": name, "count": count,
                     "message": self.samples[(kind, key, name)].get("message"),
                     **_hint_entry(self.samples[(kind, key, name)])}
                    for (kind, key, name), count in self.counts.most_common()]
        if self.other:
            problems.append({"kind": "other", "key": None, "field": None, "count": self.other,
                             "message": f"{self.other} more problem(s) of other kinds", "hint": None})
        problems += [{"kind": "not broken down", "key": key, "field": None, "count": count,
                      "message": f"{count} more problem(s) in {key}, counted but not listed by kind", "hint": None}
                     for key, count in self.not_broken_down.items()]
        return {"total": self.total, "shown": len(self.kept), "first_rows_per_kind": self.first_rows,
                "problems": problems}

    def rejection(self, message: str) -> InvalidInput:
        """The 422: `errors` (the first rows of each kind, sorted) and `summary` beside it."""
        errors = sorted(self.kept, key=lambda e: (str(e.get("key")), e["row"] if isinstance(e.get("row"), int)
                                                  else -1, str(e.get("field"))))
        exc = InvalidInput(message, errors)
        exc.details["summary"] = self.summary()
        return exc


def _field_group(name: Any) -> str | None:
    """`members[3].role` and `members[7].role` are one line of the summary: `members[].role`."""
    return re.sub(r"\[\d+\]", "[]", str(name)) if name is not None else None


def _hint_entry(item: dict[str, Any]) -> dict[str, Any]:
    return {"hint": item.get("hint") or suggest(item)}


# ----------------------------------------------------------------------------- did you mean
def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice a person most likely meant: exact up to case/spaces/underscores first, then by similarity."""
    options = list(choices)
    wanted = _plain(word)
    for option in options:
        if _plain(option) == wanted:
            return option
    lowered = {option.lower(): option for option in options}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def _plain(text: str) -> str:
    return re.sub(r"[\s_\-./]+", "", text).lower()


def suggest(item: dict[str, Any]) -> str | None:
    """A hint for an error row of the bundle validator: unknown fields and keys, enum values."""
    from app.models.bundle import Bundle  # late: the model module is heavy and this one is imported early

    message = str(item.get("message") or "")
    key, name, value = item.get("key"), item.get("field"), item.get("value")
    if message == "unknown key" and isinstance(key, str):
        guess = closest(key, Bundle.model_fields)
        return f"did you mean {guess!r}?" if guess else f"known keys: {', '.join(Bundle.model_fields)}"
    if message == "unknown field" and isinstance(key, str) and key in Bundle.model_fields and name:
        fields = _row_fields(key)
        guess = closest(str(name).split(".")[-1], fields)
        return f"did you mean {guess!r}?" if guess else f"fields of {key}: {', '.join(fields)}"
    if message.startswith("Input should be") and isinstance(value, str):
        allowed = re.findall(r"'([^']*)'", message)
        guess = closest(value, allowed) if allowed else None
        return f"did you mean {guess!r}?" if guess else None
    return None


def _row_fields(key: str) -> list[str]:
    from app.models.bundle import Bundle

    row_model = Bundle.model_fields[key].annotation.__args__[0]  # type: ignore[union-attr]
    return [info.alias or name for name, info in row_model.model_fields.items()]


def with_summary(exc: InvalidInput) -> InvalidInput:
    """Give any import rejection a summary (and a bounded list) if it has none yet."""
    if "summary" in exc.details or not exc.errors:
        return exc
    collector = ErrorCollector()
    collector.extend(exc.errors)
    out = collector.rejection(exc.message)
    out.__cause__ = exc.__cause__
    return out


def summary_table_rows(summary: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(count, kind, key, field, hint) lines for the CLI table."""
    return [(str(p["count"]), str(p["kind"]), str(p["key"] or ""), str(p["field"] or ""), str(p.get("hint") or ""))
            for p in summary.get("problems", [])]
