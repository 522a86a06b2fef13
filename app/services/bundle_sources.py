"""Where a bundle comes from: a JSON object, CSV files (a folder or a zip), or a path naming either.

The API and the CLI both go through here so every source ends in the same
validator (app.services.importer) and reports errors the same way.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.services.csv_bundle import bundle_from_csv, read_csv_folder, read_csv_zip
from app.services.importer import ImportReport, error_item, import_bundle


def import_csv(graph: Graph, files: dict[str, str], dry_run: bool = False, **options: Any) -> ImportReport:
    """Convert `{key: csv text}` and import it; errors about competitors point at their CSV rows."""
    converted = bundle_from_csv(files)
    try:
        return import_bundle(graph, converted.bundle, dry_run=dry_run, **options)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, converted.translate(exc.errors)) from None


def import_zip(graph: Graph, data: bytes, dry_run: bool = False, **options: Any) -> ImportReport:
    return import_csv(graph, read_csv_zip(data), dry_run=dry_run, **options)


def parse_json(data: bytes | str) -> Any:
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("the body is not valid JSON",
                           [error_item(None, None, None, f"invalid JSON: {exc}")]) from None


def import_path(graph: Graph, path: Path, dry_run: bool = False, **options: Any) -> ImportReport:
    """A `.json` bundle, a `.zip` of CSV files, or a folder of CSV files."""
    if path.is_dir():
        files = read_csv_folder(path)
        if not files:
            raise InvalidInput(f"no .csv files in {path}", [error_item(None, None, None, "no .csv files")])
        return import_csv(graph, files, dry_run=dry_run, **options)
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist", [error_item(None, None, None, "no such file or folder")])
    if path.suffix.lower() == ".zip":
        return import_zip(graph, path.read_bytes(), dry_run=dry_run, **options)
    if path.suffix.lower() == ".json":
        return import_bundle(graph, parse_json(path.read_bytes()), dry_run=dry_run, consume=True, **options)
    raise InvalidInput(f"{path.name}: expected a .json file, a .zip of CSV files or a folder of CSV files",
                       [error_item(None, None, None, "unsupported file type")])
