"""Imports as background jobs (`POST /import?async=true`): 202 at once, progress and the final report
at `GET /imports/{id}`, so a ten-minute import does not hold an HTTP request open.

Jobs live in the API process (a restart forgets them; the import itself is still all-or-nothing,
docs/imports.md). One thread per job; the import lock lets one write at a time, so a second job
waits its turn at the lock or fails with 409 like a second synchronous import.
"""
from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.errors import BrmError

KEEP = 100  # finished jobs remembered per process


@dataclass
class ImportJob:
    id: str
    state: str = "queued"            # queued, running, done, failed
    phase: str = "validating"        # validating, comparing, writing, switching
    rows_done: int = 0
    rows_total: int = 0
    elements: int = 0
    started: float = field(default_factory=time.time)
    finished: float | None = None
    report: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    def on_phase(self, phase: str, done: int, total: int, elements: int) -> None:
        self.phase, self.rows_done, self.rows_total, self.elements = phase, done, total, elements

    def as_dict(self) -> dict[str, Any]:
        elapsed = (self.finished or time.time()) - self.started
        return {"id": self.id, "state": self.state, "phase": self.phase,
                "progress": {"rows_done": self.rows_done, "rows_total": self.rows_total,
                             "elements_written": self.elements, "seconds": round(elapsed, 1),
                             "rows_per_s": round(self.rows_done / elapsed, 1) if elapsed > 0 else 0.0},
                "report": self.report, "error": self.error}


class ImportJobs:
    """The process's jobs, newest last; finished ones beyond KEEP are forgotten."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, ImportJob] = OrderedDict()
        self._lock = threading.Lock()

    def new(self) -> ImportJob:
        job = ImportJob(uuid.uuid4().hex)
        with self._lock:
            self._jobs[job.id] = job
            finished = [key for key, j in self._jobs.items() if j.finished is not None]
            for key in finished[:max(0, len(self._jobs) - KEEP)]:
                del self._jobs[key]
        return job

    def get(self, job_id: str) -> ImportJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, job: ImportJob, work: Callable[[], Any]) -> None:
        """Run `work` (returning an ImportReport) in a thread of its own, recording the outcome on `job`."""

        def run() -> None:
            job.state = "running"
            try:
                job.report = work().as_dict()
                job.state = "done"
            except BrmError as exc:
                job.error = {"error": type(exc).__name__, "message": exc.message,
                             **({"errors": exc.errors} if getattr(exc, "errors", None) else {})}
                job.state = "failed"
            except Exception as exc:  # reported on the job; the import rolled itself back
                job.error = {"error": type(exc).__name__, "message": str(exc)}
                job.state = "failed"
            finally:
                job.finished = time.time()

        threading.Thread(target=run, name=f"import-{job.id}", daemon=True).start()
