"""Export suggestions to CSV or XLSX. Personal fields are masked unless asked for (admin).

The audit entry is written first: if it cannot be (a full disk), nothing leaves. The file is
written whole or not at all (`atomic.replacing`); a disk that fills up meanwhile leaves no
file and the message says how much space the export needs.
"""

from __future__ import annotations

import csv
import errno
import shutil
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text

from station_app.atomic import replacing
from station_app.domain import Role
from station_app.errors import StationError, os_reason
from station_app.i18n import add_messages, tr
from station_app.masking import mask_address, mask_name, mask_phone
from station_app.services.common import audit, require_role
from station_app.services.query import Filters
from station_app.store import Station
from station_app.store.models import Operator

add_messages(
    {
        "error.export_disk_full": {
            "zh_CN": "磁盘已满，导出文件没有写成（没有留下不完整的文件）。这次导出约需 {need} MB，"
            "{folder} 现在只剩 {free} MB。请清理空间或导出到别处（如U盘）。",
            "en": "The disk is full: the export was not written (no partial file was left). "
            "It needs about {need} MB; {folder} has {free} MB free. Free some space or "
            "export somewhere else (a USB stick, for example).",
        },
        "error.export_folder": {
            "zh_CN": "导出文件没有写成：文件夹 {folder} 不存在或不能写入（{reason}）。请换一个文件夹。",
            "en": "The export was not written: the folder {folder} is missing or cannot be "
            "written to ({reason}). Choose another folder.",
        },
    }
)

HEADERS = [
    "receipt_no",
    "uuid",
    "received_at",
    "channel",
    "category",
    "campaign",
    "title",
    "content",
    "location",
    "status",
    "hq_id",
    "suggester_name",
    "suggester_phone",
    "suggester_address",
    "wants_feedback",
]


def _rows(station: Station, filters: Filters, include_personal: bool) -> Iterator[list[str]]:
    clauses, params = filters.where()
    where = f"WHERE {' AND '.join('s.' + c for c in clauses)}" if clauses else ""
    sql = (
        "SELECT s.receipt_no, s.uuid, s.received_at, s.channel, s.category_code, "
        "coalesce(s.campaign_code,''), s.title, s.content, coalesce(s.location,''), s.status, "
        "coalesce(s.hq_id,''), p.name, p.phone, p.address, p.wants_feedback "
        f"FROM suggestion s LEFT JOIN suggester p ON p.id = s.suggester_id {where} "
        "ORDER BY s.id"
    )
    with station.db.read() as s:
        for r in s.execute(text(sql), params):
            name, phone, address = r[11] or "", r[12] or "", r[13] or ""
            if not include_personal:
                name, phone, address = mask_name(name), mask_phone(phone), mask_address(address)
            yield [*[str(v) for v in r[:11]], name, phone, address, "1" if r[14] else "0"]


def export(
    station: Station,
    actor: Operator,
    path: Path,
    fmt: str = "csv",
    *,
    filters: Filters | None = None,
    include_personal: bool = False,
) -> int:
    """Write the export atomically (temp file, fsync, rename). Returns rows written."""
    require_role(actor, Role.ADMIN)
    filters = filters or Filters()
    if fmt not in ("csv", "xlsx"):
        raise ValueError(fmt)
    path = Path(path)
    total = _count(station, filters)
    # the audit entry first: personal data never leaves without it
    with station.db.write() as s:
        detail = f"{fmt};rows={total};personal={'yes' if include_personal else 'masked'}"
        audit(s, station, actor, "export", "suggestion", None, detail)
    done = [0]  # rows written so far
    try:
        with replacing(path) as tmp:
            try:
                _write(station, tmp, fmt, filters, include_personal, done)
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    written = tmp.stat().st_size if tmp.exists() else 0
                    raise _disk_full(path, written, done[0], total) from exc
                raise
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _disk_full(path, 0, 0, total) from exc
        raise StationError(
            "error.export_folder", folder=path.parent, reason=os_reason(exc)
        ) from exc
    return done[0]


def _count(station: Station, filters: Filters) -> int:
    clauses, params = filters.where()
    where = f"WHERE {' AND '.join('s.' + c for c in clauses)}" if clauses else ""
    with station.db.read() as s:
        return int(s.execute(text(f"SELECT count(*) FROM suggestion s {where}"), params).one()[0])


def _write(
    station: Station, tmp: Path, fmt: str, filters: Filters, personal: bool, done: list[int]
) -> None:
    if fmt == "csv":
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            for row in _rows(station, filters, personal):
                writer.writerow(row)
                done[0] += 1
        return
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(tr("label.content"))
    ws.append(HEADERS)
    for row in _rows(station, filters, personal):
        ws.append(row)
        done[0] += 1
    wb.save(tmp)


def _disk_full(path: Path, written: int, rows: int, total: int) -> StationError:
    """How much the whole export needs, from what was written before the disk filled up
    (about 300 bytes a row when nothing was)."""
    per_row = written / rows if rows and written else 300
    need = int(per_row * max(total, 1) * 1.1) + 65536
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = 0
    return StationError(
        "error.export_disk_full",
        need=f"{need / 1_000_000:.1f}",
        free=f"{free / 1_000_000:.1f}",
        folder=path.parent,
    )
