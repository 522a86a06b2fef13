"""Import jobs and import change lists (admin): `GET /imports/{id}` (a job started with
`POST /import?async=true`) and `GET /imports/{run}/changes` (what an import created and changed)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request

from app.api.deps import GraphDep
from app.api.routes.bundle import import_jobs
from app.core.errors import NotFound
from app.i18n import t
from app.models.imports import ImportJobOut
from app.services.import_audit import change_page

router = APIRouter(prefix="/imports", tags=["bundle"])
HEX_ID = r"^[0-9a-f]{32}$"


@router.get("/{job_id}", summary="An import job: state, phase, progress and (when done) the report or the error")
def get_import_job(request: Request,
                   job_id: str = Path(..., pattern=HEX_ID, description="job id")) -> ImportJobOut:
    job = import_jobs(request).get(job_id)
    if job is None:
        raise NotFound(t("imports.job_not_found", id=job_id))
    answer = job.as_dict()
    if job.report and job.report.get("run"):
        answer["changes"] = f"/imports/{job.report['run']}/changes"
    return ImportJobOut.model_validate(answer)


@router.get("/{run}/changes", summary="One page of what an import created and changed, with previous values")
def get_import_changes(graph: GraphDep, run: str = Path(..., pattern=HEX_ID, description="import run id"),
                       offset: int = Query(0, ge=0, le=100_000_000),
                       limit: int = Query(100, ge=1, le=1000)) -> dict[str, Any]:
    """Items `{key, id, change: created|changed, previous}` in write order; `previous` is the row as it was."""
    return {"run": run, "offset": offset, "limit": limit, "items": change_page(graph, run, offset, limit)}
