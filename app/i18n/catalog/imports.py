"""Messages of big imports (issue 16): the readers' gate, the import lock, import jobs."""

MESSAGES: dict[str, dict[str, str]] = {
    "imports.gate_busy": {
        "en": "an import is being written ({state}); reads and writes wait for it to finish: try again shortly",
        "zh": "正在写入一次导入（{state}）；读写操作需等待其完成，请稍后重试",
    },
    "imports.lock_held": {
        "en": "another import is being written; try again when it has finished",
        "zh": "另一次导入正在写入；请在其完成后重试",
    },
    "imports.earlier_transactions": {
        "en": "{count} transaction(s) that began before the import did not finish within {seconds} s; try again",
        "zh": "导入开始前的 {count} 个事务未在 {seconds} 秒内结束；请重试",
    },
    "imports.job_not_found": {
        "en": "no import job {id} in this process (jobs are kept until the server restarts)",
        "zh": "本进程中没有导入任务 {id}（任务保留到服务器重启为止）",
    },
}
