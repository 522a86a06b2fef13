"""The shape of an import job (issue 16), so /openapi.json documents the 202 of `POST /import?async=true`
and `GET /imports/{id}` and a generated client parses them (issue 19)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ImportProgress(BaseModel):
    rows_done: int
    rows_total: int
    elements_written: int
    seconds: float
    rows_per_s: float


class ImportJobOut(BaseModel):
    id: str = Field(description="the job id: poll GET /imports/{id}")
    state: Literal["queued", "running", "done", "failed"]
    phase: str = Field(description="validating, comparing, writing or switching")
    progress: ImportProgress
    report: dict[str, Any] | None = Field(None, description="when done: the import report, as POST /import answers it")
    error: dict[str, Any] | None = Field(None, description="when failed: the error body {error, message, …}")
    changes: str | None = Field(None, description="when done: the URL of what the import created and changed")
