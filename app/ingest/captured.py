"""What a calendar event or a mail message is reduced to before anything else looks at it.

Privacy by design: a source module keeps only these fields (who, when, which deal, and the
subject, which the writer drops unless `CAPTURE_STORE_SUBJECT` allows it); bodies and
attachments are never read into an item, so nothing later can store them.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from app.core.errors import BrmError

MEETING = "meeting"
EMAIL = "email"


class TooMuchInput(BrmError):
    """A capture that would expand beyond its bounds (occurrences in the window): 413, nothing written."""

    status_code = 413

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message, errors=[{"key": None, "row": None, "field": field, "message": message}])
        self.errors = self.details["errors"]


@dataclass
class CapturedItem:
    key: str                       # identity across captures: "ical:<UID>|<RECURRENCE-ID>" or "mail:<Message-ID>"
    type: str                      # MEETING or EMAIL (an ActivityType)
    day: date
    sender: str | None             # organiser / From, lower-cased address
    recipients: list[str] = field(default_factory=list)  # attendees / To + Cc, lower-cased, sender left out
    names: dict[str, str] = field(default_factory=dict)  # address -> display name (for the unknown-people report)
    subject: str | None = None
    opportunity: str | None = None  # X-BRM-OPPORTUNITY, or found in the subject by the pattern

    @property
    def activity_id(self) -> str:
        """A stable activity id from the item's identity, so capturing the same file twice creates nothing."""
        prefix = "cal" if self.type == MEETING else "mail"
        return f"{prefix}-{hashlib.sha256(self.key.encode('utf-8')).hexdigest()[:24]}"


def opportunity_in(subject: str | None, pattern: re.Pattern[str]) -> str | None:
    """The first id the configured pattern finds in a subject (group 1, or the whole match)."""
    if not subject:
        return None
    found = pattern.search(subject)
    if not found:
        return None
    return (found.group(1) if found.groups() else found.group(0)).strip() or None
