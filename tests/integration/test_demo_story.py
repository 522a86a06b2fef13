"""The demo tells the managers' story (issue 19): loaded as `brm demo` loads it (18 months of history,
then the bundle), every trend has points, reps stand at all five levels, one departure puts real money
at risk, and some accounts have coverage gaps. Expected values follow seed/demo_portfolio.py by hand."""
from __future__ import annotations


import pytest

from app.cli.demo_cmds import load_history
from app.core.config import Settings
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.services.coverage import coverage
from app.services.departure import departure_ranking
from app.services.importer import import_bundle
from app.services.rep_levels import rep_levels
from app.services.trends import account_trend, month_points, opportunity_trend
from seed.demo import HEALTHY, build_demo

pytestmark = pytest.mark.integration


def test_demo_history_and_managers_story(graph: Graph, settings: Settings) -> None:
    bundle = build_demo()
    assert load_history(graph, bundle) == 17
    import_bundle(graph, bundle)
    ms = ManagerSettings()
    months = month_points((2025, 6), (2026, 11), 36)
    jinhai = account_trend(graph, settings, "acc-jinhai", months)
    filled = [p for p in jinhai.points if p.degrees.closeness is not None]
    assert len(filled) >= 17
    assert len({round(p.degrees.closeness, 1) for p in filled}) > 5  # the line moves
    deal = opportunity_trend(graph, settings, HEALTHY, months)
    assert sum(1 for p in deal.points if p.degrees.closeness is not None) >= 6
    levels = {a.employee: a.level.value for a in rep_levels(graph, settings, ms)}
    assert levels["e-wang-haitao"] == "top" and levels["e-chen-yuting"] == "senior"
    assert levels["e-liu-xiaoming"] == "mid" and levels["e-zhou-mengqi"] == "junior"
    assert levels["e-he-yiming"] == "novice"
    ranking = departure_ranking(graph, settings, ms)
    assert ranking[0].employee == "e-wang-haitao" and ranking[0].amount_at_risk >= 2_600_000
    gaps = {row.account: row for row in coverage(graph, settings, ms)}
    assert all(gaps[f"acc-p{i}"].reachable == 0 and gaps[f"acc-p{i}"].key_contacts >= 1 for i in (21, 22, 23, 24))
