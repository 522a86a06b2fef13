"""POST /import (a JSON bundle, a zip of CSV files, or a multipart upload of either) and GET /export."""
from __future__ import annotations

from functools import partial
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from app.api.auth import PrincipalDep
from app.api.deps import GraphDep, SettingsDep
from app.api.errors import ErrorBody
from app.core.errors import InvalidInput
from app.i18n import negotiate
from app.ingest.crm_import import import_crm_upload
from app.ingest.crm_status import sources_state
from app.models.imports import ImportJobOut
from app.services.bundle_sources import import_csv, import_zip, parse_json
from app.services.import_errors import with_summary
from app.services.export import export_bundle
from app.services.import_audit import ImportAudit
from app.services.import_jobs import ImportJobs
from app.services.importer import error_item, import_bundle

router = APIRouter(tags=["bundle"])
ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}
IMPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "the import report: rows per key, nodes/relationships created"},
    202: {"description": "with `async=true`: the import runs as a job; poll `GET /imports/{id}` (Location)",
          "model": ImportJobOut},
    413: {"description": "the body, or what its zip expands to, is over a limit (ARCHIVE_*, MAX_BODY_BYTES)",
          "model": ErrorBody},
    422: {"description": "rejected whole, nothing written: `summary` (problem kind × key × field with counts, the "
                         "total and did-you-mean hints) and `errors`, the first rows of each kind as "
                         "{key, row, field, message, value?}", "model": ErrorBody},
}


@router.post("/import", responses=IMPORT_RESPONSES, summary="Import a bundle (all-or-nothing upsert by id)")
async def post_import(request: Request, graph: GraphDep, settings: SettingsDep, principal: PrincipalDep,
                      dry_run: Annotated[bool, Query(description="validate only, write nothing")] = False,
                      run_async: Annotated[bool, Query(alias="async", description=(
                          "run as a job: 202 at once, progress and report at GET /imports/{id}"))] = False,
                      source: Annotated[str | None, Query(description="a CRM export: salesforce or hubspot "
                                                          "(docs/crm.md); body: its zip, or multipart with its "
                                                          "zip or CSV files and optionally a .toml mapping")] = None,
                      prune: Annotated[bool, Query(description="with source: remove what came from this CRM "
                                                   "but is not in this export (dry_run shows it)")] = False,
                      ) -> Any:
    """JSON body (application/json), a zip of CSV files (application/zip), or multipart/form-data with
    one .json or .zip file, or several .csv files (one per bundle key)."""
    try:
        return await _import(request, graph, settings, principal, dry_run, run_async, source, prune)
    except InvalidInput as exc:
        raise with_summary(exc) from None


async def _import(request: Request, graph: Any, settings: Any, principal: Any, dry_run: bool, run_async: bool,
                  source: str | None, prune: bool) -> Any:
    options: dict[str, Any] = {"dry_run": dry_run, "timeout_s": settings.neo4j_import_timeout_s,
                               "batch_size": settings.import_batch_rows, "audit": ImportAudit(principal, "api"),
                               "tie_settings": settings}  # issue 13: imported activities update derived ties
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if source is not None:  # a CRM export answers its own report (with the source's notes), synchronously
        return await _import_crm(request, graph, content_type, source, prune, options)
    job = import_jobs(request).new() if run_async else None
    if job is not None:
        options["on_phase"] = job.on_phase
    if content_type == "multipart/form-data":
        work = await _import_multipart(request, graph, options)
    elif content_type in ZIP_TYPES:
        data = await request.body()
        work = partial(import_zip, graph, data, **options)
    elif content_type in ("application/json", "text/json") or content_type.endswith("+json"):
        raw = parse_json(await request.body())
        work = partial(import_bundle, graph, raw, consume=True, **options)
    else:
        raise InvalidInput(f"unsupported content type {content_type!r}", [error_item(
            None, None, None, "send application/json, application/zip or multipart/form-data")])
    if job is not None:
        import_jobs(request).start(job, work)
        return JSONResponse(job.as_dict(), status_code=202, headers={"Location": f"/imports/{job.id}"})
    report = await run_in_threadpool(work)
    return report.as_dict()


def import_jobs(request: Request) -> ImportJobs:
    """The process's import jobs (app.services.import_jobs), made on first use."""
    jobs = getattr(request.app.state, "import_jobs", None)
    if jobs is None:
        jobs = request.app.state.import_jobs = ImportJobs()
    return jobs


async def _import_crm(request: Request, graph: Any, content_type: str, source: str, prune: bool,
                      options: dict[str, Any]) -> dict[str, Any]:
    """`?source=`: the CRM's export zip as the body, or multipart (zip or CSV files, optional .toml mapping)."""
    lang = negotiate(request.query_params.get("lang"), request.headers.get("accept-language"))
    if content_type == "multipart/form-data":
        form = await request.form()
        parts: list[tuple[str, bytes]] = []
        for name, value in form.multi_items():
            if name == "mapping":  # the mapping to lay over the default: a file or a text field
                parts.append(("mapping.toml", value.encode() if isinstance(value, str) else await value.read()))
            elif isinstance(value, UploadFile):
                parts.append((PurePath(value.filename or name).name, await value.read()))
    elif content_type in ZIP_TYPES:
        parts = [("export.zip", await request.body())]
    else:
        raise InvalidInput(f"unsupported content type {content_type!r} for source={source}", [error_item(
            None, None, None, "send the export's zip (application/zip) or multipart/form-data")])
    return await run_in_threadpool(import_crm_upload, graph, source, parts, prune=prune, lang=lang, **options)


async def _import_multipart(request: Request, graph: Any, options: dict[str, Any]) -> Any:
    form = await request.form()
    uploads = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
    if not uploads:
        raise InvalidInput("no file in the upload", [error_item(None, None, None, "attach a .json, .zip or .csv file")])
    named = [(PurePath(upload.filename or "").name, await upload.read()) for upload in uploads]
    suffixes = {PurePath(name).suffix.lower() for name, _ in named}
    if suffixes == {".csv"}:
        files: dict[str, str] = {}
        for name, data in named:
            files.update(_csv_upload(name, data))
        return partial(import_csv, graph, files, **options)
    if len(named) == 1 and suffixes == {".zip"}:
        return partial(import_zip, graph, named[0][1], **options)
    if len(named) == 1 and suffixes == {".json"}:
        return partial(import_bundle, graph, parse_json(named[0][1]), consume=True, **options)
    raise InvalidInput("upload one .json file, one .zip of CSV files, or .csv files",
                       [error_item(None, None, None, f"got: {', '.join(name for name, _ in named)}")])


def _csv_upload(name: str, data: bytes) -> dict[str, str]:
    """One uploaded CSV file as `{stem: text}`."""
    try:
        return {PurePath(name).stem: data.decode("utf-8-sig")}
    except UnicodeDecodeError:
        raise InvalidInput("CSV files must be UTF-8", [error_item(PurePath(name).stem, None, None, "not UTF-8")]) from None


@router.get("/sources", summary="What came from each CRM, what a CRM cannot give (ties, features), and what to do next")
def get_sources(graph: GraphDep, lang: Annotated[str | None, Query(description="en or zh")] = None,
                accept_language: Annotated[str | None, Header(include_in_schema=False)] = None) -> dict[str, Any]:
    return sources_state(graph, negotiate(lang, accept_language))


@router.get("/export", summary="The whole graph as a bundle that imports back as the same graph")
def get_export(graph: GraphDep, settings: SettingsDep) -> dict[str, Any]:
    return export_bundle(graph, timeout_s=settings.neo4j_import_timeout_s)
