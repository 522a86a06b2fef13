"""Answers of the managers' and executives' views (issue 9): key accounts, rep levels, departure risk,
coverage, history and trends."""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field


class ClosenessGrade(str, Enum):
    """关系紧密度等级 from a (mean) closeness (domain.md section 4)."""

    poor = "poor"
    medium = "medium"
    good = "good"
    excellent = "excellent"


GRADE_ORDER = {ClosenessGrade.poor: 0, ClosenessGrade.medium: 1, ClosenessGrade.good: 2, ClosenessGrade.excellent: 3}


class RepLevel(str, Enum):
    """销售等级, lowest first."""

    novice = "novice"
    junior = "junior"
    mid = "mid"
    senior = "senior"
    top = "top"


# ----------------------------------------------------------------------------- key accounts
class Weights(BaseModel):
    revenue: float
    potential: float
    demonstration: float
    winnability: float


class AccountScore(BaseModel):
    rank: int
    id: str
    name: str | None
    region: str | None = None
    score: float
    key_account: bool
    revenue: float | None
    potential: float | None
    demonstration: float | None
    winnability: float | None
    missing: list[str] = Field(description="components not set (counted as 0)")


class KeyAccountScores(BaseModel):
    weights: Weights
    top_percent: float
    key_count: int = Field(description="ceil(N * top_percent / 100), at least 1 when N > 0")
    total: int = Field(default=0, description="accounts matching the filters (ranks and the key cut are over all accounts)")
    offset: int = 0
    limit: int | None = None
    accounts: list[AccountScore]


# ----------------------------------------------------------------------------- rep levels
class ContactRef(BaseModel):
    id: str
    name: str | None = None


class KeyPersonInfluence(BaseModel):
    id: str
    name: str | None
    roles: list[str]
    attitude: str | None = Field(description="worst attitude over its roles (ROLE_IN, else overall)")
    reachable: bool = Field(description="this employee has a warm path (reach, defaults) to them")
    opposed: bool


class RepAccount(BaseModel):
    account: str
    name: str | None
    best_closeness: float | None
    best_contacts: list[ContactRef]
    closeness_grade: ClosenessGrade | None = Field(description="grade of best_closeness (None: no closeness set)")
    grade: ClosenessGrade | None = Field(description="the grade this account counts at for the level")
    key_people: list[KeyPersonInfluence] = Field(default_factory=list)
    reason: str


class LevelRequirement(BaseModel):
    level: RepLevel
    medium: int
    good: int
    excellent: int
    met: bool


class RepLevelAnswer(BaseModel):
    employee: str
    name: str | None
    team: str | None = None
    level: RepLevel
    counts: dict[str, int] = Field(description="accounts counted at exactly medium / good / excellent")
    accounts: list[RepAccount]
    requirements: list[LevelRequirement]
    reasons: list[str]


# ----------------------------------------------------------------------------- departure risk
class DealAtRisk(BaseModel):
    id: str
    name: str | None
    account: str | None
    amount: float | None
    stage: str | None
    key_contacts_at_risk: list[str]
    members_at_risk: list[str]


class ContactAtRisk(BaseModel):
    id: str
    name: str | None
    account: str | None
    account_name: str | None
    key: bool
    roles: list[str] = Field(description="'opportunity:role' in open deals")


class DepartureImpact(BaseModel):
    employee: str
    name: str | None
    team: str | None = None
    amount_at_risk: float = Field(description="sum of open deals with a key person reached only through this employee")
    key_contacts: int
    contacts: int
    deals: list[DealAtRisk]
    at_risk: list[ContactAtRisk] = Field(description="contacts whose only warm paths start at this employee")


class DepartureRiskRow(BaseModel):
    rank: int
    employee: str
    name: str | None
    team: str | None
    amount_at_risk: float
    key_contacts: int
    contacts: int
    deals: int


# ----------------------------------------------------------------------------- degrees, coverage, trends
class Degrees(BaseModel):
    n: int = Field(description="contacts (or deal members) counted")
    closeness: float | None
    solution_acceptance: float | None
    price_acceptance: float | None
    missing: dict[str, int]
    closeness_grade: ClosenessGrade | None
    completeness: float | None = Field(default=None, description="share of contacts with the full profile")


class AccountDegrees(BaseModel):
    account: str
    name: str | None
    as_of: str | None = Field(description="None: current values; a date: read from history snapshots")
    degrees: Degrees


class CoverageRow(BaseModel):
    account: str
    name: str | None
    region: str | None = None
    basis: str = Field(description="open_deals: approver/decision_maker in open deals; importance: fallback")
    key_contacts: int
    reachable: int
    gap: int = Field(description="key contacts nobody can reach")
    reachable_share: float | None
    unreachable: list[ContactRef] = Field(description="listed with details=true (the API's default leaves it empty)")
    degrees: Degrees


class TrendPoint(BaseModel):
    month: str
    degrees: Degrees
    weighted: dict[str, float | None] | None = Field(default=None, description="deals only: role-weighted means")


class Trend(BaseModel):
    kind: str
    id: str
    name: str | None
    points: list[TrendPoint]


class Change(BaseModel):
    closeness: float | None
    solution_acceptance: float | None
    price_acceptance: float | None
    completeness: float | None
    closeness_grade_steps: int | None = Field(description="grade steps up (+) or down (-)")


class AccountOperation(BaseModel):
    account: str
    name: str | None
    deals: list[str]
    current: Degrees
    previous_month: Degrees
    year_ago: Degrees
    month_on_month: Change
    year_on_year: Change


class AccountOperations(BaseModel):
    employee: str
    name: str | None
    month: str
    accounts: list[AccountOperation]
