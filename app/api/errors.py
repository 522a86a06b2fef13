"""Map the BrmError family to HTTP in one place; clients never see a stack trace.

Every error answer has one shape, `ErrorBody` (`error`, `message`, and for 422 `errors` listed as
{key, row, field, message, value?} like an import), and every route documents it.
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.error_language import localised_message, localised_validation
from app.api.language import request_language
from app.core.errors import BrmError, DatabaseUnavailable, Unauthorized
from app.i18n import t
from app.services.importer import dotted_field, error_item, is_scalar

RETRY_AFTER_S = "5"
MAX_LISTED_ERRORS = 50  # a 422 lists the first problems, their total and a count per kind: never megabytes
log = logging.getLogger("brm")


class SafeJSONResponse(JSONResponse):
    """JSON with non-ASCII escaped: an error answer can always be written, even when it quotes a lone
    surrogate or other text that is not valid UTF-8."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


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
        422: "invalid input: `errors` lists the first problems by key, row and field; `total_errors` counts "
             "them all and `summary` counts them by message",
        429: "too many requests (per address, per key, failed authentications) or the server is busy: "
             "see Retry-After",
        503: "Neo4j is unavailable (see Retry-After)",
        504: "the query ran past the query time limit (`limit` names it); asking again will not help",
        507: "the query needs more memory than a transaction may use (`limit` names it); not retried",
    }.items()
}


def validation_item(key: str | None, err: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error → {key, row: None, field, message, value?}; `field` is dotted (`contacts[1]`)."""
    loc = [part for part in err.get("loc", ()) if part not in ("body", "query", "path", "header")]
    message = "unknown field" if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
    value = err.get("input") if err.get("type") != "missing" else None
    return error_item(key, None, dotted_field(loc) or None, message, value if is_scalar(value) else None)


def bounded_validation_body(key: str | None, raw: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The 422 of a request that fails its model: the first MAX_LISTED_ERRORS problems, the total, a count by kind."""
    errors = [validation_item(key, err) for err in raw[:MAX_LISTED_ERRORS]]
    for item, err in zip(errors, raw):
        if err.get("type") == "json_invalid":
            item["message"] = t("hardening.json_invalid", lang, reason=(err.get("ctx") or {}).get("error", "?"))
        elif lang != "en":  # English keeps pydantic's exact wording; other languages get the catalog's
            item["message"] = localised_validation(err, lang)
    summary = Counter("unknown field" if err.get("type") == "extra_forbidden" else str(err.get("msg", "invalid"))
                      for err in raw)
    return {"error": "InvalidInput", "message": t("hardening.invalid_request", lang, total=len(raw)),
            "total_errors": len(raw), "errors": errors, "summary": dict(summary.most_common(20))}


def http_error_body(request: Request, exc: StarletteHTTPException) -> dict[str, Any]:
    """Starlette's own errors (no route, wrong method, unparsable body) in the one error shape."""
    lang = request_language(request.scope)
    method, path = request.method, request.url.path
    if exc.status_code == 404:
        return {"error": "NotFound", "message": t("hardening.no_route", lang, method=method, path=path)}
    if exc.status_code == 405:
        return {"error": "MethodNotAllowed", "message": t("hardening.method_not_allowed", lang, method=method,
                                                            path=path)}
    detail = exc.detail if isinstance(exc.detail, str) else t("hardening.http_error", lang, status=exc.status_code)
    return {"error": "BadRequest" if exc.status_code == 400 else "HTTPError", "message": detail}


def errors_as_json(spec: dict[str, Any]) -> dict[str, Any]:
    """Every error answer is JSON `{error, message}`, also on routes that answer HTML, CSV or images: FastAPI
    documents a route's extra responses in the route's own media type, so move them to application/json."""
    for path in spec.get("paths", {}).values():
        for operation in path.values():
            for status, response in (operation.get("responses", {}) if isinstance(operation, dict) else {}).items():
                content = response.get("content")
                if not status.isdigit() or int(status) < 400 or not content or "application/json" in content:
                    continue
                schema = next((body["schema"] for body in content.values() if "schema" in body), None)
                response["content"] = {"application/json": {"schema": schema} if schema else {}}
    return spec


def install_error_media_type(app: FastAPI) -> None:
    """Wrap app.openapi (after app.api.openapi_names) so the cached spec says errors are JSON."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        return errors_as_json(original())  # idempotent: fixes the cached spec in place

    app.openapi = openapi  # type: ignore[method-assign]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        key = request.url.path.strip("/").split("/")[0] or None  # the resource, as an import names its key
        body = bounded_validation_body(key, list(exc.errors()), request_language(request.scope))
        return SafeJSONResponse(status_code=422, content=body)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return SafeJSONResponse(status_code=exc.status_code, content=http_error_body(request, exc),
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(OverflowError)
    async def _calendar_end(request: Request, exc: OverflowError) -> JSONResponse:
        """Date arithmetic past year 1 or 9999 (a safety net: app.api.query_dates refuses such dates first)."""
        message = t("hardening.date_overflow", request_language(request.scope))
        return SafeJSONResponse(status_code=422, content={"error": "InvalidInput", "message": message, "errors": []})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return SafeJSONResponse(status_code=500, content={"error": "InternalError",
                                                          "message": "internal error (logged)"})

    @app.exception_handler(BrmError)
    async def _brm_error(request: Request, exc: BrmError) -> JSONResponse:
        headers = None
        if isinstance(exc, DatabaseUnavailable):
            headers = {"Retry-After": RETRY_AFTER_S}
        elif isinstance(exc, Unauthorized):
            headers = {"WWW-Authenticate": 'Bearer realm="brm-graph"'}
        headers = {**(headers or {}), **getattr(exc, "headers", {})} or None  # issue 14: e.g. 429 Retry-After
        body = {**error_body(exc), "message": localised_message(exc, request_language(request.scope))}  # issue 19
        return SafeJSONResponse(status_code=exc.status_code, content=body, headers=headers)
