"""Messages of the time features (issue 17): win-rate curve, weekly review, alerts."""

MESSAGES: dict[str, dict[str, str]] = {
    "time.curve.title": {"en": "{name}: win rate by week", "zh": "{name}：每周赢率（概率曲线）"},
    "time.curve.axis": {"en": "win rate (%)", "zh": "赢率（%）"},
    "time.curve.none": {"en": "no win rate", "zh": "无赢率"},
    "time.curve.empty": {"en": "No week in this window has a recorded state of the deal.",
                         "zh": "所选时间段内没有该商机的历史记录。"},
    "time.reason.no_compelling_event": {"en": "no compelling event", "zh": "无必要事件"},
    "time.reason.insufficient_data": {"en": "insufficient data", "zh": "数据不足"},
    "time.reason.not_top_three": {"en": "not in the top three", "zh": "未进前三"},
    "time.reason.no_history": {"en": "not recorded yet", "zh": "尚无记录"},
    "time.review.title": {"en": "Weekly deal review {week}", "zh": "销售周会 {week}"},
    "time.review.subtitle": {"en": "Team {team} · owner {owner} · as of {as_of} (a week earlier: {before})",
                             "zh": "团队 {team} · 负责人 {owner} · 截至 {as_of}（上周：{before}）"},
    "time.review.all": {"en": "all", "zh": "全部"},
    "time.review.order": {"en": "Order: falling win rate first, by amount × drop; then deals without a win rate, "
                                "by amount; then the rest, by amount.",
                          "zh": "排序：先列赢率下降的商机（按金额 × 降幅），再列无赢率的商机（按金额），最后其余商机（按金额）。"},
    "time.review.deal": {"en": "Deal", "zh": "商机"},
    "time.review.owner": {"en": "Owner", "zh": "负责人"},
    "time.review.stage": {"en": "Stage", "zh": "阶段"},
    "time.review.moved": {"en": "moved from {stage}", "zh": "由{stage}推进"},
    "time.review.amount": {"en": "Amount", "zh": "金额"},
    "time.review.win_rate": {"en": "Win rate (week before)", "zh": "赢率（上周）"},
    "time.review.degrees": {"en": "Three degrees (change)", "zh": "三度（变化）"},
    "time.review.gaps": {"en": "Gaps opened / closed", "zh": "新增 / 消除的差距"},
    "time.review.next": {"en": "Next action", "zh": "下一步行动"},
    "time.review.note": {"en": "Coaching note", "zh": "辅导记录"},
    "time.review.none": {"en": "No open deal for this team and week.", "zh": "该团队本周没有进行中的商机。"},
    "time.review.csv": {"en": "CSV", "zh": "导出 CSV"},
    "time.review.print": {"en": "Print", "zh": "打印"},
    "time.degree.closeness": {"en": "closeness", "zh": "关系紧密度"},
    "time.degree.solution_acceptance": {"en": "solution", "zh": "方案认可度"},
    "time.degree.price_acceptance": {"en": "price", "zh": "价格接受度"},
    "time.alert.champion_left": {
        "en": "Champion left: {contact} ({role_note}) left {account}; open deals hit: {deals}.",
        "zh": "支持者离职：{contact}（{role_note}）已离开{account}；受影响的进行中商机：{deals}。"},
    "time.alert.former_champion": {
        "en": "Former champion at {account}: {contact} supported us at {former}. An opening; known by {knowers}.",
        "zh": "前支持者加入{account}：{contact}曾在{former}支持我们。这是一个机会；认识他的同事：{knowers}。"},
    "time.alert.nobody": {"en": "nobody yet", "zh": "暂无"},
    "time.alert.key_person": {"en": "supportive key person", "zh": "支持我们的关键人"},
    "time.alerts.title": {"en": "Alerts", "zh": "预警"},
    "time.alerts.none": {"en": "No alerts.", "zh": "暂无预警。"},
    "time.note.saved": {"en": "Coaching note saved", "zh": "辅导记录已保存"},
    # the win-rate reason this area adds; issue-19's win_rate.reason_message looks reasons up under this key
    "intelligence.win_rate.no_history": {"en": "No recorded state of the deal on that date yet.",
                                         "zh": "该日期尚无此商机的历史记录。"},
    "time.map.title": {"en": "as of {day}", "zh": "截至 {day}"},  # the account map of a past day
    "time.map.note": {
        "en": "Map as of {day}: who worked here then, their attitudes, roles, departments and reporting lines "
              "of that day; circles, influence and our ties are today's.",
        "zh": "{day} 的关系地图：当时在职的人员及其当天的态度、角色、部门和汇报关系；圈子、影响力和我们的关系为当前数据。"},
    "time.map.future": {"en": "as_of {day} is in the future: the map of a day to come cannot be read",
                        "zh": "as_of {day} 是未来的日期：无法读取尚未到来的日期的地图"},
    "page.map_as_of": {"en": "Map as of", "zh": "地图日期"},
    "page.review_tab": {"en": "Weekly review", "zh": "销售周会"},  # the page's tabs (app.viz.page)
    "page.alerts_tab": {"en": "Alerts", "zh": "预警"},
}
