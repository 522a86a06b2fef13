"""Map the BrmError family to HTTP in one place; clients never see a stack trace.

Every error answer has one shape, `ErrorBody` (`error`, `message`, and for 422 `errors` listed as
{key, row, field, message, value?} like an import), and every route documents it.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from app.api.error_language import localised_message, request_language
from app.core.errors import BrmError, DatabaseUnavailable, Unauthorized
from app.services.importer import dotted_field, error_item, is_scalar

RETRY_AFTER_S = "5"


def error_body(exc: BrmError) -> dict[str, object]:
    return {"error": type(exc).__name__, "message": exc.message, **exc.details}


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    error: str
    message: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text} for status, text in {
        401: "no API key, or an unknown or revoked one",
        403: "the key's role may not do this",
        404: "unknown id",
        409: "conflicts with the graph's current state",
        413: "request body too large",
        422: "invalid input: `errors` lists every problem by key, row and field",
        503: "Neo4j is unavailable (see Retry-After)",
    }.items()
}


def validation_item(key: str | None, err: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error → {key, row: None, field, message, value?}; `field` is dotted (`contacts[1]`)."""
    loc = [part for part in err.get("loc", ()) if part not in ("body", "query", "path", "header")]
    message = "unknown field" if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
    value = err.get("input") if err.get("type") != "missing" else None
    return error_item(key, None, dotted_field(loc) or None, message, value if is_scalar(value) else None)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        key = request.url.path.strip("/").split("/")[0] or None  # the resource, as an import names its key
        errors = [validation_item(key, err) for err in exc.errors()]
        body = {"error": "InvalidInput", "message": f"request rejected: {len(errors)} problem(s)", "errors": errors}
        return JSONResponse(status_code=422, content=body)

    @app.exception_handler(BrmError)
    async def _brm_error(request: Request, exc: BrmError) -> JSONResponse:
        headers = None
        if isinstance(exc, DatabaseUnavailable):
            headers = {"Retry-After": RETRY_AFTER_S}
        elif isinstance(exc, Unauthorized):
            headers = {"WWW-Authenticate": 'Bearer realm="brm-graph"'}
        body = {**error_body(exc), "message": localised_message(exc, request_language(request))}  # issue 19
        return JSONResponse(status_code=exc.status_code, content=body, headers=headers)
