"""The one gateway between the service and Neo4j.

Every query runs by name (see app.db.queries), with a transaction timeout, in the
configured database; reads are routed as reads so a cluster can serve them from
followers. Driver errors that mean "the database is not there" become
DatabaseUnavailable here, once, instead of in every caller.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import (
    Driver, GraphDatabase, ManagedTransaction, NotificationDisabledClassification, Query, unit_of_work,
)
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from app.core.config import Settings
from app.core.errors import DatabaseUnavailable, QueryLimitExceeded
from app.db.import_gate import OUTSIDE_IMPORTS, gated, wait_through
from app.db.queries import query
from app.i18n import t

T = TypeVar("T")
UNAVAILABLE = (ServiceUnavailable, SessionExpired)


def create_driver(settings: Settings) -> Driver:
    """One driver per process: the lifespan (API) or a `with` block (CLI) owns it."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=settings.neo4j_connect_timeout_s,
        connection_acquisition_timeout=settings.neo4j_connect_timeout_s * 2,
        max_transaction_retry_time=settings.neo4j_max_retry_s,
        # "property key does not exist" is normal for optional properties nobody has set yet
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
    )


def limit_error(exc: Neo4jError) -> QueryLimitExceeded | None:
    """Issue 15: a query stopped by a memory or time limit of its own, while the database is fine."""
    code = exc.code or ""
    if "MemoryPoolOutOfMemory" in code or "TransactionMemoryLimit" in code:
        limit = "db.memory.transaction.max"
        return QueryLimitExceeded(t("scale.limit_memory", limit=limit), limit=limit)
    if "TransactionTimedOut" in code:
        limit = "NEO4J_QUERY_TIMEOUT_S"
        return QueryLimitExceeded(t("scale.limit_time", limit=limit), limit=limit, status_code=504)
    return None


