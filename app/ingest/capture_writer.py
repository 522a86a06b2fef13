"""Captured items → activities: match people by address, apply the privacy rules, write, report.

The rules (docs/capture.md):
- an item with an excluded employee (flag `capture_excluded`, or CAPTURE_EXCLUDED_EMPLOYEES) is dropped;
- an item with no employee, or with no known contact, is ignored (it cannot be an activity);
- an item with more than CAPTURE_MAX_OUTSIDE_PARTICIPANTS outside people (contacts and unknown external
  addresses), or an email whose sender is nobody we know, is stored but does not count toward ties;
- the subject is stored only when CAPTURE_STORE_SUBJECT is on; bodies never reach this module.

Everything is resolved before writing (reads in batches), then written in ONE transaction, so bad input
is refused with nothing half-written; activity ids come from the iCalendar UID + RECURRENCE-ID or the
Message-ID, so a re-capture counts duplicates and creates nothing.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from app.core.config import Settings
from app.db.graph import Graph
from app.ingest.captured import EMAIL, MEETING, CapturedItem
from app.models.addresses import domain_of
from app.services.graph_changes import Changes, declare

RESOLVE_BATCH = 5_000
WRITE_BATCH = 5_000
MAX_UNKNOWN_LISTED = 500  # unknown addresses listed in one report (all are counted)


@dataclass
class Person:
    kind: str          # "employee" | "contact"
    id: str
    excluded: bool = False
    account: str | None = None


@dataclass
class CaptureReport:
    source: str
    items: int = 0
    created: int = 0
    duplicate: int = 0
    ignored: Counter[str] = field(default_factory=Counter)
    not_counted_for_ties: Counter[str] = field(default_factory=Counter)
    excluded_employees: Counter[str] = field(default_factory=Counter)
    unknown: dict[str, dict[str, Any]] = field(default_factory=dict)  # address -> {name, domain, items}
    unknown_opportunities: Counter[str] = field(default_factory=Counter)
    source_stats: dict[str, int] = field(default_factory=dict)
    touched: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # employee -> contacts
    ties: dict[str, Any] | None = None

    def as_dict(self, accounts: dict[str, dict[str, Any] | None]) -> dict[str, Any]:
        groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for address, info in sorted(self.unknown.items(), key=lambda kv: (-kv[1]["items"], kv[0])):
            account = accounts.get(info["domain"])
            groups[account["id"] if account else None].append(
                {"address": address, "name": info["name"], "items": info["items"]})
        names = {a["id"]: a["name"] for a in accounts.values() if a}
        unknown_people = [{"account": {"id": key, "name": names.get(key)} if key else None,
                           "addresses": rows[:MAX_UNKNOWN_LISTED], "count": len(rows)}
                          for key, rows in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
        return {
            "source": self.source,
            "items": self.items,
            "created": self.created,
            "duplicate": self.duplicate,
            "ignored": dict(sorted(self.ignored.items())),
            "not_counted_for_ties": dict(sorted(self.not_counted_for_ties.items())),
            "excluded_employees": dict(sorted(self.excluded_employees.items())),
            "unknown_people": unknown_people,
            "unknown_opportunities": dict(sorted(self.unknown_opportunities.items())),
            "source_stats": self.source_stats,
            "ties": self.ties,
        }


def _setting_set(text: str) -> set[str]:
    return {part.strip().lower() for part in text.split(",") if part.strip()}


class CaptureWriter:
    """Feed items with `add`, then `write` once. Memory: one compact row per activity, one entry per unknown."""

    def __init__(self, graph: Graph, settings: Settings, source: str) -> None:
        self.graph, self.settings = graph, settings
        self.report = CaptureReport(source=source)
        self.rows: dict[str, dict[str, Any]] = {}
        self._pending: list[CapturedItem] = []
        self._excluded_setting = _setting_set(settings.capture_excluded_employees)
        self._internal_domains = _setting_set(settings.capture_internal_domains)
        self._opportunities: dict[str, bool] = {}

    # ------------------------------------------------------------------ feeding
    def add_all(self, items: Iterable[CapturedItem]) -> None:
        for item in items:
            self.add(item)
        self.flush()

    def add(self, item: CapturedItem) -> None:
        self._pending.append(item)
        if len(self._pending) >= RESOLVE_BATCH:
            self.flush()

    def flush(self) -> None:
        """Resolve the pending items' addresses and opportunities in two reads, then turn them into rows."""
        if not self._pending:
            return
        items, self._pending = self._pending, []
        addresses = sorted({a for item in items for a in [item.sender, *item.recipients] if a})
        people = {row["address"]: Person(row["kind"], row["id"], row["excluded"], row["account"])
                  for row in self.graph.read("capture_people", addresses=addresses)} if addresses else {}
        self._internal_domains |= {domain_of(a) for a, p in people.items() if p.kind == "employee"}
        wanted = sorted({i.opportunity for i in items if i.opportunity and i.opportunity not in self._opportunities})
        if wanted:
            found = set(self.graph.read_one("capture_opportunities", ids=wanted)["ids"])
            self._opportunities.update({o: o in found for o in wanted})
        for item in items:
            self._row(item, people)

    # ------------------------------------------------------------------ one item
    def _row(self, item: CapturedItem, people: dict[str, Person]) -> None:
        report = self.report
        report.items += 1
        everyone = [a for a in [item.sender, *item.recipients] if a]
        known = [(a, people[a]) for a in everyone if a in people]
        employees = list(dict.fromkeys(p.id for _, p in known if p.kind == "employee"))
        contacts = list(dict.fromkeys(p.id for _, p in known if p.kind == "contact"))
        excluded = [p.id for a, p in known if p.kind == "employee"
                    and (p.excluded or p.id.lower() in self._excluded_setting or a in self._excluded_setting)]
        unknown = [a for a in everyone if a not in people]
        unknown_outside = [a for a in unknown if domain_of(a) not in self._internal_domains]
        if excluded:
            report.ignored["excluded_employee"] += 1
            for employee_id in dict.fromkeys(excluded):
                report.excluded_employees[employee_id] += 1
            return  # nothing of an excluded person's item is kept, not even its unknown addresses
        for address in unknown_outside:
            entry = report.unknown.setdefault(address, {"name": item.names.get(address), "domain": domain_of(address),
                                                        "items": 0})
            entry["items"] += 1
        if not employees:
            report.ignored["no_employee"] += 1
            return
        if not contacts:
            report.ignored["no_contact"] += 1
            return
        activity_id = item.activity_id
        if activity_id in self.rows:
            report.duplicate += 1
            return
        sender = people.get(item.sender) if item.sender else None
        direction, sender_id, counts = None, None, True
        if item.type == EMAIL:
            if sender is not None and sender.kind == "employee":
                direction = "outbound"
            elif sender is not None and sender.kind == "contact":
                direction, sender_id = "inbound", sender.id
            else:
                counts = False
                report.not_counted_for_ties["unknown_sender"] += 1
        if counts and len(contacts) + len(unknown_outside) > self.settings.capture_max_outside_participants:
            counts = False
            report.not_counted_for_ties["too_many_outside_participants"] += 1
        logger = sender.id if sender is not None and sender.kind == "employee" else employees[0]
        opportunity = item.opportunity if item.opportunity and self._opportunities.get(item.opportunity) else None
        if item.opportunity and opportunity is None:
            report.unknown_opportunities[item.opportunity] += 1
        self.rows[activity_id] = {
            "id": activity_id, "type": item.type if item.type in (MEETING, EMAIL) else MEETING,
            "date": item.day.isoformat(), "employee": logger,
            "participants": [e for e in employees if e != logger], "contacts": contacts,
            "opportunity": opportunity, "source": "calendar" if item.type == MEETING else "mail",
            "summary": (item.subject[:2000] if item.subject and self.settings.capture_store_subject else None),
            "direction": direction, "sender": sender_id, "counts_for_ties": counts,
        }

    # ------------------------------------------------------------------ writing
    def write(self) -> dict[str, Any]:
        """Write the new activities in one transaction; returns the report (unknown people grouped by account)."""
        self.flush()
        rows = list(self.rows.values())

        def write_all(tx: ManagedTransaction) -> tuple[int, int]:
            created = duplicate = 0
            for start in range(0, len(rows), WRITE_BATCH):
                batch = rows[start:start + WRITE_BATCH]
                existing = set(Graph.run_in(tx, "capture_existing", ids=[r["id"] for r in batch])[0]["ids"])
                new = [r for r in batch if r["id"] not in existing]
                if new:
                    Graph.run_in(tx, "capture_write", rows=new)
                created += len(new)
                duplicate += len(batch) - len(new)
            # activities and their LOGGED / PARTICIPATED / WITH / ABOUT edges: nothing the company-wide views
            # read (the ties derived from them are written, and declared, by app.services.ties)
            declare(tx, Changes())
            return created, duplicate

        if rows:
            created, duplicate = self.graph.write_transaction(write_all, timeout_s=self.settings.neo4j_import_timeout_s)
            self.report.created += created
            self.report.duplicate += duplicate
        for row in rows:
            if row["counts_for_ties"]:
                for employee in [row["employee"], *row["participants"]]:
                    self.report.touched[employee].update(row["contacts"])
        domains = sorted({info["domain"] for info in self.report.unknown.values()})
        accounts = {row["domain"]: row["account"]
                    for row in self.graph.read("capture_domain_accounts", domains=domains)} if domains else {}
        return self.report.as_dict(accounts)
