"""Export suggestions to CSV or XLSX. Personal fields are masked unless asked for (admin)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text

from station_app.atomic import replacing
from station_app.domain import Role
from station_app.i18n import tr
from station_app.masking import mask_address, mask_name, mask_phone
from station_app.services.common import audit, require_role
from station_app.services.query import Filters
from station_app.store import Station
from station_app.store.models import Operator

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
    count = 0
    with replacing(Path(path)) as tmp:
        if fmt == "csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(HEADERS)
                for row in _rows(station, filters, include_personal):
                    writer.writerow(row)
                    count += 1
        else:
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(tr("label.content"))
            ws.append(HEADERS)
            for row in _rows(station, filters, include_personal):
                ws.append(row)
                count += 1
            wb.save(tmp)
    with station.db.write() as s:
        detail = f"{fmt};rows={count};personal={'yes' if include_personal else 'masked'}"
        audit(s, station, actor, "export", "suggestion", None, detail)
    return count
