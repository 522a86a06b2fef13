"""Issue 13: calendar and mail sources without a database: bounds, encoded headers, aliases, identity."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.errors import InvalidInput
from app.ingest.calendar_source import CalendarStats, Window, calendar_items, parse_calendar
from app.ingest.captured import TooMuchInput
from app.ingest.mail_source import MailStats, message_item, one_message, path_messages

DATA = Path(__file__).resolve().parents[1] / "data" / "capture"
PATTERN = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9_.:-]*)\]")
UTC = ZoneInfo("UTC")


def rule_calendar(start: str, rule: str) -> bytes:
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:{start}\r\nRRULE:{rule}\r\nORGANIZER:mailto:a@b.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def items(data: bytes, start: date, end: date, limit: int = 500_000) -> list:
    return list(calendar_items(parse_calendar(data), Window(start, end, UTC), PATTERN, CalendarStats(), limit))


def test_a_rule_that_would_expand_too_far_is_refused_before_expanding() -> None:
    with pytest.raises(TooMuchInput) as caught:
        items(rule_calendar("19000101T090000Z", "FREQ=SECONDLY"), date(2026, 1, 1), date(2026, 12, 31))
    assert caught.value.status_code == 413
    with pytest.raises(TooMuchInput):  # 31 days x 24 hours = 744 > 500
        items(rule_calendar("20260101T000000Z", "FREQ=HOURLY"), date(2026, 1, 1), date(2026, 1, 31), limit=500)
    # COUNT bounds it: 3 occurrences whatever the frequency
    assert len(items(rule_calendar("20260101T000000Z", "FREQ=SECONDLY;COUNT=3"), date(2026, 1, 1),
                     date(2026, 1, 31), limit=10)) == 3


def test_one_off_event_keeps_its_identity_when_moved() -> None:
    cal = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:one-off\r\nDTSTAMP:20260101T000000Z\r\n"
           b"DTSTART:%s\r\nORGANIZER:mailto:a@b.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    first = items(cal % b"20261001T090000Z", date(2026, 9, 1), date(2026, 11, 1))
    moved = items(cal % b"20261003T150000Z", date(2026, 9, 1), date(2026, 11, 1))
    assert first[0].activity_id == moved[0].activity_id and first[0].day != moved[0].day


def test_not_a_calendar() -> None:
    for data in (b"", b"hello", b"BEGIN:VCALENDAR\r\nthis is : not ; valid\r\n\x00"):
        with pytest.raises(InvalidInput):
            parse_calendar(data, "x.ics")


def test_encoded_headers_multiple_addresses_and_dates() -> None:
    message = one_message((DATA / "one.eml").read_bytes(), "one.eml")
    item = message_item(message, PATTERN, UTC)
    assert item is not None
    assert item.sender == "zhang.wei@acme.com"  # lower-cased
    assert item.recipients == ["ann.rep@ours.example", "bob@ours.example", "li.na@acme.com"]
    assert item.names["zhang.wei@acme.com"] == "张伟" and item.names["li.na@acme.com"] == "Li Na 李娜"
    assert item.names["ann.rep@ours.example"] == "Rep, Ann"  # a quoted comma is not a second address
    assert item.subject == "MES 项目 budget [o-1]" and item.opportunity == "o-1"
    assert item.day == date(2026, 10, 13)  # 23:30 -04:00 on the 12th
    assert message_item(message, PATTERN, ZoneInfo("America/New_York")).day == date(2026, 10, 12)


def test_mbox_and_maildir_read_headers_only() -> None:
    stats = MailStats()
    found = [message_item(m, PATTERN, UTC, stats) for m in path_messages(DATA / "thread.mbox", stats)]
    assert [i.key for i in found] == ["mail:m-0002@ours.example", "mail:m-0003@mail.acme.com",
                                      "mail:m-0004@ours.example", "mail:m-0002@ours.example",
                                      "mail:spam-1@gamma.example"]
    maildir = list(path_messages(DATA / "maildir", stats))
    assert sorted(m["Message-ID"] for m in maildir) == ["<m-0005@ours.example>", "<m-0006@mail.acme.com>"]
    assert all(not m.is_multipart() and "SECRET" not in str(m.keys()) for m in maildir)
    with pytest.raises(InvalidInput):
        one_message((DATA / "broken.eml").read_bytes(), "broken.eml")
