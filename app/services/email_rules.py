"""Issue 13: an email address belongs to one person, across contacts and employees.

Checked before anything is written, for a bundle (every row against every other row and
against the stored owners) and for one curated row: an address may move from A to B only
when the same write also takes it away from A. Addresses are already lower-cased by the row
models, so equality here is the case-insensitive match the capture uses.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

PERSON_KEYS = ("contacts", "employees")

# (query name, parameters) -> rows: graph.read or a transaction's Graph.run_in, so both paths share this.
Reader = Callable[..., list[dict[str, Any]]]


def email_errors(rows_by_key: dict[str, Iterable[tuple[int | None, Any]]], read: Reader) -> list[dict[str, Any]]:
    """Error items (importer shape) for addresses listed twice or already held by someone the write does not free.

    `rows_by_key` maps "contacts"/"employees" to (row index or None, row) pairs; rows have `.id` and `.emails`.
    """
    from app.services.importer import error_item  # the importer's error shape; imported late (it imports us)

    errors: list[dict[str, Any]] = []
    first: dict[str, tuple[str, str, int | None, int]] = {}  # address -> (key, id, row, position in emails)
    listed: dict[tuple[str, str], set[str]] = {}
    for key in PERSON_KEYS:
        for index, row in rows_by_key.get(key, []):
            if row is None:
                continue
            addresses = list(row.emails or [])
            listed[(key, row.id)] = set(addresses)
            for position, address in enumerate(addresses):
                if address in first and first[address][:2] != (key, row.id):
                    other_key, other_id = first[address][:2]
                    errors.append(error_item(key, index, f"emails[{position}]",
                                             f"address also given to {other_key[:-1]} {other_id} in this write",
                                             address))
                else:
                    first.setdefault(address, (key, row.id, index, position))
    if not first:
        return errors
    for owner in read("email_owners", addresses=sorted(first)):
        address, holder = owner["address"], (owner["kind"], owner["id"])
        key, person_id, index, position = first[address]
        if holder == (key, person_id):
            continue
        if holder in listed and address not in listed[holder]:
            continue  # the same write takes it away from its current holder
        errors.append(error_item(key, index, f"emails[{position}]",
                                 f"address already belongs to {holder[0][:-1]} {holder[1]}", address))
    return errors
