"""Relationship intelligence answers (win rate, decision chain, reach): reasons and notes."""

MESSAGES: dict[str, dict[str, str]] = {
    "intelligence.win_rate.no_compelling_event": {
        "en": "no compelling event: no win rate can be given", "zh": "没有必要事件：无法给出赢率"},
    "intelligence.win_rate.insufficient_data": {
        "en": "not enough data: our closeness or need satisfaction is unknown",
        "zh": "数据不足：我方的关系紧密度或需求满足度未知"},
    "intelligence.win_rate.not_top_three": {
        "en": "three or more competitors are stronger than us", "zh": "有三个或更多竞争对手强于我们"},
}
