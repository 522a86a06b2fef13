"""Import a CRM export: read it safely, map it, hand the rows to the one importer, say what it cannot give.

What came from a CRM is known by its id prefix (`sf-`, `hs-`, set in the mapping's `[source]`):
ids are the CRM's own record ids behind that prefix, so a newer export finds the same nodes, and
"exists here but not in this export" is the set of prefixed ids of each kind the export lacks.
Those are listed, never deleted silently; `prune` removes them, and a dry run with `prune` shows what
would go. Relationships count too: a contact role or a reporting line between two records of the source
that the newer export no longer has. The prune is part of the import: it runs in the import's switch
transaction (app.services.importer `in_switch`), so readers see the old graph or the new export, pruned,
never one without the other, and a failed prune rolls the import back. Derived ties of the activities it
removes are recomputed (issue 13).
"""
from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

from datetime import date, datetime, timezone

from neo4j import ManagedTransaction

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.i18n import t
from app.ingest.archive import read_archive, read_zip
from app.ingest.engine import Converted, convert
from app.ingest.mapping import Mapping, load_mapping
from app.services.import_errors import ErrorCollector
from app.services.graph_changes import Changes, declare_bounded
from app.services.history import capture_history
from app.services.import_diff import display
from app.services.import_ties import recompute_touched, touched_pairs
from app.services.importer import import_bundle

FIRST_IDS = 20          # ids listed per kind in "not in this export"
PRUNE_KINDS = ["accounts", "departments", "contacts", "employees", "opportunities", "competitors", "activities"]
LINK_KINDS = {"roles": ("opportunity", "contact"), "reports_to": ("from", "to")}  # bundle fields of each pair


def import_crm_files(graph: Graph, source: str, files: dict[str, bytes], mapping_text: str | bytes | None = None,
                     dry_run: bool = False, prune: bool = False, lang: str = "en", **options: Any) -> dict[str, Any]:
    """Map the export's files with the source's mapping (the user's laid over it) and import them."""
    mapping = load_mapping(source, mapping_text)
    collector = ErrorCollector()
    converted = convert(mapping, files, collector, lang)
    if collector:
        raise collector.rejection(t("crm.export_rejected", lang, source=source, count=collector.total))
    missing = not_in_export(graph, mapping, converted)
    count = sum(len(ids) for ids in missing.values())
    pruned: dict[str, Any] = {}
    removed_activities: list[dict[str, Any]] = []
    if prune and not dry_run and count:
        removed_activities = [row["row"] for row in graph.read("activities_rows", ids=missing.get("activities", []))]

        def prune_in_switch(tx: ManagedTransaction) -> None:
            pruned.update(prune_in(tx, missing))

        options = {**options, "in_switch": prune_in_switch}
    try:
        report = import_bundle(graph, converted.bundle, dry_run=dry_run, **options).as_dict()
    except InvalidInput as exc:
        raise _on_crm_terms(exc, converted, source, lang) from None
    if removed_activities and "ties" in report:  # issue 13: the derived ties the pruned activities gave
        as_of = date.fromisoformat(report["ties"]["as_of"])
        _add_ties(report, recompute_touched(graph, options["tie_settings"], touched_pairs([], [], removed_activities),
                                            as_of))
    report["source"] = source_report(mapping, converted, missing, lang)
    if report.get("ties", {}).get("pairs"):  # issue 13: its activities gave derived ties (none invented)
        report["source"]["cannot_give"][0] = t("crm.no_ties_derived", lang, live=report["ties"]["live"],
                                               dormant=report["ties"]["dormant"])
    if prune:
        report["source"]["pruned"] = prune_report(mapping, count, pruned, dry_run, lang)
    return report


def _add_ties(report: dict[str, Any], more: dict[str, Any]) -> None:
    ties = report.setdefault("ties", {"as_of": more["as_of"]})
    for key, value in more.items():
        if key != "as_of":
            ties[key] = ties.get(key, 0) + value


def import_crm_path(graph: Graph, source: str, path: Path, mapping_path: Path | None = None,
                    **options: Any) -> dict[str, Any]:
    """A folder or the zip the CRM produced, and optionally a mapping file to lay over the default."""
    mapping_text = _read_mapping(mapping_path) if mapping_path is not None else None
    return import_crm_files(graph, source, read_archive(path), mapping_text, **options)


def import_crm_upload(graph: Graph, source: str, parts: list[tuple[str, bytes]], **options: Any) -> dict[str, Any]:
    """An upload: one zip, or CSV files; a part named `*.toml` is the mapping to lay over the default."""
    mappings = [data for name, data in parts if PurePath(name).suffix.lower() == ".toml"]
    others = [(name, data) for name, data in parts if PurePath(name).suffix.lower() != ".toml"]
    if len(mappings) > 1:
        raise InvalidInput("upload at most one mapping (.toml)", [_item("mapping", "more than one .toml file")])
    files: dict[str, bytes] = {}
    for name, data in others:
        suffix = PurePath(name).suffix.lower()
        if suffix == ".zip":
            files.update(read_zip(data))
        elif suffix == ".csv":
            files[PurePath(name).name] = data
        else:
            raise InvalidInput(f"{name}: upload the export's .zip or its .csv files",
                               [_item(name, "expected .zip, .csv or a .toml mapping")])
    if not files:
        raise InvalidInput("no export in the upload", [_item(None, "attach the export's .zip or .csv files")])
    return import_crm_files(graph, source, files, mappings[0] if mappings else None, **options)


def _item(key: str | None, message: str) -> dict[str, Any]:
    return {"key": key, "row": None, "field": None, "message": message}


