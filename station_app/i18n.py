"""The one message catalogue for the CLI and for errors (the Qt UI uses tr() and .ts files).

zh_CN is the default; English is complete. Add a key to both languages or the test fails.
"""

from __future__ import annotations

import os
from typing import Any

DEFAULT_LANG = "zh_CN"
_current: str | None = None

MESSAGES: dict[str, dict[str, str]] = {
    "error.unexpected": {
        "zh_CN": "出现了意外错误，已记录日志。请联系管理员。",
        "en": "An unexpected error happened and was logged. Please tell the administrator.",
    },
    "error.validation": {"zh_CN": "请检查以下内容：", "en": "Please check the following:"},
    "error.storage_full": {
        "zh_CN": "磁盘已满，本次内容未保存（已有数据完好）。请清理磁盘空间后再保存。",
        "en": "The disk is full; this was not saved (existing data is intact). "
        "Free some disk space and save again.",
    },
    "error.storage_full_need": {
        "zh_CN": "磁盘已满，本次内容未保存（已有数据完好）。数据所在的磁盘（{folder}）只剩 {free} MB，"
        "至少需要 {need} MB 才能继续保存（数据库整理时要用到这些空间）。请清理出这么多空间后再保存。",
        "en": "The disk is full; this was not saved (existing data is intact). The disk of the "
        "data folder ({folder}) has {free} MB free and needs at least {need} MB to go on saving "
        "(the database needs that room when it tidies up). Free that much space and save again.",
    },
    "error.storage": {
        "zh_CN": "数据库出错：{detail}。本次内容未保存，已有数据完好。",
        "en": "Database error: {detail}. This was not saved; existing data is intact.",
    },
    "error.not_set_up": {
        "zh_CN": "本工作站尚未初始化，请先运行 station-app init 或启动程序完成设置。",
        "en": "This station is not set up yet. Run station-app init or start the app to set it up.",
    },
    "error.already_set_up": {
        "zh_CN": "本工作站已经初始化过了。",
        "en": "This station is already set up.",
    },
    "error.auth": {"zh_CN": "姓名或密码（PIN）不正确。", "en": "Wrong name or PIN."},
    "error.locked_out": {
        "zh_CN": "密码错误次数过多，该账号已锁定，请 {minutes} 分钟后再试或联系管理员。",
        "en": "Too many wrong PINs: this account is locked. Try again in {minutes} minutes "
        "or ask the administrator.",
    },
    "error.permission": {
        "zh_CN": "您的角色（{role}）无权执行此操作。",
        "en": "Your role ({role}) may not do this.",
    },
    "error.not_found": {"zh_CN": "找不到该记录：{what}", "en": "Record not found: {what}"},
    "error.invalid_state": {
        "zh_CN": "当前状态（{status}）下不能这样操作。",
        "en": "This cannot be done while the status is {status}.",
    },
    "error.backup": {
        "zh_CN": "备份或恢复失败：{detail}",
        "en": "Backup or restore failed: {detail}",
    },
    "error.app_open": {
        "zh_CN": "工作站程序正在使用这个数据文件夹（{folder}）。请先关闭程序窗口，再恢复或修复。",
        "en": "The station app is open on this data folder ({folder}). Close its window "
        "first, then restore or repair.",
    },
    "error.hq_unavailable": {
        "zh_CN": "暂时连不上总部，稍后会自动重试。数据已安全保存在本机。",
        "en": "Headquarters cannot be reached; the app will retry. Data is safe on this PC.",
    },
    # field validation
    "field.required": {"zh_CN": "“{label}”必须填写。", "en": '"{label}" is required.'},
    "field.too_long": {
        "zh_CN": "“{label}”太长了：最多 {max} 个字，现在 {length} 个字。",
        "en": '"{label}" is too long: at most {max} characters, now {length}.',
    },
    "field.too_short": {
        "zh_CN": "“{label}”太短了：至少 {min} 个字。",
        "en": '"{label}" is too short: at least {min} characters.',
    },
    "field.control_chars": {
        "zh_CN": "“{label}”含有无法显示的控制字符，请删除后重新输入。",
        "en": '"{label}" contains invisible control characters; please remove them.',
    },
    "field.bad_phone": {
        "zh_CN": "电话号码格式不对：请填写11位手机号（如 13812345678）或座机号（如 021-62345678）。",
        "en": "Phone number not valid: use an 11-digit mobile (e.g. 13812345678) or a landline "
        "(e.g. 021-62345678).",
    },
    "field.bad_choice": {
        "zh_CN": "“{label}”的取值“{value}”无效。",
        "en": '"{value}" is not a valid choice for "{label}".',
    },
    "field.consent_needed": {
        "zh_CN": "留下姓名或联系方式前，需要建议人同意《个人信息告知书》；也可以选择匿名。",
        "en": "Before keeping a name or contact details the suggester must accept the personal "
        "data notice; or choose anonymous.",
    },
    "field.feedback_needs_contact": {
        "zh_CN": "需要回复时，请留下电话或地址，或选择“不需要回复”。",
        "en": "To get a reply, give a phone or address, or choose no reply.",
    },
    "field.reply_method_needed": {
        "zh_CN": "已勾选“需要回复”，请选择回复方式（电话、上门/来站或书面信函），或取消勾选。",
        "en": "Wants a reply is ticked: choose how to reply (phone call, visit or letter), "
        "or untick it.",
    },
    "field.anonymous_with_data": {
        "zh_CN": "已选择匿名，请不要填写姓名、电话或地址。",
        "en": "Anonymous is chosen: leave name, phone and address empty.",
    },
    "field.bad_pin": {
        "zh_CN": "密码（PIN）须为 4 到 12 位数字。",
        "en": "The PIN must be 4 to 12 digits.",
    },
    "field.bad_station_code": {
        "zh_CN": "工作站编号须为 2 到 16 位大写字母、数字或短横线（如 PT-CSL01）。",
        "en": "The station code must be 2-16 capital letters, digits or dashes (e.g. PT-CSL01).",
    },
    "field.duplicate_name": {
        "zh_CN": "已有同名操作员“{name}”。",
        "en": 'An operator named "{name}" already exists.',
    },
    # labels
    "label.title": {"zh_CN": "标题", "en": "Title"},
    "label.content": {"zh_CN": "建议内容", "en": "Content"},
    "label.location": {"zh_CN": "问题所在地点", "en": "Location of the issue"},
    "label.category": {"zh_CN": "类别", "en": "Category"},
    "label.channel": {"zh_CN": "渠道", "en": "Channel"},
    "label.campaign": {"zh_CN": "征集活动", "en": "Campaign"},
    "label.name": {"zh_CN": "姓名", "en": "Name"},
    "label.phone": {"zh_CN": "电话", "en": "Phone"},
    "label.address": {"zh_CN": "地址", "en": "Address"},
    "label.feedback_method": {"zh_CN": "回复方式", "en": "Reply by"},
    "label.anonymous": {"zh_CN": "匿名", "en": "Anonymous"},
    "label.consent": {"zh_CN": "个人信息告知书", "en": "Personal data notice"},
    "label.station_code": {"zh_CN": "工作站编号", "en": "Station code"},
    "label.station_name": {"zh_CN": "工作站名称", "en": "Station name"},
    "label.district": {"zh_CN": "区", "en": "District"},
    "label.street": {"zh_CN": "街道/镇", "en": "Street / town"},
    "label.operator_name": {"zh_CN": "操作员姓名", "en": "Operator name"},
    "label.admin_name": {"zh_CN": "管理员姓名", "en": "Administrator's name"},
    "label.station_phone": {"zh_CN": "工作站电话", "en": "Station phone"},
    "label.role": {"zh_CN": "角色", "en": "Role"},
    # enums
    "channel.face_to_face": {"zh_CN": "当面", "en": "Face to face"},
    "channel.session": {"zh_CN": "座谈", "en": "Session"},
    "channel.phone": {"zh_CN": "电话", "en": "Phone"},
    "channel.postbox": {"zh_CN": "红色邮筒", "en": "Postbox"},
    "channel.other": {"zh_CN": "其他", "en": "Other"},
    "role.volunteer": {"zh_CN": "志愿者", "en": "Volunteer"},
    "role.scanner": {"zh_CN": "扫描员", "en": "Scanner"},
    "role.admin": {"zh_CN": "管理员", "en": "Administrator"},
    "feedback.phone": {"zh_CN": "电话", "en": "Phone call"},
    "feedback.visit": {"zh_CN": "上门/来站", "en": "Visit"},
    "feedback.letter": {"zh_CN": "书面信函", "en": "Letter"},
    "feedback.none": {"zh_CN": "不需要回复", "en": "No reply wanted"},
    "status.draft": {"zh_CN": "草稿", "en": "Draft"},
    "status.recorded": {"zh_CN": "已登记", "en": "Recorded"},
    "status.sent": {"zh_CN": "已报送", "en": "Sent to HQ"},
    "status.accepted": {"zh_CN": "已受理", "en": "Accepted"},
    "status.not_accepted": {"zh_CN": "不予受理", "en": "Not accepted"},
    "status.merged_duplicate": {"zh_CN": "已合并（重复）", "en": "Merged (duplicate)"},
    "status.forwarded": {"zh_CN": "已转办", "en": "Forwarded"},
    "status.in_progress": {"zh_CN": "办理中", "en": "In progress"},
    "status.replied": {"zh_CN": "已答复", "en": "Replied"},
    "status.adopted": {"zh_CN": "已采纳", "en": "Adopted"},
    "status.partially_adopted": {"zh_CN": "部分采纳", "en": "Partially adopted"},
    "status.for_reference": {"zh_CN": "留作参考", "en": "For reference"},
    "status.not_adopted": {"zh_CN": "未采纳", "en": "Not adopted"},
    "status.implemented": {"zh_CN": "已落实", "en": "Implemented"},
    "status.feedback_due": {"zh_CN": "待反馈", "en": "Feedback due"},
    "status.feedback_given": {"zh_CN": "已反馈", "en": "Feedback given"},
    "status.closed": {"zh_CN": "已办结", "en": "Closed"},
    "status.withdrawn": {"zh_CN": "已撤回", "en": "Withdrawn"},
    "status.reopened": {"zh_CN": "重新办理", "en": "Reopened"},
    "status.conflict": {"zh_CN": "内容冲突（待核对）", "en": "Conflict (to check)"},
    # corrections (a typo put right after saving)
    "correction.note": {
        "zh_CN": "更正为第 {version} 版：{reason}",
        "en": "Corrected to version {version}: {reason}",
    },
    "correction.unchanged": {
        "zh_CN": "标题、内容和地点都没有改动，无需更正。",
        "en": "Title, content and location are unchanged: nothing to correct.",
    },
    "correction.not_yours": {
        "zh_CN": "只有登记这条建议的人或管理员可以更正它。",
        "en": "Only whoever recorded this suggestion, or an administrator, may correct it.",
    },
    "label.correction_reason": {"zh_CN": "更正原因", "en": "Reason for the correction"},
    # CLI
    "cli.saved": {
        "zh_CN": "已保存，回执编号：{receipt_no}",
        "en": "Saved. Receipt number: {receipt_no}",
    },
    "cli.init_done": {
        "zh_CN": "工作站 {code}（{name}）已初始化，数据目录：{path}",
        "en": "Station {code} ({name}) is set up; data folder: {path}",
    },
    "cli.demo_done": {
        "zh_CN": "已生成 {count} 条演示建议。",
        "en": "Created {count} demo suggestions.",
    },
    "cli.no_results": {"zh_CN": "没有找到匹配的建议。", "en": "No matching suggestions."},
    "cli.results": {
        "zh_CN": "共找到 {count} 条（显示前 {shown} 条）",
        "en": "{count} found (showing {shown})",
    },
    "cli.exported": {
        "zh_CN": "已导出 {count} 条到 {path}",
        "en": "Exported {count} suggestions to {path}",
    },
    "cli.backup_done": {
        "zh_CN": "备份完成并已校验：{path}",
        "en": "Backup written and verified: {path}",
    },
    "cli.restore_done": {
        "zh_CN": "已从备份恢复（原数据已另存为 {old}）。",
        "en": "Restored from the backup (the previous data was kept as {old}).",
    },
    "cli.check_ok": {"zh_CN": "检查通过：{detail}", "en": "Check passed: {detail}"},
    "cli.check_failed": {"zh_CN": "检查发现问题：{detail}", "en": "Check found problems: {detail}"},
    "cli.unknown_command": {
        "zh_CN": "命令“{name}”不可用：需要安装相应组件（{hint}）。",
        "en": 'Command "{name}" is not available: install the component ({hint}).',
    },
    "cli.pin_prompt": {"zh_CN": "请输入管理员密码（PIN）：", "en": "Administrator PIN: "},
    "cli.operator_hint": {
        "zh_CN": "脚本可用 --operator 指定登记人（默认为第一位管理员）。",
        "en": "Scripts may pass --operator (defaults to the first administrator).",
    },
    # sync with HQ (sync.client)
    "sync.done": {
        "zh_CN": "同步完成：新报送 {sent} 条，总部已有 {already} 条，冲突 {conflict} 条，"
        "失败 {failed} 条，收到总部更新 {pulled} 条。",
        "en": "Sync done: {sent} sent, {already} already at HQ, {conflict} in conflict, "
        "{failed} failed, {pulled} updates from HQ.",
    },
    "sync.busy": {
        "zh_CN": "另一个同步正在进行中，本次不再重复同步。",
        "en": "Another sync is already running; this one was skipped.",
    },
    "sync.enrolled": {
        "zh_CN": "本工作站（{code}）已在总部登记，可以同步了。",
        "en": "This station ({code}) is enrolled with headquarters and can sync now.",
    },
    "sync.error.not_enrolled": {
        "zh_CN": "本工作站还没有在总部登记。请管理员输入总部地址和一次性登记码。",
        "en": "This station is not enrolled with headquarters yet. An administrator needs "
        "to enter HQ's address and a one-time enrolment code.",
    },
    "sync.error.unauthorized": {
        "zh_CN": "总部不再接受本工作站的登记凭证，同步已停止。请管理员向总部申请新的登记码并重新登记。",
        "en": "Headquarters no longer accepts this station's credentials; sync has stopped. "
        "An administrator needs a new enrolment code from HQ to enrol again.",
    },
    "sync.error.rejected": {
        "zh_CN": "总部拒收了本次发送（代码 {status}：{detail}）。数据仍保存在本机，请联系管理员。",
        "en": "Headquarters refused what was sent (code {status}: {detail}). The data is "
        "still safe on this PC; please tell the administrator.",
    },
    "sync.error.item_rejected": {
        "zh_CN": "有建议被总部拒收（{detail}），已保留在本机，请联系管理员。",
        "en": "Headquarters refused a suggestion ({detail}); it is kept on this PC. "
        "Please tell the administrator.",
    },
    "sync.error.tls": {
        "zh_CN": "无法确认总部服务器的安全证书，未发送任何数据。请管理员检查总部地址和证书文件。",
        "en": "HQ's security certificate could not be verified; nothing was sent. An "
        "administrator should check HQ's address and the certificate file.",
    },
    "sync.error.cancelled": {
        "zh_CN": "同步已取消，未发送的内容下次会继续发送。",
        "en": "Sync was cancelled; what was not sent will go next time.",
    },
    "sync.error.bad_url": {
        "zh_CN": "总部地址不正确：{url}（应以 https:// 开头）。",
        "en": "HQ's address is not valid: {url} (it should start with https://).",
    },
    "sync.error.bad_code": {
        "zh_CN": "登记码不正确，或不是发给本工作站的。请核对后重新输入。",
        "en": "The enrolment code is wrong or was issued for another station. Check it and "
        "try again.",
    },
    "sync.error.code_used": {
        "zh_CN": "这个登记码已经用过了。请向总部申请新的登记码。",
        "en": "This enrolment code was used already. Ask HQ for a new one.",
    },
}


def set_language(lang: str | None) -> None:
    """Choose the language for this process (None: from $STATION_APP_LANG or zh_CN)."""
    global _current
    _current = lang


def current_language() -> str:
    lang = _current or os.environ.get("STATION_APP_LANG") or DEFAULT_LANG
    return "en" if lang.lower().startswith("en") else "zh_CN"


def add_messages(extra: dict[str, dict[str, str]]) -> None:
    """Let a feature module keep its own messages beside its code (called at import time).

    A key may be registered once; a clash with another module is a programming error.
    """
    for key, entry in extra.items():
        if key in MESSAGES and MESSAGES[key] != entry:
            raise ValueError(f"message key registered twice: {key}")
        MESSAGES[key] = entry


def tr(key: str, lang: str | None = None, **params: Any) -> str:
    """Look up a message; unknown keys come back as the key so nothing is silently blank."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry[lang or current_language()]
    return text.format(**params) if params else text
