"""Warm Neo4j before /ready says yes, so the first click after a start is as fast as the later ones.

Two passes, both reads only:
1. EXPLAIN every named query in cypher/ (writes too: EXPLAIN plans, it never runs) with parameters of
   the types the services send (by parameter name), so the planner has compiled and cached each plan.
   Neo4j keys its plan cache on the query text AND the parameter types, hence typed samples, not nulls;
   a query that tests `$x IS NULL` (an optional filter) is planned twice: with the filters absent, as
   the page's first, unfiltered click sends them, and with every parameter typed.
2. A real small run of what the page asks for first: one account's map (as the page's route reads it),
   one open deal's decision chain, win rate and gaps, one member's reach, through the services themselves
   (exact parameter types; also loads the pages those queries touch and warms the JVM's code paths).
Managers' company-wide views are only planned (step 1): running them at scale takes seconds.

By default (`WARM_UP_READY=all`, issue 19) /ready waits for both passes, run side by side on
`WARM_UP_WORKERS` sessions: planning is CPU in Neo4j, one core per query, and on one session all
~240 plans took 79 s on the demo data (the page flow 28 s of it). `WARM_UP_READY=first_clicks` makes
/ready wait only for the page flow and the plans of FIRST_CLICKS; the rest then follows in the
background, pausing between plans so a person's first requests keep the CPU.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from neo4j import Query

from app.core.config import Settings
from app.core.errors import BrmError, DatabaseUnavailable
from app.db.graph import Graph, translate_errors
from app.db.queries import _load_all

log = logging.getLogger("brm.warm_up")

SKIP = ("schema", "schema_status")  # multi-statement DDL, planned by Neo4j at apply time
SKIP_PREFIXES = ("bench_",)
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
DATES = {"as_of", "since", "start", "stale_start", "contact_start"}
DATETIMES = {"at", "until"}
INTS = {"max_hops", "offset", "limit", "fallback_importance", "skip", "n", "keep", "since_version"}
BOOLS = {"include_hostile", "employees_flag", "newest_first", "subunits"}
LISTS = {"ids", "accounts", "contact_ids", "departments", "opportunities", "circles", "competitors",
         "activities", "contacts", "points", "rows", "pairs", "rels", "employees", "hostile"}
MAPS = {"props", "weights", "previous", "current", "floors"}
NOTHING = "\u0000warm-up"  # an id no CRM uses
# Reads behind the page's first panels that the page flow (run_page_flow) does not run itself:
# account search, trend thumbnails, the win-rate curve, the review and alerts tabs, sign-in.
FIRST_CLICKS = ("accounts_list", "account_exists", "account_brief", "account_degrees_live", "trend_account_points",
                "opportunities_list", "opportunity_brief", "trend_opportunity_points", "deal_first_state",
                "deal_state_points", "review_deals", "alerts_movers", "employee_brief", "me_work",
                "keys_lookup", "sessions_lookup", "users_lookup")


LIST_USE = r"(?:UNWIND|\bIN)\s+\${name}\b(?!\.)"  # a list whatever its name: UNWIND $x, ... IN $x
MAP_USE = r"\${name}(?:\.[A-Za-z_]|\[(?![0-9-]))"  # $x.field or $x[key]: a map ($x[0] would be a list)
NULLABLE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\s+IS\s+(?:NOT\s+)?NULL", re.IGNORECASE)  # an optional filter


def sample(name: str, text: str = "") -> Any:
    """A value of the type the services pass for a parameter of this name (matching no node).

    The query's own use of the parameter decides first (UNWIND/IN → list, $x.field → map), so a new
    query plans without a new entry here; names decide the scalars the text cannot tell apart."""
    if re.search(LIST_USE.format(name=name), text):
        return []
    if re.search(MAP_USE.format(name=name), text):
        return {}
    if name in DATES:
        return date(1900, 1, 1)
    if name in DATETIMES:
        return datetime(1900, 1, 1, tzinfo=timezone.utc)
    if name in INTS:
        return 1
    if name in BOOLS:
        return False
    if name in LISTS:
        return []
    if name in MAPS:
        return {}
    if name.startswith("w_") or name == "w":
        return 1.0
    return NOTHING


def plannable(name: str, text: str) -> bool:
    return name not in SKIP and not name.startswith(SKIP_PREFIXES) and "IN TRANSACTIONS" not in text.upper()


@dataclass
class WarmReport:
    planned: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)
    seconds: float = 0.0
    took: dict[str, float] = field(default_factory=dict)  # seconds per plan / page step: what a slow /ready spent
    first_clicks_seconds: float = 0.0  # what /ready waited for

    def slowest(self, n: int = 10) -> dict[str, float]:
        return {k: round(v, 2) for k, v in sorted(self.took.items(), key=lambda kv: -kv[1])[:n]}

    def as_dict(self) -> dict[str, Any]:
        return {"planned": len(self.planned), "failed": self.failed, "ran": self.ran, "seconds": round(self.seconds, 2),
                "first_clicks_seconds": round(self.first_clicks_seconds, 2), "slowest": self.slowest()}


def samples(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The parameter sets to plan a query with: every parameter typed, and, when the query has optional
    filters (`$x IS NULL`), those absent as an unfiltered call sends them (suffix ":nulls")."""
    typed = {p: sample(p, text) for p in set(PARAM.findall(text))}
    yield "", typed
    nullable = set(NULLABLE.findall(text))
    if nullable:
        yield ":nulls", {**typed, **{p: None for p in nullable}}


