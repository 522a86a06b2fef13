"""One rule for every date in a query string: it must lie in the supported calendar range.

Services do date arithmetic (a year back, eleven months back, the next month); at the ends of
Python's calendar (0001-01-01, 9999-12-31) that overflows. Rather than guard every service, every
query parameter with a date-like name (`as_of`, `from`, `to`, `month`, `week`, …) is checked here,
as a router-level dependency, so routes added later are covered too. Values that are not dates are
left to the route's own validation.
"""
from __future__ import annotations

import re
from fastapi import Request

from app.api.language import request_language
from app.core.errors import InvalidInput
from app.i18n import t
from app.models.domain import FIRST_DAY, LAST_DAY

DATE_PARAMS = frozenset({"as_of", "from", "to", "month", "week", "since", "until", "day", "date", "start", "end"})
YEAR = re.compile(r"^\s*([+-]?\d{1,9})(?=-|W|$)")


def year_of(value: str) -> int | None:
    """The year of a YYYY-MM-DD, YYYY-MM, YYYY-Www or YYYY value, or None if it does not start like one."""
    match = YEAR.match(value)
    return int(match.group(1)) if match else None


def check_query_dates(request: Request) -> None:
    """422 naming the parameter when a date-like query value falls outside FIRST_DAY … LAST_DAY."""
    for name, value in request.query_params.multi_items():
        if name not in DATE_PARAMS:
            continue
        year = year_of(value)
        if year is None or FIRST_DAY.year <= year <= LAST_DAY.year:  # the range is whole years
            continue
        message = t("hardening.date_range", request_language(request.scope), field=name, value=value,
                    low=FIRST_DAY.isoformat(), high=LAST_DAY.isoformat())
        raise InvalidInput(message, [{"key": None, "row": None, "field": name, "message": message, "value": value}])
