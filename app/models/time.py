"""Answers of the time features (issue 17): the weekly win-rate curve, the weekly deal review, alerts,
the org chart as of a date. Computed, never stored (coaching notes are stored, see CoachingNoteIn)."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.models.intelligence import Ref, WinRateReason


class CurvePoint(BaseModel):
    week: str = Field(description="ISO week, YYYY-Www")
    start: date
    as_of: date = Field(description="the day whose end the point is read at (Sunday, or today)")
    win_rate: float | None
    reason: WinRateReason | None
    stage: str | None
    stage_changed: bool
    amount: float | None


class StageChange(BaseModel):
    week: str
    stage: str | None


class WinRateCurve(BaseModel):
    opportunity: Ref
    points: list[CurvePoint]
    stage_changes: list[StageChange]


class DegreeChange(BaseModel):
    now: float | None
    before: float | None
    change: float | None


class GapRef(BaseModel):
    code: str
    severity: str
    contact: Ref | None = None


class ReviewDeal(BaseModel):
    opportunity: Ref
    account: Ref | None
    owner: Ref | None
    stage: str | None
    stage_before: str | None
    stage_moved: bool
    amount: float | None
    win_rate: float | None
    win_rate_reason: WinRateReason | None
    win_rate_before: float | None
    win_rate_change: float | None
    degrees: dict[str, DegreeChange]
    gaps_opened: list[GapRef]
    gaps_closed: list[GapRef]
    next_action: str | None
    priority: int = Field(description="0 falling win rate, 1 no win rate, 2 steady or rising (see docs/managers.md)")
    at_stake: float = Field(description="amount x win-rate drop (0 unless falling)")
    alerts: list[str]
    note: str | None


class WeeklyReview(BaseModel):
    week: str
    as_of: date
    previous_as_of: date
    team: str | None
    owner: str | None
    total: int
    truncated: bool = Field(False, description="more open deals than weekly_review_max_deals: the largest are shown")
    deals: list[ReviewDeal]


class CoachingNoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=4000)


class CoachingNoteOut(BaseModel):
    opportunity: str
    week: str
    text: str
    author: str | None = None


class Knower(BaseModel):
    id: str
    name: str | None = None
    strength: float | None = None


class Alert(BaseModel):
    kind: Literal["champion_left", "former_champion"]
    contact: Ref
    account: Ref = Field(description="champion_left: the account they left; former_champion: where they are now")
    former_account: Ref | None = None
    opportunities: list[Ref] = Field(description="champion_left: the open deals hit; former_champion: open deals at the new account")
    since: date | None = None
    known_by: list[Knower]
    message: str


class Alerts(BaseModel):
    total: int
    alerts: list[Alert]


class OrgLine(BaseModel):
    contact: str
    manager: str
    dotted: bool
    valid_from: str | None
    valid_to: str | None


class OrgMember(BaseModel):
    id: str
    name: str | None = None
    department: str | None = None
    left_at: date | None = None


class OrgChart(BaseModel):
    account: str
    as_of: date
    contacts: list[OrgMember]
    lines: list[OrgLine]


class CustomerRiskDeal(BaseModel):
    opportunity: Ref
    account: Ref
    amount: float | None
    champions_left: list[Ref]


class CustomerDepartureRisk(BaseModel):
    amount_at_risk: float = Field(description="sum of the amounts of open deals that lost a supportive key person")
    deals: list[CustomerRiskDeal]
