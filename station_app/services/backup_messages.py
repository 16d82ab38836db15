"""Messages of backup, restore, salvage and check, merged into the one catalogue."""

from __future__ import annotations

from station_app.i18n import add_messages, tr

TABLE_LABELS: dict[str, dict[str, str]] = {
    "table.suggestion": {"zh_CN": "建议", "en": "suggestions"},
    "table.suggester": {"zh_CN": "建议人", "en": "suggesters"},
    "table.status_event": {"zh_CN": "处理记录", "en": "history events"},
    "table.outbox": {"zh_CN": "待发送", "en": "outbox rows"},
    "table.feedback": {"zh_CN": "反馈", "en": "feedback"},
    "table.audit_log": {"zh_CN": "审计记录", "en": "audit entries"},
    "table.contact_attempt": {"zh_CN": "联系记录", "en": "contact attempts"},
    "table.scan": {"zh_CN": "扫描件", "en": "scans"},
    "table.letter": {"zh_CN": "来信", "en": "letters"},
    "table.hq_event": {"zh_CN": "总部回复", "en": "HQ updates"},
}

add_messages(
    {
        **TABLE_LABELS,
        "backup.disk_full": {
            "zh_CN": "{folder} 空间不足：这份备份约需 {need} MB，现在只剩 {free} MB。"
            "没有留下不完整的备份文件。请清理空间或换一个文件夹（如U盘）。",
            "en": "Not enough space in {folder}: this backup needs about {need} MB and only "
            "{free} MB are free. No partial backup was left. Free some space or choose "
            "another folder (a USB stick, for example).",
        },
        "backup.folder_missing": {
            "zh_CN": "找不到备份文件夹 {folder}（U盘没插上，或移动硬盘没连接？）。",
            "en": "The backup folder {folder} cannot be found (is the USB stick or the "
            "second disk plugged in?).",
        },
        "cli.backup_auto_set": {
            "zh_CN": "每日自动备份将保存到 {folder}，保留最近 {keep} 份。",
            "en": "Daily automatic backups go to {folder}; the newest {keep} are kept.",
        },
        "cli.backup_what": {
            "zh_CN": "请用 -o 文件 指定备份文件，或用 --now 备份到已选的自动备份文件夹。",
            "en": "Give -o FILE for the backup file, or --now to back up into the chosen "
            "automatic backup folder.",
        },
        "cli.restore_kept": {
            "zh_CN": "已从备份恢复。原来的数据文件已原样保留为：{old}",
            "en": "Restored from the backup. The previous database file was kept unchanged "
            "as: {old}",
        },
        "cli.restore_none_kept": {
            "zh_CN": "已从备份恢复（原来没有数据文件，无需保留）。",
            "en": "Restored from the backup (there was no previous database file to keep).",
        },
        "cli.restore_newer": {
            "zh_CN": "从原数据文件读出并补回了 {total} 条备份之后的新记录：{tables}。",
            "en": "Brought back {total} records newer than the backup from the previous "
            "file: {tables}.",
        },
        "cli.restore_receipts": {
            "zh_CN": "补回的新建议（回执编号）：{receipts}",
            "en": "New suggestions brought back (receipt numbers): {receipts}",
        },
        "cli.restore_newer_none": {
            "zh_CN": "原数据文件里没有比备份更新的记录。",
            "en": "The previous file holds no records newer than the backup.",
        },
        "cli.restore_unreadable": {
            "zh_CN": "原数据文件读不出记录（{detail}），备份之后的新记录未能补回；"
            "该文件已原样保留，可交技术人员处理。",
            "en": "No records could be read from the previous file ({detail}), so records "
            "newer than the backup could not be brought back; the file is kept unchanged "
            "for a technician.",
        },
        "cli.restore_lost": {
            "zh_CN": "原数据文件中有 {count} 行读不出（{tables}），这些以备份中的内容为准。",
            "en": "{count} rows of the previous file could not be read ({tables}); for "
            "those the backup's copy stands.",
        },
        "cli.restore_scans": {
            "zh_CN": "从备份补回了 {count} 个扫描文件。",
            "en": "{count} scan files were put back from the backup.",
        },
        "cli.salvage_written": {
            "zh_CN": "已把能读出的 {rows} 行记录写入新的数据库：{path}",
            "en": "Wrote the {rows} readable rows into a new database: {path}",
        },
        "cli.salvage_replaced": {
            "zh_CN": "损坏的文件已原样保留为 {kept}；抢救出的新数据库已启用，可以继续使用。",
            "en": "The damaged file was kept unchanged as {kept}; the rescued database is now "
            "in use and the station can carry on.",
        },
        "cli.salvage_complete": {
            "zh_CN": "所有记录都已读出，没有丢失。",
            "en": "Every record was read; nothing was lost.",
        },
        "cli.salvage_lost": {
            "zh_CN": "有 {count} 行读不出（{tables}）。如有备份，请运行 station-app restore 备份文件："
            "以备份为准，并补回备份之后的新记录。",
            "en": "{count} rows could not be read ({tables}). If there is a backup, run "
            "station-app restore BACKUP: the backup stands and the records newer than it are "
            "brought back.",
        },
        "cli.salvage_no_schema": {
            "zh_CN": "文件第一页（数据库目录）已损坏且无法重建，一条记录也读不出；损坏的文件原样保留。",
            "en": "The file's first page (the table directory) is damaged and could not be "
            "rebuilt, so no record could be read; the damaged file is kept unchanged.",
        },
        "cli.salvage_first_page": {
            "zh_CN": "文件第一页（数据库目录）已损坏，已按本工作站的表结构重建后读取。",
            "en": "The file's first page (the table directory) was damaged; it was rebuilt "
            "from the station's table layout and the file read through it.",
        },
        "cli.check_damaged": {
            "zh_CN": "数据库已损坏，写入已停止。下一步：station-app salvage（抢救能读的记录并启用新文件），"
            "或 station-app restore 备份文件（以备份为准并补回之后的新记录）。损坏的文件都会原样保留。",
            "en": "The database is damaged and writing has stopped. Next: station-app salvage "
            "(rescue what can be read and use the new file), or station-app restore BACKUP "
            "(the backup stands and newer records are brought back). The damaged file is "
            "kept unchanged either way.",
        },
    }
)


def table_label(table: str) -> str:
    key = f"table.{table}"
    return tr(key) if key in TABLE_LABELS else table


def table_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{table_label(t)} {n}" for t, n in counts.items() if n)
