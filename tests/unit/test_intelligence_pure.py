"""Pure parts of the relationship intelligence: the reach query's step blocks, option parsing, win-rate
arithmetic, gap rules and strategies, closeness grades."""
from __future__ import annotations

import re

import pytest

from app.core.config import Settings
from app.core.errors import InvalidInput
from app.db.queries import query
from app.services import gaps
from app.services.reach import ReachOptions, parse_employee_ids, query_params
from app.services.relationship_map import closeness_grade
from app.services.win_rate import compare

S = Settings()


def test_reach_query_has_five_identical_step_blocks() -> None:
    """max_hops is a parameter: the text holds one guarded block per possible step, all the same."""
    text = query("reach", S.cypher_dir)
    blocks = re.split(r"// ---- customer-side step \d \(a no-op when \$max_hops < \d\) ----\n", text)[1:]
    assert len(blocks) == 5
    blocks[-1] = blocks[-1].split("  // first step:")[0]
    normalised = [re.sub(r"\$max_hops > \d", "$max_hops > K",
                         re.sub(r"s\.steps = \d AND \$max_hops >= \d", "s.steps = K AND $max_hops >= K", b))
                  for b in blocks]
    assert len(set(normalised)) == 1
    for k, block in enumerate(blocks, start=1):
        assert f"s.steps = {k - 1} AND $max_hops >= {k}" in block and f"$max_hops > {k} OR" in block
    assert "+ $" not in text and "${" not in text


def test_warm_reach_query_has_five_identical_step_blocks() -> None:
    text = query("warm_reach", S.cypher_dir)
    blocks = re.split(r"  // ---- customer-side step \d \(a no-op when \$max_hops < \d or a path was found\) ----\n", text)[1:]
    assert len(blocks) == 5
    blocks[-1] = blocks[-1].split("  RETURN found")[0]
    assert len({b.replace(f"$max_hops >= {k}", "$max_hops >= K") for k, b in enumerate(blocks, start=1)}) == 1


def test_reach_options_validated_and_defaulted() -> None:
    params = query_params(S, ["c"], ReachOptions())
    assert (params["max_hops"], params["limit"], params["team"], params["employees"]) == (3, 10, None, None)
    assert (params["w_knows"], params["w_influences"], params["w_up"], params["w_down"], params["w_circle"]) == \
        (0.5, 0.7, 0.6, 0.8, 0.5)
    for bad in (ReachOptions(max_hops=0), ReachOptions(max_hops=6), ReachOptions(limit=0), ReachOptions(limit=101)):
        with pytest.raises(InvalidInput):
            query_params(S, ["c"], bad)
    custom = Settings(reach_max_hops=2, reach_limit=5, reach_same_circle=0.4)
    assert (query_params(custom, ["c"], ReachOptions())["max_hops"], query_params(custom, ["c"], ReachOptions())["w_circle"]) == (2, 0.4)


def test_employee_ids_comma_separated_or_repeated() -> None:
    assert parse_employee_ids(None) is None
    assert parse_employee_ids([""]) is None
    assert parse_employee_ids(["e-1,e-2", " e-3 ", "e-1"]) == ("e-1", "e-2", "e-3")


def party(kid: str, need: float, closeness: float) -> dict:
    return {"id": kid, "name": kid, "need_satisfaction": need, "closeness": closeness}


def test_win_rate_rules_in_order() -> None:
    # ours (60 + 40)/2 = 50; competitors 70, 60, 55: three stronger -> 0
    three = [party("a", 70, 70), party("b", 60, 60), party("c", 60, 50)]
    r = compare(60, 40, three, True, True, S)
    assert (r["win_rate"], r["reason"], r["stronger"]) == (0.0, "not_top_three", 3)
    assert r["raw"] == pytest.approx(50 / (50 + 70 + 60))       # the two strongest only
    # no compelling event beats everything else
    assert compare(60, 40, three, False, True, S)["reason"] == "no_compelling_event"
    # no competitor: raw = ours / 100; no inside source -> x 0.7
    alone = compare(60, 40, [], True, False, S)
    assert alone["raw"] == 0.5 and alone["win_rate"] == pytest.approx(0.35)
    # one competitor: sum what there is
    assert compare(60, 40, [party("a", 50, 50)], True, True, S)["win_rate"] == 0.5
    assert compare(None, 40, [], True, True, S)["reason"] == "insufficient_data"


def member(**over) -> dict:
    base = {"contact": {"id": "c", "name": "C"}, "role": "decision_maker", "attitude": "neutral",
            "orientation": "balanced", "closeness": 1, "solution_acceptance": 1, "price_acceptance": 1,
            "one_vote_veto": False, "contacted": True, "recent": True, "inside_source": False}
    return {**base, **over}


def test_member_rules() -> None:
    assert gaps.member_codes(member(), True) == []
    assert gaps.member_codes(member(contacted=False, recent=False), True) == ["KEY_PERSON_NOT_CONTACTED"]
    assert gaps.member_codes(member(recent=False), True) == ["STALE_KEY_PERSON"]
    assert gaps.member_codes(member(attitude="negative"), False) == ["KEY_PERSON_OPPOSED", "KEY_PERSON_NO_WARM_PATH"]
    assert gaps.member_codes(member(role="user", attitude="negative", contacted=False), False) == []
    assert gaps.member_codes(member(role="user", one_vote_veto=True), True) == ["VETO_NOT_SUPPORTIVE"]
    assert gaps.member_codes(member(role="user", one_vote_veto=True, attitude="positive"), True) == []
    assert gaps.member_codes(member(role="user", price_acceptance=None), True) == ["INCOMPLETE_PROFILE"]


def test_every_attitude_has_its_strategy() -> None:
    expected = {"strong_positive": ("motivate", "激励"), "positive": ("defend", "防御"), "neutral": ("attack", "进攻"),
                "negative": ("balance", "平衡协调"), "strong_negative": ("suppress", "压制")}
    for attitude, (en, zh) in expected.items():
        english = gaps.person_action(["KEY_PERSON_OPPOSED"], member(attitude=attitude), None)
        chinese = gaps.person_action(["KEY_PERSON_OPPOSED"], member(attitude=attitude), None, "zh")
        assert f"Strategy: {en}:" in english and zh not in english  # no Chinese inside the English text
        assert f"策略：{zh}：" in chinese
    assert set(gaps.SEVERITY) == {
        "NO_APPROVER", "NO_DECISION_MAKER", "NO_EVALUATOR", "KEY_PERSON_NOT_CONTACTED", "STALE_KEY_PERSON",
        "KEY_PERSON_OPPOSED", "KEY_PERSON_NO_WARM_PATH", "VETO_NOT_SUPPORTIVE", "INCOMPLETE_PROFILE",
        "NO_INSIDE_SOURCE", "NO_COMPELLING_EVENT", "SINGLE_THREADED", "BEHIND_COMPETITOR", "NOT_TOP_THREE"}


@pytest.mark.parametrize("value, grade", [(None, None), (0, "poor"), (39.99, "poor"), (40, "medium"),
                                          (59.9, "medium"), (60, "good"), (79.99, "good"), (80, "excellent"),
                                          (100, "excellent")])
def test_closeness_grade_borders(value: float | None, grade: str | None) -> None:
    got = closeness_grade(value, S)
    assert (got["grade"] if got else None) == grade
