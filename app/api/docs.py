"""/docs (Swagger UI) and /redoc (ReDoc) from files installed with the project: nothing from a CDN.

The assets come from the `fastapi-offline` package (Swagger UI 5 and ReDoc 2 as static files).
`swagger-ui-bundle` was tried first: its Swagger UI 4.15 cannot render OpenAPI 3.1, which FastAPI
writes. The validator badge (a call to an outside validator) and ReDoc's web fonts are switched off.
These routes sit on the app itself, outside the API router, so they need no key, like /openapi.json.
"""
from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
ASSETS_URL = "/docs/assets"
# ReDoc's footer shows a logo from its CDN: the page may load images from here only, so nothing leaves.
OFFLINE_CSP = '<meta http-equiv="Content-Security-Policy" content="img-src \'self\' data: blob:">'


def _offline(page: HTMLResponse) -> HTMLResponse:
    body = bytes(page.body).decode("utf-8").replace("<head>", "<head>\n" + OFFLINE_CSP, 1)
    return HTMLResponse(body)


def install_offline_docs(app: FastAPI) -> None:
    """Mount the assets and add the two documentation pages (the app is created with docs_url=None)."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _offline(get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{app.title} · API", oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": False}))

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _offline(get_redoc_html(openapi_url=openapi_url, title=f"{app.title} · API",
                              redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
                              redoc_favicon_url=f"{ASSETS_URL}/favicon.png", with_google_fonts=False))
