"""The warm-up before /ready: every named query planned, the page's first clicks run once (issue 19).

No timing here (benchmarks/first_request.py measures the effect); these tests check that the warm-up
covers every query, reports none failed on real data, and that /ready answers 200 only after it.
"""
from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.graph import Graph
from app.db.queries import _load_all
from app.main import create_app
from app.services.importer import import_bundle
from app.services import warm_up as warm_up_module
from app.services.warm_up import FIRST_CLICKS, plannable, warm_up

pytestmark = pytest.mark.integration


def test_warm_up_plans_every_named_query_and_runs_the_page_flow(graph: Graph, settings: Settings,
                                                                  mini_bundle: dict[str, Any]) -> None:
    import_bundle(graph, mini_bundle)
    report = warm_up(graph, settings)
    expected = _expected(settings)
    assert {name: why for name, why in report.failed.items() if name in expected} == {}  # every plan compiles
    assert sorted(report.planned) == expected and len(expected) > 100
    steps = ["account_graph", "relationship_map", "decision_chain", "win_rate", "gaps", "reach"]
    assert [s for s in steps if s in report.ran or f"page:{s}" in report.failed] == steps
    # a page step may only fail by timing out on a loaded machine, never by a wrong query or parameter
    assert all("TimedOut" in why or "timed out" in why.lower() for name, why in report.failed.items()
               if name.startswith("page:"))


def test_warm_up_on_an_empty_graph_plans_and_skips_the_page_flow(graph: Graph, settings: Settings) -> None:
    report = warm_up(graph, settings)
    assert report.failed == {} and report.ran == [] and report.planned


def _expected(settings: Settings) -> list[str]:
    return sorted(name for name, text in _load_all(settings.cypher_dir).items() if plannable(name, text))


def test_ready_answers_only_once_every_plan_is_made(graph: Graph, settings: Settings,
                                                    mini_bundle: dict[str, Any]) -> None:
    """WARM_UP_READY=all (the default): the first 200 of /ready comes after every named query is planned
    (the optional filters absent too) and the page flow ran."""
    import_bundle(graph, mini_bundle)
    with TestClient(create_app(settings.model_copy(update={"warm_up": True, "warm_up_wait_s": 900.0}))) as client:
        warm = client.app.state.warm_up
        assert client.app.state.settings.warm_up_ready == "all"
        assert client.get("/ready").status_code == 200
        report = warm.report
        assert report is not None and sorted(report.planned) == _expected(settings)
        assert "reach:nulls" in report.took and "reach:nulls" not in report.failed  # reach's `$team IS NULL`
        assert {"account_graph", "decision_chain", "gaps", "reach", "render_views"} <= set(report.ran)
        assert all(name.startswith("page:") for name in report.failed)


def test_ready_answers_after_the_first_clicks_and_the_other_plans_follow(
        graph: Graph, settings: Settings, mini_bundle: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import_bundle(graph, mini_bundle)
    monkeypatch.setattr(warm_up_module, "BACKGROUND_PAUSE", 0.0)  # no need to give way in a test
    quick = settings.model_copy(update={"warm_up": True, "warm_up_wait_s": 900.0, "warm_up_ready": "first_clicks"})
    with TestClient(create_app(quick)) as client:
        assert client.get("/ready").status_code == 200
        warm = client.app.state.warm_up
        report = warm.report
        assert report is not None and report.first_clicks_seconds > 0
        assert set(FIRST_CLICKS) <= set(report.planned) and "reach" in report.ran  # what /ready waited for
        warm._thread.join(900)  # the background pass plans everything else
        assert sorted(report.planned) == _expected(settings)
        assert all(name.startswith("page:") for name in report.failed)
