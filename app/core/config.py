"""Settings, read from the environment and `.env` (pydantic-settings).

Every tunable default of domain.md lives here so a deployment can change it
without touching code; nothing reads settings at import time: call
`get_settings()` (cached) where they are needed.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- Neo4j connection -------------------------------------------------
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("brm-local-dev")
    neo4j_database: str = "neo4j"
    neo4j_connect_timeout_s: float = 5.0
    neo4j_query_timeout_s: float = 30.0
    neo4j_max_retry_s: float = 10.0
    neo4j_import_timeout_s: float = 1800.0

    # --- local runner (used only when NEO4J_URI is a loopback bolt:// URI) ---
    neo4j_home: Path = PROJECT_ROOT / "var" / "neo4j"
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_start_timeout_s: float = 120.0
    neo4j_runner_dir: Path = PROJECT_ROOT / "neo4j-runner"

    # --- HTTP API ------------------------------------------------------------
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)

    # --- domain.md defaults (every number the service computes is configurable) ---
    # section 3: interaction level from activity counts in the window before as_of
    interaction_window_days: int = 365
    interaction_occasional_min: int = 1
    interaction_multiple_min: int = 3
    interaction_deep_min: int = 10
    # section 4: decision-chain weighted mean by role; closeness grade thresholds
    role_weight_approver: float = 4
    role_weight_decision_maker: float = 3
    role_weight_evaluator: float = 2
    role_weight_user: float = 1
    closeness_grade_medium: float = 40
    closeness_grade_good: float = 60
    closeness_grade_excellent: float = 80
    # section 5: reach
    reach_max_hops: int = Field(default=3, ge=1, le=5)
    reach_limit: int = Field(default=10, ge=1, le=100)
    reach_knows_default: float = 0.5
    reach_influences_default: float = 0.7
    reach_reports_up: float = 0.6
    reach_reports_down: float = 0.8
    reach_same_circle: float = 0.5
    # section 6: win rate
    win_rate_no_inside_source_factor: float = 0.7
    win_rate_strongest_competitors: int = 2
    win_rate_not_top_n: int = 3
    # section 7: gaps
    gap_contact_window_days: int = 365
    gap_stale_days: int = 60
    # section 8: key accounts
    key_account_weight_revenue: float = 1
    key_account_weight_potential: float = 1
    key_account_weight_demonstration: float = 1
    key_account_weight_winnability: float = 1
    key_account_top_percent: float = 20

    # --- access control ----------------------------------------------------------
    auth_cache_ttl_s: float = 5.0          # a key revoked from another process stops working within this
    max_body_bytes: int = 50 * 1024 * 1024  # imports are the largest bodies

    # --- named queries ---------------------------------------------------------
    cypher_dir: Path = PROJECT_ROOT / "cypher"

    # --- issue 19: warm-up before /ready ---------------------------------------
    warm_up: bool = True                   # plan every named query and run the page's first clicks once
    warm_up_wait_s: float = 60.0           # /ready waits this long for a running warm-up, then says 503

    @field_validator("neo4j_password")
    @classmethod
    def _password_long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 8:
            raise ValueError("NEO4J_PASSWORD must be at least 8 characters (Neo4j refuses shorter ones)")
        return value

    @property
    def neo4j_port(self) -> int:
        return urlparse(self.neo4j_uri).port or 7687

    @property
    def uses_local_runner(self) -> bool:
        """True when NEO4J_URI names a plain Bolt port on this machine: the runner may manage it.

        A `neo4j://`/`neo4j+s://` URI (a cluster, Aura) or a remote host is never managed.
        """
        parsed = urlparse(self.neo4j_uri)
        return parsed.scheme == "bolt" and (parsed.hostname or "") in LOCAL_HOSTS


@lru_cache
def get_settings() -> Settings:
    return Settings()