def plan_one(graph: Graph, name: str, text: str, report: WarmReport) -> None:
    """EXPLAIN one named query with each of its sample sets; a refused plan is reported, not fatal."""
    for suffix, params in samples(text):
        started = time.perf_counter()
        try:
            with translate_errors(), graph.driver.session(database=graph.database) as session:
                session.run(Query("EXPLAIN " + text, timeout=graph.timeout_s), params).consume()
            if not suffix:
                report.planned.append(name)
        except DatabaseUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad sample type must not stop the warm-up
            report.failed[name + suffix] = str(exc).splitlines()[0][:200]
        report.took[name + suffix] = time.perf_counter() - started


def to_plan(settings: Settings, report: WarmReport, only: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """The named queries still to plan (those of `only`, else all), the page's first clicks first."""
    todo = [(name, text) for name, text in _load_all(settings.cypher_dir).items()
            if plannable(name, text) and (only is None or name in only) and name not in report.took]
    return sorted(todo, key=lambda item: item[0] not in FIRST_CLICKS)


def plan_all(graph: Graph, settings: Settings, report: WarmReport, only: tuple[str, ...] | None = None,
             pause: float = 0.0, stop: threading.Event | None = None) -> None:
    """Plan, one after the other, the queries of `only` (else every one not planned yet); after each, wait
    `pause` times as long as it took (or until `stop` is set: the app is shutting down)."""
    stop = stop or threading.Event()
    for name, text in to_plan(settings, report, only):
        if stop.is_set():
            return
        plan_one(graph, name, text, report)
        if pause:
            stop.wait(pause * report.took[name])


LATER_STEPS = ("relationship_map",)  # the API's, not the page's: run after /ready, with the other plans


def run_page_flow(graph: Graph, settings: Settings, report: WarmReport, later: bool = False) -> None:
    """The page's first clicks on real ids (the first open deal and its account), results thrown away;
    `later`: the steps of LATER_STEPS instead."""
    from app.services.account_graph import account_graph
    from app.services.decision_chain import decision_chain
    from app.services.gaps import gaps
    from app.services.reach import reach
    from app.services.relationship_map import relationship_map
    from app.services.win_rate import win_rate

    started = time.perf_counter()
    row = graph.read_one("warm_up_sample")
    report.took["page:sample"] = time.perf_counter() - started
    if row is None or row["opportunity"] is None:
        return
    steps = [
        ("account_graph", lambda: account_graph(graph, settings, row["account"])),
        ("relationship_map", lambda: relationship_map(graph, settings, row["account"])),
        ("decision_chain", lambda: decision_chain(graph, settings, row["opportunity"])),
        ("win_rate", lambda: win_rate(graph, settings, row["opportunity"])),
        ("gaps", lambda: gaps(graph, settings, row["opportunity"])),
    ]
    if row["contact"] is not None:
        steps.append(("reach", lambda: reach(graph, settings, row["contact"])))
    steps.append(("render_views", lambda: _render_views(graph, settings, row)))
    for name, work in [(name, work) for name, work in steps if (name in LATER_STEPS) == later]:
        started = time.perf_counter()
        try:
            work()
            report.ran.append(name)
        except DatabaseUnavailable:
            raise
        except BrmError as exc:  # "page:" keeps a page step apart from the named query of the same name
            report.failed[f"page:{name}"] = exc.message
        except Exception as exc:  # noqa: BLE001 - e.g. a timeout on a loaded machine: report, go on
            report.failed[f"page:{name}"] = str(exc).splitlines()[0][:200]
        report.took[f"page:{name}"] = time.perf_counter() - started


def _render_views(graph: Graph, settings: Settings, row: dict[str, Any]) -> None:
    """The page's HTML views once, as their routes build them (pyvis templates, matplotlib; the account map
    through its light read and fold, the same query and parameter types as the page's light side call):
    the first deal view measured 8.5 s after a plans-only warm-up against 0.7 s for the second
    (benchmarks/first_request.py)."""
    from app.viz import sources
    from app.viz.account_map import render_account_map
    from app.viz.config import get_viz_settings
    from app.viz.deal_view import render_deal_view
    from app.viz.map_read import drawn_account_map

    data = sources.deal_data(graph, settings, row["opportunity"])
    render_deal_view(data["chain"], data["gaps"], data["win_rate"], "en")
    viz = get_viz_settings()
    drawn = drawn_account_map(graph, settings, viz, row["account"], expanded=set())
    render_account_map(drawn, "en", viz, set(), None)


def warm_first_clicks(graph: Graph, settings: Settings, report: WarmReport) -> None:
    """What /ready waits for: the page flow (real types), then the plans of the page's other first calls."""
    started = time.perf_counter()
    run_page_flow(graph, settings, report)
    plan_all(graph, settings, report, only=FIRST_CLICKS)
    report.first_clicks_seconds = time.perf_counter() - started


def warm_everything(graph: Graph, settings: Settings, report: WarmReport, workers: int = 2,
                    stop: threading.Event | None = None) -> None:
    """Both passes side by side on `workers` sessions: the page flow on one, the plans on the others
    (and on its session once it is done), FIRST_CLICKS first. Stops early when `stop` is set."""
    stop = stop or threading.Event()

    def page_flow() -> None:
        run_page_flow(graph, settings, report)
        run_page_flow(graph, settings, report, later=True)

    def plan(name: str, text: str) -> None:
        if not stop.is_set():
            plan_one(graph, name, text, report)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="brm-warm") as pool:
        futures: list[Future[None]] = [pool.submit(page_flow)]
        futures += [pool.submit(plan, name, text) for name, text in to_plan(settings, report)]
        for future in futures:
            future.result()  # re-raises DatabaseUnavailable: the warm-up stops, /ready stays 503
    report.first_clicks_seconds = report.seconds = time.perf_counter() - started


