"""The exploration page (/) and the pyvis graph views it embeds (/viz/...), as self-contained HTML.

Routes only fetch the service answer and hand it to a renderer in app.viz. The POST variants render
answers a client already holds (the JSON of the issue-5 endpoints), e.g. from another database state.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from app.api.deps import GraphDep, SettingsDep
from app.core.errors import InvalidInput
from app.i18n import t
from app.models.viz_inputs import ChainIn, GapsIn, ReachIn, WinRateIn  # issue 18: bounded render inputs
from app.services.account_graph import account_graph, account_graph_light
from app.services.deal_history import today as utc_today
from app.viz import sources
from app.viz.account_map import render_account_map
from app.viz.config import get_viz_settings
from app.viz.deal_view import render_deal_view
from app.viz.map_read import drawn_account_map
from app.viz.page import page_html
from app.viz.reach_view import render_reach_view

router = APIRouter(tags=["viz"])

Id = Annotated[str, Path(min_length=1, max_length=200)]
Lang = Annotated[str, Query(pattern="^(en|zh|zh-CN)$", description="label language")]
Filter = Annotated[str | None, Query(max_length=200)]
Subunits = Annotated[bool, Query(description=(
    "with department=: true keeps the people of every department below it too; false exactly those who "
    "work in that department (the page's filter)"))]
HTML = {"content": {"text/html": {}}}
AsOf = Annotated[date | None, Query(description=(
    "issue 17: the map of that past day from the history (who worked there then, lines valid then, "
    "departments then); empty or today = the live map"))]


def not_in_future(as_of: date | None) -> date | None:
    """A map of a day that has not come yet cannot be read: refused (422, field as_of)."""
    if as_of is not None and as_of > utc_today():
        raise InvalidInput(t("time.map.future", "en", day=as_of.isoformat()),
                           [{"key": None, "row": None, "field": "as_of", "message": "must not be in the future"}])
    return as_of


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index() -> HTMLResponse:
    """The exploration page: account search, map, deals, reach (plain HTML + a little JavaScript)."""
    return HTMLResponse(page_html())


@router.get("/viz/accounts/{account_id}/data", summary="Data of an account's relationship map (JSON)")
def account_map_data(account_id: Id, graph: GraphDep, settings: SettingsDep, department: Filter = None,
                     circle: Filter = None, employees: bool = False, as_of: AsOf = None,
                     subunits: Subunits = True,
                     light: Annotated[bool, Query(description=(
                         "issue 15: each contact with id, name, department, importance, circle roles and open-deal "
                         "roles only (no influence, no ties): the page's filters and counts of a big account"))] = False,
                     ) -> dict[str, Any]:
    as_of = not_in_future(as_of)
    if light and (as_of is None or as_of >= utc_today()):
        return account_graph_light(graph, account_id, department=department, subunits=subunits, circle=circle,
                                   employees=employees)
    return account_graph(graph, settings, account_id, department=department, subunits=subunits, circle=circle,
                         employees=employees, as_of=as_of)


@router.get("/viz/accounts/{account_id}", response_class=HTMLResponse, responses={200: HTML},
            summary="An account's relationship map (self-contained HTML)")
def account_map(account_id: Id, graph: GraphDep, settings: SettingsDep, department: Filter = None,
                circle: Filter = None, employees: bool = False, lang: Lang = "en",
                expand: Annotated[list[str] | None, Query(max_length=500, description=(
                    "big accounts: department ids to open (comma-separated or repeated)"))] = None,
                deal: Annotated[str | None, Query(max_length=200, description="label this deal's members as key people")] = None,
                as_of: AsOf = None, subunits: Subunits = True) -> HTMLResponse:
    opened = {part.strip() for item in expand or [] for part in item.split(",") if part.strip()}
    viz = get_viz_settings()
    # issue 15: the drawn people in full, everyone else light (app.viz.map_read)
    data = drawn_account_map(graph, settings, viz, account_id, department=department, subunits=subunits,
                            circle=circle, employees=employees, as_of=not_in_future(as_of), expanded=opened,
                            deal=deal or None)
    return HTMLResponse(render_account_map(data, lang, viz, opened, deal or None))


@router.get("/viz/opportunities/{opportunity_id}", response_class=HTMLResponse, responses={200: HTML},
            summary="A deal's decision chain, gaps and competitors (self-contained HTML)")
def deal_view(opportunity_id: Id, graph: GraphDep, settings: SettingsDep, lang: Lang = "en",
              as_of: Annotated[date | None, Query(description="gaps and interaction levels as of this day")] = None,
              ) -> HTMLResponse:
    data = sources.deal_data(graph, settings, opportunity_id, as_of, lang=lang)
    return HTMLResponse(render_deal_view(data["chain"], data["gaps"], data["win_rate"], lang))


@router.post("/viz/opportunities/{opportunity_id}", response_class=HTMLResponse, responses={200: HTML},
             summary="Render a deal view from the decision-chain, win-rate and gaps answers")
def deal_view_from_json(opportunity_id: Id, chain: Annotated[ChainIn, Body()],
                        gaps: Annotated[GapsIn | None, Body()] = None,
                        win_rate: Annotated[WinRateIn | None, Body()] = None, lang: Lang = "en") -> HTMLResponse:
    return HTMLResponse(render_deal_view(plain(chain), plain(gaps), plain(win_rate), lang))


@router.get("/viz/contacts/{contact_id}/reach", response_class=HTMLResponse, responses={200: HTML},
            summary="Who of our colleagues can reach this contact, best path highlighted (self-contained HTML)")
def reach_view(contact_id: Id, graph: GraphDep, settings: SettingsDep, lang: Lang = "en") -> HTMLResponse:
    return HTMLResponse(render_reach_view(sources.reach_data(graph, settings, contact_id), lang))


@router.post("/viz/contacts/{contact_id}/reach", response_class=HTMLResponse, responses={200: HTML},
             summary="Render a reach view from the GET /contacts/{id}/reach answer")
def reach_view_from_json(contact_id: Id, reach: Annotated[ReachIn, Body()], lang: Lang = "en") -> HTMLResponse:
    return HTMLResponse(render_reach_view(plain(reach), lang))


def plain(model: BaseModel | None) -> dict[str, Any] | None:
    """A validated body as the dict the renderers take (absent fields left out, as in the GET answers)."""
    return None if model is None else model.model_dump(exclude_none=True)
