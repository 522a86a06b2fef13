"""RFC 5545 calendars → captured items: one per occurrence that took place in the capture window.

`icalendar` parses; `recurring-ical-events` expands RRULE/RDATE minus EXDATE and applies
RECURRENCE-ID overrides, so a moved or cancelled occurrence is seen as it really was.
Skipped: cancelled events and occurrences (STATUS:CANCELLED, or a calendar with METHOD:CANCEL),
attendees who declined. The day of a timed occurrence is its day in `CAPTURE_TIMEZONE`; an
all-day or floating one keeps the day it was written with. Only metadata is kept (see captured.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from app.core.errors import InvalidInput
from app.i18n import t
from app.ingest.captured import MEETING, CapturedItem, TooMuchInput, opportunity_in
from app.models.addresses import normalise_email

OPPORTUNITY_PROPERTY = "X-BRM-OPPORTUNITY"


@dataclass(frozen=True)
class Window:
    """Occurrences starting on a day in [start, end] are captured."""

    start: date
    end: date
    zone: ZoneInfo

    @classmethod
    def ending_today(cls, days: int, zone_name: str, today: date | None = None) -> "Window":
        zone = ZoneInfo(zone_name)
        end = today or datetime.now(zone).date()
        return cls(end - timedelta(days=days), end, zone)


@dataclass
class CalendarStats:
    events: int = 0        # VEVENTs in the files (an override of one occurrence counts as its own VEVENT)
    occurrences: int = 0   # occurrences in the window, before skipping cancelled ones
    cancelled: int = 0


def parse_calendar(data: bytes, source: str = "calendar") -> icalendar.Calendar:
    """A VCALENDAR or a 422 naming the problem (not a calendar, broken content line)."""
    text = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text.upper().startswith(b"BEGIN:VCALENDAR"):
        raise _not_calendar(source, t("capture.not_calendar_start"))
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise _not_calendar(source, str(exc)[:300]) from None
    if not calendars:
        raise _not_calendar(source, t("capture.not_calendar_start"))
    if len(calendars) == 1:
        return calendars[0]
    merged = icalendar.Calendar()
    for cal in calendars:
        for component in cal.subcomponents:
            merged.add_component(component)
    return merged


def _not_calendar(source: str, reason: str) -> InvalidInput:
    return InvalidInput(t("capture.not_calendar", source=source, reason=reason),
                        [{"key": None, "row": None, "field": "body", "message": reason, "value": source}])


def calendar_items(calendar: icalendar.Calendar, window: Window, pattern: re.Pattern[str],
                   stats: CalendarStats | None = None, max_occurrences: int = 200_000) -> Iterator[CapturedItem]:
    """One item per occurrence in the window that was not cancelled; more than `max_occurrences`
    occurrences (in all the capture's calendars) is a 413, so a daily RRULE cannot hold the heap."""
    stats = stats if stats is not None else CalendarStats()
    stats.events += sum(1 for _ in calendar.walk("VEVENT"))
    if str(calendar.get("METHOD", "")).upper() == "CANCEL":
        stats.cancelled += stats.events
        return
    # the expander gives every occurrence a RECURRENCE-ID; a one-off event is known by its UID alone,
    # so moving it to another time keeps the same activity
    recurring = {str(e.get("UID", "")).strip() for e in calendar.walk("VEVENT")
                 if e.get("RRULE") is not None or e.get("RDATE") is not None or e.get("RECURRENCE-ID") is not None}
    start = datetime.combine(window.start, time.min, window.zone)
    end = datetime.combine(window.end + timedelta(days=1), time.min, window.zone)
    _check_expansion(calendar, start, end, max_occurrences)
    for event in _occurrences(calendar, start, end):
        stats.occurrences += 1
        if stats.occurrences > max_occurrences:
            raise TooMuchInput(t("capture.too_many_occurrences", limit=max_occurrences), "body")
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            stats.cancelled += 1
            continue
        item = _item(event, window, pattern, recurring)
        if item is not None and window.start <= item.day <= window.end:
            yield item


def _occurrences(calendar: icalendar.Calendar, start: datetime, end: datetime) -> list[Any]:
    """Occurrences in [start, end) (bounded beforehand by _check_expansion)."""
    try:
        return recurring_ical_events.of(calendar, components=["VEVENT"]).between(start, end)
    except Exception as exc:  # the expander raises its own classes for bad RRULEs, bad dates, ...
        raise _not_calendar("calendar", f"{type(exc).__name__}: {str(exc)[:300]}") from None


FREQ_SECONDS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 604800,
                "MONTHLY": 2629746, "YEARLY": 31556952}
