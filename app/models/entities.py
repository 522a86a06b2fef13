"""API shapes for hand curation, derived from the bundle row models (one source of value domains).

A request body is the bundle row minus what the URL already says (the id, or both
ends of a relationship), with the same field types, defaults and extra="forbid",
so the importer and the API accept exactly the same values. Answers are bundle
rows too (what export writes), contacts adding their read-time interaction levels.
"""
from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from app.models.bundle import (
    AccountRow, ActivityRow, CircleMember, CircleRow, CompetitorEntry, CompetitorRow, ContactRow, DepartmentRow,
    EmployeeRow, InfluenceRow, KnowsRow, OpportunityRow, ReportsToRow, RoleRow, Row,
)
from app.models.domain import InteractionLevel

RowT = TypeVar("RowT", bound=BaseModel)


def body_model(row: type[Row], exclude: set[str], name: str) -> type[Row]:
    """`row` without the fields in `exclude`: same annotations, constraints and defaults (FieldInfo reused)."""
    fields: dict[str, Any] = {field_name: (info.annotation, info) for field_name, info in row.model_fields.items()
                              if field_name not in exclude}
    model = create_model(name, __base__=Row, __module__=__name__, **fields)
    model.__doc__ = f"{row.__name__} without {', '.join(sorted(exclude))} (given by the URL)."
    return model


# --- node bodies: the id is the path; circle members and competitor entries have their own sub-resources
AccountIn = body_model(AccountRow, {"id"}, "AccountIn")
DepartmentIn = body_model(DepartmentRow, {"id"}, "DepartmentIn")
ContactIn = body_model(ContactRow, {"id"}, "ContactIn")
EmployeeIn = body_model(EmployeeRow, {"id"}, "EmployeeIn")
CircleIn = body_model(CircleRow, {"id", "members"}, "CircleIn")
OpportunityIn = body_model(OpportunityRow, {"id"}, "OpportunityIn")
CompetitorIn = body_model(CompetitorRow, {"id", "opportunities"}, "CompetitorIn")
ActivityIn = body_model(ActivityRow, {"id"}, "ActivityIn")

# --- relationship bodies: both ends are in the path
ReportsToIn = body_model(ReportsToRow, {"from_", "to", "valid_to"}, "ReportsToIn")  # end a line: DELETE it
InfluenceIn = body_model(InfluenceRow, {"from_", "to"}, "InfluenceIn")
MembershipIn = body_model(CircleMember, {"contact"}, "MembershipIn")
RoleIn = body_model(RoleRow, {"opportunity", "contact"}, "RoleIn")
KnowsIn = body_model(KnowsRow, {"employee", "contact"}, "KnowsIn")
CompetesIn = body_model(CompetitorEntry, {"opportunity"}, "CompetesIn")


VERSION_FIELD = Field(default=None, description="issue 14: the version to send back in If-Match (also the ETag)")
_VERSIONED: dict[type[BaseModel], type[BaseModel]] = {}


def versioned_model(row: type[Row]) -> type[Row]:
    """The row model plus its `version` (answers only; bodies stay the bundle row)."""
    if row not in _VERSIONED:
        _VERSIONED[row] = create_model(f"{row.__name__}Out", __base__=row, __module__=__name__,
                                       version=(str | None, VERSION_FIELD))
    return _VERSIONED[row]  # type: ignore[return-value]


class ContactOut(ContactRow):
    """A contact with its interaction level (交互程度), computed as of the request's `as_of`, never stored."""

    version: str | None = VERSION_FIELD

    interaction_level: InteractionLevel
    interaction_by_deal: dict[str, InteractionLevel] = Field(
        default_factory=dict, description="opportunity id → level from activities ABOUT that deal")


class Page(BaseModel, Generic[RowT]):
    """One page of a listing; `total` counts every match, not just this page."""

    model_config = ConfigDict(extra="forbid")

    total: int
    offset: int
    limit: int
    items: list[RowT]


class LinkOut(BaseModel):
    """A relationship as stored after a PUT: its two ends and its properties."""

    type: str
    from_id: str
    to_id: str
    properties: dict[str, Any]
    version: str | None = VERSION_FIELD
