"""The safe archive reader: limits checked before and while expanding; damaged zips are 422, big ones 413."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from app.core.errors import InvalidInput
from app.ingest.archive import ArchiveLimits, ArchiveTooLarge, read_archive, read_folder, read_zip
from app.services.csv_bundle import read_csv_zip

SMALL = ArchiveLimits(max_total_bytes=1_000, max_member_bytes=600, max_ratio=50, max_members=3)


def zipped(members: dict[str, bytes], level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_reads_csv_members_flattening_folders_and_skipping_junk() -> None:
    data = zipped({"export/Account.csv": b"Id\n1\n", "__MACOSX/export/._Account.csv": b"x",
                   "readme.txt": b"hello", "Contact.csv": b"Id\n2\n"})
    assert read_zip(data) == {"Account.csv": b"Id\n1\n", "Contact.csv": b"Id\n2\n"}


def test_a_200_kb_zip_expanding_to_200_mb_is_refused_without_expanding_it() -> None:
    bomb = zipped({"Contact.csv": b"0" * (200 * 1024 * 1024)}, level=9)
    assert len(bomb) < 400 * 1024
    started = time.perf_counter()
    with pytest.raises(ArchiveTooLarge) as caught:
        read_zip(bomb, limits=ArchiveLimits())
    assert caught.value.status_code == 413
    assert "Contact.csv" in caught.value.message and "zip bomb" in caught.value.message
    assert time.perf_counter() - started < 5  # refused from the directory, not by expanding 200 MB


def test_declared_sizes_are_checked_again_while_expanding() -> None:
    """A member whose header lies about its size is stopped once it produces more than the limit."""
    data = bytearray(zipped({"a.csv": b"x" * 5_000}, level=0))
    # forge the central directory's uncompressed size (offset 24 in the central header) to 10 bytes
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises((ArchiveTooLarge, InvalidInput)):
        read_zip(bytes(data), limits=ArchiveLimits(max_total_bytes=1_000, max_member_bytes=1_000, max_ratio=1e9))


@pytest.mark.parametrize("members, reason", [
    ({"a.csv": b"x" * 700}, "a.csv expands to more than 600 bytes"),
    ({"a.csv": b"x" * 500, "b.csv": b"y" * 501}, "more than 1000 bytes in all"),
])
def test_member_and_total_limits_are_413(members: dict[str, bytes], reason: str) -> None:
    with pytest.raises(ArchiveTooLarge, match=reason):
        read_zip(zipped(members, level=0), limits=SMALL)


def test_ratio_limit() -> None:
    with pytest.raises(ArchiveTooLarge, match="zip bomb"):
        read_zip(zipped({"a.csv": b"0" * 200_000}), limits=ArchiveLimits(max_ratio=50))


@pytest.mark.parametrize("data, reason", [
    (b"not a zip", "not a zip file"),
    (b"", "not a zip file"),
])
def test_not_a_zip_is_422(data: bytes, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as caught:
        read_zip(data)
    assert caught.value.status_code == 422 and caught.value.errors[0]["message"].startswith(reason)


def test_a_damaged_member_is_422() -> None:
    data = bytearray(zipped({"a.csv": b"Id,Name\n" + b"1,Acme\n" * 2_000}))
    start = data.find(b"PK\x03\x04") + 30 + len("a.csv")
    data[start + 10:start + 40] = b"\xff" * 30  # corrupt the deflate stream
    with pytest.raises(InvalidInput, match="damaged|not a zip"):
        read_zip(bytes(data))


def test_too_many_members_and_duplicate_names() -> None:
    with pytest.raises(InvalidInput, match="more than 3 files"):
        read_zip(zipped({f"{i}.csv": b"x" for i in range(4)}), limits=SMALL)
    with pytest.raises(InvalidInput, match="two files named a.csv"):
        read_zip(zipped({"one/a.csv": b"x", "two/a.csv": b"y"}))


def test_encrypted_members_are_refused() -> None:
    data = bytearray(zipped({"a.csv": b"secret"}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" bit of the general purpose flags
    data[data.find(b"PK\x03\x04") + 6] |= 0x1
    with pytest.raises(InvalidInput, match="encrypted"):
        read_zip(bytes(data))


def test_folders_have_the_same_limits(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"x" * 500)
    (tmp_path / "notes.txt").write_bytes(b"ignored")
    assert read_folder(tmp_path, limits=SMALL) == {"a.csv": b"x" * 500}
    (tmp_path / "b.csv").write_bytes(b"y" * 501)
    with pytest.raises(ArchiveTooLarge):
        read_folder(tmp_path, limits=SMALL)
    with pytest.raises(InvalidInput, match="does not exist"):
        read_archive(tmp_path / "missing.zip")


def test_the_bundle_zip_path_uses_the_safe_reader() -> None:
    with pytest.raises(ArchiveTooLarge):
        read_csv_zip(zipped({"contacts.csv": b"0" * (50 * 1024 * 1024)}, level=9))
