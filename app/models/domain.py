"""Value domains of domain.md: the single source for the API edge and the bundle validator."""
from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError


class Attitude(str, Enum):
    """关系状况: overall on Contact, per deal on ROLE_IN."""

    strong_positive = "strong_positive"
    positive = "positive"
    neutral = "neutral"
    negative = "negative"
    strong_negative = "strong_negative"

    @property
    def score(self) -> int:
        return ATTITUDE_SCORE[self.value]


ATTITUDE_SCORE = {"strong_positive": 2, "positive": 1, "neutral": 0, "negative": -1, "strong_negative": -2}


class Orientation(str, Enum):
    """行为取向."""

    technical = "technical"
    pragmatic = "pragmatic"
    technical_pragmatic = "technical_pragmatic"
    pragmatic_technical = "pragmatic_technical"
    balanced = "balanced"


class DecisionRole(str, Enum):
    """决策角色, with the weight used by the decision chain's weighted mean."""

    approver = "approver"
    decision_maker = "decision_maker"
    evaluator = "evaluator"
    user = "user"


class Stage(str, Enum):
    """商机阶段, in order; then won / lost."""

    validate = "validate"
    initiate = "initiate"
    analyse_needs = "analyse_needs"
    present_value = "present_value"
    prepare_bid = "prepare_bid"
    bid = "bid"
    negotiate = "negotiate"
    won = "won"
    lost = "lost"


class Grade(str, Enum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"


class CircleRole(str, Enum):
    leader = "leader"
    core = "core"
    member = "member"


class ActivityType(str, Enum):
    meeting = "meeting"
    call = "call"
    email = "email"
    visit = "visit"
    event = "event"
    meal = "meal"


class InteractionLevel(str, Enum):
    """交互程度: derived from activities, never typed in."""

    none = "none"
    occasional = "occasional"
    multiple = "multiple"
    deep = "deep"


# Ids (issue 18): the one rule for import, CSV and API, so every stored record is addressable as
# /<resource>/<id>: no "/", no control characters, no leading or trailing white space, and none of the
# fixed path segments that routes use under a resource (a record "scores" would hide behind
# GET /accounts/scores). A new fixed route under a resource adds its segment here (a test checks).
ID_PATTERN = r"^[^\s/\x00-\x1f\x7f-\x9f](?:[^/\x00-\x1f\x7f-\x9f]*[^\s/\x00-\x1f\x7f-\x9f])?$"
RESERVED_IDS = frozenset({"scores", "levels", "departure-risk"})


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _addressable(value: str) -> str:
    """The id rule, with a message that says which part of it failed (the pattern above says the same)."""
    if "/" in value:
        raise PydanticCustomError("id_slash", "an id may not contain '/'")  # typed: answered in the caller's language
    if CONTROL.search(value):
        raise PydanticCustomError("id_control", "an id may not contain control characters (newline, tab, ...)")
    if value != value.strip():
        raise PydanticCustomError("id_white_space", "an id may not start or end with white space")
    if value in RESERVED_IDS:
        raise PydanticCustomError("id_reserved", "{value} is reserved for a route (reserved ids: {reserved})",
                                  {"value": repr(value), "reserved": ", ".join(sorted(RESERVED_IDS))})
    return value


Id = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_addressable)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Degree = Annotated[float, Field(ge=0, le=100)]          # closeness, acceptances, need satisfaction, account scores
Strength = Annotated[float, Field(ge=0, le=1)]          # KNOWS / INFLUENCES strength
Importance = Annotated[int, Field(ge=1, le=5)]
Amount = Annotated[float, Field(ge=0, le=1e15)]
# The supported calendar (issue 18): whole years, far enough from Python's 0001 / 9999 that a year back
# or a month forward never overflows. Query dates are checked by app.api.query_dates, stored dates here.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
