"""Value domains of domain.md: the single source for the API edge and the bundle validator."""
from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import Field, StringConstraints


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


Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Degree = Annotated[float, Field(ge=0, le=100)]          # closeness, acceptances, need satisfaction, account scores
Strength = Annotated[float, Field(ge=0, le=1)]          # KNOWS / INFLUENCES strength
Importance = Annotated[int, Field(ge=1, le=5)]
Amount = Annotated[float, Field(ge=0, le=1e15)]
Day = date
