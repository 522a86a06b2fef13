"""Settings of the managers' views (issue 9): rep levels, key contacts, trends.

Kept apart from app.core.config so the shared Settings stay untouched; reads the same
environment and `.env` (prefix-free names, e.g. LEVEL_SENIOR_GOOD=4). Thresholds are
explained in docs/managers.md.
"""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ManagerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Rep levels (销售等级): minimum number of accounts at medium / good / excellent closeness.
    # A better account may stand in for a worse one (see docs/managers.md, "Rep levels").
    level_junior_medium: int = Field(default=1, ge=0)
    level_junior_good: int = Field(default=0, ge=0)
    level_junior_excellent: int = Field(default=0, ge=0)
    level_mid_medium: int = Field(default=3, ge=0)
    level_mid_good: int = Field(default=1, ge=0)
    level_mid_excellent: int = Field(default=0, ge=0)
    level_senior_medium: int = Field(default=5, ge=0)      # domain.md: senior = 5-10 medium,
    level_senior_good: int = Field(default=3, ge=0)        # 3-5 good
    level_senior_excellent: int = Field(default=1, ge=0)   # and 1-2 excellent accounts
    level_top_medium: int = Field(default=11, ge=0)        # top starts above senior's upper bounds
    level_top_good: int = Field(default=6, ge=0)
    level_top_excellent: int = Field(default=3, ge=0)
    # An excellent account needs the rep to reach MORE than this share of its key decision makers.
    level_excellent_influence_share: float = Field(default=0.5, ge=0, lt=1)

    # Key contacts: approver / decision_maker in open deals; accounts without such a person fall back
    # to their contacts with importance >= this.
    key_contact_fallback_importance: int = Field(default=4, ge=1, le=5)

    # Trends: default window (months, ending with the current month) and the longest allowed.
    trend_default_months: int = Field(default=12, ge=1, le=120)
    trend_max_months: int = Field(default=120, ge=1, le=600)


@lru_cache
def get_manager_settings() -> ManagerSettings:
    return ManagerSettings()
