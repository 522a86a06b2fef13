"""Read the files of a folder or a zip (a CRM's export) without trusting the archive.

A zip is checked before anything is expanded (number of members, declared sizes, compression
ratio) and again while it is expanded (the bytes actually produced, since declared sizes can
lie), so a 200 KB zip that would expand to 200 MB is refused after reading at most the limit,
not after filling the heap. A damaged zip is a 422, an oversized one a 413, both in the one
`{error, message, errors}` shape.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.core.errors import BrmError, InvalidInput
from app.i18n import t

CHUNK = 64 * 1024


class ArchiveTooLarge(BrmError):
    """The archive (or one of its files) expands beyond a limit: 413, like an oversized body."""

    status_code = 413

    def __init__(self, message: str) -> None:
        super().__init__(message, errors=[{"key": None, "row": None, "field": None, "message": message}])
        self.errors = self.details["errors"]


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds on what one archive may expand to (settings `ARCHIVE_*`)."""

    max_total_bytes: int = 1024 * 1024 * 1024
    max_member_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0
    max_members: int = 200

    @classmethod
    def from_settings(cls) -> "ArchiveLimits":
        from app.core.config import get_settings

        s = get_settings()
        return cls(s.archive_max_total_bytes, s.archive_max_member_bytes, s.archive_max_ratio, s.archive_max_members)


def _rejected(reason: str) -> InvalidInput:
    return InvalidInput(t("crm.archive_rejected", reason=reason),
                        [{"key": None, "row": None, "field": None, "message": reason}])


def _wanted(name: str, suffixes: tuple[str, ...]) -> bool:
    path = PurePosixPath(name)
    return (not name.endswith("/") and not path.name.startswith(".") and "__MACOSX" not in path.parts
            and (not suffixes or path.suffix.lower() in suffixes))


def read_zip(data: bytes, suffixes: tuple[str, ...] = (".csv",), limits: ArchiveLimits | None = None
             ) -> dict[str, bytes]:
    """`{file name: bytes}` for the members ending in `suffixes` (folders inside are flattened)."""
    limits = limits or ArchiveLimits.from_settings()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _rejected(t("crm.archive_not_zip", reason=exc)) from None
    with archive:
        members = [info for info in archive.infolist() if _wanted(info.filename, suffixes)]
        if len(members) > limits.max_members:
            raise _rejected(t("crm.archive_too_many", limit=limits.max_members))
        _check_declared(members, limits)
        files: dict[str, bytes] = {}
        total = 0
        for info in members:
            name = PurePosixPath(info.filename).name
            if name in files:
                raise _rejected(t("crm.archive_duplicate", name=name))
            content = _expand(archive, info, limits, limits.max_total_bytes - total)
            total += len(content)
            files[name] = content
    return files


def _check_declared(members: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    """Refuse on the central directory alone, before expanding a byte."""
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise _rejected(t("crm.archive_encrypted", name=info.filename))
        if info.file_size > limits.max_member_bytes:
            raise ArchiveTooLarge(t("crm.archive_member_too_large", name=info.filename, limit=limits.max_member_bytes))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > CHUNK and ratio > limits.max_ratio:
            raise ArchiveTooLarge(t("crm.archive_ratio", name=info.filename, ratio=round(ratio), limit=limits.max_ratio))
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ArchiveTooLarge(t("crm.archive_total_too_large", limit=limits.max_total_bytes))


def _expand(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ArchiveLimits, room: int) -> bytes:
    """Expand one member in chunks, stopping as soon as it passes a limit (declared sizes may lie)."""
    out = bytearray()
    ceiling = min(limits.max_member_bytes, room)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                out += chunk
                if len(out) > ceiling:
                    if len(out) > limits.max_member_bytes:
                        raise ArchiveTooLarge(t("crm.archive_member_too_large", name=info.filename,
                                                limit=limits.max_member_bytes))
                    raise ArchiveTooLarge(t("crm.archive_total_too_large", limit=limits.max_total_bytes))
                if len(out) > CHUNK and len(out) / max(info.compress_size, 1) > limits.max_ratio:
                    raise ArchiveTooLarge(t("crm.archive_ratio", name=info.filename,
                                            ratio=round(len(out) / max(info.compress_size, 1)),
                                            limit=limits.max_ratio))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise _rejected(t("crm.archive_broken", reason=exc)) from None
    except RuntimeError as exc:  # zipfile raises this for encrypted members
        raise _rejected(t("crm.archive_broken", reason=exc)) from None
    return bytes(out)


def read_folder(folder: Path, suffixes: tuple[str, ...] = (".csv",), limits: ArchiveLimits | None = None
                ) -> dict[str, bytes]:
    """`{file name: bytes}` for the files of a folder ending in `suffixes` (not recursive), same limits."""
    limits = limits or ArchiveLimits.from_settings()
    paths = sorted(path for path in folder.iterdir() if path.is_file() and _wanted(path.name, suffixes))
    if len(paths) > limits.max_members:
        raise _rejected(t("crm.archive_too_many", limit=limits.max_members))
    files: dict[str, bytes] = {}
    total = 0
    for path in paths:
        size = path.stat().st_size
        if size > limits.max_member_bytes:
            raise ArchiveTooLarge(t("crm.archive_member_too_large", name=path.name, limit=limits.max_member_bytes))
        total += size
        if total > limits.max_total_bytes:
            raise ArchiveTooLarge(t("crm.archive_total_too_large", limit=limits.max_total_bytes))
        files[path.name] = path.read_bytes()
    return files


def read_archive(path: Path, suffixes: tuple[str, ...] = (".csv",), limits: ArchiveLimits | None = None
                 ) -> dict[str, bytes]:
    """A folder or a `.zip` file on disk, read with the same limits."""
    if path.is_dir():
        return read_folder(path, suffixes, limits)
    if not path.is_file():
        raise _rejected(t("crm.archive_missing", path=path))
    limits = limits or ArchiveLimits.from_settings()
    if path.stat().st_size > limits.max_total_bytes:
        raise ArchiveTooLarge(t("crm.archive_total_too_large", limit=limits.max_total_bytes))
    return read_zip(path.read_bytes(), suffixes, limits)
