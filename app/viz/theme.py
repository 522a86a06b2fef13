"""Colours, shapes and the English/Chinese labels shared by every graph view and the web page.

Chinese terms are those of domain.md, so the screens match the methodology articles.
"""
from __future__ import annotations

from typing import Any

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

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "attitude": "Attitude", "orientation": "Orientation", "importance": "Importance",
        "closeness": "Closeness", "solution_acceptance": "Solution acceptance",
        "price_acceptance": "Price acceptance", "interaction_level": "Interaction level",
        "deal_interaction_level": "Interaction on this deal", "one_vote_approve": "One-vote approve",
        "one_vote_veto": "One-vote veto", "inside_source": "Inside source", "reports_to": "Reports to",
        "dotted_to": "Dotted line to", "direct_reports": "Direct reports", "influences": "Influences",
        "influenced_by": "Influenced by", "circles": "Circles", "department": "Department",
        "open_deals": "Open deals", "role": "Decision role", "yes": "yes", "no": "no", "none": "none",
        "unknown": "unknown", "activities": "activities in the last {days} days", "gaps": "Gaps",
        "action": "Action", "warm_path": "Warm path", "win_rate": "Win rate", "strength": "Strength",
        "need_satisfaction": "Need satisfaction", "competitor": "Competitor", "employee": "Our employee",
        "target": "Target", "score": "Score", "steps": "Steps", "best_path": "Best path",
        "legend": "Legend", "reporting_line": "Reporting line (manager → report)", "dotted_line": "Dotted-line report",
        "influence": "Influence (width = strength)", "knows": "Our employee knows",
        "no_role": "No role in an open deal", "stage": "Stage", "averages": "Decision-chain averages",
        "mean": "mean", "weighted_mean": "weighted", "reason": "Reason", "opportunity": "Opportunity",
        "deal_gaps": "Deal-level gaps", "physics_off": "Large graph: physics off, fixed layout",
        "via": "via", "competes": "competes",
        "knows_on_click": "Many KNOWS lines: click a person to show theirs",
    },
    "zh": {
        "attitude": "关系状况", "orientation": "行为取向", "importance": "个体重要程度",
        "closeness": "关系紧密度", "solution_acceptance": "方案认可度", "price_acceptance": "价格接受度",
        "interaction_level": "交互程度", "deal_interaction_level": "本商机交互程度",
        "one_vote_approve": "一票批准", "one_vote_veto": "一票否决", "inside_source": "内部消息来源",
        "reports_to": "汇报给", "dotted_to": "虚线汇报给", "direct_reports": "直接下属",
        "influences": "影响", "influenced_by": "受影响于", "circles": "圈子", "department": "部门",
        "open_deals": "进行中的商机", "role": "决策角色", "yes": "是", "no": "否", "none": "无",
        "unknown": "未知", "activities": "近{days}天内活动", "gaps": "决策链差距", "action": "建议行动",
        "warm_path": "可接触路径", "win_rate": "赢率", "strength": "强度", "need_satisfaction": "需求满足度",
        "competitor": "竞争对手", "employee": "我司员工", "target": "目标", "score": "得分", "steps": "步数",
        "best_path": "最佳路径", "legend": "图例", "reporting_line": "汇报关系（上级 → 下属）", "dotted_line": "虚线汇报",
        "influence": "影响关系（线宽=强度）", "knows": "我司员工影响力", "no_role": "未参与进行中的商机",
        "stage": "商机阶段", "averages": "决策链三度均值", "mean": "均值", "weighted_mean": "加权均值",
        "reason": "原因", "opportunity": "商机", "deal_gaps": "商机层面差距",
        "physics_off": "大图：已关闭物理引擎，固定布局", "via": "经由", "competes": "竞争",
        "knows_on_click": "员工影响力连线较多：点击某人显示其连线",
    },
}

VALUE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "strong_positive": "strong positive", "positive": "positive", "neutral": "neutral",
        "negative": "negative", "strong_negative": "strong negative",
        "approver": "approver", "decision_maker": "decision maker", "evaluator": "evaluator", "user": "user",
        "technical": "technical", "pragmatic": "pragmatic", "technical_pragmatic": "technical-pragmatic",
        "pragmatic_technical": "pragmatic-technical", "balanced": "balanced",
        "none": "none", "occasional": "occasional", "multiple": "multiple", "deep": "deep",
        "leader": "leader", "core": "core", "member": "member",
        "KNOWS": "knows", "INFLUENCES": "influences", "REPORTS_TO_UP": "reports to",
        "REPORTS_TO_DOWN": "manages", "SAME_CIRCLE": "same circle",
        "validate": "validate", "initiate": "initiate", "analyse_needs": "analyse needs",
        "present_value": "present value", "prepare_bid": "prepare bid", "bid": "bid",
        "negotiate": "negotiate", "won": "won", "lost": "lost",
    },
    "zh": {
        "strong_positive": "强正向", "positive": "正向", "neutral": "中立", "negative": "负向",
        "strong_negative": "强负向", "approver": "批准者", "decision_maker": "决策者", "evaluator": "评估者",
        "user": "使用者", "technical": "技术型", "pragmatic": "务实型", "technical_pragmatic": "技术务实型",
        "pragmatic_technical": "务实技术型", "balanced": "均衡型", "none": "未接触", "occasional": "偶尔接触",
        "multiple": "多次接触", "deep": "深层接触", "leader": "核心领袖", "core": "核心成员", "member": "成员",
        "KNOWS": "认识", "INFLUENCES": "影响", "REPORTS_TO_UP": "向上汇报", "REPORTS_TO_DOWN": "向下管理",
        "SAME_CIRCLE": "同一圈子", "validate": "验证商机", "initiate": "商机立项", "analyse_needs": "需求分析",
        "present_value": "价值呈现", "prepare_bid": "招标准备", "bid": "组织投标", "negotiate": "谈判签约",
        "won": "赢单", "lost": "丢单",
    },
}


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
