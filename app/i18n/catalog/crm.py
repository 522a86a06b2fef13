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
    # mapping files
    "crm.unknown_source": {"en": "unknown source {source!r} (known: {known})", "zh": "未知的来源 {source!r}（可用：{known}）"},
    "crm.mapping_not_toml": {"en": "{origin} is not a TOML file: {reason}", "zh": "{origin} 不是 TOML 文件：{reason}"},
    "crm.mapping_rejected": {"en": "mapping {origin} rejected: {count} problem(s)",
                             "zh": "映射文件 {origin} 被拒绝：{count} 个问题"},
    # reading an export
    "crm.file_missing": {"en": "{file} is not in the export", "zh": "导出中没有 {file}"},
    "crm.not_utf8": {"en": "{file} is not UTF-8 ({reason}); export as UTF-8",
                     "zh": "{file} 不是 UTF-8 编码（{reason}）；请以 UTF-8 导出"},
    "crm.not_csv": {"en": "{file} is not a readable CSV file: {reason}", "zh": "{file} 不是可读的 CSV 文件：{reason}"},
    "crm.column_missing": {"en": "{file} has no column {column} (needed for {field})",
                           "zh": "{file} 缺少列 {column}（用于 {field}）"},
    "crm.unknown_value": {"en": "{value!r} is not in the mapping's [values.{table}]",
                          "zh": "{value!r} 不在映射的 [values.{table}] 中"},
    "crm.hint_add_value": {"en": "add \"{value}\" = \"{target}\" to [values.{table}] in your mapping "
                                 "(--mapping FILE); allowed: {choices}",
                           "zh": "在映射文件（--mapping FILE）的 [values.{table}] 中加入 \"{value}\" = \"{target}\"；"
                                 "可用值：{choices}"},
    "crm.hint_did_you_mean": {"en": "did you mean {guess!r}?", "zh": "是否想用 {guess!r}？"},
    "crm.not_boolean": {"en": "{value!r} is not a boolean (see [booleans] in the mapping)",
                        "zh": "{value!r} 不是布尔值（见映射的 [booleans]）"},
    "crm.not_number": {"en": "{value!r} is not a number", "zh": "{value!r} 不是数字"},
    "crm.not_date": {"en": "{value!r} is not a date in any of: {formats}", "zh": "{value!r} 不符合任何日期格式：{formats}"},
    "crm.export_rejected": {"en": "{source} export rejected: {count} problem(s), nothing was written",
                            "zh": "{source} 导出被拒绝：{count} 个问题，未写入任何数据"},
    # the import report
    "crm.no_ties": {"en": "A CRM holds no ties between our employees and the customer's people: "
                          "this import created none (reach and warm paths stay empty until they are captured).",
                    "zh": "CRM 中没有我方员工与客户人员之间的关系：本次导入未创建任何关系"
                          "（在采集之前，触达路径为空）。"},
    "crm.no_features": {"en": "A CRM holds none of the seven features (orientation, attitude, importance, "
                              "closeness, solution and price acceptance, interaction): they are unset on every "
                              "imported contact and role.",
                        "zh": "CRM 中没有七项特征（行为取向、关系状况、重要性、亲密度、方案认可度、价格认可度、交互程度）："
                              "所有导入的联系人和角色上均未设置。"},
    "crm.next_capture": {"en": "Next: capture activities (calendar and mail) so ties to contacts can be derived: "
                                "brm capture calendar FILE.ics, brm capture mail PATH (or POST /capture/calendar, "
                                "/capture/mail).",
                         "zh": "下一步：采集活动（日历与邮件），以便推导与联系人的关系：brm capture calendar FILE.ics、"
                               "brm capture mail PATH（或 POST /capture/calendar、/capture/mail）。"},
    "crm.next_profiles": {"en": "Next: fill the profiles of key contacts (attitude, importance, closeness) "
                                "on the page or with PUT /contacts/<id>.",
                          "zh": "下一步：在页面上或通过 PUT /contacts/<id> 填写关键联系人的画像（关系状况、重要性、亲密度）。"},
    "crm.not_in_export": {"en": "{count} record(s) from {source} exist here but not in this export; "
                                "nothing was deleted (re-run with --prune / prune=true to remove them, "
                                "--dry-run first to see them).",
                          "zh": "{count} 条来自 {source} 的记录在此存在但不在本次导出中；未删除任何数据"
                                "（使用 --prune / prune=true 删除它们，可先用 --dry-run 查看）。"},
    "crm.no_ties_derived": {"en": "A CRM holds no ties between our employees and the customer's people: none "
                                  "were copied. {live} tie(s) were derived from the activities it holds (Tasks, "
                                  "Events), {dormant} more are too old to count (dormant); capture calendars and "
                                  "mail for the rest.",
                            "zh": "CRM 中没有我方员工与客户人员之间的关系：未复制任何关系。根据其中的活动（任务、事件）"
                                  "推导出 {live} 条关系，另有 {dormant} 条因过旧不计入（休眠）；其余请采集日历与邮件。"},
    # the page's start panel and GET /sources (what each CRM gave, what it could not give, what next)
    "crm.source_salesforce": {"en": "Salesforce", "zh": "Salesforce"},
    "crm.source_hubspot": {"en": "HubSpot", "zh": "HubSpot"},
    "crm.state_headline": {"en": "{source}: {accounts} account(s) and {contacts} contact(s) came from this CRM.",
                           "zh": "{source}：{accounts} 个客户和 {contacts} 位联系人来自该 CRM。"},
    "crm.state_ties": {"en": "{tied} of {contacts} contact(s) have a tie to one of our people (typed in, or derived "
                             "from activities); the others cannot be reached until activities are captured.",
                       "zh": "{contacts} 位联系人中有 {tied} 位与我方人员有关系（手工录入或由活动推导）；"
                             "其余联系人在采集活动之前无法触达。"},
    "crm.state_profiles": {"en": "{profiled} of {contacts} contact(s) have a profile (any of the seven features); "
                                 "the others show their degrees as missing.",
                           "zh": "{contacts} 位联系人中有 {profiled} 位已有画像（七项特征中的任意一项）；其余联系人的三度显示为缺失。"},
    "crm.state_no_ties": {"en": "A CRM holds no ties between our people and the customer's: none of these {contacts} "
                                "contact(s) has one yet, so reach and warm paths are empty.",
                          "zh": "CRM 中没有我方人员与客户人员之间的关系：这 {contacts} 位联系人都还没有关系，因此触达路径为空。"},
    "crm.state_no_features": {"en": "A CRM holds none of the seven features (orientation, attitude, importance, "
                                    "closeness, solution and price acceptance, interaction): none of these contacts "
                                    "has a profile yet, so their degrees are missing.",
                              "zh": "CRM 中没有七项特征（行为取向、关系状况、重要性、亲密度、方案认可度、价格认可度、交互程度）："
                                    "这些联系人都还没有画像，因此三度缺失。"},
    "crm.step_capture": {"en": "Capture activities from calendars and mail, so ties are derived: brm capture calendar "
                               "FILE.ics, brm capture mail PATH (or POST /capture/calendar, /capture/mail).",
                         "zh": "采集日历与邮件中的活动，以推导关系：brm capture calendar FILE.ics、brm capture mail PATH"
                               "（或 POST /capture/calendar、/capture/mail）。"},
    "crm.step_profiles": {"en": "Fill the profiles of key contacts (attitude, importance, closeness): click a person "
                                "in the account map, or PUT /contacts/<id>.",
                          "zh": "填写关键联系人的画像（关系状况、重要性、亲密度）：在客户地图中点击一个人，或使用 PUT /contacts/<id>。"},
    "page.crm_title": {"en": "Imported from a CRM", "zh": "来自 CRM 的数据"},
    "page.crm_cannot": {"en": "What a CRM cannot give", "zh": "CRM 无法提供的内容"},
    "page.crm_next": {"en": "Next steps", "zh": "下一步"},
    "crm.pruned": {"en": "{count} record(s) from {source} not in this export were removed.",
                   "zh": "已删除 {count} 条来自 {source}、不在本次导出中的记录。"},
    "crm.would_prune": {"en": "dry run: {count} record(s) from {source} not in this export would be removed.",
                        "zh": "试运行：将删除 {count} 条来自 {source}、不在本次导出中的记录。"},
}
