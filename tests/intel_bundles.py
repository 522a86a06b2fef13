"""Small hand-made bundles for the relationship-intelligence tests (import-format.md shape)."""
from __future__ import annotations

from typing import Any

ACCOUNT = "acc-t"


def contact(cid: str, **fields: Any) -> dict[str, Any]:
    return {"id": cid, "name": cid.upper(), "account": ACCOUNT, **fields}


def bundle(contacts: list[dict[str, Any] | str], employees: list[str | dict[str, Any]] = (), **keys: Any) -> dict[str, Any]:
    """One account; contacts given as ids or rows; employees as ids or rows; other keys as given."""
    return {
        "accounts": [{"id": ACCOUNT, "name": "Test account"}],
        "contacts": [contact(c) if isinstance(c, str) else c for c in contacts],
        "employees": [{"id": e, "name": e.upper()} if isinstance(e, str) else e for e in employees],
        **keys,
    }


def knows(employee: str, contact_id: str, strength: float | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"employee": employee, "contact": contact_id}
    if strength is not None:
        row["strength"] = strength
    return row
