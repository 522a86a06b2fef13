"""Issue 13 benchmark: capture speed (messages/s, events/s) and a full derived-tie recompute at S.

    flock /tmp/brm-bench.lock .venv/bin/python -m benchmarks.capture_bench --messages 100000 --events 10000

A Neo4j of its own (benchmarks.env): S (1,000 accounts × 100 contacts, 2,000 employees, seed.generate) is
imported in ten slices with an email address on every contact and employee and a domain on every
account; then a generated mbox of N messages and an .ics of M events (a fifth weekly, ten occurrences
each) are captured through the same code as `brm capture`, each twice (the second run is all
duplicates), and every derived tie is recomputed. Results as JSON on stdout and in benchmarks/results/.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from app.ingest.capture import capture_calendar, capture_mail, path_mail_messages
from app.ingest.mail_source import MailStats, message_item, path_messages
from app.services.importer import import_bundle
from app.services.tie_explain import explain_pairs
from app.services.ties import recompute
from benchmarks.data import Scale, bundle_slices
from benchmarks.env import BENCH_HOME, bench_neo4j

RESULTS = Path(__file__).parent / "results"
END = date(2026, 11, 20)


KEPT = ("accounts", "contacts", "employees", "knows", "activities")  # what ties and capture read


def with_addresses(bundle: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """S's people with an address each; only the keys ties and capture read (a faster set-up on a busy machine)."""
    bundle = {key: bundle.get(key, []) for key in KEPT}
    for activity in bundle["activities"]:
        activity.pop("opportunity", None)
    for contact in bundle["contacts"]:
        contact.pop("department", None)  # departments are not kept
    for account in bundle["accounts"]:
        account["domains"] = [f"{account['id']}.example"]
    for contact in bundle["contacts"]:
        contact["emails"] = [f"{contact['id']}@{contact['account']}.example"]
    for employee in bundle["employees"]:
        employee["emails"] = [f"{employee['id']}@ours.example"]
    return bundle


def address_reused(graph: Any, batch: int = 5000) -> tuple[list[str], list[tuple[str, str]]]:
    """Give a reused S database (`--reuse-s`) the addresses `with_addresses` would, through the importer's own
    email queries, in batches; answer the employee ids and the (contact, account) pairs."""
    found = graph.read("bench_capture_people")[0]
    employees, contacts = found["employees"], [tuple(pair) for pair in found["contacts"]]
    accounts = sorted({account for _, account in contacts})
    for start in range(0, len(accounts), batch):
        graph.write("bench_capture_domains", ids=accounts[start:start + batch])
    for start in range(0, len(contacts), batch):
        graph.write("import_contact_emails", rows=[{"id": c, "emails": [f"{c}@{a}.example".lower()]}
                                                   for c, a in contacts[start:start + batch]])
    for start in range(0, len(employees), batch):
        graph.write("import_employee_emails", rows=[{"id": e, "emails": [f"{e}@ours.example".lower()]}
                                                    for e in employees[start:start + batch]])
    return employees, contacts


