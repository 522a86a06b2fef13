"""Issue 13: POST /capture/calendar, POST /capture/mail, POST /ties/recompute, GET /employees/{id}/knows/{contact}.

Routes only read the body and the options; app.ingest.capture and app.services.ties/tie_explain do the work.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from app.api.crud import EntityId, set_etag
from app.api.deps import GraphDep, SettingsDep
from app.api.errors import ErrorBody
from app.core.errors import InvalidInput
from app.i18n import negotiate, t
from app.ingest.capture import CALENDAR_TYPES, MAIL_TYPES, capture_calendar, capture_mail, mail_body_messages
from app.ingest.mail_source import MailStats
from app.models.ties import TieOut
from app.services.tie_explain import tie
from app.services.ties import recompute

router = APIRouter(tags=["capture and ties"])

Day = Annotated[date | None, Query(description="YYYY-MM-DD")]
Lang = Annotated[str | None, Query(description="en or zh (default: Accept-Language, else en)")]
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]
CAPTURE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the capture report: items, created, duplicate, ignored (by reason), not counted for "
                         "ties, excluded employees, unknown people grouped by account, ties recomputed"},
    413: {"description": "body larger than MAX_BODY_BYTES", "model": ErrorBody},
    415: {"description": "unsupported content type", "model": ErrorBody},
    422: {"description": "not a calendar / broken mail: nothing written", "model": ErrorBody},
}


def _unsupported(content_type: str, expected: str, language: str) -> InvalidInput:
    error = InvalidInput(t("capture.content_type", language, content_type=content_type, expected=expected),
                         [{"key": None, "row": None, "field": "content-type", "message": "unsupported",
                           "value": content_type}])
    error.status_code = 415  # the body may be fine; its declared type is not one we read
    return error


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


@router.post("/capture/calendar", responses=CAPTURE_RESPONSES,
             summary="Capture an iCalendar (text/calendar): one meeting activity per occurrence")
async def post_capture_calendar(request: Request, graph: GraphDep, settings: SettingsDep,
                                from_: Annotated[date | None, Query(alias="from", description="window start (default today − CAPTURE_WINDOW_DAYS)")] = None,
                                to: Day = None, lang: Lang = None, accept_language: AcceptLanguage = None
                                ) -> dict[str, Any]:
    language = negotiate(lang, accept_language)
    content_type = _content_type(request)
    if content_type not in CALENDAR_TYPES:
        raise _unsupported(content_type, "text/calendar", language)
    data = await request.body()
    return await run_in_threadpool(capture_calendar, graph, settings, [("body", data)], start=from_, end=to,
                                   lang=language)


@router.post("/capture/mail", responses=CAPTURE_RESPONSES,
             summary="Capture mail: one message (message/rfc822), an mbox (application/mbox), "
                     "or a zip of .eml files or a Maildir (application/zip)")
async def post_capture_mail(request: Request, graph: GraphDep, settings: SettingsDep, lang: Lang = None,
                            accept_language: AcceptLanguage = None) -> dict[str, Any]:
    language = negotiate(lang, accept_language)
    content_type = _content_type(request)
    if content_type not in MAIL_TYPES:
        raise _unsupported(content_type, "message/rfc822, application/mbox or application/zip", language)
    data = await request.body()

    def work() -> dict[str, Any]:
        stats = MailStats()
        messages = mail_body_messages(data, content_type, stats, settings)
        return capture_mail(graph, settings, messages, stats, lang=language)

    return await run_in_threadpool(work)


@router.post("/ties/recompute", summary="Recompute every derived tie as of a date (manual ties are never touched)")
def post_ties_recompute(graph: GraphDep, settings: SettingsDep, as_of: Day = None) -> dict[str, Any]:
    return recompute(graph, settings, as_of=as_of)


@router.get("/employees/{employee_id}/knows/{contact_id}", response_model=TieOut, response_model_exclude_none=True,
            summary="How well an employee knows a contact, and where the number comes from")
def get_tie(employee_id: EntityId, contact_id: EntityId, graph: GraphDep, settings: SettingsDep, response: Response,
            as_of: Day = None, lang: Lang = None, accept_language: AcceptLanguage = None) -> dict[str, Any]:
    answer = tie(graph, settings, employee_id, contact_id, negotiate(lang, accept_language), as_of)
    set_etag(response, answer.get("version"))  # as on the other relationship GETs (If-Match on the PUT)
    return answer
