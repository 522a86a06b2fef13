"""The no-op check inside Neo4j (cypher/import_differs_*.cypher) calls a stored row "same" exactly when it is:
every row of an unchanged bundle is found and none may differ (else a no-op at S would read every row back),
and each kind of change (a value, a removed field, a date, an unordered list's content) is flagged."""
from __future__ import annotations

import copy
from typing import Any

from app.db.graph import Graph
from app.models.bundle import Bundle
from app.services.import_diff import _source_params, canonical, identity
from app.services.import_prefilter import found_and_differing, ident_text
from app.services.importer import import_bundle, validate_bundle


def prefilter(graph: Graph, raw: dict[str, Any]) -> dict[str, tuple[set[str], set[str], set[str]]]:
    """Per key: (identities given, found, may differ), for the bundle's canonical rows."""
    bundle = validate_bundle(graph, copy.deepcopy(raw))
    out = {}
    for key in Bundle.model_fields:
        models = getattr(bundle, key)
        if not models:
            continue
        canon = [canonical(key, m.model_dump(mode="json", by_alias=True)) for m in models]
        given = {ident_text(identity(key, row)): row for row in canon}
        found, differing = graph.read_transaction(
            lambda tx, k=key, c=canon, g=given: found_and_differing(tx, k, _source_params(k, c), g))
        out[key] = (set(given), found, differing)
    return out


def test_an_unchanged_bundle_is_found_and_same_in_every_key(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    result = prefilter(graph, mini_bundle)
    assert set(result) == {key for key, rows in mini_bundle.items() if rows}
    for key, (given, found, differing) in result.items():
        assert found == given, key
        assert differing == set(), key


def test_each_kind_of_change_is_flagged(graph: Graph, mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    changed = copy.deepcopy(mini_bundle)
    changed["contacts"][0]["attitude"] = "positive"                 # a value
    del changed["contacts"][1]["title"]                             # a field left out
    changed["activities"][0]["date"] = "2001-01-01"                 # a date
    changed["circles"][0]["members"] = changed["circles"][0]["members"][:-1]  # an unordered list's content
    changed["knows"][0]["strength"] = 0.3                           # a link key's value
    changed["roles"].append({"opportunity": "o-wms", "contact": "c-itmgr", "role": "user"})  # a new link
    result = prefilter(graph, changed)
    assert result["contacts"][2] == {changed["contacts"][0]["id"], changed["contacts"][1]["id"]}
    assert result["activities"][2] == {changed["activities"][0]["id"]}
    assert result["circles"][2] == {changed["circles"][0]["id"]}
    knows = changed["knows"][0]
    assert result["knows"][2] == {ident_text((knows["employee"], knows["contact"]))}
    given, found, differing = result["roles"]
    assert given - found == {ident_text(("o-wms", "c-itmgr"))} and differing == set()
    assert all(result[key][2] == set() for key in result
               if key not in {"contacts", "activities", "circles", "knows"})
