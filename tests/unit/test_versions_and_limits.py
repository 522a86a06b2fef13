"""Pure parts of issue 14: If-Match parsing, versions as hashes of the stored state, the login limiter."""
from __future__ import annotations

import pytest

from app.services.login_limits import LoginLimiter, TooManyLoginAttempts
from app.services.versions import etag, parse_if_match, version_of


def test_if_match_parsing() -> None:
    assert parse_if_match(None) is None and parse_if_match("  ") is None
    assert parse_if_match('"abc"') == ["abc"]
    assert parse_if_match('W/"abc", "def"') == ["abc", "def"]
    assert parse_if_match("*") == ["*"]


def test_version_is_a_hash_of_the_state_not_of_its_version_field() -> None:
    row = {"id": "c-1", "name": "Li Na", "attitude": "negative"}
    assert version_of(row) == version_of({**row, "version": "anything"}) == version_of(dict(reversed(row.items())))
    assert version_of(row) != version_of({**row, "attitude": "positive"})
    assert version_of(None) is None and etag(None) is None
    assert etag(version_of(row)) == f'"{version_of(row)}"' and len(version_of(row) or "") == 20


def test_failed_logins_are_counted_per_user_and_per_address() -> None:
    limiter = LoginLimiter("2/minute", "3/minute")
    for _ in range(2):
        limiter.check("ann", "10.0.0.1")
        limiter.failed("ann", "10.0.0.1")
    with pytest.raises(TooManyLoginAttempts) as refused:
        limiter.check("ANN", "10.0.0.2")  # usernames are counted case-insensitively, from any address
    assert refused.value.status_code == 429 and int(refused.value.headers["Retry-After"]) >= 1
    limiter.check("bob", "10.0.0.1")  # another user from the same address: 2 of 3 used
    limiter.failed("bob", "10.0.0.1")
    with pytest.raises(TooManyLoginAttempts, match="address"):
        limiter.check("carol", "10.0.0.1")
