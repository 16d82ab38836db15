"""The postbox feature's messages (Chinese and English), registered with station_app.i18n."""

from __future__ import annotations

from station_app.i18n import add_messages

add_messages(
    {
        # not-a-suggestion reasons
        "postbox.reason.blank": {"zh_CN": "空白信件", "en": "Blank letter"},
        "postbox.reason.duplicate": {"zh_CN": "重复来信", "en": "Duplicate letter"},
        "postbox.reason.other_channel": {
            "zh_CN": "属其他渠道办理事项（如投诉、信访）",
            "en": "A matter for another channel (complaint, petition)",
        },
        "postbox.reason.other": {"zh_CN": "其他原因", "en": "Other reason"},
        "postbox.outcome.pending": {"zh_CN": "待处理", "en": "Pending"},
        "postbox.outcome.suggestion": {"zh_CN": "已录入建议", "en": "Recorded as suggestion"},
        "postbox.outcome.not_suggestion": {"zh_CN": "非建议", "en": "Not a suggestion"},
        # field labels used in validation problems
        "postbox.label.postbox_code": {"zh_CN": "邮筒编号", "en": "Postbox code"},
        "postbox.label.witness": {"zh_CN": "见证人", "en": "Witness"},
        "postbox.label.letter_count": {"zh_CN": "信件数量", "en": "Number of letters"},
        "postbox.label.opened_at": {"zh_CN": "开箱时间", "en": "Opened at"},
        "postbox.label.note": {"zh_CN": "说明", "en": "Note"},
        # errors
        "postbox.error.witness_is_opener": {
            "zh_CN": "见证人不能是开箱人本人，请另请一位同事见证。",
            "en": "The witness cannot be the person who opened the postbox; ask a colleague.",
        },
        "postbox.error.count_range": {
            "zh_CN": "信件数量应在 0 到 {max} 封之间。",
            "en": "The number of letters must be between 0 and {max}.",
        },
        "postbox.error.opened_in_future": {
            "zh_CN": "开箱时间晚于现在，请检查日期和时间。",
            "en": "The opening time is in the future; check the date and time.",
        },
        "postbox.error.collection_not_found": {
            "zh_CN": "找不到第 {id} 号开箱记录。",
            "en": "Postbox collection {id} was not found.",
        },
        "postbox.error.letter_not_found": {
            "zh_CN": "找不到这封信（编号 {id}）。",
            "en": "Letter {id} was not found.",
        },
        "postbox.error.page_not_found": {
            "zh_CN": "找不到这一页扫描件（编号 {id}），可能已被清除。",
            "en": "Scanned page {id} was not found; it may have been purged.",
        },
        "postbox.error.failed_not_found": {
            "zh_CN": "“无法读取”列表中没有编号 {id} 的文件。",
            "en": "File {id} is not in the could-not-read list.",
        },
        "postbox.error.collection_closed": {
            "zh_CN": "这次开箱记录已经结束，不能再修改。",
            "en": "This postbox collection is closed and can no longer be changed.",
        },
        "postbox.error.not_reconciled": {
            "zh_CN": "还有 {pending} 封信未处理：每封信都要录入为建议或注明不是建议的原因，"
            "才能结束本次开箱。",
            "en": "{pending} letter(s) are still pending: each letter must be recorded as a "
            "suggestion or marked as not one, with a reason, before the collection can close.",
        },
        "postbox.error.letter_decided": {
            "zh_CN": "这封信已经处理过了（{outcome}）。",
            "en": "This letter has already been dealt with ({outcome}).",
        },
        "postbox.error.letter_is_suggestion": {
            "zh_CN": "这封信已录入为建议（{receipt_no}），不能撤回为待处理。",
            "en": "This letter is recorded as suggestion {receipt_no} and cannot be reopened.",
        },
        "postbox.error.letter_no_pages": {
            "zh_CN": "这封信还没有扫描页，请先导入扫描件并归入这封信。",
            "en": "This letter has no scanned page yet; import the scans and assign them first.",
        },
        "postbox.error.bad_reason": {
            "zh_CN": "请选择不是建议的原因：{choices}。",
            "en": "Choose why it is not a suggestion: {choices}.",
        },
        "postbox.error.note_required": {
            "zh_CN": "选择“其他原因”时请写明原因。",
            "en": 'Please describe the reason when choosing "Other reason".',
        },
        "postbox.error.turn_invalid": {
            "zh_CN": "只能按 90°、180° 或 270° 转动页面（收到 {turn}°）。",
            "en": "A page can only be turned by 90, 180 or 270 degrees (got {turn}).",
        },
        "postbox.error.reread_failed": {
            "zh_CN": "这一页没能重新识别，原来的图片和文字保持不变：{message}",
            "en": "The page could not be read again; its image and text are unchanged: {message}",
        },
        "postbox.error.page_not_usable": {
            "zh_CN": "第 {id} 页无法归入这封信：它没有读取成功，或已属于另一封已处理的信。",
            "en": "Page {id} cannot be assigned: it was not read, or belongs to a letter "
            "already dealt with.",
        },
        "postbox.error.page_twice": {
            "zh_CN": "同一页不能在一封信里出现两次（第 {id} 页）。",
            "en": "A page cannot appear twice in one letter (page {id}).",
        },
        "postbox.error.no_files": {
            "zh_CN": "没有找到可导入的扫描件（PNG、JPEG、TIFF 或 PDF）。",
            "en": "No scans to import were found (PNG, JPEG, TIFF or PDF).",
        },
        "postbox.error.folder_unusable": {
            "zh_CN": "无法使用文件夹“{path}”：它不存在或没有读取权限。",
            "en": 'The folder "{path}" cannot be used: it does not exist or cannot be read.',
        },
        "postbox.error.kept_file_missing": {
            "zh_CN": "保留的文件已不在原处（{path}）。",
            "en": "The kept file is no longer there ({path}).",
        },
        "postbox.error.image_unreadable": {
            "zh_CN": "无法显示这一页的图像（第 {id} 页）。",
            "en": "The image of page {id} cannot be shown.",
        },
        # reasons that come from the worker pool or this package (intake reasons have their
        # own sentences in station_app.ocr.intake)
        "postbox.failed.timeout": {
            "zh_CN": "识别超时，已跳过此页。可以稍后重新导入该文件再试。",
            "en": "Recognition timed out and the page was skipped; import the file again later.",
        },
        "postbox.failed.worker_crashed": {
            "zh_CN": "识别进程意外退出，已跳过此页（文件可能有问题）。",
            "en": "The OCR process stopped unexpectedly on this page (the file may be faulty).",
        },
        "postbox.failed.engine_unavailable": {
            "zh_CN": "识别引擎无法启动，请在设置中换用另一种识别引擎。",
            "en": "The OCR engine cannot start; choose the other engine in the settings.",
        },
        "postbox.failed.engine_error": {
            "zh_CN": "识别这一页时出错，已跳过。",
            "en": "Recognition failed on this page and it was skipped.",
        },
        "postbox.failed.changed": {
            "zh_CN": "文件在读取过程中被修改了，请等扫描仪写完后重新导入。",
            "en": "The file changed while it was being read; import it again once it is done.",
        },
        # CLI
        "postbox.cli.summary": {
            "zh_CN": "导入完成：{files} 个文件，成功读取 {ok} 页，无法读取 {failed} 页，"
            "重复文件 {duplicates} 个。",
            "en": "Import finished: {files} file(s), {ok} page(s) read, {failed} page(s) "
            "could not be read, {duplicates} duplicate file(s).",
        },
        "postbox.cli.cancelled": {
            "zh_CN": "导入已中断，尚有 {count} 个文件未读取；下次运行 station-app import-scans "
            "--resume 或打开程序时继续。",
            "en": "Import interrupted; {count} file(s) not yet read will continue with "
            "station-app import-scans --resume or when the app next starts.",
        },
        "postbox.cli.failed_line": {
            "zh_CN": "  无法读取：{file}（第 {page} 页）：{message}",
            "en": "  Could not read: {file} (page {page}): {message}",
        },
        "postbox.cli.nothing_pending": {
            "zh_CN": "没有未完成的导入。",
            "en": "No unfinished import.",
        },
        "postbox.cli.opened": {
            "zh_CN": "已登记开箱记录 {id}：邮筒 {code}，共 {count} 封信。",
            "en": "Collection {id} recorded: postbox {code}, {count} letter(s).",
        },
        "postbox.cli.collection_line": {
            "zh_CN": "{id}  {code}  {opened_at}  开箱人 {opener}  见证人 {witness}  "
            "共 {count} 封：已录入 {recorded}，非建议 {not_suggestion}，待处理 {pending}  {state}",
            "en": "{id}  {code}  {opened_at}  opened by {opener}  witness {witness}  "
            "{count} letter(s): {recorded} recorded, {not_suggestion} not suggestions, "
            "{pending} pending  {state}",
        },
        "postbox.cli.state_open": {"zh_CN": "进行中", "en": "open"},
        "postbox.cli.state_closed": {"zh_CN": "已结束", "en": "closed"},
        "postbox.cli.letter_line": {
            "zh_CN": "  第 {seq} 封（编号 {id}）：{outcome}{detail}，{pages} 页",
            "en": "  Letter {seq} (id {id}): {outcome}{detail}, {pages} page(s)",
        },
        "postbox.cli.marked": {
            "zh_CN": "第 {seq} 封信已记为非建议：{reason}。",
            "en": "Letter {seq} marked as not a suggestion: {reason}.",
        },
        "postbox.cli.letter_added": {
            "zh_CN": "已补登第 {seq} 封信。",
            "en": "Letter {seq} added.",
        },
        "postbox.cli.closed": {
            "zh_CN": "开箱记录 {id} 已结束，信件数量已核对。",
            "en": "Collection {id} closed; the letter count reconciles.",
        },
        "postbox.cli.none": {"zh_CN": "还没有开箱记录。", "en": "No postbox collection yet."},
    }
)
