"""Security headers on every answer (ASGI), so the browser protects the page and the data.

- No answer may be framed by another site: `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
- `nosniff`, `Referrer-Policy: no-referrer` (ids in URLs stay on this site).
- `Cache-Control: no-store` on everything but static assets: answers carry relationship data.
- The HTML views (`/`, `/viz/…`, the review and alerts pages) get a CSP that allows nothing from
  elsewhere: scripts only from this origin or inline with this answer's nonce (no 'unsafe-inline',
  no eval), styles, images, fonts and fetches from this origin (styles also inline), no plugins, no
  `<base>`, forms only here. JSON answers get `default-src 'none'` (they are data, never a document
  to run).

The nonce (app.core.script_nonce) is new for every answer, except that a view fetched by the page
carries the page's nonce (`X-CSP-Nonce`): the page shows it in `<iframe srcdoc>`, and a srcdoc
document runs under the page's policy. The graph iframe is NOT sandboxed: the page's editing (issue
14) drives the graph's vis-network directly (drawing a line by dragging), which an opaque-origin
frame forbids; the script CSP covers both documents, and the sign-in session is an HttpOnly cookie,
so no script of either document can read it.
"""
from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core import script_nonce

BASE_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
PAGE_CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self' about:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = "frame-ancestors 'none'"  # the OpenAPI pages load their own assets
DOCS_PATHS = ("/docs", "/redoc")
CACHEABLE_PREFIXES = ("/static/",)


def csp_for(path: str, content_type: str, nonce: str) -> str:
    if path.startswith(DOCS_PATHS):
        return DOCS_CSP
    if content_type.startswith("text/html"):
        return PAGE_CSP.format(nonce=nonce)
    return DATA_CSP


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        nonce = script_nonce.accept(Headers(scope=scope).get(script_nonce.NONCE_HEADER))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in BASE_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", csp_for(path, headers.get("content-type", ""), nonce))
                if not path.startswith(CACHEABLE_PREFIXES):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        token = script_nonce.set_current(nonce)  # the renderers stamp their script tags with it
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            script_nonce.reset_current(token)
