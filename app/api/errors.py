"""Map the BrmError family to HTTP in one place; clients never see a stack trace."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.core.errors import BrmError, DatabaseUnavailable, Unauthorized

RETRY_AFTER_S = "5"


def error_body(exc: BrmError) -> dict[str, object]:
    return {"error": type(exc).__name__, "message": exc.message, **exc.details}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BrmError)
    async def _brm_error(_: Request, exc: BrmError) -> JSONResponse:
        headers = None
        if isinstance(exc, DatabaseUnavailable):
            headers = {"Retry-After": RETRY_AFTER_S}
        elif isinstance(exc, Unauthorized):
            headers = {"WWW-Authenticate": 'Bearer realm="brm-graph"'}
        return JSONResponse(status_code=exc.status_code, content=error_body(exc), headers=headers)
