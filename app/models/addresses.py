"""Email addresses and internet domains on people and accounts (issue 13).

Matching is case-insensitive, so values are stored lower-cased and trimmed: the lookup index
(`(:EmailAddress {address})`, unique) and every comparison use the stored form. A list keeps
its first-seen order and drops repeats, so `["A@x.com", "a@x.com"]` is one address.
"""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

EMAIL_PATTERN = re.compile(r"^[^@\s<>,;\"()]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
DOMAIN_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
MAX_ADDRESSES = 50


def normalise_email(value: str) -> str:
    """`" Zhang.Wei@Acme.COM "` → `zhang.wei@acme.com`; refuses what is not one address."""
    text = value.strip().lower()
    if len(text) > 254 or not EMAIL_PATTERN.match(text):
        raise PydanticCustomError("email_invalid", "not an email address: {value}", {"value": repr(value)})
    return text


def normalise_domain(value: str) -> str:
    """`"@Acme.com"` or `"ACME.COM."` → `acme.com`."""
    text = value.strip().lower().lstrip("@").rstrip(".")
    if len(text) > 253 or not DOMAIN_PATTERN.match(text):
        raise PydanticCustomError("domain_invalid", "not a domain name: {value}", {"value": repr(value)})
    return text


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def domain_of(address: str) -> str:
    """The part after the last `@` (addresses are already normalised)."""
    return address.rpartition("@")[2]


Email = Annotated[str, AfterValidator(normalise_email)]
DomainName = Annotated[str, AfterValidator(normalise_domain)]
Emails = Annotated[list[Email], Field(max_length=MAX_ADDRESSES), AfterValidator(_unique)]
Domains = Annotated[list[DomainName], Field(max_length=MAX_ADDRESSES), AfterValidator(_unique)]
