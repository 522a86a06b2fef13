"""The brm command line's own texts (table titles and headers); the language comes from BRM_LANG or LANG."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.reach.title": {"en": "Reach to {name} ({id})", "zh": "可接触 {name}（{id}）的路径"},
    "cli.reach.none": {"en": "Nobody in our company can reach {name} ({id}).", "zh": "我司没有人能接触到 {name}（{id}）。"},
    "cli.col.rank": {"en": "#", "zh": "#"},
    "cli.col.colleague": {"en": "colleague", "zh": "同事"},
    "cli.col.score": {"en": "score", "zh": "得分"},
    "cli.col.steps": {"en": "steps", "zh": "步数"},
    "cli.col.path": {"en": "path", "zh": "路径"},
    "cli.col.severity": {"en": "severity", "zh": "严重度"},
    "cli.col.gaps": {"en": "gaps", "zh": "差距"},
    "cli.col.who": {"en": "who", "zh": "对象"},
    "cli.col.action": {"en": "action", "zh": "建议行动"},
    "cli.gaps.title": {"en": "Gaps of {name} as of {day}", "zh": "{name} 的决策链差距（截至 {day}）"},
    "cli.gaps.deal": {"en": "the whole deal", "zh": "商机整体"},
    "cli.gaps.none": {"en": "No gaps.", "zh": "没有差距。"},
}
