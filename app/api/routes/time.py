"""Time (issue 17): the weekly win-rate curve (JSON, PNG, SVG), the weekly deal review (JSON, CSV, HTML),
coaching notes, alerts and the org chart as of a date. Routes parse; app.services.* compute."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Response
from fastapi.responses import HTMLResponse

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep, SettingsDep
from app.models.time import (
    Alerts, CoachingNoteIn, CoachingNoteOut, CustomerDepartureRisk, OrgChart, WeeklyReview, WinRateCurve,
)
from app.services.alerts import alerts, customer_departure_risk
from app.services.coaching import put_note
from app.services.org_chart import org_chart
from app.services.review_csv import review_csv
from app.services.weekly_review import weekly_review
from app.services.win_rate_curve import win_rate_curve
from app.viz.alerts_view import render_alerts
from app.viz.review_view import render_review
from app.viz.win_rate_chart import render_curve

router = APIRouter(tags=["time"])

Id = Annotated[str, Path(min_length=1, max_length=200, description="the external (CRM) id")]
From = Annotated[str | None, Query(alias="from", max_length=20,
                                   description="first ISO week YYYY-Www or a day in it (default: 12 weeks before `to`)")]
To = Annotated[str | None, Query(alias="to", max_length=20, description="last ISO week (default: this week)")]
Lang = Annotated[str, Query(pattern="^(en|zh|zh-CN)$", description="label language")]
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


@router.get("/opportunities/{opportunity_id}/win-rate/curve", response_model=WinRateCurve,
            summary="The weekly win-rate curve (ISO weeks), stage changes marked")
def get_curve(opportunity_id: Id, graph: GraphDep, settings: SettingsDep, start: From = None,
              end: To = None) -> dict[str, Any]:
    return win_rate_curve(graph, settings, opportunity_id, start, end)


@router.get("/opportunities/{opportunity_id}/win-rate/curve.{fmt}", response_class=Response,
            responses={200: {"content": {"image/png": {}, "image/svg+xml": {}}}},
            summary="The weekly win-rate curve as a chart")
def get_curve_chart(opportunity_id: Id, fmt: Literal["png", "svg"], graph: GraphDep, settings: SettingsDep,
                    start: From = None, end: To = None, lang: Lang = "en") -> Response:
    curve = win_rate_curve(graph, settings, opportunity_id, start, end)
    return Response(render_curve(curve, lang, fmt), media_type=FORMATS[fmt])


Week = Annotated[str | None, Query(max_length=20, description="ISO week YYYY-Www or a day in it (default: this week)")]
Team = Annotated[str | None, Query(max_length=200, description="only deals owned by employees of this team")]
Owner = Annotated[str | None, Query(max_length=200, description="only deals owned by this employee id")]


@router.get("/reviews/weekly", response_model=WeeklyReview, summary="The weekly deal review (销售周会)")
def get_weekly_review(graph: GraphDep, settings: SettingsDep, week: Week = None, team: Team = None,
                      owner: Owner = None, lang: Lang = "en") -> dict[str, Any]:
    return weekly_review(graph, settings, week, team or None, owner or None, lang)


@router.get("/reviews/weekly.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}},
            summary="The weekly deal review as CSV")
def get_weekly_review_csv(graph: GraphDep, settings: SettingsDep, week: Week = None, team: Team = None,
                          owner: Owner = None, lang: Lang = "en") -> Response:
    review = weekly_review(graph, settings, week, team or None, owner or None, lang)
    return Response(review_csv(review), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="review-{review["week"]}.csv"'})


@router.get("/reviews/weekly.html", response_class=HTMLResponse, summary="The weekly deal review, printable")
def get_weekly_review_html(graph: GraphDep, settings: SettingsDep, week: Week = None, team: Team = None,
                           owner: Owner = None, lang: Lang = "en") -> HTMLResponse:
    review = weekly_review(graph, settings, week, team or None, owner or None, lang)
    return HTMLResponse(render_review(review, review_csv(review), lang))


@router.put("/reviews/weekly/{week}/notes/{opportunity_id}", response_model=CoachingNoteOut,
            summary="The manager's coaching note for one deal and week (audited)")
def put_coaching_note(week: Annotated[str, Path(max_length=20)], opportunity_id: Id,
                      body: Annotated[CoachingNoteIn, Body()], graph: GraphDep, principal: PrincipalDep) -> dict[str, Any]:
    return put_note(graph, principal, opportunity_id, week, body.text)


@router.get("/alerts", response_model=Alerts, summary="Champion left / former champion elsewhere")
def get_alerts(graph: GraphDep, settings: SettingsDep, lang: Lang = "en",
               kind: Annotated[Literal["champion_left", "former_champion"] | None, Query()] = None,
               account: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    return alerts(graph, settings, lang, kind, account)


@router.get("/alerts.html", response_class=HTMLResponse, summary="The alerts as a page (for the exploration page)")
def get_alerts_html(graph: GraphDep, settings: SettingsDep, lang: Lang = "en") -> HTMLResponse:
    return HTMLResponse(render_alerts(alerts(graph, settings, lang), lang))


@router.get("/departure-risk/customer", response_model=CustomerDepartureRisk,
            summary="Departure risk on the customer side: open deals whose supportive key person left")
def get_customer_departure_risk(graph: GraphDep, settings: SettingsDep, lang: Lang = "en") -> dict[str, Any]:
    return customer_departure_risk(graph, settings, lang)


@router.get("/accounts/{account_id}/org-chart", response_model=OrgChart,
            summary="The account's people and reporting lines as of a date, with each line's validity")
def get_org_chart(account_id: Id, graph: GraphDep,
                  as_of: Annotated[date | None, Query(description="YYYY-MM-DD; default today")] = None) -> dict[str, Any]:
    return org_chart(graph, account_id, as_of or date.today())
