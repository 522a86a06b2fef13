"""Issue 13: the shape of a tie's explanation (docs/ties.md), on reach's KNOWS steps and GET /employees/{id}/knows/{contact}."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from app.models.entities import VERSION_FIELD


class TieCounts(BaseModel):
    meetings: int = 0
    calls: int = 0
    emails_out: int = Field(0, description="emails from our employee to the contact")
    emails_in: int = Field(0, description="emails from the contact to our employee")


class TieFactors(BaseModel):
    recency: float | None = None
    frequency: float | None = None
    reciprocity: float | None = None


class TieExplanation(BaseModel):
    source: Literal["manual", "derived"]
    strength: float | None = Field(None, description="null: a manual tie without a strength (reach uses its default)")
    dormant: bool = False
    text: str = Field(description='e.g. "6 meetings and 11 emails both ways, last 9 days ago → 0.74"')
    as_of: str | None = None
    last_contact: str | None = None
    days_since: int | None = None
    counts: TieCounts | None = None
    direction: Literal["both_ways", "from_us", "from_them"] | None = None
    factors: TieFactors | None = None
    window_days: int | None = None
    half_life_days: float | None = None
    since: str | None = None
    recorded_source: str | None = Field(None, description="the `source` a manual tie was given (bundle, CRM, ...)")


class TieOut(BaseModel):
    employee: str
    contact: str
    tie: TieExplanation | None = Field(None, description="the stored tie (KNOWS, or KNEW when dormant); null when none yet")
    captured: TieExplanation | None = Field(None, description="what the activities say as of the date, computed now")
    # the KNOWS link itself, as the other relationship GETs answer it (absent when there is no live KNOWS)
    type: str | None = Field(None, description="KNOWS when a live tie is stored")
    from_id: str | None = None
    to_id: str | None = None
    properties: dict[str, Any] | None = Field(None, description="the stored KNOWS properties")
    version: str | None = VERSION_FIELD
