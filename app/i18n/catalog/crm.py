"""Messages of the CRM ingest area (issue 12): archives, sources, mappings, import reports."""

MESSAGES: dict[str, dict[str, str]] = {
    # archive reader
    "crm.archive_not_zip": {"en": "not a zip file: {reason}", "zh": "不是有效的 zip 文件：{reason}"},
    "crm.archive_broken": {"en": "the zip is damaged: {reason}", "zh": "zip 文件已损坏：{reason}"},
    "crm.archive_encrypted": {"en": "{name} is encrypted; export the zip without a password",
                              "zh": "{name} 已加密；请导出不带密码的 zip"},
    "crm.archive_too_many": {"en": "the archive holds more than {limit} files",
                             "zh": "压缩包中的文件超过 {limit} 个"},
    "crm.archive_member_too_large": {"en": "{name} expands to more than {limit} bytes",
                                     "zh": "{name} 解压后超过 {limit} 字节"},
    "crm.archive_total_too_large": {"en": "the archive expands to more than {limit} bytes in all",
                                    "zh": "压缩包解压后总计超过 {limit} 字节"},
    "crm.archive_ratio": {"en": "{name} expands {ratio}× (more than {limit}×): refused as a zip bomb",
                          "zh": "{name} 的压缩比为 {ratio}×（超过 {limit}×）：疑似压缩炸弹，已拒绝"},
    "crm.archive_duplicate": {"en": "two files named {name} in the archive", "zh": "压缩包中有两个名为 {name} 的文件"},
    "crm.archive_missing": {"en": "{path} does not exist", "zh": "{path} 不存在"},
    "crm.archive_rejected": {"en": "archive rejected: {reason}", "zh": "压缩包被拒绝：{reason}"},
}
