"""One root exception with meaningful subclasses, mapped to HTTP in one place (app.api.errors)."""
from __future__ import annotations

from typing import Any, Self


class BrmError(Exception):
    """Root of every error the service raises on purpose."""

    status_code = 500
    message_key: str | None = None  # a catalog message: the answer speaks the caller's language (issue 19)
    message_params: dict[str, Any] = {}

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @classmethod
    def speaking(cls, key: str, details: dict[str, Any] | None = None, **params: Any) -> Self:
        """The error with the catalog's English message for `key`; app.api.error_language answers it in the
        caller's language. `details` go to the constructor (e.g. `errors` of InvalidInput)."""
        from app.i18n import t  # the catalog imports nothing of ours: no cycle, but keep core light

        error = cls(t(key, "en", **params), **(details or {}))
        error.message_key, error.message_params = key, params
        return error


class NotFound(BrmError):
    status_code = 404


class Conflict(BrmError):
    status_code = 409


class InvalidInput(BrmError):
    """Input that fails a rule no schema can express (e.g. a link to an unknown id)."""

    status_code = 422

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message, errors=errors or [])
        self.errors = errors or []


class DatabaseUnavailable(BrmError):
    """Neo4j cannot be reached or refused our credentials: clients should retry later."""

    status_code = 503


class QueryLimitExceeded(BrmError):
    """Issue 15: the database is up, but this query needs more memory or time than a configured limit allows.

    Not 503: asking again fails again, so there is no Retry-After. `limit` names the setting that stopped
    it. 507 for memory (the server cannot hold what the answer needs), 504 for time."""

    status_code = 507

    def __init__(self, message: str, *, limit: str, status_code: int = 507) -> None:
        super().__init__(message, limit=limit)
        self.status_code = status_code


class QueryNotFound(BrmError):
    """A named query was asked for that has no file in cypher/: a programming error, fail loudly."""


class RunnerError(BrmError):
    """The local Neo4j runner could not do what was asked (Java missing, start timed out...)."""


class Unauthorized(BrmError):
    """No key, or a key that is unknown, malformed or revoked."""

    status_code = 401


class Forbidden(BrmError):
    """A valid key whose role is too low for this endpoint."""

    status_code = 403