def _read_mapping(path: Path) -> bytes:
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist", [_item("mapping", "no such file")])
    if path.stat().st_size > 1024 * 1024:
        raise InvalidInput(f"{path} is larger than 1 MB", [_item("mapping", "a mapping file is small")])
    return path.read_bytes()


def _on_crm_terms(exc: InvalidInput, converted: Converted, source: str, lang: str) -> InvalidInput:
    """The importer's errors name bundle rows; point them at the CRM file, row and column instead."""
    summary = exc.details.get("summary") or {}
    collector = ErrorCollector()
    collector.extend(converted.translate(exc.errors))
    total = max(summary.get("total", 0), collector.total)
    out = collector.rejection(t("crm.export_rejected", lang, source=source, count=total))
    out.details["summary"]["total"] = total
    out.details["summary"]["by_bundle_key"] = summary.get("problems", [])
    return out


# ----------------------------------------------------------------------------- not in this export
def not_in_export(graph: Graph, mapping: Mapping, converted: Converted) -> dict[str, list[Any]]:
    """Per kind, what this source put here that the export does not hold (sorted): node ids, and for roles and
    reporting lines the (a, b) pairs between two records that stay (a pair with a missing end goes with it)."""
    if not mapping.id_prefix:
        return {}
    exported = {kind: {row["id"] for row in converted.bundle.get(kind, []) if "id" in row} for kind in PRUNE_KINDS}
    stored = {row["kind"]: row["ids"] for row in graph.read("crm_source_ids", prefix=mapping.id_prefix)}
    missing: dict[str, list[Any]] = {kind: sorted(set(stored.get(kind, [])) - exported[kind]) for kind in PRUNE_KINDS
                                     if set(stored.get(kind, [])) - exported[kind]}
    going = {node for ids in missing.values() for node in ids}
    pairs = {kind: {(str(row[a]), str(row[b])) for row in converted.bundle.get(kind, []) if a in row and b in row}
             for kind, (a, b) in LINK_KINDS.items()}
    lost: dict[str, set[tuple[str, str]]] = {kind: set() for kind in LINK_KINDS}
    for row in graph.read("crm_source_links", prefix=mapping.id_prefix):
        pair = (row["a"], row["b"])
        if pair not in pairs[row["kind"]] and not going & set(pair):
            lost[row["kind"]].add(pair)
    missing.update({kind: sorted(found) for kind, found in lost.items() if found})
    return missing


def prune_in(tx: ManagedTransaction, missing: dict[str, list[Any]]) -> dict[str, Any]:
    """Delete what is missing (in the caller's transaction), and note in history the roles, reporting lines
    and contacts that went (issue 17: as-of reads see them end here)."""
    ids: dict[str, Any] = {kind: missing.get(kind, []) for kind in PRUNE_KINDS}
    for kind, (a, b) in LINK_KINDS.items():
        ids[kind] = [{a: x, b: y} for x, y in missing.get(kind, [])]
    row = Graph.run_in(tx, "crm_prune", ids=ids)[0]
    changes = Changes()  # issue 15: the views refresh from what the prune touched instead of rebuilding
    for label, node_id in row["touched"]:
        changes.add(label, node_id)
    for deal, contact in missing.get("roles", []):
        changes.add("Opportunity", deal)
        changes.add("Contact", contact)
    for a, b in missing.get("reports_to", []):
        changes.add("Contact", a)
        changes.add("Contact", b)
    declare_bounded(tx, changes)
    capture_history(tx, at=datetime.now(timezone.utc), contact_ids=list(missing.get("contacts", [])),
                    role_pairs=[(contact, deal) for deal, contact in missing.get("roles", [])], knows_pairs=[],
                    opportunity_ids=[], competitor_ids=[],
                    line_contact_ids=sorted({end for pair in missing.get("reports_to", []) for end in pair}))
    return {"nodes": row["nodes"], "roles": row["roles"], "reports_to": row["reports_to"]}


def prune_report(mapping: Mapping, count: int, pruned: dict[str, Any], dry_run: bool, lang: str) -> dict[str, Any]:
    """What the prune did (or, on a dry run, would do): counts, and the message a person reads."""
    if dry_run or not count:
        return {"dry_run": dry_run, "removed": 0, "would_remove": count if dry_run else 0,
                "message": t("crm.would_prune", lang, count=count, source=mapping.source) if dry_run else None}
    removed = pruned["nodes"] + pruned["roles"] + pruned["reports_to"]
    return {"dry_run": False, "removed": removed, "removed_by_kind": pruned,
            "message": t("crm.pruned", lang, count=removed, source=mapping.source)}


# ----------------------------------------------------------------------------- the report
def source_report(mapping: Mapping, converted: Converted, missing: dict[str, list[str]], lang: str) -> dict[str, Any]:
    """What was read and how it was mapped, what exists here but not in the export, what a CRM cannot give."""
    count = sum(len(ids) for ids in missing.values())
    return {
        "source": mapping.source,
        "id_prefix": mapping.id_prefix,
        **converted.report(),
        "not_in_export": {kind: {"count": len(ids), "first_ids": [display(i) for i in ids[:FIRST_IDS]]}
                          for kind, ids in missing.items()},
        "not_in_export_message": t("crm.not_in_export", lang, count=count, source=mapping.source) if count else None,
        "cannot_give": [t("crm.no_ties", lang), t("crm.no_features", lang)],
        "next_steps": [t("crm.next_capture", lang), t("crm.next_profiles", lang)],
    }
