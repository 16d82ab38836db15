"""Messages of the follow-up feature (CLI output and errors), zh_CN and English."""

from __future__ import annotations

from station_app.i18n import add_messages

add_messages(
    {
        "followup.not_on_worklist": {
            "zh_CN": "回执 {receipt_no} 不在待告知清单上（总部尚未答复，或建议人不需要回复）。",
            "en": "Receipt {receipt_no} is not on the worklist (no reply from HQ yet, "
            "or the suggester wants no reply).",
        },
        "followup.already_done": {
            "zh_CN": "回执 {receipt_no} 的反馈已经记录过了。",
            "en": "Feedback for receipt {receipt_no} has already been recorded.",
        },
        "followup.bad_method": {
            "zh_CN": "联系方式必须是：电话、上门/来站、书面信函或其他。",
            "en": "The way of contact must be phone, visit, letter or other.",
        },
        "followup.bad_satisfaction": {
            "zh_CN": "满意度必须是：满意、基本满意或不满意。",
            "en": "Satisfaction must be satisfied, basically satisfied or not satisfied.",
        },
        "followup.satisfaction_needed": {
            "zh_CN": "已联系上建议人：请询问并选择其满意度。",
            "en": "The suggester was reached: ask and choose how satisfied they are.",
        },
        "followup.satisfaction_unreached": {
            "zh_CN": "未联系上建议人时不能填写满意度。",
            "en": "Satisfaction cannot be given when the suggester was not reached.",
        },
        "followup.date_future": {
            "zh_CN": "联系日期不能晚于今天。",
            "en": "The contact date cannot be after today.",
        },
        "followup.date_before_reply": {
            "zh_CN": "联系日期不能早于总部答复到站的日期（{day}）。",
            "en": "The contact date cannot be before HQ's reply reached the station ({day}).",
        },
        "followup.comment_too_long": {
            "zh_CN": "备注最多 {max} 个字。",
            "en": "The comment can have at most {max} characters.",
        },
        "followup.bad_date": {
            "zh_CN": "日期格式不对：{value}（应为 年-月-日，如 2026-11-25）。",
            "en": "Not a date: {value} (use YYYY-MM-DD, e.g. 2026-11-25).",
        },
        "followup.undo_sent": {
            "zh_CN": "这次联系记录已经发送给总部，不能撤销。",
            "en": "This contact has already been sent to HQ and cannot be undone.",
        },
        "followup.undo_sync_running": {
            "zh_CN": "正在与总部同步，请稍后再撤销。",
            "en": "A sync with HQ is running; undo again in a moment.",
        },
        "followup.undo_not_last": {
            "zh_CN": "只能撤销该建议最近一次的联系记录。",
            "en": "Only the latest contact of a suggestion can be undone.",
        },
        "followup.bad_kind": {
            "zh_CN": "类别必须是：采纳、落实或表彰。",
            "en": "The kind must be adopted, implemented or awarded.",
        },
        "followup.state.overdue": {"zh_CN": "已逾期", "en": "Overdue"},
        "followup.state.due_soon": {"zh_CN": "即将到期", "en": "Due soon"},
        "followup.state.ok": {"zh_CN": "未到期", "en": "On time"},
        "followup.state.done": {"zh_CN": "已完成", "en": "Done"},
        "followup.method.other": {"zh_CN": "其他", "en": "Other"},
        "followup.method.unreachable": {"zh_CN": "未能联系上", "en": "Unreachable"},
        "satisfaction.satisfied": {"zh_CN": "满意", "en": "Satisfied"},
        "satisfaction.basically_satisfied": {"zh_CN": "基本满意", "en": "Basically satisfied"},
        "satisfaction.not_satisfied": {"zh_CN": "不满意", "en": "Not satisfied"},
        "cli.worklist_header": {
            "zh_CN": "待告知 {open} 件，其中逾期 {overdue} 件、即将到期 {due_soon} 件；"
            "按时反馈率 {rate}",
            "en": "{open} to inform, {overdue} overdue, {due_soon} due soon; "
            "on-time feedback rate {rate}",
        },
        "cli.worklist_empty": {"zh_CN": "待告知清单是空的。", "en": "The worklist is empty."},
        "cli.feedback_recorded": {
            "zh_CN": "已记录回执 {receipt_no} 的反馈，下次同步时发送给总部。",
            "en": "Feedback for {receipt_no} recorded; it goes to HQ at the next sync.",
        },
        "cli.feedback_unreached": {
            "zh_CN": "已记录：未联系上（第 {tries} 次，满 {limit} 次即记为“未能联系上”）。",
            "en": "Recorded: not reached (try {tries}; after {limit} it is recorded as "
            "unreachable).",
        },
        "cli.feedback_unreachable": {
            "zh_CN": "已联系 {tries} 次均未联系上，已记为“未能联系上”，下次同步时告知总部。",
            "en": "Not reached in {tries} tries: recorded as unreachable; HQ is told at the "
            "next sync.",
        },
        "cli.rate_none": {"zh_CN": "暂无", "en": "n/a"},
    }
)
