"""Benchmark scales and their deterministic bundles (seed.generate), whole or as account slices.

S is the issue's reference size: 1,000 accounts × 100 contacts, 2,000 employees
(≈1.2M elements). S/10 and 10×S scale accounts and employees together so every
density (ties per employee, deals per account) stays the same.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from seed.generate import BUNDLE_KEYS, Densities, Generator

SEED = 7
Bundle = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Scale:
    label: str
    accounts: int
    contacts_per_account: int
    employees: int
    slices: int  # >1: imported as this many account-sliced bundles (one transaction each)

    @property
    def contacts(self) -> int:
        return self.accounts * self.contacts_per_account


SCALES: dict[str, Scale] = {
    "S/10": Scale("S/10", 100, 100, 200, 1),
    "S": Scale("S", 1000, 100, 2000, 1),
    # 10M elements do not fit one transaction in an 8 GB heap: ten all-or-nothing slices of S each.
    "10S": Scale("10S", 10000, 100, 20000, 10),
}
ALIASES = {"10xS": "10S", "10×S": "10S", "S10": "S/10"}


def scale(label: str) -> Scale:
    key = ALIASES.get(label, label)
    if key not in SCALES:
        raise ValueError(f"unknown scale {label!r}; known: {', '.join(SCALES)}")
    return SCALES[key]


def bundle_slices(sc: Scale, seed: int = SEED) -> Iterator[Bundle]:
    """The scale's bundle as `sc.slices` bundles, generated lazily (10×S never sits in memory whole).
    Together the slices hold exactly the rows of generate_bundle(...) with the same arguments."""
    gen = Generator(sc.accounts, sc.contacts_per_account, sc.employees, seed, Densities())
    return generator_slices(gen, sc.accounts, sc.slices)


def generator_slices(gen: Generator, accounts: int, slices: int) -> Iterator[Bundle]:
    """A generator's accounts as `slices` bundles, in order.

    Employees go in the first slice and competitors in the last (their deal lists are only
    complete once every account is generated, and an import replaces a competitor's list).
    """
    per_slice = -(-accounts // slices)
    parts = gen.parts()
    for index in range(slices):
        bundle: Bundle = {k: [] for k in BUNDLE_KEYS}
        for _ in range(min(per_slice, accounts - index * per_slice)):
            for key, rows in next(parts).items():
                bundle[key].extend(rows)
        if index == 0:
            bundle["employees"] = gen.employees
        if index == slices - 1:
            bundle["competitors"] = gen.competitors
        yield bundle


def row_count(bundle: Bundle) -> int:
    return sum(len(rows) for rows in bundle.values())
