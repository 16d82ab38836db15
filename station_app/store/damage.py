"""A damaged database file: how it is recognised, remembered and told.

Damage shows up as SQLite's "database disk image is malformed" (SQLITE_CORRUPT), or, when
the first page is hit, as "file is not a database" with a key that the data folder's key
header says is the right one (a wrong key fails the same way, so the header decides).
Wherever it is seen (the check at start, the daily maintenance, `check`, or any query that
trips over a bad page) a marker file `station.db.damaged` is written beside the database.
While it is there every write is refused with a plain message saying what to do (check,
salvage, restore); reads go on where they can. `salvage` or `restore` removes the marker.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from station_app.atomic import write_bytes
from station_app.dbapi import Connection
from station_app.errors import StationError
from station_app.i18n import add_messages

log = logging.getLogger(__name__)
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26

add_messages(
    {
        "error.db_damaged": {
            "zh_CN": "数据库文件已损坏（{where}），为免损坏扩大，已停止写入，本次内容未保存。"
            "能读的数据仍可查看。请管理员依次运行：station-app check（查看损坏情况），"
            "station-app salvage（把能读的记录抢救到新文件），"
            "或 station-app restore 备份文件（从备份恢复，并找回备份之后的新记录）。",
            "en": "The database file is damaged ({where}). To keep the damage from spreading, "
            "writing has stopped and this was not saved. What can be read can still be "
            "viewed. An administrator should run: station-app check (see the damage), "
            "station-app salvage (rescue every readable record into a new file), or "
            "station-app restore BACKUP (restore a backup and bring back the records newer "
            "than it).",
        },
        "error.db_damaged_read": {
            "zh_CN": "数据库文件已损坏（{where}），这部分数据读不出来；为免损坏扩大，写入已停止。"
            "请管理员运行：station-app check（查看损坏情况），然后 station-app salvage"
            "（把能读的记录抢救到新文件）或 station-app restore 备份文件"
            "（从备份恢复，并找回备份之后的新记录）。",
            "en": "The database file is damaged ({where}) and this part cannot be read; "
            "to keep the damage from spreading, writing has stopped. An administrator should "
            "run station-app check (see the damage), then station-app salvage (rescue every "
            "readable record into a new file) or station-app restore BACKUP (restore a "
            "backup and bring back the records newer than it).",
        },
        "warn.db_damaged": {
            "zh_CN": "注意：数据库文件已损坏（{where}），显示的内容可能不完整，写入已停止。"
            "请运行 station-app check，然后 station-app salvage 或 station-app restore 备份文件。",
            "en": "Note: the database file is damaged ({where}); what is shown may be "
            "incomplete and writing has stopped. Run station-app check, then "
            "station-app salvage or station-app restore BACKUP.",
        },
        "damage.first_page": {
            "zh_CN": "第一页损坏，密钥是对的",
            "en": "its first page is damaged; the key is the right one",
        },
        "damage.pages": {"zh_CN": "部分数据页损坏", "en": "some pages are damaged"},
    }
)


class DatabaseDamaged(StationError):
    """The station's database file is damaged: writing is refused until salvage/restore."""

    key = "error.db_damaged"


def is_malformed(exc: BaseException) -> bool:
    """Whether a driver error means a damaged file (not a locked or full one)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    text = str(orig)
    return code == SQLITE_CORRUPT or "malformed" in text or "disk image" in text


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + ".damaged")


def damage_note(database: Path) -> dict[str, Any] | None:
    """What was recorded when the damage was found, or None for a file not known damaged."""
    try:
        note: dict[str, Any] = json.loads(marker_path(database).read_text(encoding="utf-8"))
        return note
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"kind": "pages", "found_by": "unknown"}


def where_text(note: dict[str, Any] | None) -> str:
    from station_app.i18n import tr

    return tr("damage.first_page" if (note or {}).get("kind") == "first_page" else "damage.pages")


def mark_damaged(database: Path, found_by: str, detail: str = "", kind: str = "pages") -> None:
    """Remember that the file is damaged (kept if already marked: the first finding stays)."""
    if marker_path(database).exists():
        return
    note = {
        "found_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "found_by": found_by,
        "kind": kind,
        "detail": detail.splitlines()[0][:200] if detail else "",
    }
    log.error("database damaged (found by %s): %s", found_by, note["detail"])
    try:
        write_bytes(marker_path(database), json.dumps(note).encode("utf-8"))
    except OSError as exc:  # a full or read-only disk: writes still fail on the damage itself
        log.error("could not write the damage marker: %s", type(exc).__name__)


def clear_damage(database: Path) -> None:
    marker_path(database).unlink(missing_ok=True)


def damaged_error(database: Path, reading: bool = False) -> DatabaseDamaged:
    """The error to show: a write refused, or (`reading`) something that cannot be read."""
    where = where_text(damage_note(database))
    if reading:
        return DatabaseDamaged("error.db_damaged_read", where=where)
    return DatabaseDamaged(where=where)


def refuse_writes_if_damaged(database: Path) -> None:
    if marker_path(database).exists():
        raise damaged_error(database)


def quick_check(conn: Connection, encrypted: bool, structure: bool = True) -> str:
    """'ok', or the first problems found. With `encrypted`, every page's HMAC is checked
    (SQLCipher's cipher_integrity_check: any changed byte on disk shows, at about 5 ms per
    MB); with `structure`, SQLite's quick_check too (b-trees; slower). A file too damaged
    to run them answers with the error."""
    try:
        if encrypted:
            bad = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
            if bad:
                return "; ".join(bad[:5])
        if structure:
            rows = conn.execute("PRAGMA quick_check(20)").fetchall()
            return "; ".join(r[0] for r in rows).replace("\n", " ")[:300]
    except Exception as exc:  # noqa: BLE001  # the driver's own error *is* the finding
        return str(exc).splitlines()[0]
    return "ok"
