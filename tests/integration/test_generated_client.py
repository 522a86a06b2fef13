"""A Python client generated from /openapi.json by openapi-python-client calls every operation (issue 19).

The generator must drop no schema and skip no endpoint; then each of the 109 operations is called
through the generated code against the real app and Neo4j (mini bundle loaded, admin key), in an
order that keeps the data each call needs, and each answer must parse into the model the spec names
for it (not None, not the error body). Bodies come from the mini bundle's rows (tests/data) or from
the generated client's own earlier answers, so the client's models are exercised both ways.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.main import create_app
from app.services.importer import import_bundle

PACKAGE = "brm_client"
# The generator cannot parse these parts: binary images and a raw zip body. Any other warning fails.
ACCEPTED_WARNINGS = ("Unsupported content_type image/png", "Unsupported content type application/zip")
# Endpoints that read a raw body (iCalendar, mbox): the generated function sends none, so a clear
# 4xx in the error shape is the answer to check.
RAW_BODY = {"post_capture_calendar", "post_capture_mail"}
# Binary/HTML/CSV answers: the generated client returns bytes, nothing to parse.
NOT_JSON = {"account_map", "deal_view", "reach_view", "deal_view_from_json", "reach_view_from_json",
            "get_account_trend_chart", "get_opportunity_trend_chart", "get_curve_chart", "get_alerts_html",
            "get_weekly_review_csv", "get_weekly_review_html", "get_export", "health", "ready", "logout"}
MAY_BE_NULL = {"current_session"}  # null when the caller signed in with an API key, not a session


def generator_output(spec: dict[str, Any], out: Path) -> str:
    spec_file = out / "openapi.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    tool = Path(sys.executable).with_name("openapi-python-client")
    done = subprocess.run([str(tool), "generate", "--path", str(spec_file), "--meta", "none",
                           "--output-path", str(out / PACKAGE)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("client")
    spec = create_app().openapi()
    output = generator_output(spec, out)
    problems = [line for line in output.splitlines()
                if any(word in line for word in ("Unable to", "removal of", "will not be generated", "Cannot parse"))
                and not any(ok in line for ok in ACCEPTED_WARNINGS)]
    assert problems == [], output
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def operations(package: ModuleType) -> dict[str, ModuleType]:
    api = importlib.import_module(PACKAGE + ".api")
    found = {}
    for info in pkgutil.walk_packages(api.__path__, api.__name__ + "."):
        module = importlib.import_module(info.name)
        if hasattr(module, "sync_detailed"):
            found[info.name.rsplit(".", 1)[1]] = module
    return found


def model(name: str) -> Any:
    return getattr(importlib.import_module(PACKAGE + ".models"), name)


def row(bundle: dict[str, Any], key: str, drop: tuple[str, ...], **match: Any) -> dict[str, Any]:
    """One bundle row (the first matching), without the fields the URL carries."""
    found = next(r for r in bundle[key] if all(r.get(k) == v for k, v in match.items()))
    return {k: v for k, v in found.items() if k not in drop}


def test_the_generated_client_calls_every_operation(generated: ModuleType, client: TestClient, graph: Graph,
                                                    mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    spec = client.app.openapi()
    spec_ids = {op["operationId"] for item in spec["paths"].values() for op in item.values()}
    ops = operations(generated)
    assert set(ops) == spec_ids  # every operation has its function

    api = generated.AuthenticatedClient(base_url=str(client.base_url), token=client.headers["X-API-Key"],
                                        prefix="", auth_header_name="X-API-Key")
    api.set_httpx_client(client)
    answers: dict[str, Any] = {}
    called: list[str] = []

    failures: list[str] = []

    def call(name: str, **kwargs: Any) -> Any:
        """One operation through the generated code; a failure is noted and the run goes on (all are shown)."""
        try:
            response = ops[name].sync_detailed(client=api, **kwargs)
        except Exception as exc:  # noqa: BLE001 - e.g. the generated parser refusing an answer
            failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:300]}")
            return None
        called.append(name)
        parsed = response.parsed
        if name in RAW_BODY:
            ok = 400 <= response.status_code < 500 and isinstance(parsed, model("ErrorBody"))
        else:
            ok = 200 <= response.status_code < 300 and (name in NOT_JSON or name in MAY_BE_NULL or (
                response.status_code == 204 and not response.content) or (
                parsed is not None and not isinstance(parsed, model("ErrorBody"))))
        if not ok:
            failures.append(f"{name}: {response.status_code} {response.content[:300]!r}")
        answers[name] = parsed
        print("FAILED" if not ok else "ok", name, "" if ok else failures[-1])  # shown when the test fails
        return parsed

    b = mini_bundle
    fmt = lambda enum: getattr(model(enum), "SVG")  # noqa: E731 - the chart format enums' svg member

    # reads: every GET, on the mini bundle's ids
    reads: list[tuple[str, dict[str, Any]]] = [
        ("health", {}), ("ready", {}), ("me", {}), ("my_work_route", {}), ("current_session", {}),
        ("list_accounts", {}), ("list_departments", {}), ("list_contacts", {}), ("list_employees", {}),
        ("list_circles", {}), ("list_opportunities", {}), ("list_competitors", {}), ("list_activities", {}),
        ("get_account", {"entity_id": "acc-nw"}), ("get_department", {"entity_id": "d-exec"}),
        ("get_contact", {"entity_id": "c-cfo"}), ("get_employee", {"entity_id": "e-amy"}),
        ("get_circle", {"entity_id": "circ-old-guard"}), ("get_opportunity", {"entity_id": "o-wms"}),
        ("get_competitor", {"entity_id": "k-rival"}), ("get_activity", {"entity_id": "a-1"}),
        ("get_contact_reports_to", {"entity_id": "c-cfo", "other_id": "c-ceo"}),
        ("get_contact_influences", {"entity_id": "c-board", "other_id": "c-ceo"}),
        ("get_circle_members", {"entity_id": "circ-old-guard", "other_id": "c-ceo"}),
        ("get_opportunity_roles", {"entity_id": "o-wms", "other_id": "c-ceo"}),
        ("get_opportunity_competitors", {"entity_id": "o-wms", "other_id": "k-rival"}),
        ("get_reach", {"contact_id": "c-cfo"}), ("get_decision_chain", {"opportunity_id": "o-wms"}),
        ("get_win_rate", {"opportunity_id": "o-wms"}), ("get_gaps", {"opportunity_id": "o-wms"}),
        ("get_relationship_map", {"account_id": "acc-nw"}), ("get_account_degrees", {"account_id": "acc-nw"}),
        ("get_account_scores", {}), ("get_org_chart", {"account_id": "acc-nw"}),
        ("get_account_trend", {"account_id": "acc-nw"}), ("get_opportunity_trend", {"opportunity_id": "o-wms"}),
        ("get_account_trend_chart", {"account_id": "acc-nw", "fmt": fmt("GetAccountTrendChartFmt")}),
        ("get_opportunity_trend_chart", {"opportunity_id": "o-wms", "fmt": fmt("GetOpportunityTrendChartFmt")}),
        ("get_curve", {"opportunity_id": "o-wms"}),
        ("get_curve_chart", {"opportunity_id": "o-wms", "fmt": fmt("GetCurveChartFmt")}),
        ("get_tie", {"employee_id": "e-amy", "contact_id": "c-itmgr"}),
        ("get_departure_risk", {}), ("get_departure_impact", {"employee_id": "e-amy"}),
        ("get_customer_departure_risk", {}), ("get_levels", {}), ("get_level", {"employee_id": "e-amy"}),
        ("get_coverage", {}), ("get_account_operations", {"employee_id": "e-amy"}),
        ("get_alerts", {}), ("get_alerts_html", {}), ("get_weekly_review", {}), ("get_weekly_review_csv", {}),
        ("get_weekly_review_html", {}), ("get_audit", {}), ("get_keys", {}), ("get_users", {}),
        ("contact_personal_data", {"entity_id": "c-cfo"}), ("employee_personal_data", {"entity_id": "e-amy"}),
        ("account_map", {"account_id": "acc-nw"}), ("account_map_data", {"account_id": "acc-nw"}),
        ("deal_view", {"opportunity_id": "o-wms"}), ("reach_view", {"contact_id": "c-cfo"}),
        ("get_export", {}), ("get_sources", {}),
    ]
    for name, kwargs in reads:
        call(name, **kwargs)

    # the page's render-from-JSON posts, fed the client's own answers
    reach = answers["get_reach"].to_dict()
    call("reach_view_from_json", contact_id="c-cfo",
         body=model("ReachIn").from_dict({k: reach[k] for k in ("target", "paths")}))
    call("deal_view_from_json", opportunity_id="o-wms", body=model("DealViewFromJsonBody").from_dict({
        "chain": answers["get_decision_chain"].to_dict(), "gaps": answers["get_gaps"].to_dict(),
        "win_rate": answers["get_win_rate"].to_dict()}))

    # writes: each PUT with its bundle row (the URL carries the ids)
    writes: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
        ("put_account", "AccountIn", {"entity_id": "acc-nw"}, row(b, "accounts", ("id",))),
        ("put_department", "DepartmentIn", {"entity_id": "d-exec"},
         row(b, "departments", ("id",), id="d-exec") | {"name": "Executive office (renamed)"}),
        ("put_contact", "EntitiesContactIn", {"entity_id": "c-cfo"}, row(b, "contacts", ("id",), id="c-cfo")),
        ("put_employee", "EmployeeIn", {"entity_id": "e-amy"}, row(b, "employees", ("id",), id="e-amy")),
        ("put_circle", "CircleIn", {"entity_id": "circ-old-guard"},
         row(b, "circles", ("id", "members"), id="circ-old-guard")),
        ("put_opportunity", "EntitiesOpportunityIn", {"entity_id": "o-wms"},
         row(b, "opportunities", ("id",), id="o-wms")),
        ("put_competitor", "EntitiesCompetitorIn", {"entity_id": "k-rival"},
         row(b, "competitors", ("id", "opportunities"), id="k-rival")),
        ("put_activity", "ActivityIn", {"entity_id": "a-1"}, row(b, "activities", ("id",), id="a-1")),
        ("put_contact_reports_to", "ReportsToIn", {"entity_id": "c-cfo", "other_id": "c-ceo"},
         row(b, "reports_to", ("from", "to"), **{"from": "c-cfo", "to": "c-ceo"})),
        ("put_contact_influences", "InfluenceIn", {"entity_id": "c-board", "other_id": "c-ceo"},
         row(b, "influences", ("from", "to"), **{"from": "c-board", "to": "c-ceo"})),
        ("put_employee_knows", "KnowsIn", {"entity_id": "e-amy", "other_id": "c-itmgr"},
         row(b, "knows", ("employee", "contact"), employee="e-amy", contact="c-itmgr")),
        ("put_circle_members", "MembershipIn", {"entity_id": "circ-old-guard", "other_id": "c-ceo"},
         {"role": "leader"}),
        ("put_opportunity_roles", "RoleIn", {"entity_id": "o-wms", "other_id": "c-ceo"},
         row(b, "roles", ("opportunity", "contact"), opportunity="o-wms", contact="c-ceo")),
        ("put_opportunity_competitors", "CompetesIn", {"entity_id": "o-wms", "other_id": "k-rival"},
         {k: v for k, v in row(b, "competitors", (), id="k-rival")["opportunities"][0].items() if k != "opportunity"}),
        ("put_coaching_note", "CoachingNoteIn", {"week": "2026-W48", "opportunity_id": "o-wms"},
         {"text": "call the CFO before the board meets"}),
    ]
    for name, body_model, kwargs, body in writes:
        call(name, body=model(body_model).from_dict(body), **kwargs)

    entry = call("get_audit", entity="Department", id="d-exec")[0]  # the rename just made
    call("post_undo", entry_id=entry["id"])  # audit entries are free-form maps in the spec

    # imports: a dry run, then an async job with its status and its changes
    bundle_model = model("Bundle")
    call("post_import", body=bundle_model.from_dict(b), dry_run=True)
    changed = {**b, "accounts": [{**b["accounts"][0], "revenue": b["accounts"][0]["revenue"] + 1}]}
    job = call("post_import", body=bundle_model.from_dict(changed), async_=True)  # one change: a run to list
    status = call("get_import_job", job_id=job.id)
    for _ in range(600):  # the job runs in the server's thread: wait for its end (≤ 2 min)
        if status is None or status.state in ("done", "failed"):
            break
        time.sleep(0.2)
        status = call("get_import_job", job_id=job.id)
    assert status is not None and status.state == "done", failures
    run = status.to_dict()["report"]["run"]
    call("get_import_changes", run=run)

    # ties, capture (raw bodies), keys, users, sign-in, undo
    call("post_ties_recompute")
    call("post_capture_calendar")
    call("post_capture_mail")
    key = call("post_key", body=model("KeyCreate").from_dict({"name": "generated-client", "role": "viewer"}))
    call("delete_key", key=key.to_dict()["name"])
    call("post_user", body=model("UserCreate").from_dict(
        {"username": "gen-client", "password": "a long enough passphrase 1", "role": "editor"}))
    call("post_password", username="gen-client", body=model("PasswordReset").from_dict(
        {"password": "another long passphrase 2"}))
    call("login", body=model("LoginIn").from_dict({"username": "gen-client", "password": "another long passphrase 2"}))
    call("logout")
    call("post_disable", username="gen-client")

    # deletes: links first, then the nodes (cascade where other rows depend on them)
    deletes: list[tuple[str, dict[str, Any]]] = [
        ("delete_contact_reports_to", {"entity_id": "c-cfo", "other_id": "c-ceo"}),
        ("delete_contact_influences", {"entity_id": "c-board", "other_id": "c-ceo"}),
        ("delete_employee_knows", {"entity_id": "e-amy", "other_id": "c-itmgr"}),
        ("delete_circle_members", {"entity_id": "circ-old-guard", "other_id": "c-ceo"}),
        ("delete_opportunity_roles", {"entity_id": "o-wms", "other_id": "c-ceo"}),
        ("delete_opportunity_competitors", {"entity_id": "o-wms", "other_id": "k-rival"}),
        ("delete_activity", {"entity_id": "a-1"}), ("delete_competitor", {"entity_id": "k-rival", "cascade": True}),
        ("delete_circle", {"entity_id": "circ-old-guard", "cascade": True}),
        ("delete_opportunity", {"entity_id": "o-wms", "cascade": True}),
        ("delete_contact", {"entity_id": "c-board", "cascade": True}),
        ("delete_employee", {"entity_id": "e-amy", "cascade": True}),
        ("delete_department", {"entity_id": "d-exec", "cascade": True}),
        ("delete_account", {"entity_id": "acc-nw", "cascade": True}),
    ]
    for name, kwargs in deletes:
        call(name, **kwargs)

    assert failures == [], "\n".join(failures)
    assert set(called) == set(ops), sorted(set(ops) - set(called))