BY_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH")
SKIP_FACTOR = 20  # occurrences before the window are computed too (cheaper, not kept): allow this many more


def _check_expansion(calendar: icalendar.Calendar, start: datetime, end: datetime, limit: int) -> None:
    """Refuse (413) before expanding when the RRULEs would give more than `limit` occurrences in the window,
    or make the expander walk more than SKIP_FACTOR × `limit` from their DTSTART: an upper bound from
    FREQ, INTERVAL, the BY* lists, COUNT and UNTIL, so a FREQ=SECONDLY rule cannot hold a core."""
    in_window = walked = 0.0
    for event in calendar.walk("VEVENT"):
        begin = event.get("DTSTART")
        rules = event.get("RRULE")
        if begin is None or rules is None:
            continue
        first = _moment(begin.dt, start.tzinfo)
        for rule in rules if isinstance(rules, list) else [rules]:
            step = FREQ_SECONDS.get(str((rule.get("FREQ") or [""])[0]).upper())
            if not step:
                continue
            try:
                step *= max(1, int((rule.get("INTERVAL") or [1])[0]))
                count = int(rule["COUNT"][0]) if rule.get("COUNT") else None
                until = _moment(rule["UNTIL"][0], start.tzinfo) if rule.get("UNTIL") else end
            except (TypeError, ValueError, IndexError):
                continue  # the expander reports a broken rule itself
            per_step = 1
            for part in BY_PARTS:
                per_step *= max(1, len(rule.get(part) or []))
            stop = min(until, end)
            total = max(0.0, (stop - first).total_seconds()) / step * per_step + per_step
            window = max(0.0, (stop - max(first, start)).total_seconds()) / step * per_step + per_step
            if count is not None:
                total, window = min(total, count), min(window, count)
            walked += total
            in_window += window
    if in_window > limit or walked > limit * SKIP_FACTOR:
        raise TooMuchInput(t("capture.too_many_occurrences", limit=limit), "body")


def _moment(value: date | datetime, zone: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time.min, zone)


def _item(event: Any, window: Window, pattern: re.Pattern[str], recurring: set[str]) -> CapturedItem | None:
    uid = str(event.get("UID", "")).strip()
    start = event.get("DTSTART")
    if not uid or start is None:
        return None
    recurrence = event.get("RECURRENCE-ID") if uid in recurring else None
    key = f"ical:{uid}|{_instant(recurrence.dt) if recurrence is not None else ''}"
    names: dict[str, str] = {}
    sender = _address(event.get("ORGANIZER"), names)
    recipients = []
    for attendee in _as_list(event.get("ATTENDEE")):
        if str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        address = _address(attendee, names)
        if address and address != sender and address not in recipients:
            recipients.append(address)
    subject = str(event.get("SUMMARY")) if event.get("SUMMARY") is not None else None
    explicit = event.get(OPPORTUNITY_PROPERTY)
    opportunity = str(explicit).strip() if explicit is not None and str(explicit).strip() else \
        opportunity_in(subject, pattern)
    return CapturedItem(key=key, type=MEETING, day=_day(start.dt, window.zone), sender=sender,
                        recipients=recipients, names=names, subject=subject, opportunity=opportunity)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _address(value: Any, names: dict[str, str]) -> str | None:
    """`mailto:Ann@Ours.example` (any case of MAILTO) → `ann@ours.example`; None when not an address."""
    if value is None:
        return None
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    try:
        address = normalise_email(text)
    except ValueError:
        return None
    name = getattr(value, "params", {}).get("CN")
    if name:
        names.setdefault(address, str(name).strip('"'))
    return address


def _day(value: date | datetime, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        return value.astimezone(zone).date() if value.tzinfo is not None else value.date()
    return value


def _instant(value: date | datetime) -> str:
    """A recurrence id written the same way whatever zone it was given in."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%dT%H%M%S") if isinstance(value, datetime) else value.strftime("%Y%m%d")