def stop_retrying_on_limits(work: Callable[[ManagedTransaction], T]) -> Callable[[ManagedTransaction], T]:
    """A transaction function that turns limit errors into QueryLimitExceeded at once: the driver would
    otherwise retry a memory error (a TransientError) for NEO4J_MAX_RETRY_S, and it would fail every time."""
    def run(tx: ManagedTransaction) -> T:
        try:
            return work(tx)
        except Neo4jError as exc:
            limit = limit_error(exc)
            if limit is not None:
                raise limit from exc
            raise
    return run


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn 'database not reachable / not accepting us' into DatabaseUnavailable with a reason."""
    try:
        yield
    except AuthError as exc:
        raise DatabaseUnavailable(f"Neo4j refused the configured credentials: {exc.message}") from exc
    except UNAVAILABLE as exc:
        raise DatabaseUnavailable(f"Neo4j is not reachable: {exc}") from exc
    except Neo4jError as exc:
        limit = limit_error(exc)  # a query that hit a limit: not "unavailable", and no use retrying
        if limit is not None:
            raise limit from exc
        if isinstance(exc, TransientError):  # still failing after the driver's retries
            raise DatabaseUnavailable(f"Neo4j is busy, try again: {exc.message}") from exc
        raise
    except DriverError as exc:
        raise DatabaseUnavailable(f"Neo4j driver error: {exc}") from exc


class Graph:
    """Runs named queries against one database with one driver (injected, never created here).

    Every transaction first passes the import gate (app.db.import_gate): while a big import writes,
    calls wait for it (up to `gate_wait_s`), so nobody reads or writes half an import.
    """

    gate_wait_s: float = 30.0
    import_stale_s: float = 120.0

    def __init__(self, driver: Driver, database: str, timeout_s: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s

    @classmethod
    def from_settings(cls, driver: Driver, settings: Settings) -> "Graph":
        graph = cls(driver, settings.neo4j_database, settings.neo4j_query_timeout_s)
        graph.gate_wait_s, graph.import_stale_s = settings.import_gate_wait_s, settings.import_stale_s
        return graph

    def ping(self) -> None:
        """Fail fast (no retries) when Neo4j is down or refuses us: readiness and start-up use it."""
        with translate_errors():
            self.driver.verify_connectivity()

    def named(self, name: str) -> Query:
        return Query(query(name), timeout=self.timeout_s)

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named read query; rows as dicts. A query that hits a memory or time limit is not retried."""
        return self.read_transaction(lambda tx: Graph.run_in(tx, name, **params), gate=name not in OUTSIDE_IMPORTS)

    def read_one(self, name: str, /, **params: Any) -> dict[str, Any] | None:
        rows = self.read(name, **params)
        return rows[0] if rows else None

    def write(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named write query in its own (retried) transaction (which also bumps the graph version)."""
        return self.write_transaction(lambda tx: Graph.run_in(tx, name, **params))

    def write_transaction(self, work: Callable[[ManagedTransaction], T], timeout_s: float | None = None,
                          gate: bool = True) -> T:
        """Run several named queries in ONE transaction (all-or-nothing), retried on transient errors.

        The import gate (issue 16) is checked first: while a big import writes, the call waits outside
        any transaction. `gate=False` is for the importer's own batches, which run while it holds it.
        Then the transaction bumps the graph version (issue 15), so every write path, present or future,
        invalidates the caches keyed by it without having to remember to (app.services.view_cache).
        The bump comes before the work: the version node is the first lock every write takes, so no
        writer ever waits for it while holding another lock. (Bumped last, a writer holding a contact
        waited for the version held by one waiting, at commit, for that contact: a deadlock Neo4j did
        not break, found by tests/integration/test_concurrency.py.) Writes are serialised by it.
        """
        def versioned(tx: ManagedTransaction) -> T:
            tx.run(query("graph_version_bump")).consume()
            return work(tx)

        timed = unit_of_work(timeout=timeout_s or self.timeout_s)(
            stop_retrying_on_limits(gated(versioned) if gate else versioned))

        def run() -> T:
            with translate_errors(), self.driver.session(database=self.database) as session:
                return session.execute_write(timed)

        return wait_through(run, self.gate_wait_s, self._recover_dead_import, self.import_stale_s) if gate else run()

    def version_token(self) -> str | None:
        """The token of the last committed write through this gateway (None: no write yet, e.g. a wiped graph)."""
        row = self.read_one("graph_version")
        return row["token"] if row else None

    def read_transaction(self, work: Callable[[ManagedTransaction], T], timeout_s: float | None = None,
                         gate: bool = True) -> T:
        timed = unit_of_work(timeout=timeout_s or self.timeout_s)(stop_retrying_on_limits(gated(work) if gate else work))

        def run() -> T:
            with translate_errors(), self.driver.session(database=self.database,
                                                         default_access_mode="READ") as session:
                return session.execute_read(timed)

        return wait_through(run, self.gate_wait_s, self._recover_dead_import, self.import_stale_s) if gate else run()

    def _recover_dead_import(self, lock: dict[str, Any]) -> None:
        """An import silent for `import_stale_s` died (kill -9, lost database): roll it back, then go on."""
        from app.services.import_journal import recover  # the service layer owns the journal

        recover(self, stale_s=self.import_stale_s)

    @staticmethod
    def run_in(tx: ManagedTransaction, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named query inside a transaction handed to write_/read_transaction."""
        return [record.data() for record in tx.run(query(name), params)]


class TransactionGraph(Graph):
    """A Graph whose reads run inside one open read transaction: a service that needs several named
    reads (the decision chain needs three) pays one BEGIN/COMMIT and one session, not three."""

    def __init__(self, graph: Graph, tx: ManagedTransaction) -> None:
        super().__init__(graph.driver, graph.database, graph.timeout_s)
        self.tx = tx

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return Graph.run_in(self.tx, name, **params)

    def write(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        raise TypeError("a TransactionGraph only reads")


def in_one_read_transaction(graph: Graph, work: Callable[[Graph], T]) -> T:
    """Run `work` with a Graph whose reads share one read transaction (routed to a follower on a cluster)."""
    return graph.read_transaction(lambda tx: work(TransactionGraph(graph, tx)))
