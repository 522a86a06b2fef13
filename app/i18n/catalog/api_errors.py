"""Error messages a person sees (the page shows them in its panels), by error class."""

MESSAGES: dict[str, dict[str, str]] = {
    "api_errors.not_found": {"en": "no {kind} with id {id!r}", "zh": "未找到{kind}（{id}）"},
    "api_errors.not_found_any": {"en": "not found", "zh": "未找到"},
    "api_errors.database_unavailable": {"en": "the database is not available, try again in a few seconds",
                                        "zh": "数据库暂不可用，请几秒后重试"},
    "api_errors.unauthorized": {"en": "no valid API key: enter yours (brm keys create)",
                                "zh": "没有有效的 API 密钥：请输入您的密钥（brm keys create）"},
    "api_errors.forbidden": {"en": "your key's role may not do this", "zh": "您的密钥角色无权执行此操作"},
    "api_errors.kind.Account": {"en": "account", "zh": "客户"},
    "api_errors.kind.Contact": {"en": "contact", "zh": "联系人"},
    "api_errors.kind.Opportunity": {"en": "opportunity", "zh": "商机"},
    "api_errors.kind.Employee": {"en": "employee", "zh": "员工"},
    "api_errors.kind.record": {"en": "record", "zh": "记录"},
}
