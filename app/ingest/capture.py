"""Calendar and mail capture: sources → items → activities (one writer) → derived ties of what was touched.

Every source is parsed completely before anything is written (a bad file is a 4xx with nothing
written); the writer then stores new activities in one transaction and the ties of the touched
(employee, contact) pairs are recomputed (app.services.ties), so reach sees a capture at once.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from email.message import Message
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.db.graph import Graph
from app.i18n import t
from app.ingest.archive import ArchiveLimits, read_zip
from app.ingest.calendar_source import CalendarStats, Window, calendar_items, parse_calendar
from app.ingest.capture_writer import CaptureWriter
from app.ingest.mail_source import (
    MailStats, archive_members, mbox_bytes_messages, message_item, one_message, path_messages,
)
from app.services.ties import recompute

MAIL_TYPES = {"message/rfc822": "message", "application/mbox": "mbox", "application/zip": "zip",
              "application/x-zip-compressed": "zip", "application/x-zip": "zip"}
CALENDAR_TYPES = {"text/calendar", "application/ics"}
EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)  # a capture window outside this is a typo


def _finish(writer: CaptureWriter, graph: Graph, settings: Settings, lang: str, stats: dict[str, int],
            as_of: date | None) -> dict[str, Any]:
    writer.report.source_stats = stats
    report = writer.write()
    report["ties"] = recompute(graph, settings, as_of=as_of, pairs=writer.report.touched)
    ignored = sum(report["ignored"].values())
    report["message"] = t("capture.report", lang, created=report["created"], duplicate=report["duplicate"],
                          ignored=ignored)
    return report


# ----------------------------------------------------------------------------- calendar
def capture_calendar(graph: Graph, settings: Settings, files: Iterable[tuple[str, bytes]], *,
                     start: date | None = None, end: date | None = None, lang: str = "en",
                     today: date | None = None) -> dict[str, Any]:
    """Capture .ics contents [(name, bytes)]: occurrences from `start` (default today − CAPTURE_WINDOW_DAYS)
    to `end` (default today) become meetings."""
    default = Window.ending_today(settings.capture_window_days, settings.capture_timezone, today)
    window = Window(start or default.start, end or default.end, default.zone)
    if not (EARLIEST <= window.start <= window.end <= LATEST
            and (window.end - window.start).days <= settings.capture_max_window_days):
        message = t("capture.bad_window", lang, low=EARLIEST.isoformat(), high=LATEST.isoformat(),
                    days=settings.capture_max_window_days)
        raise InvalidInput(message, [{"key": None, "row": None, "field": "from", "message": message,
                                      "value": f"{window.start.isoformat()}..{window.end.isoformat()}"}])
    pattern = re.compile(settings.capture_opportunity_pattern)
    calendars = [(name, parse_calendar(data, name)) for name, data in files]  # all parsed before any write
    stats = CalendarStats()
    writer = CaptureWriter(graph, settings, "calendar")
    for _, calendar in calendars:
        writer.add_all(calendar_items(calendar, window, pattern, stats, settings.capture_max_occurrences))
    return _finish(writer, graph, settings, lang, {"events": stats.events, "occurrences": stats.occurrences,
                                                   "cancelled": stats.cancelled}, end or default.end)


# ----------------------------------------------------------------------------- mail
def mail_body_messages(data: bytes, content_type: str, stats: MailStats, settings: Settings) -> list[Message]:
    """The header blocks of a request body, all parsed up front (a broken body is refused before writing)."""
    kind = MAIL_TYPES.get(content_type)
    if kind == "message":
        return [one_message(data, "body")]
    if kind == "mbox":
        return list(mbox_bytes_messages(data, "body"))
    if kind == "zip":
        return _zip_messages(data, "body", stats, settings)
    raise InvalidInput(t("capture.content_type", content_type=content_type,
                         expected="message/rfc822, application/mbox or application/zip"),
                       [{"key": None, "row": None, "field": "content-type", "message": "unsupported",
                         "value": content_type}])


def _zip_messages(data: bytes, source: str, stats: MailStats, settings: Settings) -> list[Message]:
    base = ArchiveLimits.from_settings()
    limits = ArchiveLimits(base.max_total_bytes, base.max_member_bytes, base.max_ratio,
                           settings.capture_max_archive_members)
    messages = list(archive_members(read_zip(data, suffixes=(), limits=limits), stats))
    if not messages:
        raise InvalidInput(t("capture.no_messages", source=source),
                           [{"key": None, "row": None, "field": "body", "message": "no messages", "value": source}])
    return messages


def path_mail_messages(path: Path, stats: MailStats, settings: Settings) -> Iterator[Message]:
    if path.is_file() and path.suffix.lower() == ".zip":
        return iter(_zip_messages(path.read_bytes(), str(path), stats, settings))
    return path_messages(path, stats)


def capture_mail(graph: Graph, settings: Settings, messages: Iterable[Message], stats: MailStats | None = None,
                 *, lang: str = "en", as_of: date | None = None) -> dict[str, Any]:
    """Capture parsed header blocks: one email activity per message."""
    stats = stats or MailStats()
    pattern = re.compile(settings.capture_opportunity_pattern)
    zone = ZoneInfo(settings.capture_timezone)
    writer = CaptureWriter(graph, settings, "mail")
    for message in messages:
        item = message_item(message, pattern, zone, stats)
        if item is None:
            writer.report.items += 1
            writer.report.ignored["no_date"] += 1
        else:
            writer.add(item)
    writer.flush()
    return _finish(writer, graph, settings, lang, {"messages": stats.messages, "not_messages": stats.not_messages},
                   as_of)
