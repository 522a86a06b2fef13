"""Issue 13: the derived tie formula (docs/ties.md) and its explanation text, worked by hand.

Defaults: half-life 60 days, window 180 days, frequency full at 8, weights meeting 1 / call 0.7 /
email 0.4, one-way factor 0.5, dormant below 0.1.
"""
from __future__ import annotations

from datetime import date

import pytest

from app.core.config import Settings
from app.services.tie_explain import derived_text, explain
from app.services.ties import PairStats, derive

S = Settings()
AS_OF = date(2026, 11, 10)


@pytest.mark.parametrize(("stats", "strength", "dormant"), [
    # 4 meetings, last today: recency 1 x frequency 4/8 x reciprocity 1
    (PairStats(date(2026, 11, 10), meetings=4), 0.5, False),
    # 2 out + 2 in emails, last 2 days ago: 2^(-2/60) = 0.97716 x (4 x 0.4 / 8 = 0.2) x 1 = 0.19543
    (PairStats(date(2026, 11, 8), emails_out=2, emails_in=2), 0.1954, False),
    # 1 email in only, 28 days: 2^(-28/60) = 0.72363 x 0.05 x 0.5 = 0.01809
    (PairStats(date(2026, 10, 13), emails_in=1), 0.0181, True),
    # 1 meeting 21 days ago: 2^(-21/60) = 0.78458 x 0.125 = 0.09807, just under 0.1
    (PairStats(date(2026, 10, 20), meetings=1), 0.0981, True),
    # 4 meetings + 4 emails both ways, today: (4 + 1.6) / 8 = 0.7
    (PairStats(date(2026, 11, 10), meetings=4, emails_out=2, emails_in=2), 0.7, False),
    # frequency caps at 1: 12 meetings, 60 days (one half-life) ago -> 0.5
    (PairStats(date(2026, 9, 11), meetings=12), 0.5, False),
    # nothing in the window (counts 0): frequency 0 -> 0, dormant
    (PairStats(date(2026, 1, 1)), 0.0, True),
])
def test_strength_by_hand(stats: PairStats, strength: float, dormant: bool) -> None:
    tie = derive(stats, AS_OF, S)
    assert tie["strength"] == strength and tie["dormant"] is dormant
    assert tie["props"]["source"] == "derived"


def test_channel_order_and_reciprocity() -> None:
    last = date(2026, 11, 1)
    meeting, call = derive(PairStats(last, meetings=2), AS_OF, S), derive(PairStats(last, calls=2), AS_OF, S)
    both = derive(PairStats(last, emails_out=1, emails_in=1), AS_OF, S)
    one_way = derive(PairStats(last, emails_out=2), AS_OF, S)
    assert meeting["strength"] > call["strength"] > both["strength"] > one_way["strength"]
    assert one_way["props"]["reciprocity"] == 0.5 and both["props"]["reciprocity"] == 1.0
    assert call["props"]["reciprocity"] == 1.0  # a call is a conversation: both ways


def test_factors_are_stored() -> None:
    props = derive(PairStats(date(2026, 11, 8), emails_out=2, emails_in=2), AS_OF, S)["props"]
    assert {k: props[k] for k in ("recency", "frequency", "reciprocity", "days_since", "weighted_count")} == {
        "recency": 0.9772, "frequency": 0.2, "reciprocity": 1.0, "days_since": 2, "weighted_count": 1.6}


def test_explanation_text_en_and_zh() -> None:
    props = derive(PairStats(date(2026, 11, 1), meetings=6, emails_out=5, emails_in=6), AS_OF, S)["props"]
    # (6 + 11 x 0.4) / 8 = 1.3 -> 1; 2^(-9/60) = 0.90125
    assert props["strength"] == 0.9013
    assert derived_text(props, S, "en", False) == "6 meetings and 11 emails both ways, last 9 days ago → 0.90"
    assert derived_text(props, S, "zh", False) == "6 次会议、11 封邮件，双向往来，最近一次在 9 天前 → 0.90"
    one = derive(PairStats(date(2026, 11, 9), emails_in=1), AS_OF, S)["props"]
    assert derived_text(one, S, "en", True) == \
        "1 email from them only, last yesterday → 0.025 (dormant: below 0.1, not used by reach)"
    calls = derive(PairStats(date(2026, 11, 10), meetings=1, calls=2, emails_out=1), AS_OF, S)["props"]
    assert derived_text(calls, S, "en", False).startswith("1 meeting, 2 calls and 1 email both ways, last today")


def test_manual_explanation() -> None:
    manual = explain({"strength": 0.8, "source": "crm"}, None, S, "en")
    assert manual == {"source": "manual", "strength": 0.8, "dormant": False, "text": "set by hand → 0.80",
                      "since": None, "recorded_source": "crm"}
    default = explain({"source": None}, None, S, "zh")
    assert default["text"] == "手工设定但未给强度 → 0.50（默认值）"
    assert explain(None, None, S) is None


def test_reach_view_tooltip_explains_knows_steps_in_the_view_language() -> None:
    from app.services.tie_explain import explain
    from app.viz.reach_view import build_reach_view

    props = derive(PairStats(date(2026, 11, 10), meetings=4), AS_OF, S)["props"]
    explanation = explain(props, None, S, "en")
    reach = {"target": {"id": "c-li", "name": "Li Na"}, "paths": [{
        "employee": {"id": "e-ann", "name": "Ann"}, "score": 0.3, "steps": 2,
        "nodes": [{"id": "e-ann", "kind": "employee", "name": "Ann"}, {"id": "c-zw", "kind": "contact", "name": "Zhang"},
                  {"id": "c-li", "kind": "contact", "name": "Li Na"}],
        "relationships": [{"type": "KNOWS", "weight": 0.5, "explanation": explanation},
                          {"type": "REPORTS_TO_UP", "weight": 0.6, "explanation": None}]}]}
    titles = {(e["from"], e["to"]): e["title"] for e in build_reach_view(reach, "zh")[0].edges}
    assert titles[("e-ann", "c-zw")].endswith("\n4 次会议，双向往来，最近一次在今天 → 0.50")
    assert "\n" not in titles[("c-zw", "c-li")]
    english = {(e["from"], e["to"]): e["title"] for e in build_reach_view(reach, "en")[0].edges}
    assert english[("e-ann", "c-zw")].endswith("\n4 meetings both ways, last today → 0.50")
