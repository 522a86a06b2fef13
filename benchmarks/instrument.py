"""Database time next to driver (wall) time, without touching the services: a recording driver proxy.

`Graph` takes its driver by injection, so wrapping the driver sees every query a
service runs (execute_query, and tx.run inside read/write transactions), reads the
result summary's `result_available_after + result_consumed_after` (server time) and
names the query by looking its text up among the named queries.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, Query

from app.db.queries import _load_all
from app.core.config import Settings


@dataclass
class QueryTime:
    name: str
    db_ms: float
    wall_ms: float
    params: dict[str, Any] | None = None  # kept so a slow call can be replayed under PROFILE


@dataclass
class Recorder:
    """Collects QueryTime entries; `take()` hands them over and starts afresh (one measurement = one take)."""

    names: dict[str, str]
    entries: list[QueryTime] = field(default_factory=list)
    enabled: bool = True

    def name_of(self, text: str) -> str:
        return self.names.get(text, "<unnamed>")

    def add(self, text: str, summary: Any, wall_ms: float, params: dict[str, Any] | None = None) -> None:
        if not self.enabled or summary is None:
            return
        db = (summary.result_available_after or 0) + (summary.result_consumed_after or 0)
        self.entries.append(QueryTime(self.name_of(text), float(db), wall_ms, params))

    def take(self) -> list[QueryTime]:
        out, self.entries = self.entries, []
        return out


def recorder_for(settings: Settings) -> Recorder:
    return Recorder({text: name for name, text in _load_all(settings.cypher_dir).items()})


def _text(query: Any) -> str:
    return query.text if isinstance(query, Query) else str(query)


class RecordingResult:
    """Iterates like a Result and records the summary once the records are exhausted or consumed."""

    def __init__(self, result: Any, text: str, recorder: Recorder, started: float,
                 on_summary: Callable[[Any], None] | None = None) -> None:
        self._result, self._text, self._rec, self._started = result, text, recorder, started
        self._on_summary = on_summary
        self._done = False

    def _finish(self) -> Any:
        summary = self._result.consume()
        if not self._done:
            self._done = True
            self._rec.add(self._text, summary, (time.perf_counter() - self._started) * 1000)
            if self._on_summary is not None:
                self._on_summary(summary)
        return summary

    def __iter__(self) -> Iterator[Any]:
        yield from self._result
        self._finish()

    def consume(self) -> Any:
        return self._finish()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._result, name)


class RecordingTx:
    def __init__(self, tx: Any, recorder: Recorder) -> None:
        self._tx, self._rec = tx, recorder

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> RecordingResult:
        started = time.perf_counter()
        return RecordingResult(self._tx.run(query, parameters, **kwargs), _text(query), self._rec, started)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


TxFactory = Callable[[Any, Recorder], Any]


class RecordingSession:
    def __init__(self, session: Any, recorder: Recorder, tx_factory: TxFactory | None = None) -> None:
        self._session, self._rec = session, recorder
        self._tx_factory = tx_factory or RecordingTx

    def _wrap(self, work: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(work)  # keeps unit_of_work's timeout/metadata attributes
        def wrapped(tx: Any, *args: Any, **kwargs: Any) -> Any:
            return work(self._tx_factory(tx, self._rec), *args, **kwargs)
        return wrapped

    def execute_read(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._session.execute_read(self._wrap(work), *args, **kwargs)

    def execute_write(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self._session.execute_write(self._wrap(work), *args, **kwargs)

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> RecordingResult:
        started = time.perf_counter()
        return RecordingResult(self._session.run(query, parameters, **kwargs), _text(query), self._rec, started)

    def __enter__(self) -> "RecordingSession":
        self._session.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._session.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class RecordingDriver:
    """Drop-in for the neo4j Driver that Graph uses; everything else is delegated untouched."""

    def __init__(self, driver: Driver, recorder: Recorder, tx_factory: TxFactory | None = None) -> None:
        self._driver, self.recorder, self._tx_factory = driver, recorder, tx_factory

    def execute_query(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        result = self._driver.execute_query(query, *args, **kwargs)
        params = kwargs.get("parameters_") or (args[0] if args else None)
        self.recorder.add(_text(query), result[1], (time.perf_counter() - started) * 1000, params)
        return result

    def session(self, *args: Any, **kwargs: Any) -> RecordingSession:
        return RecordingSession(self._driver.session(*args, **kwargs), self.recorder, self._tx_factory)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)
