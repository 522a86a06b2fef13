"""Messages of issue 15 (company-wide views at scale, query limits)."""

MESSAGES: dict[str, dict[str, str]] = {
    "scale.limit_memory": {
        "en": "this query needs more memory than one transaction may use ({limit}); narrow it (fewer hops, "
              "fewer targets) or raise the limit (NEO4J_HEAP for the local runner)",
        "zh": "该查询所需内存超过单个事务的上限（{limit}）；请缩小查询范围（更少的跳数或目标），"
              "或提高该上限（本地运行时为 NEO4J_HEAP）",
    },
    "scale.limit_time": {
        "en": "this query ran longer than the query time limit ({limit}); narrow it or raise the limit",
        "zh": "该查询运行时间超过查询时限（{limit}）；请缩小查询范围或提高该时限",
    },
    "scale.offset_negative": {"en": "offset must be 0 or more", "zh": "offset 不能小于 0"},
    "scale.limit_range": {"en": "limit must be between 1 and {max}", "zh": "limit 必须在 1 到 {max} 之间"},
}
