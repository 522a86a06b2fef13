"""The one Salesforce-specific rule the mapping cannot express: its record ids.

A Salesforce id is 15 case-sensitive characters; the 18-character form adds a 3-character suffix
that encodes which of the 15 are upper case, so the id survives case-insensitive tools (Excel, most
databases). Exports and reports mix the two; we always store the 18-character form.
"""
from __future__ import annotations

import re
from functools import lru_cache

SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
ID_CHARS = re.compile(r"^[0-9A-Za-z]+$")


def checksum(id15: str) -> str:
    """The 3-character suffix: for each 5-character chunk, bit i set when character i is A–Z."""
    suffix = ""
    for start in range(0, 15, 5):
        bits = 0
        for i in range(5):
            if "A" <= id15[start + i] <= "Z":
                bits |= 1 << i
        suffix += SUFFIX_ALPHABET[bits]
    return suffix


@lru_cache(maxsize=1 << 20)  # an export names the same record many times (AccountId, OwnerId, …)
def normalise_id(value: str) -> str:
    """15 → 18 characters; an 18-character id must carry the right suffix (ValueError otherwise)."""
    if not ID_CHARS.match(value) or len(value) not in (15, 18):
        raise ValueError("not a Salesforce id (15 or 18 letters and digits)")
    if len(value) == 15:
        return value + checksum(value)
    if value[15:].upper() != checksum(value[:15]):
        raise ValueError(f"not a Salesforce id: the suffix should be {checksum(value[:15])}")
    return value[:15] + value[15:].upper()
