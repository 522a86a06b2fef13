"""History reads: an account's degrees as of a date, month-by-month trends as JSON, PNG or SVG."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from app.api.deps import GraphDep, LangDep, SettingsDep
from app.api.routes.managers import ManagerSettingsDep
from app.models.managers import AccountDegrees, Trend
from app.services.trends import account_degrees, account_trend, opportunity_trend, window
from app.viz.trend_chart import FORMATS, render_trend

From = Annotated[str | None, Query(alias="from", description="first month, YYYY-MM (default: 11 months before `to`)")]
To = Annotated[str | None, Query(alias="to", description="last month, YYYY-MM (default: this month)")]

Compact = Annotated[bool, Query(description="a chart sized for a narrow panel (the page's sidebar)")]  # issue 19

router = APIRouter(tags=["trends"])


@router.get("/accounts/{account_id}/degrees", response_model=AccountDegrees)
def get_account_degrees(account_id: str, graph: GraphDep, settings: SettingsDep,
                        as_of: Annotated[date | None, Query(description="YYYY-MM-DD; omitted: current values")] = None
                        ) -> AccountDegrees:
    return account_degrees(graph, settings, account_id, as_of)


@router.get("/accounts/{account_id}/trend", response_model=Trend)
def get_account_trend(account_id: str, graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep,
                      start: From = None, end: To = None) -> Trend:
    return account_trend(graph, settings, account_id, window(start, end, ms))


@router.get("/accounts/{account_id}/trend.{fmt}", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}})
def get_account_trend_chart(account_id: str, fmt: Literal["png", "svg"], graph: GraphDep, settings: SettingsDep,
                            ms: ManagerSettingsDep, lang: LangDep, start: From = None, end: To = None,
                            compact: Compact = False) -> Response:
    trend = account_trend(graph, settings, account_id, window(start, end, ms))
    return Response(render_trend(trend, settings, fmt, lang, compact), media_type=FORMATS[fmt])


@router.get("/opportunities/{opportunity_id}/trend", response_model=Trend)
def get_opportunity_trend(opportunity_id: str, graph: GraphDep, settings: SettingsDep, ms: ManagerSettingsDep,
                          start: From = None, end: To = None) -> Trend:
    return opportunity_trend(graph, settings, opportunity_id, window(start, end, ms))


@router.get("/opportunities/{opportunity_id}/trend.{fmt}", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}})
def get_opportunity_trend_chart(opportunity_id: str, fmt: Literal["png", "svg"], graph: GraphDep,
                                settings: SettingsDep, ms: ManagerSettingsDep, lang: LangDep,
                                start: From = None, end: To = None, compact: Compact = False) -> Response:
    trend = opportunity_trend(graph, settings, opportunity_id, window(start, end, ms))
    return Response(render_trend(trend, settings, fmt, lang, compact), media_type=FORMATS[fmt])
