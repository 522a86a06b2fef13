"""Shared dependencies: one Annotated alias each, reused by every route."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.core.config import Settings
from app.db.graph import Graph


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
