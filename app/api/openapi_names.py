"""Names in /openapi.json that a generated client can live with (issue 19).

- operationId = the route function's name (`get_gaps`, `post_import`): unique (a test checks),
  stable, readable, instead of FastAPI's `get_gaps_opportunities__opportunity_id__gaps_get`.
- Two models with one class name in different modules (`ContactRef` of the managers' views and of
  the decision chain) make FastAPI emit `app__models__managers__ContactRef`; such names become
  `ManagersContactRef`, and FastAPI's `Body_<operation…>` become `<Operation>Body`. Every `$ref` follows.
"""
from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

QUALIFIED = re.compile(r"^app__models__(?P<module>[a-z_]+)__(?P<name>\w+)$")
BODY = re.compile(r"^Body_(?P<operation>.+)$")
GENERIC_MODEL = re.compile(r"^(?P<outer>[A-Za-z]+)_(?P<inner>[A-Za-z]+)_$")  # pydantic's Page[AccountRow]


GENERIC = {"get", "put", "delete", "list_"}  # the CRUD factory's function names (app.api.crud), one per resource


def _singular(plural: str) -> str:
    return plural[:-3] + "y" if plural.endswith("ies") else plural[:-1] if plural.endswith("s") else plural


def operation_id(route: APIRoute) -> str:
    """The function's name; for the CRUD factory's shared names, verb + resource (+ link) from the path."""
    if route.name not in GENERIC:
        return route.name
    parts = [p.replace("-", "_") for p in route.path.strip("/").split("/") if not p.startswith("{")]
    if route.name == "list_":
        return "list_" + "_".join(parts)
    verb = sorted(route.methods or {"get"})[0].lower()
    return "_".join([verb, _singular(parts[0]), *parts[1:]])


def _camel(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_") if part)


def schema_name(name: str, operations: list[str]) -> str:
    """The readable name for one component schema name (unchanged when it is already readable)."""
    match = QUALIFIED.match(name)
    if match:
        return _camel(match["module"]) + match["name"]
    match = GENERIC_MODEL.match(name)
    if match:
        return match["inner"] + match["outer"]
    match = BODY.match(name)
    if match:
        # FastAPI's body name is Body_<operationId>_<path>_<method> or Body_<operationId> (custom ids)
        operation = next((op for op in sorted(operations, key=len, reverse=True)
                          if match["operation"] == op or match["operation"].startswith(op + "_")), match["operation"])
        return _camel(operation) + "Body"
    return name


def rename_schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec.get("components", {}).get("schemas", {})
    operations = [op["operationId"] for path in spec.get("paths", {}).values() for op in path.values()
                  if isinstance(op, dict) and "operationId" in op]
    renames = {old: schema_name(old, operations) for old in schemas}
    if len(set(renames.values())) != len(renames):
        raise RuntimeError(f"schema names collide after renaming: {renames}")
    prefix = "#/components/schemas/"

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (prefix + renames.get(v[len(prefix):], v[len(prefix):]) if k == "$ref" and isinstance(v, str)
                        and v.startswith(prefix) else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    spec = walk(spec)
    spec["components"]["schemas"] = {renames[old]: body for old, body in spec["components"]["schemas"].items()}
    return spec


def title_by_name(spec: dict[str, Any]) -> dict[str, Any]:
    """Each component's title = its (unique) name: generators such as openapi-python-client name a
    model by its title, and pydantic's titles are bare class names (two `ContactRef`s, two
    `ClosenessGrade` enums), which made the generator drop 10 schemas and 14 endpoints."""
    for name, body in spec.get("components", {}).get("schemas", {}).items():
        if isinstance(body, dict):
            body["title"] = name
    return spec


def install_schema_names(app: FastAPI) -> None:
    """Wrap app.openapi so the cached spec carries the readable names."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = title_by_name(document_import_body(rename_schemas(original())))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _bundle_schemas(existing: dict[str, Any]) -> dict[str, Any]:
    """The Bundle model and its row models as component schemas (renamed `Bundle<Name>` on a clash)."""
    from app.models.bundle import Bundle

    schema = Bundle.model_json_schema(ref_template="#/$defs/{model}", by_alias=True)
    defs = schema.pop("$defs", {})
    names = {d: d if d not in existing or existing[d] == body else ("Bundle" + d) for d, body in defs.items()}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: ("#/components/schemas/" + names[v[len("#/$defs/"):]] if k == "$ref" and isinstance(v, str)
                        and v.startswith("#/$defs/") else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    out = {names[d]: walk(body) for d, body in defs.items()}
    out["Bundle"] = walk(schema)
    return out


def document_import_body(spec: dict[str, Any]) -> dict[str, Any]:
    """POST /import reads its body itself (JSON, zip or multipart): say so, with the Bundle schema."""
    operation = spec.get("paths", {}).get("/import", {}).get("post")
    if operation is None:
        return spec
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(_bundle_schemas(schemas))
    binary = {"type": "string", "format": "binary"}
    operation["requestBody"] = {"required": True, "description": (
        "A bundle as JSON (docs/import-format.md), a zip of CSV files (one per bundle key), or "
        "multipart/form-data with one .json or .zip file or several .csv files."), "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Bundle"}},
        "application/zip": {"schema": binary},
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
            "file": {"type": "array", "items": binary, "description": ".json, .zip or .csv files"}}}},
    }}
    return spec
