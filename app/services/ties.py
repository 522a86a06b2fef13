"""Derived tie strength (docs/ties.md): how well an employee knows a contact, from activities alone.

    strength = recency × frequency × reciprocity                        (0..1, 4 decimals)
    recency     = 2^(−days since the last contact / TIE_HALF_LIFE_DAYS)
    frequency   = min(1, (meetings·w_meeting + calls·w_call + emails·w_email) / TIE_FREQUENCY_FULL),
                  counted over the TIE_WINDOW_DAYS before the as-of date
    reciprocity = 1 when contact went both ways (a meeting or call, or emails in both directions) in the
                  window, else TIE_ONE_WAY_FACTOR

A manual tie always wins; a derived one below TIE_DORMANT_BELOW is dormant (stored as KNEW, not KNOWS).
The formula is `derive`, a pure function; `recompute` reads pair statistics and writes ties in batches of
employees (bounded memory), the writes in named queries that never touch a manual tie.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from neo4j.time import Date

from app.core.config import Settings
from app.db.graph import Graph
from app.services.graph_changes import Changes, declare_bounded

DIGITS = 4


@dataclass(frozen=True)
class PairStats:
    last: date | None
    meetings: int = 0
    calls: int = 0
    emails_out: int = 0
    emails_in: int = 0

    @property
    def emails(self) -> int:
        return self.emails_out + self.emails_in

    @property
    def both_ways(self) -> bool:
        return self.meetings > 0 or self.calls > 0 or (self.emails_out > 0 and self.emails_in > 0)


def _day(value: Any) -> date | None:
    if value is None:
        return None
    return value.to_native() if isinstance(value, Date) else value


def derive(stats: PairStats, as_of: date, settings: Settings) -> dict[str, Any]:
    """The derived tie of one pair: its strength, whether it is dormant, and every factor (what is stored)."""
    days = (as_of - stats.last).days if stats.last else None
    recency = 2 ** (-max(days, 0) / settings.tie_half_life_days) if days is not None else 0.0
    weighted = (stats.meetings * settings.tie_weight_meeting + stats.calls * settings.tie_weight_call
                + stats.emails * settings.tie_weight_email)
    frequency = min(1.0, weighted / settings.tie_frequency_full)
    reciprocity = 1.0 if stats.both_ways else settings.tie_one_way_factor
    strength = round(recency * frequency * reciprocity, DIGITS)
    props = {
        "strength": strength, "source": "derived", "as_of": as_of,
        "last_contact": stats.last, "days_since": days,
        "meetings": stats.meetings, "calls": stats.calls, "emails_out": stats.emails_out, "emails_in": stats.emails_in,
        "weighted_count": round(weighted, DIGITS),
        "recency": round(recency, DIGITS), "frequency": round(frequency, DIGITS),
        "reciprocity": round(reciprocity, DIGITS),
        "half_life_days": settings.tie_half_life_days, "window_days": settings.tie_window_days,
    }
    return {"strength": strength, "dormant": strength < settings.tie_dormant_below, "props": props}


def stats_of(row: dict[str, Any]) -> PairStats:
    return PairStats(_day(row["last"]), row["meetings"], row["calls"], row["emails_out"], row["emails_in"])


def pair_stats(graph: Graph, settings: Settings, batch: list[tuple[str, list[str] | None]],
               as_of: date) -> list[dict[str, Any]]:
    """Rows {employee, contact, last, meetings, calls, emails_out, emails_in} for [(employee, contacts or None)]."""
    try:
        window_start = as_of - timedelta(days=settings.tie_window_days)
    except OverflowError:  # as_of in the first months of year 1: the window reaches back to the first day
        window_start = date.min
    return graph.read("ties_stats", batch=[{"employee": e, "contacts": cs} for e, cs in batch], as_of=as_of,
                      window_start=window_start)


def recompute(graph: Graph, settings: Settings, as_of: date | None = None,
              pairs: dict[str, Iterable[str]] | None = None) -> dict[str, Any]:
    """Recompute derived ties as of a date (default today): of every employee, or only of `pairs`
    ({employee: contacts}, what a capture or an import touched; a named pair left with no counted activity
    loses its derived tie). Returns counts {pairs, live, dormant, manual, pruned}."""
    as_of = as_of or date.today()
    batch = settings.tie_batch_employees
    totals = {"as_of": as_of.isoformat(), "pairs": 0, "live": 0, "dormant": 0, "manual": 0, "pruned": 0}
    if pairs is not None:
        by_employee = sorted((e, sorted(set(c))) for e, c in pairs.items() if c)
        for start in range(0, len(by_employee), batch):
            _recompute_batch(graph, settings, by_employee[start:start + batch], as_of, totals, prune=False)
        return totals
    after = ""
    while True:
        ids = [row["id"] for row in graph.read("ties_employees", after=after, limit=batch)]
        if not ids:
            return totals
        _recompute_batch(graph, settings, [(e, None) for e in ids], as_of, totals, prune=True)
        after = ids[-1]


def _recompute_batch(graph: Graph, settings: Settings, batch: list[tuple[str, list[str] | None]],
                     as_of: date, totals: dict[str, Any], prune: bool) -> None:
    rows = []
    keep: dict[str, list[str]] = {e: [] for e, _ in batch}
    for row in pair_stats(graph, settings, batch, as_of):
        tie = derive(stats_of(row), as_of, settings)
        rows.append({"employee": row["employee"], "contact": row["contact"], "dormant": tie["dormant"],
                     "props": {k: v for k, v in tie["props"].items() if v is not None}})
        keep[row["employee"]].append(row["contact"])
    totals["pairs"] += len(rows)

    # pairs named but left with no counted activity (an import changed or removed their activities)
    gone = [{"employee": e, "contact": c} for e, cs in batch if cs is not None for c in cs if c not in keep[e]]

    def write(tx: Any) -> dict[str, int]:
        counts = {"live": 0, "dormant": 0, "manual": 0, "pruned": 0}
        # what the company-wide views must re-read: the ends of every KNOWS written or removed (issue 15)
        changes = Changes(employees={e for e, _ in batch}, contacts={r["contact"] for r in rows})
        if rows:
            written = Graph.run_in(tx, "ties_write", rows=rows)[0]
            counts.update({key: written[key] for key in ("live", "dormant", "manual")})
        if prune:
            pruned = Graph.run_in(tx, "ties_prune", keep=[{"employee": e, "contacts": cs} for e, cs in keep.items()])[0]
            counts["pruned"] = pruned["pruned"]
            changes.contacts.update(pruned["contacts"])
        elif gone:
            counts["pruned"] = Graph.run_in(tx, "ties_prune_pairs", pairs=gone)[0]["pruned"]
            changes.contacts.update(p["contact"] for p in gone)
        declare_bounded(tx, changes)
        return counts

    for key, value in graph.write_transaction(write, timeout_s=settings.neo4j_import_timeout_s).items():
        totals[key] += value
