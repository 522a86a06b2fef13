"""Messages shared by every area."""

MESSAGES: dict[str, dict[str, str]] = {
    "common.not_found": {"en": "{kind} {id} not found", "zh": "未找到{kind} {id}"},
}
