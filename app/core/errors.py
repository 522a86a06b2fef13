"""One root exception with meaningful subclasses, mapped to HTTP in one place (app.api.errors)."""
from __future__ import annotations

from typing import Any


class BrmError(Exception):
    """Root of every error the service raises on purpose."""

    status_code = 500

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


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
