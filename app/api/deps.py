"""Shared dependencies: one Annotated alias each, reused by every route."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from app.core.config import Settings
from app.db.graph import Graph
from app.i18n import negotiate


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


# issue 19: the language of every text in an answer: `lang=` wins, else Accept-Language, else English.
def get_language(
    request: Request,
    lang: Annotated[str | None, Query(max_length=20, description="language of texts: en or zh (default: Accept-Language, else en)")] = None,
) -> str:
    return negotiate(lang, request.headers.get("accept-language"))


LangDep = Annotated[str, Depends(get_language)]
