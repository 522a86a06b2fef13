"""Colours, shapes and the English/Chinese labels shared by every graph view and the web page.

Chinese terms are those of domain.md, so the screens match the methodology articles.
"""
from __future__ import annotations

from typing import Any

from app.i18n.catalog.viz import LABELS, VALUE_LABELS  # the label tables live in the message catalog

Lang = str  # "en" or "zh"
LANGS = ("en", "zh")

# 关系状况 on a red - grey - green scale; unknown is a pale grey so it reads as "not profiled".
ATTITUDE_COLORS: dict[str | None, str] = {
    "strong_negative": "#c62828",
    "negative": "#ef9a9a",
    "neutral": "#b0b0b0",
    "positive": "#81c784",
    "strong_positive": "#2e7d32",
    None: "#eceff1",
}
ATTITUDE_ORDER = ["strong_negative", "negative", "neutral", "positive", "strong_positive", None]

# 决策角色: the strongest role a contact holds in an open deal picks the shape and badge.
ROLE_ORDER = ["approver", "decision_maker", "evaluator", "user"]
ROLE_SHAPES = {"approver": "star", "decision_maker": "diamond", "evaluator": "triangle", "user": "square", None: "dot"}
ROLE_BADGES = {"approver": "★", "decision_maker": "◆", "evaluator": "▲", "user": "■", None: "●"}

CIRCLE_PALETTE = ["#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#4e342e", "#283593"]
GAP_BORDER = "#d50000"
BEST_PATH = "#ff6f00"
EMPLOYEE_FILL, EMPLOYEE_BORDER = "#bbdefb", "#1e88e5"
REPORTS_COLOR, DOTTED_COLOR, INFLUENCE_COLOR, KNOWS_COLOR = "#455a64", "#90a4ae", "#8e24aa", "#1e88e5"
COMPETITOR_FILL, OPPORTUNITY_FILL = "#616161", "#fff3e0"

def lang_of(lang: str | None) -> Lang:
    """Anything that is not Chinese falls back to English."""
    return "zh" if (lang or "").lower().startswith("zh") else "en"


def t(key: str, lang: Lang) -> str:
    """A UI label in the chosen language (English when a key has no translation)."""
    return LABELS[lang_of(lang)].get(key) or LABELS["en"].get(key, key)


def v(value: Any, lang: Lang) -> str:
    """A domain value (attitude, role, stage...) as a label; missing shows as 'unknown'."""
    if value is None or value == "":
        return t("unknown", lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    text = str(value)
    return VALUE_LABELS[lang_of(lang)].get(text) or VALUE_LABELS["en"].get(text, text)


def attitude_color(attitude: str | None) -> str:
    return ATTITUDE_COLORS.get(attitude, ATTITUDE_COLORS[None])


def top_role(roles: list[str | None]) -> str | None:
    """The strongest decision role among several (approver > decision maker > evaluator > user)."""
    ranked = [r for r in ROLE_ORDER if r in roles]
    return ranked[0] if ranked else None


def number(value: Any, digits: int = 0) -> str:
    """A degree or score for a tooltip: '—' when missing."""
    if value is None:
        return "—"
    if isinstance(value, (int, float)):
        return f"{value:.{digits}f}"
    return str(value)