def write_mbox(path: Path, n: int, employees: list[str], contacts: list[tuple[str, str]], rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            employee = rng.choice(employees)
            contact, account = rng.choice(contacts)
            ours, theirs = f"{employee}@ours.example", f"{contact}@{account}.example"
            sender, to = (ours, theirs) if rng.random() < 0.55 else (theirs, ours)
            moment = datetime.combine(END, datetime.min.time(), timezone.utc) - timedelta(minutes=rng.randint(0, 260_000))
            out.write(f"From {sender} {moment.strftime('%a %b %d %H:%M:%S %Y')}\n"
                      f"Message-ID: <bench-{i}@bench.example>\nDate: {moment.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
                      f"From: Person {i} <{sender}>\nTo: {to}\nSubject: Bench message {i}\n"
                      f"Content-Type: text/plain\n\nBody text that is never stored, message {i}.\n\n")


def write_ics(path: Path, n: int, employees: list[str], contacts: list[tuple[str, str]], rng: random.Random) -> None:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//brm bench//EN"]
    for i in range(n):
        employee = rng.choice(employees)
        guests = rng.sample(contacts, 2)
        start = datetime.combine(END, datetime.min.time(), timezone.utc) - timedelta(hours=rng.randint(24 * 12, 24 * 300))
        lines += ["BEGIN:VEVENT", f"UID:bench-{i}@bench.example", "DTSTAMP:20260101T000000Z",
                  f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}", "DURATION:PT1H", f"SUMMARY:Bench meeting {i}",
                  f"ORGANIZER:mailto:{employee}@ours.example"]
        if i % 5 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=10")
        lines += [f"ATTENDEE:mailto:{c}@{a}.example" for c, a in guests] + ["END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--phase", choices=("all", "setup", "capture"), default="all",
                        help="split a long run (each part holds the shared lock less long): 'setup' imports S and "
                             "keeps the database in var/bench/capture, 'capture' reuses it (and deletes it)")
    parser.add_argument("--reuse-s", metavar="NAME",
                        help="instead of importing S: copy the S database var/bench/NAME (e.g. issue15-S, left by "
                             "company_views) and give its people addresses (minutes instead of a long import)")
    args = parser.parse_args()
    rng = random.Random(13)
    sc = Scale("S", 1000, 100, 2000, 10)  # ten slices: each import transaction fits a 4 GB heap
    out: dict[str, Any] = {"scale": "S", "messages": args.messages, "events": args.events, "heap": args.heap}
    out["load_avg_start"] = open("/proc/loadavg").read().split()[:3]
    if args.reuse_s:
        shutil.rmtree(BENCH_HOME / "capture", ignore_errors=True)
        shutil.copytree(BENCH_HOME / args.reuse_s, BENCH_HOME / "capture", symlinks=True)
        for stale in (BENCH_HOME / "capture").glob("run/*"):
            stale.unlink()
        out["data"] = f"a copy of {BENCH_HOME / args.reuse_s}"
    with bench_neo4j("capture", heap=args.heap, pagecache=args.pagecache, keep=args.phase == "setup",
                     reuse=args.phase == "capture" or bool(args.reuse_s)) as db:
        settings = db.settings.model_copy(update={"capture_window_days": 400})
        employees: list[str] = []
        contacts: list[tuple[str, str]] = []
        started = time.perf_counter()
        if args.reuse_s:
            employees, contacts = address_reused(db.graph)
        else:
            for bundle in bundle_slices(sc):
                if args.phase != "capture":
                    import_bundle(db.graph, with_addresses(bundle), timeout_s=7200)
                employees += [e["id"] for e in bundle["employees"]]
                contacts += [(c["id"], c["account"]) for c in bundle["contacts"]]
        out["addresses_s" if args.reuse_s else "import_s" if args.phase != "capture" else "ids_s"] = \
            round(time.perf_counter() - started, 1)
        print(json.dumps(out), flush=True)
        if args.phase == "setup":
            return
        out["contacts"], out["employees"] = len(contacts), len(employees)
        mbox, ics = BENCH_HOME / "bench.mbox", BENCH_HOME / "bench.ics"
        write_mbox(mbox, args.messages, employees, contacts, rng)
        write_ics(ics, args.events, employees, contacts, rng)
        out["mbox_mb"] = round(mbox.stat().st_size / 1e6, 1)

        import re
        from zoneinfo import ZoneInfo
        started = time.perf_counter()  # parsing alone (no database), to split the time
        stats = MailStats()
        parsed = sum(1 for m in path_messages(mbox, stats)
                     if message_item(m, re.compile(settings.capture_opportunity_pattern), ZoneInfo("UTC")))
        out["mail_parse_only_s"] = round(time.perf_counter() - started, 2)
        for run in ("first", "again"):
            started = time.perf_counter()
            stats = MailStats()
            report = capture_mail(db.graph, settings, path_mail_messages(mbox, stats, settings), stats, as_of=END)
            seconds = time.perf_counter() - started
            out[f"mail_{run}"] = {"s": round(seconds, 1), "messages_per_s": round(parsed / seconds),
                                  "created": report["created"], "duplicate": report["duplicate"],
                                  "ties": report["ties"]}
            print(json.dumps(out), flush=True)
        for run in ("first", "again"):
            started = time.perf_counter()
            report = capture_calendar(db.graph, settings, [("bench.ics", ics.read_bytes())], today=END)
            seconds = time.perf_counter() - started
            occurrences = report["source_stats"]["occurrences"]
            out[f"calendar_{run}"] = {"s": round(seconds, 1), "events_per_s": round(args.events / seconds),
                                      "occurrences_per_s": round(occurrences / seconds), "occurrences": occurrences,
                                      "created": report["created"], "duplicate": report["duplicate"]}
            print(json.dumps(out), flush=True)
        started = time.perf_counter()
        totals = recompute(db.graph, settings, as_of=END)
        out["recompute_all"] = {"s": round(time.perf_counter() - started, 1), **totals}
        pairs = [(e, c) for e, (c, _) in zip(rng.sample(employees, 10), rng.sample(contacts, 10))]
        started = time.perf_counter()
        for _ in range(20):
            explain_pairs(db.graph, settings, pairs)
        out["explain_10_pairs_ms"] = round((time.perf_counter() - started) / 20 * 1000, 1)
        mbox.unlink()
        ics.unlink()
    out["load_avg_end"] = open("/proc/loadavg").read().split()[:3]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"capture-{date.today().isoformat()}.json").write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
