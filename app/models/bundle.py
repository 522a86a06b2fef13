"""The JSON bundle (import-format.md): one model per row kind, unknown fields refused.

Pydantic reports a bad row as (key, row index, field), which is exactly how import
errors are listed; link checks that need the whole bundle live in app.services.importer.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from app.models.addresses import Domains, Emails
from app.models.domain import (
    ActivityType, Amount, Attitude, CircleRole, Day, Degree, DecisionRole, Grade, Id, Importance, Name,
    Orientation, Stage, Strength, Text,
)


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=True)


class AccountRow(Row):
    id: Id
    name: Name
    industry: Name | None = None
    region: Name | None = None
    revenue: Degree | None = None
    potential: Degree | None = None
    demonstration: Degree | None = None
    winnability: Degree | None = None
    annual_revenue: Amount | None = None  # money (a CRM's AnnualRevenue), never the 0–100 revenue score
    domains: Domains | None = None  # issue 13: internet domains, to place unknown email addresses


class DepartmentRow(Row):
    id: Id
    name: Name
    account: Id
    parent: Id | None = None


class ContactRow(Row):
    id: Id
    name: Name
    title: Name | None = None
    account: Id
    department: Id | None = None
    orientation: Orientation | None = None
    attitude: Attitude | None = None
    importance: Importance | None = None
    closeness: Degree | None = None
    solution_acceptance: Degree | None = None
    price_acceptance: Degree | None = None
    emails: Emails | None = None  # issue 13: unique per person across contacts and employees
    left_at: Day | None = None            # issue 17: left the account that day (roles in its open deals end)
    previous_account: Id | None = None    # issue 17: moved here from that account (set on a move, or by a CRM)


class ReportsToRow(Row):
    from_: Id = Field(alias="from")
    to: Id
    dotted: bool = False
    valid_from: Day | None = None         # issue 17: the line holds from that day
    valid_to: Day | None = None           # issue 17: the line ended that day (kept as history, no live edge)

    @model_validator(mode="after")
    def _ends_after_start(self) -> "ReportsToRow":
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError("valid_to_before_from", "valid_to must not be before valid_from")
        return self


class InfluenceRow(Row):
    from_: Id = Field(alias="from")
    to: Id
    strength: Strength | None = None


class CircleMember(Row):
    contact: Id
    role: CircleRole = CircleRole.member


class CircleRow(Row):
    id: Id
    name: Name
    account: Id
    members: list[CircleMember] = Field(default_factory=list, max_length=10_000)


class EmployeeRow(Row):
    id: Id
    name: Name
    title: Name | None = None
    team: Name | None = None
    manager: Id | None = None
    active: bool | None = None  # False: left or deactivated in the CRM, kept for history
    emails: Emails | None = None  # issue 13: unique per person across contacts and employees
    capture_excluded: bool | None = None  # issue 13: their calendar and mail items are never captured


class KnowsRow(Row):
    employee: Id
    contact: Id
    strength: Strength | None = None
    since: Name | None = None
    source: Name | None = None


class OpportunityRow(Row):
    id: Id
    name: Name
    account: Id
    amount: Amount | None = None
    stage: Stage | None = None
    grade: Grade | None = None
    compelling_event: bool | None = None
    need_satisfaction: Degree | None = None
    owner: Id | None = None
    close_date: Day | None = None


class RoleRow(Row):
    opportunity: Id
    contact: Id
    role: DecisionRole
    attitude: Attitude | None = None
    closeness: Degree | None = None
    solution_acceptance: Degree | None = None
    price_acceptance: Degree | None = None
    one_vote_approve: bool = False
    one_vote_veto: bool = False
    inside_source: bool = False
    is_primary: bool | None = None  # the CRM's primary contact role on the deal


class CompetitorEntry(Row):
    opportunity: Id
    need_satisfaction: Degree | None = None  # unset until someone rates it (a CRM names competitors only)
    closeness: Degree | None = None


class CompetitorRow(Row):
    id: Id
    name: Name
    opportunities: list[CompetitorEntry] = Field(default_factory=list, max_length=10_000)


class ActivityRow(Row):
    id: Id
    employee: Id
    contacts: list[Id] = Field(min_length=1, max_length=1_000)
    opportunity: Id | None = None
    type: ActivityType
    date: Day
    summary: Text | None = None


class Bundle(Row):
    """Every key optional; ids unique per kind."""

    accounts: list[AccountRow] = Field(default_factory=list)
    departments: list[DepartmentRow] = Field(default_factory=list)
    contacts: list[ContactRow] = Field(default_factory=list)
    reports_to: list[ReportsToRow] = Field(default_factory=list)
    influences: list[InfluenceRow] = Field(default_factory=list)
    circles: list[CircleRow] = Field(default_factory=list)
    employees: list[EmployeeRow] = Field(default_factory=list)
    knows: list[KnowsRow] = Field(default_factory=list)
    opportunities: list[OpportunityRow] = Field(default_factory=list)
    roles: list[RoleRow] = Field(default_factory=list)
    competitors: list[CompetitorRow] = Field(default_factory=list)
    activities: list[ActivityRow] = Field(default_factory=list)


BUNDLE_KEYS = list(Bundle.model_fields)
