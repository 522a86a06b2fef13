"""Settings, read from the environment and `.env` (pydantic-settings).

Every tunable default of domain.md lives here so a deployment can change it
without touching code; nothing reads settings at import time: call
`get_settings()` (cached) where they are needed.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal
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
    # issue 15: accounts with at least this many contacts are searched in memory after a first reach (0: never)
    reach_memory_min_contacts: int = Field(default=1000, ge=0)
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

    # --- big imports (issue 16) -------------------------------------------------
    import_batch_rows: int = 5_000         # rows per import transaction (bounded heap, any bundle size)
    import_gate_wait_s: float = 30.0       # a read that meets an import being written waits this long, then 503
    import_stale_s: float = 120.0          # an import silent this long is taken as dead and rolled back
    # --- issue 14: users, sign-in sessions, login limits -----------------------------
    session_ttl_s: int = Field(default=12 * 3600, ge=60)   # a session cookie lives this long
    session_cookie_secure: bool | None = None               # None: Secure when the request came over HTTPS
    login_limit_per_user: str = "5/minute"                  # failed sign-ins per username (limits syntax)
    login_limit_per_address: str = "20/minute"              # failed sign-ins per client address
    first_admin_file: Path = PROJECT_ROOT / "var" / "first-admin.txt"  # make run writes the first password here
    # --- issue 12: CRM ingest (archive limits, grade thresholds) ---------------------
    archive_max_total_bytes: int = 1024 * 1024 * 1024   # what one zip or folder may expand to in all
    archive_max_member_bytes: int = 512 * 1024 * 1024   # one file inside it
    archive_max_ratio: float = 200.0                    # expanded / compressed, per file (CSV is ~5-20x)
    archive_max_members: int = 200
    crm_grade_a_min_amount: float = 1_000_000           # Opportunity.Amount ≥ this → grade A
    crm_grade_b_min_amount: float = 250_000
    crm_grade_c_min_amount: float = 50_000
    crm_grade_d_min_amount: float = 10_000              # below → E; no amount → no grade

    # --- issue 13: calendar and mail capture (docs/capture.md), derived tie strength (docs/ties.md) ---
    capture_window_days: int = Field(default=365, ge=1, le=3650)  # occurrences from today-N to today are captured
    capture_timezone: str = "UTC"                  # the day of a timed event or message is its day in this zone
    capture_opportunity_pattern: str = r"\[([A-Za-z0-9][A-Za-z0-9_.:-]*)\]"  # group 1 = opportunity id in a subject
    capture_store_subject: bool = False            # privacy: subjects are not stored unless allowed
    capture_max_outside_participants: int = 5      # items with more outside people do not count toward ties
    capture_excluded_employees: str = ""           # comma-separated employee ids or addresses never captured
    capture_internal_domains: str = ""             # our own mail domains, besides those of employees' addresses
    capture_max_archive_members: int = 200_000     # messages in one zip of .eml files or a Maildir
    capture_max_window_days: int = 3660            # a longer capture window is refused (422)
    capture_max_occurrences: int = 500_000         # occurrences one calendar capture may expand to (else 413)
    tie_half_life_days: float = Field(default=60, gt=0)
    tie_window_days: int = Field(default=180, ge=1)
    tie_frequency_full: float = Field(default=8, gt=0)  # channel-weighted activities in the window for frequency 1
    tie_weight_meeting: float = 1.0                # meeting, visit, meal, event
    tie_weight_call: float = 0.7
    tie_weight_email: float = 0.4
    tie_one_way_factor: float = Field(default=0.5, ge=0, le=1)  # reciprocity when contact went one way only
    tie_dormant_below: float = Field(default=0.1, ge=0, le=1)   # a derived tie below this is dormant (KNEW)
    tie_batch_employees: int = Field(default=200, ge=1)         # recompute: employees per read/write batch
    # --- issue 18: bounded work per request, rate limits ------------------------------------------
    rate_limit_per_address: str = "50/second;1500/minute"  # `limits` notation; every route but /health, /ready
    rate_limit_per_key: str = "30/second;900/minute"
    rate_limit_failed_auth: str = "10/minute"              # per address; then 429 without a key lookup
    max_concurrent_requests: int = 16                      # requests served at once (the thread pool has 40)
    queue_wait_s: float = 2.0                              # waiting longer for a slot: 429
    max_json_depth: int = 32                               # nesting of a JSON body
    viz_render_budget_s: float = 5.0                       # a graph view stops rendering after this
    # --- issue 15: extra neo4j.conf lines for the local runner (e.g. {"db.memory.transaction.max": "200m"})
    neo4j_extra_conf: dict[str, str] = {}
    # --- issue 17: time (win-rate curve, weekly review, alerts) -------------------
    win_rate_curve_default_weeks: int = 13   # the curve's default window ends this ISO week
    win_rate_curve_max_weeks: int = 156      # three years of weekly points at most per request
    weekly_review_max_deals: int = 200       # open deals per review page (bounded work per request)
    alerts_max: int = 500                    # alerts per answer
    # --- issue 19: warm-up before /ready ---------------------------------------
    warm_up: bool = True                   # plan every named query and run the page's first clicks once
    warm_up_wait_s: float = 60.0           # /ready waits this long for a running warm-up, then says 503
    # what /ready waits for: "all" (every plan and the page flow) or "first_clicks" (the rest in the background)
    warm_up_ready: Literal["all", "first_clicks"] = "all"
    warm_up_workers: int = Field(2, ge=1, le=8)  # sessions planning side by side (planning: one core per query)

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
