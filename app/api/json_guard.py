"""Refuse JSON bodies that would crash or overload the parser before FastAPI parses them (ASGI).

Two things a schema cannot catch, because they fail inside `json.loads` or later while writing the
answer: nesting deeper than `max_depth` (Python's parser recurses; 1,000 levels is a RecursionError)
and a lone UTF-16 surrogate (`"\\ud800"` is valid JSON but not text: encoding it for Neo4j or for the
422 fails). Both become a 422 in the `{error, message}` shape. The body is already bounded by
BodySizeLimit (the outer middleware), so buffering it here is bounded too.

The scan works on the raw bytes at C speed: the bracket skeleton outside strings is kept, then the
innermost `{}`/`[]` pairs are removed level by level, at most `max_depth` times.
"""
from __future__ import annotations

import json
import re

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.language import request_language
from app.i18n import t

STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # a JSON string, escapes included
NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'[]{}"')  # translate() deletes these
QUOTED = re.compile(rb'"[^"]*"')
EMPTY_PAIR = re.compile(rb"\{\}|\[\]")
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def nesting_exceeds(body: bytes, max_depth: int) -> bool:
    """True if the JSON text nests objects/arrays deeper than max_depth (malformed text: False, the parser says why).

    Escaped backslashes and quotes go first, then everything but brackets and quotes (bytes.translate),
    then the strings: what is left is the bracket skeleton, a few bytes per row, all at C speed.
    """
    skeleton = body.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, NOT_STRUCTURE)
    brackets = QUOTED.sub(b"", skeleton.replace(b'""', b""))  # empty strings first, at C speed
    for _ in range(max_depth):
        if not brackets:
            return False
        shorter = EMPTY_PAIR.sub(b"", brackets)
        if shorter == brackets:
            return False  # unbalanced: not JSON, left to the parser's own error
        brackets = shorter
    return bool(brackets)


def has_lone_surrogate(body: bytes) -> bool:
    """True if a JSON string decodes to text with an unpaired surrogate (cheap when there is no \\uD8xx at all)."""
    if not SURROGATE_ESCAPE.search(body):
        return False
    for match in STRING.finditer(body):
        chunk = match.group()
        if SURROGATE_ESCAPE.search(chunk):
            try:
                json.loads(chunk).encode("utf-8")
            except (UnicodeEncodeError, ValueError):
                return True
    return False


def is_json(scope: Scope) -> bool:
    content_type = dict(scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip().lower()
    return content_type == b"application/json" or content_type.endswith(b"+json")


class JsonBodyGuard:
    def __init__(self, app: ASGIApp, max_depth: int) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in METHODS_WITH_BODY or not is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left before sending its body
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        problem = None
        if nesting_exceeds(body, self.max_depth):
            problem = t("hardening.json_too_deep", request_language(scope), limit=self.max_depth)
        elif has_lone_surrogate(body):
            problem = t("hardening.json_surrogate", request_language(scope))
        if problem is not None:
            answer = JSONResponse(status_code=422, content={
                "error": "InvalidInput", "message": problem,
                "errors": [{"key": None, "row": None, "field": "body", "message": problem}]})
            await answer(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
