"""Security headers on every answer (ASGI), so the browser protects the page and the data.

- No answer may be framed by another site: `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
- `nosniff`, `Referrer-Policy: no-referrer` (ids in URLs stay on this site).
- `Cache-Control: no-store` on everything but static assets: answers carry relationship data.
- The HTML views (`/`, `/viz/…`) get a CSP that allows nothing from elsewhere: scripts, styles,
  images, fonts and fetches from this origin (and inline), no plugins, no `<base>`, forms only here.
  JSON answers get `default-src 'none'` (they are data, never a document to run).

Why scripts stay `'unsafe-inline'` (no hashes or nonces): the page draws each graph by putting the
fetched view into `<iframe srcdoc>`, and a srcdoc document inherits the page's CSP. Each view's
inline scripts hold its data, so their hashes cannot be known when the page's header is sent, and a
nonce would have to be copied into the view's script tags by the page's own JavaScript (not done
here, see the issue-18 notes). The graph iframe is NOT sandboxed: the page's editing (issue 14) drives
the graph's vis-network directly (drawing a line by dragging), which an opaque-origin frame forbids;
the sign-in session is an HttpOnly cookie, so no script of either document can read it.
"""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BASE_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
PAGE_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self' about:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = "frame-ancestors 'none'"  # the OpenAPI pages load their own assets
DOCS_PATHS = ("/docs", "/redoc")
CACHEABLE_PREFIXES = ("/static/",)


def csp_for(path: str, content_type: str) -> str:
    if path.startswith(DOCS_PATHS):
        return DOCS_CSP
    if content_type.startswith("text/html"):
        return PAGE_CSP
    return DATA_CSP


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in BASE_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", csp_for(path, headers.get("content-type", "")))
                if not path.startswith(CACHEABLE_PREFIXES):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
