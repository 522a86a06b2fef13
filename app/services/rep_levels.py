"""Rep levels (销售等级, domain.md section 8): accounts graded by the rep's own KNOWS ties.

Per account the rep counts at the best closeness grade among the contacts there they
KNOW directly; "excellent" also needs more than half (setting) of the account's key
decision makers reachable by this rep (reach, defaults) and none of them opposed, else
the account counts as good. Levels need minimum counts, a better account standing in
for a worse one (docs/managers.md).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.config import Settings
from app.core.errors import NotFound
from app.core.levels_config import ManagerSettings
from app.db.graph import Graph
from app.models.managers import (
    ClosenessGrade, ContactRef, KeyPersonInfluence, LevelRequirement, RepAccount, RepLevel, RepLevelAnswer,
)
from app.services.degrees import closeness_grade
from app.services.company_state import company_state
from app.services.key_contacts import opposed, worst_attitude

if TYPE_CHECKING:
    from app.services.company_state import CompanyState

COUNTED = (ClosenessGrade.medium, ClosenessGrade.good, ClosenessGrade.excellent)


def requirements(ms: ManagerSettings) -> list[tuple[RepLevel, int, int, int]]:
    """(level, medium, good, excellent) minimums, highest level first."""
    return [
        (RepLevel.top, ms.level_top_medium, ms.level_top_good, ms.level_top_excellent),
        (RepLevel.senior, ms.level_senior_medium, ms.level_senior_good, ms.level_senior_excellent),
        (RepLevel.mid, ms.level_mid_medium, ms.level_mid_good, ms.level_mid_excellent),
        (RepLevel.junior, ms.level_junior_medium, ms.level_junior_good, ms.level_junior_excellent),
    ]


def meets(counts: dict[str, int], medium: int, good: int, excellent: int) -> bool:
    """Minimums with substitution: e >= E, e + g >= E + G, e + g + m >= E + G + M."""
    e, g, m = counts["excellent"], counts["good"], counts["medium"]
    return e >= excellent and e + g >= excellent + good and e + g + m >= excellent + good + medium


def level_for(counts: dict[str, int], ms: ManagerSettings) -> tuple[RepLevel, list[LevelRequirement]]:
    checked = [LevelRequirement(level=lvl, medium=m, good=g, excellent=e, met=meets(counts, m, g, e))
               for lvl, m, g, e in requirements(ms)]
    level = next((r.level for r in checked if r.met), RepLevel.novice)
    return level, checked


def rep_levels(graph: Graph, settings: Settings, ms: ManagerSettings,
               employee_id: str | None = None) -> list[RepLevelAnswer]:
    """Levels of every employee (or one: NotFound if unknown), best level first then name
    (kept up to date by app.services.company_state)."""
    state = company_state(graph, settings, ms)
    if employee_id is None:
        return state.levels_sorted
    answer = state.levels.get(employee_id)
    if answer is None:
        raise NotFound(f"no employee with id {employee_id!r}", entity="Employee", id=employee_id)
    return [answer]


def answer_of(state: "CompanyState", rep_id: str, reaches: Callable[[str, str], bool],
              reuse: Callable[[str], RepAccount | None] | None = None) -> RepLevelAnswer:
    """One rep's level from the state's ties and key contacts; `reaches(rep, contact)`: a warm path exists.
    `reuse(account)`: that account's entry of the rep's previous answer when none of its inputs changed
    (a refresh, app.services.company_state), else None: it is worked out again."""
    rep = state.reps[rep_id]
    kept = {}
    if reuse is not None:
        kept = {a["account"]: old for a in rep["accounts"] if (old := reuse(a["account"])) is not None}
    excellent = {a["account"] for a in rep["accounts"] if a["account"] not in kept
                 and closeness_grade(_best(a)[0], state.settings) is ClosenessGrade.excellent}
    keys = {a: state.keys[a] for a in excellent if a in state.keys}
    reached = {(rep_id, c["id"]) for a in keys.values() for c in a["key_contacts"] if reaches(rep_id, c["id"])}
    return _answer(rep, keys, reached, state.settings, state.ms, kept)


def _best(account: dict[str, Any]) -> tuple[float | None, list[dict[str, Any]]]:
    values = [c["closeness"] for c in account["contacts"] if c["closeness"] is not None]
    if not values:
        return None, []
    best = max(values)
    return best, sorted((c for c in account["contacts"] if c["closeness"] == best), key=lambda c: c["id"])


def _answer(rep: dict[str, Any], keys: dict[str, Any], reached: set[tuple[str, str]],
            settings: Settings, ms: ManagerSettings, kept: dict[str, RepAccount] | None = None) -> RepLevelAnswer:
    kept = kept or {}
    accounts = [kept.get(a["account"]) or _account(rep["id"], a, keys, reached, settings, ms) for a in rep["accounts"]]
    accounts.sort(key=lambda a: (-(list(ClosenessGrade).index(a.grade) if a.grade else -1), a.name or "", a.account))
    counts = {g.value: sum(1 for a in accounts if a.grade is g) for g in COUNTED}
    level, checked = level_for(counts, ms)
    reasons = [f"{counts['medium']} medium, {counts['good']} good, {counts['excellent']} excellent account(s)"]
    for req in checked:
        needs = f"{req.medium} medium, {req.good} good, {req.excellent} excellent"
        if req.met:
            reasons.append(f"meets {req.level.value} ({needs}; better accounts stand in for worse)")
            break
        reasons.append(f"not {req.level.value}: needs {needs}")
    if level is RepLevel.novice:
        reasons.append("novice: no account at medium closeness or better")
    return RepLevelAnswer(employee=rep["id"], name=rep["name"], team=rep["team"], level=level, counts=counts,
                          accounts=accounts, requirements=checked, reasons=reasons)


def _key_people(row: dict[str, Any]) -> list[tuple[dict[str, Any], list[str], str | None, bool]]:
    """(contact, roles, worst attitude, opposed) of an account's key contacts: the same for every rep, so
    worked out once per key-contacts row and kept on it (a row is replaced, never changed, when re-read)."""
    if "_people" not in row:
        row["_people"] = [(c, sorted({r["role"] for r in c["roles"]}), worst_attitude(c), opposed(c))
                          for c in row.get("key_contacts", [])]
    return row["_people"]


def _account(employee: str, account: dict[str, Any], keys: dict[str, Any], reached: set[tuple[str, str]],
             settings: Settings, ms: ManagerSettings) -> RepAccount:
    best, best_contacts = _best(account)
    grade = closeness_grade(best, settings)
    refs = [ContactRef(id=c["id"], name=c["name"]) for c in best_contacts]
    base = {"account": account["account"], "name": account["name"], "best_closeness": best,
            "best_contacts": refs, "closeness_grade": grade}
    if grade is None:
        return RepAccount(**base, grade=None, reason="no known contact here has a closeness value")
    who = ", ".join(r.name or r.id for r in refs)
    if grade is ClosenessGrade.poor:
        return RepAccount(**base, grade=None, reason=f"best known contact {who} is only at {best:g} (poor)")
    if grade is not ClosenessGrade.excellent:
        return RepAccount(**base, grade=grade, reason=f"best known contact {who} at {best:g} ({grade.value})")
    people = [KeyPersonInfluence(id=c["id"], name=c["name"], roles=roles, attitude=worst, opposed=against,
                                 reachable=(employee, c["id"]) in reached)
              for c, roles, worst, against in _key_people(keys.get(account["account"], {}))]
    people.sort(key=lambda p: p.id)
    reached = sum(1 for p in people if p.reachable)
    against = [p.name or p.id for p in people if p.opposed]
    if not people:
        why, counted = "excellent closeness but the account has no key decision makers to influence: counts as good", \
            ClosenessGrade.good
    elif against:
        why, counted = f"excellent closeness but key decision maker(s) opposed: {', '.join(against)}: counts as good", \
            ClosenessGrade.good
    elif reached <= ms.level_excellent_influence_share * len(people):
        why, counted = (f"excellent closeness but reaches only {reached} of {len(people)} key decision makers "
                        "(needs most): counts as good"), ClosenessGrade.good
    else:
        why, counted = (f"best known contact {who} at {best:g} and reaches {reached} of {len(people)} key "
                        "decision makers, none opposed: excellent"), ClosenessGrade.excellent
    return RepAccount(**base, grade=counted, key_people=people, reason=why)
