"""The script nonce of the answer being made (issue 18: a script CSP with no 'unsafe-inline').

Every HTML answer gets `script-src 'self' 'nonce-N'` (app.api.headers), and only the script tags the
server writes itself carry `nonce="N"`; markup that slipped into a view through data could not run.

The graph views are shown in the page's `<iframe srcdoc>`, and a srcdoc document runs under the
PAGE's policy, not under the view answer's own header. So the page sends its nonce when it fetches a
view (`X-CSP-Nonce`), and the view is stamped with that one. Only the page's own script can set that
header (another site cannot send custom headers here), and a view opened directly gets a new nonce.

The value lives in a context variable set by the headers middleware for the request; renderers called
outside a request (notebooks, tests) get None and write plain script tags.
"""
from __future__ import annotations

import html
import re
import secrets
from contextvars import ContextVar

NONCE_HEADER = "X-CSP-Nonce"
_VALID = re.compile(r"[A-Za-z0-9_-]{22,64}")
_current: ContextVar[str | None] = ContextVar("script_nonce", default=None)
# the opening tags of a generated document's own scripts: at the start of a line (pyvis's template, ours);
# a "<script>" inside library code or data is never at a line start there
_OWN_SCRIPT_TAG = re.compile(r"(?m)^([ \t]*)<script(?=[\s>])(?![^>]*\bnonce=)")


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def accept(presented: str | None) -> str:
    """The nonce to use for one answer: the page's (a well-formed X-CSP-Nonce), else a new one."""
    return presented if presented and _VALID.fullmatch(presented) else new_nonce()


def set_current(nonce: str | None) -> object:
    return _current.set(nonce)


def reset_current(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def current() -> str | None:
    return _current.get()


def attr() -> str:
    """` nonce="N"` for a script tag written now (empty outside a request)."""
    nonce = current()
    return f' nonce="{html.escape(nonce)}"' if nonce else ""


def script(body: str) -> str:
    """An inline script element with the current nonce."""
    return f"<script{attr()}>{body}</script>"


def stamp_document(document: str) -> str:
    """The current nonce on every script tag that opens a line of a generated document (pyvis's)."""
    nonce_attr = attr()
    if not nonce_attr:
        return document
    return _OWN_SCRIPT_TAG.sub(lambda m: f"{m.group(1)}<script{nonce_attr}", document)
