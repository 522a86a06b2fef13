"""The caller's language for texts written by middleware (before any route or dependency runs)."""
from __future__ import annotations

from starlette.datastructures import Headers, QueryParams
from starlette.types import Scope

from app.i18n import negotiate


def request_language(scope: Scope) -> str:
    """`lang=` in the query, else Accept-Language, else English."""
    query = QueryParams(scope.get("query_string", b"").decode("latin-1"))
    return negotiate(query.get("lang"), Headers(scope=scope).get("accept-language"))
