"""The reasons of a rep level (销售等级) in the reader's language, rebuilt from the answer's own facts.

app.services.rep_levels decides the level; this module only says why, from the counts, the
requirements checked and each account's grades, so the wording lives in the message catalog
(app/i18n/catalog/managers.py) and the level rules stay in one place.
"""
from __future__ import annotations

from app.core.levels_config import ManagerSettings
from app.i18n import t
from app.models.managers import ClosenessGrade, RepAccount, RepLevel, RepLevelAnswer


def _needs(medium: int, good: int, excellent: int, lang: str) -> str:
    return t("managers.reason.needs", lang, medium=medium, good=good, excellent=excellent)


def level_reasons(answer: RepLevelAnswer, lang: str) -> list[str]:
    """Counts, then each level checked from the top down to the one met (or novice)."""
    reasons = [t("managers.reason.counts", lang, **{g: answer.counts.get(g, 0) for g in ("medium", "good", "excellent")})]
    for req in answer.requirements:
        needs = _needs(req.medium, req.good, req.excellent, lang)
        level = t(f"managers.level.{req.level.value}", lang)
        if req.met:
            reasons.append(t("managers.reason.meets", lang, level=level, needs=needs))
            break
        reasons.append(t("managers.reason.not_level", lang, level=level, needs=needs))
    if answer.level is RepLevel.novice:
        reasons.append(t("managers.reason.novice", lang))
    return reasons


def account_reason(account: RepAccount, ms: ManagerSettings, lang: str) -> str:
    """Why one account counts at its grade (the same cases as rep_levels._account)."""
    sep = t("managers.list_separator", lang)
    who = sep.join(r.name or r.id for r in account.best_contacts)
    best = f"{account.best_closeness:g}" if account.best_closeness is not None else "—"
    grade = account.closeness_grade
    if grade is None:
        return t("managers.account.no_closeness", lang)
    if grade is ClosenessGrade.poor:
        return t("managers.account.poor", lang, who=who, best=best)
    if grade is not ClosenessGrade.excellent:
        return t("managers.account.plain", lang, who=who, best=best, grade=t(f"managers.grade.{grade.value}", lang))
    people = account.key_people
    reached = sum(1 for p in people if p.reachable)
    against = [p.name or p.id for p in people if p.opposed]
    if not people:
        return t("managers.account.no_key_people", lang)
    if against:
        return t("managers.account.opposed", lang, names=sep.join(against))
    if reached <= ms.level_excellent_influence_share * len(people):
        return t("managers.account.few_reached", lang, reached=reached, total=len(people))
    return t("managers.account.excellent", lang, who=who, best=best, reached=reached, total=len(people))


def localise(answer: RepLevelAnswer, ms: ManagerSettings, lang: str) -> RepLevelAnswer:
    """The same answer with every reason in `lang`."""
    accounts = [a.model_copy(update={"reason": account_reason(a, ms, lang)}) for a in answer.accounts]
    return answer.model_copy(update={"accounts": accounts, "reasons": level_reasons(answer, lang)})
