"""Login attempts limited per username and per client address (the `limits` package, in memory).

Only failed attempts count, and the limit is checked before the password is, so a guesser is stopped
even with the right password at the end, while a person who signs in correctly uses nothing up.
In memory means per process: enough against online guessing of one server; several processes each
allow their own budget (say so in the README).
"""
from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from app.core.errors import BrmError


class TooManyLoginAttempts(BrmError):
    status_code = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message, retry_after=retry_after_s)
        self.headers = {"Retry-After": str(retry_after_s)}


class LoginLimiter:
    def __init__(self, per_user: str, per_address: str) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_user: RateLimitItem = parse(per_user)
        self._per_address: RateLimitItem = parse(per_address)

    def _checks(self, username: str, address: str) -> list[tuple[RateLimitItem, tuple[str, str], str]]:
        return [(self._per_user, ("user", username.lower()), "user"),
                (self._per_address, ("address", address), "address")]

    def check(self, username: str, address: str) -> None:
        """Raise 429 with Retry-After when either budget is used up."""
        for item, ids, what in self._checks(username, address):
            if not self._limiter.test(item, *ids):
                reset = self._limiter.get_window_stats(item, *ids).reset_time
                wait = max(1, math.ceil(reset - time.time()))
                raise TooManyLoginAttempts.speaking(f"api_errors.login_limit_{what}", {"retry_after_s": wait}, wait=wait)

    def failed(self, username: str, address: str) -> None:
        for item, ids, _ in self._checks(username, address):
            self._limiter.hit(item, *ids)