def warm_up(graph: Graph, settings: Settings) -> WarmReport:
    """The whole warm-up in this thread's time (tests, benchmarks): what /ready waits for by default."""
    report = WarmReport()
    warm_everything(graph, settings, report, settings.warm_up_workers)
    return report


BACKGROUND_PAUSE = 1.0  # after /ready, sleep as long as each plan took: at most half a core for planning


class WarmUp:
    """Runs the warm-up once per Neo4j start in a background thread; /ready waits for it (bounded per
    request): for all of it, or (WARM_UP_READY=first_clicks) for its first clicks, the other plans then
    following in the same thread.

    `invalidate` (called when Neo4j is found down) makes the next `ensure` warm again, so a Neo4j that
    comes back is warmed before /ready answers 200 again.
    """

    def __init__(self, graph: Graph, settings: Settings, routes: Callable[[], object] | None = None) -> None:
        self.graph, self.settings = graph, settings
        # FastAPI builds its per-route state (validators of every route of a router) on the first request
        # that reaches the router; `app.openapi` builds it all, here rather than in a person's first click
        self.routes = routes
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.report: WarmReport | None = None

    def _run(self) -> None:
        try:
            report = self.report = WarmReport()
            started = time.perf_counter()
            if self.routes is not None:
                try:
                    self.routes()
                except Exception as exc:  # noqa: BLE001 - the routes then build on first use, as without it
                    report.failed["page:routes"] = str(exc).splitlines()[0][:200]
                report.took["page:routes"] = time.perf_counter() - started
            if self.settings.warm_up_ready == "all":  # /ready: 200 once every plan is made
                warm_everything(self.graph, self.settings, report, self.settings.warm_up_workers, self._stopping)
                report.seconds = time.perf_counter() - started
                if not self._stopping.is_set():
                    self._done.set()
                log.info("warm-up done: %s", report.as_dict())
                return
            warm_first_clicks(self.graph, self.settings, report)
            self._done.set()  # /ready: 200 from here; the other plans follow, giving way to requests
            log.info("warm-up: first clicks ready in %.1f s", report.first_clicks_seconds)
            run_page_flow(self.graph, self.settings, report, later=True)
            plan_all(self.graph, self.settings, report, pause=BACKGROUND_PAUSE, stop=self._stopping)
            report.seconds = time.perf_counter() - started
            log.info("warm-up done: %s", report.as_dict())
        except DatabaseUnavailable as exc:
            log.warning("warm-up stopped, Neo4j unavailable: %s", exc.message)

    def ensure(self) -> None:
        """Start a warm-up unless one is running or done."""
        with self._lock:
            if self._done.is_set() or (self._thread is not None and self._thread.is_alive()):
                return
            self._thread = threading.Thread(target=self._run, name="brm-warm-up", daemon=True)
            self._thread.start()

    def invalidate(self) -> None:
        self._done.clear()

    def stop(self, timeout_s: float) -> None:
        """At shutdown, before the driver closes: no new plan starts, and the one running may finish (bounded)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def wait(self, timeout_s: float) -> bool:
        return self._done.wait(timeout_s)
