"""Settings of the graph views (env prefix BRM_VIZ_), kept apart from the service settings."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class VizSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRM_VIZ_", env_file=".env", extra="ignore")

    # Past this many nodes the physics simulation is switched off: the precomputed rows are kept as is,
    # so a large account opens at once and does not wobble.
    physics_max_nodes: int = Field(default=300, ge=0)
    # Contacts in no reporting line are laid out in rows of this many under the org chart.
    max_per_row: int = Field(default=24, ge=4)
    # More KNOWS lines than this (employees shown) are hidden until a person at one end is selected.
    max_knows_lines: int = Field(default=150, ge=0)
    # issue 19: past this many contacts, people outside opened departments fold into one node per department.
    collapse_over: int = Field(default=200, ge=1)
    # ... and the biggest departments open by themselves while the map stays within this many nodes.
    collapse_budget: int = Field(default=160, ge=0)


@lru_cache
def get_viz_settings() -> VizSettings:
    return VizSettings()
