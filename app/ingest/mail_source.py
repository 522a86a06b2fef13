"""RFC 5322 mail → captured items: one per message, from its headers only.

Only the header block is parsed (`BytesHeaderParser`): bodies and attachments are never
decoded or kept. Kept: Message-ID (identity), Date (its day in `CAPTURE_TIMEZONE`), From,
To and Cc (RFC 2047 encoded names decoded, several addresses per header, groups flattened),
Subject (dropped later unless allowed) and `X-BRM-Opportunity`. Sources: one message
(`.eml` / message/rfc822), an mbox file, a Maildir folder, a folder of `.eml` files, or a zip
of `.eml` files or of a Maildir (read through app.ingest.archive, with its size and ratio limits).
"""
from __future__ import annotations

import hashlib
import mailbox
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from app.core.errors import InvalidInput
from app.i18n import t
from app.ingest.captured import EMAIL, CapturedItem, opportunity_in
from app.models.addresses import normalise_email

OPPORTUNITY_HEADER = "X-BRM-Opportunity"
MAILDIR_NAME = re.compile(r"^\d{6,}\.")             # 1733000000.M1P2Q3.host:2,S
NOT_MESSAGES = ("dovecot", "courier", "maildirfolder", "subscriptions")
_PARSER = BytesHeaderParser()


@dataclass
class MailStats:
    messages: int = 0
    not_messages: int = 0   # files in a folder or zip that are not mail (no From / Date / Message-ID)
    no_date: int = 0


def _not_mail(source: str, reason: str) -> InvalidInput:
    return InvalidInput(t("capture.not_mail", source=source, reason=reason),
                        [{"key": None, "row": None, "field": "body", "message": reason, "value": source}])


def _text(value: object) -> str:
    """A header as text, RFC 2047 encoded words decoded; undecodable parts replaced, never raised."""
    if value is None:
        return ""
    raw = str(value)
    try:
        return str(make_header(decode_header(raw)))
    except (UnicodeDecodeError, LookupError, ValueError, TypeError):
        return raw


def parse_headers(data: bytes) -> Message:
    return _PARSER.parsebytes(data)


def looks_like_mail(message: Message) -> bool:
    return message.get("From") is not None and (message.get("Date") is not None
                                                or message.get("Message-ID") is not None)


def message_item(message: Message, pattern: re.Pattern[str], zone: ZoneInfo,
                 stats: MailStats | None = None) -> CapturedItem | None:
    """The item of one parsed header block; None when it has no usable date."""
    stats = stats if stats is not None else MailStats()
    stats.messages += 1
    names: dict[str, str] = {}
    senders = _addresses(message.get_all("From") or [], names)
    sender = senders[0] if senders else None
    recipients = [a for a in _addresses((message.get_all("To") or []) + (message.get_all("Cc") or []), names)
                  if a != sender]
    recipients = list(dict.fromkeys(recipients))
    day = _day(message.get("Date"), zone)
    if day is None:
        stats.no_date += 1
        return None
    subject = _text(message.get("Subject")) if message.get("Subject") is not None else None
    explicit = _text(message.get(OPPORTUNITY_HEADER)).strip()
    message_id = _text(message.get("Message-ID")).strip().strip("<>").strip()
    if not message_id:  # no Message-ID: the identity is what the headers say, so a re-capture still matches
        basis = "\n".join([str(message.get("Date", "")), sender or "", ",".join(recipients), subject or ""])
        message_id = "sha256:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()
    return CapturedItem(key=f"mail:{message_id}", type=EMAIL, day=day, sender=sender, recipients=recipients,
                        names=names, subject=subject, opportunity=explicit or opportunity_in(subject, pattern))


def _addresses(values: list[object], names: dict[str, str]) -> list[str]:
    out = []
    for display, addr in getaddresses([str(v) for v in values]):
        try:
            address = normalise_email(addr)
        except ValueError:
            continue
        if display:
            names.setdefault(address, _text(display))
        out.append(address)
    return out


def _day(value: object, zone: ZoneInfo) -> date | None:
    if value is None:
        return None
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return moment.astimezone(zone).date() if moment.tzinfo is not None else moment.date()


# ----------------------------------------------------------------------------- sources: header blocks
def one_message(data: bytes, source: str) -> Message:
    """A message/rfc822 body: it must look like mail (From, and Date or Message-ID), else 422."""
    if not data.strip():
        raise _not_mail(source, t("capture.empty"))
    message = parse_headers(data)
    if not looks_like_mail(message) or message.defects and not message.keys():
        raise _not_mail(source, t("capture.no_mail_headers"))
    return message


def mbox_messages(path: Path, source: str) -> Iterator[Message]:
    """Every message of an mbox file (stdlib `mailbox.mbox`), header blocks only."""
    with path.open("rb") as handle:
        if not handle.read(5) == b"From ":
            raise _not_mail(source, t("capture.not_mbox"))
    box = mailbox.mbox(str(path), create=False)
    try:
        for key in box.iterkeys():
            with box.get_file(key) as handle:
                yield _PARSER.parse(handle, headersonly=True)
    finally:
        box.close()


def mbox_bytes_messages(data: bytes, source: str) -> Iterator[Message]:
    """An mbox sent as a body: spooled to a temporary file, read by `mailbox.mbox`, removed."""
    if not data.startswith(b"From "):
        raise _not_mail(source, t("capture.not_mbox"))
    with tempfile.NamedTemporaryFile(prefix="brm-mbox-", suffix=".mbox") as spool:
        spool.write(data)
        spool.flush()
        yield from mbox_messages(Path(spool.name), source)


def maildir_messages(path: Path) -> Iterator[Message]:
    """Every message in a Maildir's cur/ and new/ (stdlib `mailbox.Maildir`), header blocks only."""
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in box.iterkeys():
        with box.get_file(key) as handle:
            yield _PARSER.parse(handle, headersonly=True)


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def archive_members(files: dict[str, bytes], stats: MailStats) -> Iterator[Message]:
    """The messages among a zip's files: `.eml` files and Maildir-named files; others counted, skipped."""
    for name, data in sorted(files.items()):
        base = PurePosixPath(name).name
        if base.lower().startswith(NOT_MESSAGES):
            continue
        if not (base.lower().endswith(".eml") or MAILDIR_NAME.match(base)):
            stats.not_messages += 1
            continue
        message = parse_headers(data)
        if not looks_like_mail(message):
            stats.not_messages += 1
            continue
        yield message


def path_messages(path: Path, stats: MailStats) -> Iterator[Message]:
    """A path given to `brm capture mail`: an .eml file, an mbox file, a Maildir, or a folder of .eml files."""
    source = str(path)
    if not path.exists():
        raise InvalidInput(t("capture.no_such_path", path=source),
                           [{"key": None, "row": None, "field": "path", "message": "not found", "value": source}])
    if is_maildir(path):
        yield from maildir_messages(path)
    elif path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and child.suffix.lower() == ".eml":
                message = parse_headers(child.read_bytes())
                if looks_like_mail(message):
                    yield message
                else:
                    stats.not_messages += 1
    elif path.suffix.lower() == ".eml":
        yield one_message(path.read_bytes(), source)
    else:
        yield from mbox_messages(path, source)
