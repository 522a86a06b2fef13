"""Response shapes of the relationship-intelligence endpoints (domain.md sections 4-7).

Kept apart from the curation shapes (app.models.entities): these are computed answers, never stored.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from app.models.ties import TieExplanation

StepType = Literal["KNOWS", "INFLUENCES", "REPORTS_TO_UP", "REPORTS_TO_DOWN", "SAME_CIRCLE"]
Severity = Literal["high", "medium", "low"]
WinRateReason = Literal["no_compelling_event", "insufficient_data", "not_top_three", "no_history"]


# ----------------------------------------------------------------------------- reach (section 5)
class Ref(BaseModel):
    id: str
    name: str | None = None


class PathNode(BaseModel):
    id: str
    kind: Literal["employee", "contact"]
    name: str | None = None


class PathStep(BaseModel):
    type: StepType
    weight: float
    explanation: TieExplanation | None = None  # issue 13: on KNOWS steps, where the weight comes from


class ReachPath(BaseModel):
    employee: Ref
    score: float
    steps: int
    nodes: list[PathNode]
    relationships: list[PathStep]


class ReachTarget(BaseModel):
    id: str
    name: str | None = None
    title: str | None = None
    attitude: str | None = None
    orientation: str | None = None
    importance: int | None = None
    account: str | None = None


class ReachOut(BaseModel):
    target: ReachTarget
    paths: list[ReachPath]


# ----------------------------------------------------------------------------- decision chain (section 4)
class DegreeStats(BaseModel):
    mean: float | None
    weighted_mean: float | None = None
    n: int
    missing: int


class Degrees(BaseModel):
    closeness: DegreeStats
    solution_acceptance: DegreeStats
    price_acceptance: DegreeStats


class ContactRef(BaseModel):
    id: str
    name: str | None = None
    title: str | None = None


class ManagerRef(BaseModel):
    id: str
    name: str | None = None
    dotted: bool = False


class CircleSeat(BaseModel):
    id: str
    name: str | None = None
    role: str | None = None


class InfluenceRef(BaseModel):
    id: str
    name: str | None = None
    strength: float | None = None


class Member(BaseModel):
    contact: ContactRef
    role: str
    closeness: float | None
    solution_acceptance: float | None
    price_acceptance: float | None
    one_vote_approve: bool
    one_vote_veto: bool
    reports_to: list[ManagerRef]
    circles: list[CircleSeat]
    influenced_by: list[InfluenceRef]
    influences: list[InfluenceRef]
    orientation: str | None
    attitude: str | None
    importance: int | None
    inside_source: bool
    interaction_level: str
    deal_interaction_level: str
    warm_path: bool


class OpportunitySummary(BaseModel):
    id: str
    name: str | None = None
    account: str | None = None
    amount: float | None = None
    stage: str | None = None
    grade: str | None = None
    compelling_event: bool | None = None
    need_satisfaction: float | None = None
    close_date: date | None = None
    owner: str | None = None


class DecisionChainOut(BaseModel):
    opportunity: OpportunitySummary
    as_of: date
    members: list[Member]
    degrees: Degrees
    state_at: str | None = None       # issue 17: the snapshot time a past as_of was read from (null: live)
    before_history: bool = False      # as_of precedes the deal's first snapshot: the earliest one was used


# ----------------------------------------------------------------------------- win rate (section 6)
class Party(BaseModel):
    need_satisfaction: float | None
    closeness: float | None
    strength: float | None


class CompetitorParty(Party):
    id: str
    name: str | None = None


class WinRateOut(BaseModel):
    win_rate: float | None
    reason: WinRateReason | None
    reason_message: str | None = Field(None, description="the reason, in the answer's language")
    raw: float | None
    inside_source: bool
    compelling_event: bool
    ours: Party
    competitors: list[CompetitorParty]
    as_of: date | None = None         # issue 17: read as of this day (null: now)
    state_at: str | None = None
    before_history: bool = False


# ----------------------------------------------------------------------------- gaps (section 7)
class Gap(BaseModel):
    code: str = Field(description="machine code, stable across languages")
    severity: Severity
    label: str = Field(description="short name of the gap in the answer's language")
    contact: Ref | None
    message: str = Field(description="what is wrong, in the answer's language")
    action: str = Field(description="what to do, in the answer's language")


class PersonGaps(BaseModel):
    """One card per person: all of this person's gaps and one action."""
    contact: Ref
    role: str | None
    attitude: str | None
    severity: Severity = Field(description="the worst of this person's gaps")
    codes: list[str]
    labels: list[str]
    messages: list[str]
    action: str


class GapsOut(BaseModel):
    opportunity: Ref
    as_of: date
    lang: str = Field(description="language of the texts (lang= or Accept-Language)")
    gaps: list[Gap]
    state_at: str | None = None       # issue 17: see DecisionChainOut
    before_history: bool = False
    people: list[PersonGaps] = Field(description="the contact-level gaps grouped by person (deal-level ones stay in gaps)")


# ----------------------------------------------------------------------------- account map (sections 4, 8)
class ClosenessGrade(BaseModel):
    grade: Literal["poor", "medium", "good", "excellent"]
    label: str


class AccountDegrees(BaseModel):
    closeness: DegreeStats
    solution_acceptance: DegreeStats
    price_acceptance: DegreeStats


class KeyContact(BaseModel):
    id: str
    name: str | None = None
    roles: list[str]
    reachable: bool


class KeyContacts(BaseModel):
    total: int
    reachable: int
    contacts: list[KeyContact]


class CircleMember(BaseModel):
    id: str
    name: str | None = None
    role: str | None = None
    attitude: str | None = None


class CircleView(BaseModel):
    id: str
    name: str | None = None
    members: list[CircleMember]


class RelationshipMapOut(BaseModel):
    account: Ref
    contacts: int
    degrees: AccountDegrees
    closeness_grade: ClosenessGrade | None
    completeness: float | None
    key_contacts: KeyContacts
    circles: list[CircleView]
    open_opportunities: list[OpportunitySummary]
