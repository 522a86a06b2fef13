"""Export writes a bundle that imports back into an empty database as the same graph."""
from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from app.db.graph import Graph
from app.services.export import export_bundle
from app.services.importer import import_bundle
from tests.conftest import wipe
from tests.integration.test_import import label_counts, relationship_counts


def round_trip(graph: Graph, bundle: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """import → export → wipe → import the export → export again; counts must not change on the way."""
    import_bundle(graph, bundle)
    counts = (label_counts(graph), relationship_counts(graph))
    first = export_bundle(graph)
    wipe(graph)
    import_bundle(graph, json.loads(json.dumps(first)))  # through JSON, as a file would go
    assert (label_counts(graph), relationship_counts(graph)) == counts
    return first, export_bundle(graph)


def test_mini_round_trips_to_an_identical_export(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    first, second = round_trip(graph, mini_bundle)
    assert first == second


def test_export_matches_the_bundle_row_for_row(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    """Same rows as mini.json once ids are sorted, defaults filled in and numbers compared as numbers."""
    import_bundle(graph, mini_bundle)
    exported = export_bundle(graph)
    assert list(exported) == list(mini_bundle)
    for key, rows in mini_bundle.items():
        assert [normalise(key, r) for r in exported[key]] == sorted((normalise(key, r) for r in rows), key=sort_key(key))


def normalise(key: str, row: dict[str, Any]) -> dict[str, Any]:
    row = copy.deepcopy(row)
    if key == "reports_to":
        row.setdefault("dotted", False)
    if key == "roles":
        for flag in ("one_vote_approve", "one_vote_veto", "inside_source"):
            row.setdefault(flag, False)
    if key == "circles":
        row["members"] = sorted(({"role": "member", **m} for m in row["members"]), key=lambda m: m["contact"])
    if key == "competitors":
        row["opportunities"] = sorted(row["opportunities"], key=lambda e: e["opportunity"])
    if key == "activities":
        row["contacts"] = sorted(row["contacts"])
    return json.loads(json.dumps(row), parse_int=float)  # 80 and 80.0 are the same stored number


def sort_key(key: str):  # noqa: ANN201
    pairs = {"reports_to": ("from", "to"), "influences": ("from", "to"), "knows": ("employee", "contact"),
             "roles": ("opportunity", "contact")}
    fields = pairs.get(key, ("id",))
    return lambda row: tuple(row[f] for f in fields)


def test_export_omits_unset_fields_and_writes_days(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    exported = export_bundle(graph)
    assert all(value is not None for rows in exported.values() for row in rows for value in row.values())
    opportunity = next(o for o in exported["opportunities"] if o["id"] == "o-wms")
    assert opportunity["close_date"] == "2027-03-31"
    assert all(len(a["date"]) == 10 and a["date"][4] == "-" for a in exported["activities"])
    assert [r["id"] for r in exported["contacts"]] == sorted(r["id"] for r in mini_bundle["contacts"])


def generated_bundle() -> dict[str, Any]:
    try:
        from seed.generate import generate_bundle
    except ImportError:  # the generator is another developer's; without it, nothing to compare
        pytest.skip("seed.generate.generate_bundle is not available")
    return generate_bundle(accounts=6, contacts_per_account=25, employees=30, seed=11)


def test_generated_bundle_round_trips(graph: Graph) -> None:
    bundle = generated_bundle()
    assert sum(len(rows) for rows in bundle.values()) > 500  # moderately rich: every key, hundreds of rows
    assert all(bundle[key] for key in bundle)
    first, second = round_trip(graph, bundle)
    assert first == second
    assert {key: len(rows) for key, rows in first.items()} == {key: len(rows) for key, rows in bundle.items()}
