"""The error summary, its bound, and "did you mean" (pure: no database needed for these rules)."""
from __future__ import annotations

from app.ingest.salesforce import checksum, normalise_id
from app.services.import_errors import ErrorCollector, closest, problem_kind, suggest, with_summary
from app.core.errors import InvalidInput

import pytest


def test_salesforce_checksum_matches_the_documented_example() -> None:
    # Salesforce's own example: 001A0000006Vm9r ↔ 001A0000006Vm9rIAC
    assert checksum("001A0000006Vm9r") == "IAC"
    assert normalise_id("001A0000006Vm9r") == "001A0000006Vm9rIAC"
    assert normalise_id("001A0000006Vm9rIAC") == "001A0000006Vm9rIAC"
    assert normalise_id("001A0000006Vm9riac") == "001A0000006Vm9rIAC"  # the suffix is case-insensitive
    assert checksum("000000000000000") == "AAA" and checksum("AAAAAZZZZZaaaaa") == "55A"
    for bad in ("001A0000006Vm9rXXX", "001A0000006Vm9", "001A0000006Vm9r-AC", ""):
        with pytest.raises(ValueError):
            normalise_id(bad)


def test_counts_everything_keeps_the_first_rows_of_each_kind() -> None:
    collector = ErrorCollector(first_rows=2)
    for row in range(1000):
        collector.add({"key": "contacts", "row": row, "field": "name", "message": "Field required"})
        collector.add({"key": "contacts", "row": row, "field": f"members[{row}].role", "message": "bad role"})
    summary = collector.summary()
    assert summary["total"] == 2000 and summary["shown"] == 4 and len(collector.kept) == 4
    assert [(p["key"], p["field"], p["count"]) for p in summary["problems"]] == [
        ("contacts", "name", 1000), ("contacts", "members[].role", 1000)]


def test_the_number_of_summary_lines_is_bounded_too() -> None:
    collector = ErrorCollector(max_groups=3)
    for row in range(100):
        collector.add({"key": "contacts", "row": row, "field": f"x{row}", "message": "unknown field"})
    summary = collector.summary()
    assert summary["total"] == 100 and len(summary["problems"]) == 4 and summary["problems"][-1]["count"] == 97


def test_problem_kind_drops_the_specifics() -> None:
    assert problem_kind({"message": "duplicate id (also row 3)"}) == "duplicate id"
    assert problem_kind({"message": "unknown contact id (not in the bundle nor the database)"}) == "unknown contact id"
    assert problem_kind({"message": "x", "kind": "unknown value"}) == "unknown value"


def test_did_you_mean() -> None:
    assert closest("Name", ["id", "name", "title"]) == "name"
    assert closest("Decision Maker", ["approver", "decision_maker", "evaluator", "user"]) == "decision_maker"
    assert closest("zzz", ["approver"]) is None
    assert suggest({"key": "accounts", "field": "Name", "message": "unknown field"}) == "did you mean 'name'?"
    assert suggest({"key": "contact", "field": None, "message": "unknown key"}) == "did you mean 'contacts'?"
    enum = "Input should be 'approver', 'decision_maker', 'evaluator' or 'user'"
    assert suggest({"key": "roles", "field": "role", "message": enum, "value": "Decision Maker"}) == \
        "did you mean 'decision_maker'?"


def test_any_rejection_gets_a_summary() -> None:
    exc = with_summary(InvalidInput("bad", [{"key": "a", "row": 0, "field": "b", "message": "m"}] * 30))
    assert exc.details["summary"]["total"] == 30 and len(exc.errors) == 5
