"""What the POST /viz/* renders accept: the answers of the reach, decision-chain, win-rate and gaps
endpoints, as bounded models (issue 18) instead of free dicts.

Every list has a maximum length and every string a maximum size, chosen well above what the GET
endpoints can answer (reach: at most 100 paths of at most 5 customer-side steps), so any answer of
ours renders, and any accepted body renders in well under the render budget. Unknown fields are
ignored below the top level (a newer answer with more fields still renders); wrong types are a 422 naming the field.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_REACH_PATHS = 200
MAX_PATH_NODES = 10
MAX_CHAIN_MEMBERS = 500
MAX_GAPS = 2_000
MAX_COMPETITORS = 100
MAX_MEMBER_LINKS = 20

Short = Annotated[str, StringConstraints(max_length=300)]
Long = Annotated[str, StringConstraints(max_length=2_000)]
NodeId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Number = Annotated[float, Field(ge=-1e15, le=1e15)]


class Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


# ----------------------------------------------------------------------------- reach
class PathNodeIn(Lenient):
    id: NodeId
    kind: Short | None = None
    name: Short | None = None


class PathStepIn(Lenient):
    type: Short | None = None
    weight: Number | None = None


class RefIn(Lenient):
    id: Short | None = None
    name: Short | None = None


class ReachPathIn(Lenient):
    employee: RefIn | None = None
    score: Number | None = None
    steps: Annotated[int, Field(ge=0, le=MAX_PATH_NODES)] | None = None
    nodes: Annotated[list[PathNodeIn], Field(max_length=MAX_PATH_NODES)] = []
    relationships: Annotated[list[PathStepIn], Field(max_length=MAX_PATH_NODES)] = []


class ReachTargetIn(Lenient):
    id: NodeId | None = None
    name: Short | None = None
    title: Short | None = None
    attitude: Short | None = None


class ReachIn(BaseModel):
    """GET /contacts/{id}/reach's answer (its two top-level fields only: a body of anything else is a mistake)."""

    model_config = ConfigDict(extra="forbid")

    target: ReachTargetIn = ReachTargetIn()
    paths: Annotated[list[ReachPathIn], Field(max_length=MAX_REACH_PATHS)] = []


# ----------------------------------------------------------------------------- deal view
class ContactIn(Lenient):
    id: NodeId
    name: Short | None = None
    title: Short | None = None
    importance: Annotated[int, Field(ge=0, le=10)] | None = None


class LinkIn(Lenient):
    id: Short | None = None
    name: Short | None = None
    role: Short | None = None
    strength: Number | None = None
    dotted: bool = False


class WarmPathIn(Lenient):
    employee: RefIn | Short | None = None
    score: Number | None = None


Links = Annotated[list[LinkIn], Field(max_length=MAX_MEMBER_LINKS)]


class MemberIn(Lenient):
    contact: ContactIn
    role: Short | None = None
    attitude: Short | None = None
    importance: Annotated[int, Field(ge=0, le=10)] | None = None
    closeness: Number | None = None
    solution_acceptance: Number | None = None
    price_acceptance: Number | None = None
    one_vote_approve: bool = False
    one_vote_veto: bool = False
    inside_source: bool = False
    interaction_level: Short | None = None
    deal_interaction_level: Short | None = None
    warm_path: bool | WarmPathIn | Annotated[list[WarmPathIn], Field(max_length=MAX_MEMBER_LINKS)] | None = None
    reports_to: Links = []
    influences: Links = []
    influenced_by: Links = []
    circles: Links = []


class DegreeIn(Lenient):
    mean: Number | None = None
    weighted_mean: Number | None = None
    n: Annotated[int, Field(ge=0)] | None = None
    missing: Annotated[int, Field(ge=0)] | None = None


class DegreesIn(Lenient):
    closeness: DegreeIn | None = None
    solution_acceptance: DegreeIn | None = None
    price_acceptance: DegreeIn | None = None


class OpportunityIn(Lenient):
    id: Short | None = None
    name: Short | None = None
    stage: Short | None = None


class ChainIn(Lenient):
    """GET /opportunities/{id}/decision-chain's answer."""

    opportunity: OpportunityIn = OpportunityIn()
    members: Annotated[list[MemberIn], Field(max_length=MAX_CHAIN_MEMBERS)] = []
    degrees: DegreesIn = DegreesIn()


class GapIn(Lenient):
    code: Short | None = None
    severity: Short | None = None
    contact: RefIn | None = None
    message: Long | None = None
    action: Long | None = None


class GapsIn(Lenient):
    """GET /opportunities/{id}/gaps's answer."""

    gaps: Annotated[list[GapIn], Field(max_length=MAX_GAPS)] = []


class CompetitorIn(Lenient):
    id: Short | None = None
    name: Short | None = None
    need_satisfaction: Number | None = None
    closeness: Number | None = None
    strength: Number | None = None


class WinRateIn(Lenient):
    """GET /opportunities/{id}/win-rate's answer."""

    win_rate: Number | None = None
    reason: Short | None = None
    competitors: Annotated[list[CompetitorIn], Field(max_length=MAX_COMPETITORS)] = []
