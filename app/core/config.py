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

    # --- named queries ---------------------------------------------------------
    cypher_dir: Path = PROJECT_ROOT / "cypher"

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
