"""Station figures for the dashboard and the monthly report: counts by month, channel,
category, status and campaign, what HQ has taken and what still waits, open postbox letters
and the on-time feedback rate. Counts only: no name, phone, address or text of a suggestion.

Fast on a million rows with the schema's own indexes. A table scan of a year (365k rows of
full text) takes about a second, so the period is never scanned row by row:
1. per month, `ix_suggestion_received (received_at, rowid)` gives the count and the lowest
   and highest id in the period (an index-only range scan);
2. every breakdown is then counted on its own `(column, id)` index as `column = v AND id
   BETWEEN lo AND hi`, one index range per value (values found by a loose index scan);
3. ids and received_at normally rise together, but a suggestion can be recorded with an
   earlier received_at (a postbox letter dated last week). Such "strays" inside [lo, hi] make
   the id-range total exceed the period count; they are then found on the received_at index
   and their own values subtracted, so the figures are always exact.
`bench/bench_reports.py` prints the times for a month and for a year on 1M rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from station_app.atomic import replacing
from station_app.clock import iso
from station_app.dbapi import Connection
from station_app.domain import HQ_STATES, Channel, Status
from station_app.followup.worklist import OnTimeRate, on_time_rate
from station_app.i18n import add_messages, current_language, tr
from station_app.services.common import audit, get_setting, require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw, select_in

add_messages(
    {
        "report.sheet.summary": {"zh_CN": "汇总", "en": "Summary"},
        "report.sheet.month": {"zh_CN": "按月份", "en": "By month"},
        "report.sheet.channel": {"zh_CN": "按渠道", "en": "By channel"},
        "report.sheet.category": {"zh_CN": "按类别", "en": "By category"},
        "report.sheet.status": {"zh_CN": "按状态", "en": "By status"},
        "report.sheet.campaign": {"zh_CN": "按征集活动", "en": "By campaign"},
        "report.title": {
            "zh_CN": "{station} 人民建议征集月报（{month}）",
            "en": "{station}: people's suggestions, monthly report ({month})",
        },
        "report.heading": {
            "zh_CN": "人民建议征集月报（{month}）",
            "en": "People's suggestions: monthly report ({month})",
        },
        "report.col.item": {"zh_CN": "项目", "en": "Item"},
        "report.col.value": {"zh_CN": "数值", "en": "Value"},
        "report.col.month": {"zh_CN": "月份", "en": "Month"},
        "report.col.code": {"zh_CN": "代码", "en": "Code"},
        "report.col.name": {"zh_CN": "名称", "en": "Name"},
        "report.col.count": {"zh_CN": "件数", "en": "Count"},
        "report.col.share": {"zh_CN": "占比", "en": "Share"},
        "report.station": {"zh_CN": "工作站", "en": "Station"},
        "report.period": {"zh_CN": "统计期间", "en": "Period"},
        "report.generated_at": {"zh_CN": "生成时间", "en": "Generated at"},
        "report.total": {"zh_CN": "收到建议（件）", "en": "Suggestions received"},
        "report.hq_acknowledged": {"zh_CN": "总部已接收", "en": "Taken by HQ"},
        "report.waiting_for_hq": {"zh_CN": "等待报送总部", "en": "Waiting to go to HQ"},
        "report.in_campaigns": {"zh_CN": "其中征集活动", "en": "Of which in campaigns"},
        "report.open_letters": {
            "zh_CN": "邮筒信件待处理（当前）",
            "en": "Postbox letters still open (now)",
        },
        "report.on_time_rate": {"zh_CN": "按时反馈率", "en": "On-time feedback rate"},
        "report.on_time": {"zh_CN": "按时反馈（件）", "en": "Feedback on time"},
        "report.late": {"zh_CN": "逾期反馈（件）", "en": "Feedback late"},
        "report.open_overdue": {"zh_CN": "逾期未反馈（件）", "en": "Overdue, not yet given"},
        "report.not_available": {"zh_CN": "暂无", "en": "n/a"},
        "report.trend_note": {
            "zh_CN": "近12个月（截至统计月份）",
            "en": "Last 12 months (up to the report month)",
        },
        "report.no_campaign": {"zh_CN": "（未参加征集活动）", "en": "(no campaign)"},
        "report.month_format": {"zh_CN": "{year}年{month}月", "en": "{year}-{month:02d}"},
    }
)

# HQ has the suggestion in any of these (its `hq_id` is set); `recorded` is still waiting.
# `conflict` and `withdrawn` are neither: they show under status.
_AT_HQ = HQ_STATES | {
    Status.SENT,
    Status.FEEDBACK_DUE,
    Status.FEEDBACK_GIVEN,
    Status.CLOSED,
    Status.REOPENED,
}
_WAITING = frozenset({Status.RECORDED})
_DIMENSIONS = ("channel", "category_code", "status", "campaign_code")
TREND_MONTHS = 12


@dataclass(frozen=True)
class Bucket:
    """One bar of a breakdown: the stored code, its name for people, how many."""

    key: str
    label: str
    count: int


@dataclass
class StationStats:
    station_code: str
    station_name: str
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    generated_at: str
    total: int
    by_month: list[Bucket]  # months of the period, oldest first (part months counted in part)
    trend: list[Bucket]  # the 12 calendar months up to `end`, oldest first
    by_channel: list[Bucket]
    by_category: list[Bucket]
    by_status: list[Bucket]
    by_campaign: list[Bucket]  # only suggestions tagged with a campaign
    hq_acknowledged: int
    waiting_for_hq: int
    open_postbox_letters: int
    on_time: OnTimeRate  # feedback due in the period (the worklist's figures)

    @property
    def in_campaigns(self) -> int:
        return sum(b.count for b in self.by_campaign)


# --- periods ------------------------------------------------------------------------------
def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a calendar month."""
    first = dt.date(year, month, 1)
    return first, _month_end(first)


def parse_month(value: str) -> tuple[int, int]:
    """'2026-11' -> (2026, 11); ValueError otherwise."""
    year, _, month = value.strip().partition("-")
    y, m = int(year), int(month)
    if not 1 <= m <= 12 or not 2000 <= y <= 2999:
        raise ValueError(value)
    return y, m


def month_label(year: int, month: int) -> str:
    return tr("report.month_format", year=year, month=month)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return _add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


def _month_segments(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(YYYY-MM, first day, day after the last) for each month piece of [start, end]."""
    pieces: list[tuple[str, dt.date, dt.date]] = []
    cursor = start
    stop = end + dt.timedelta(days=1)
    while cursor < stop:
        next_month = _add_months(cursor.replace(day=1), 1)
        upto = min(next_month, stop)
        pieces.append((f"{cursor.year:04d}-{cursor.month:02d}", cursor, upto))
        cursor = upto
    return pieces


# --- counting -----------------------------------------------------------------------------
def _range_count(conn: Connection, lo: dt.date, hi: dt.date) -> tuple[int, int | None, int | None]:
    """Count, lowest and highest id of suggestions received in [lo, hi): index only."""
    row = conn.execute(
        "SELECT count(*), min(rowid), max(rowid) FROM suggestion INDEXED BY ix_suggestion_received "
        "WHERE received_at >= ? AND received_at < ?",
        (lo.isoformat(), hi.isoformat()),
    ).fetchone()
    return int(row[0]), row[1], row[2]


def _values(conn: Connection, column: str) -> tuple[list[str], bool]:
    """Distinct values of an indexed column by a loose index scan (one seek per value)."""
    values: list[str] = []
    prev = ""
    while True:
        row = conn.execute(
            f"SELECT min({column}) FROM suggestion WHERE {column} > ?", (prev,)
        ).fetchone()
        if row[0] is None:
            break
        values.append(row[0])
        prev = row[0]
    # two seeks, not one OR (which SQLite would answer with a table scan)
    empty = conn.execute(f"SELECT 1 FROM suggestion WHERE {column} IS NULL LIMIT 1").fetchone()
    return values, empty is not None or conn.execute(
        f"SELECT 1 FROM suggestion WHERE {column} = '' LIMIT 1"
    ).fetchone() is not None


def _id_range_counts(conn: Connection, column: str, lo: int, hi: int) -> Counter[str]:
    values, has_empty = _values(conn, column)
    counts: Counter[str] = Counter()
    for value in values:
        n = conn.execute(
            f"SELECT count(*) FROM suggestion WHERE {column} = ? AND id BETWEEN ? AND ?",
            (value, lo, hi),
        ).fetchone()[0]
        if n:
            counts[value] = n
    if has_empty:
        for test in ("IS NULL", "= ''"):
            n = conn.execute(
                f"SELECT count(*) FROM suggestion WHERE {column} {test} AND id BETWEEN ? AND ?",
                (lo, hi),
            ).fetchone()[0]
            if n:
                counts[""] += n
    return counts


def _strays(conn: Connection, start: dt.date, stop: dt.date, lo: int, hi: int) -> list[int]:
    """Ids in [lo, hi] received outside [start, stop) (recorded later with an earlier date,
    or the other way round), found on the received_at index without reading rows."""
    ids: list[int] = []
    for where, bound in (("received_at < ?", start), ("received_at >= ?", stop)):
        ids += [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM suggestion INDEXED BY ix_suggestion_received "
                f"WHERE {where} AND rowid BETWEEN ? AND ?",
                (bound.isoformat(), lo, hi),
            )
        ]
    return ids


def _subtract_rows(conn: Connection, ids: list[int], counts: dict[str, Counter[str]]) -> None:
    sql = f"SELECT {', '.join(_DIMENSIONS)} FROM suggestion WHERE id IN ({{marks}})"
    for row in select_in(conn, sql, ids):
        for column, value in zip(_DIMENSIONS, row, strict=True):
            key = value or ""
            counts[column][key] -= 1
            if counts[column][key] <= 0:
                del counts[column][key]


def _breakdowns(
    conn: Connection, start: dt.date, stop: dt.date, lo: int | None, hi: int | None, total: int
) -> dict[str, Counter[str]]:
    if lo is None or hi is None or total == 0:
        return {c: Counter() for c in _DIMENSIONS}
    counts = {c: _id_range_counts(conn, c, lo, hi) for c in _DIMENSIONS}
    if sum(counts["status"].values()) != total:
        _subtract_rows(conn, _strays(conn, start, stop, lo, hi), counts)
    return counts


# --- labels -------------------------------------------------------------------------------
def _names(conn: Connection, sql: str) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute(sql)}


def _ordered(counts: Counter[str], order: Iterable[str] | None = None) -> list[str]:
    """Keys in a fixed order where one exists (channels, lifecycle), else most first."""
    if order is not None:
        known = [k for k in order if counts.get(k)]
        return known + sorted(k for k in counts if k not in set(known))
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _buckets(
    counts: Counter[str], labels: dict[str, str], order: Iterable[str] | None = None
) -> list[Bucket]:
    return [Bucket(k, labels.get(k, k), counts[k]) for k in _ordered(counts, order)]


# --- the public functions -----------------------------------------------------------------
def station_stats(
    station: Station, actor: Operator, *, start: dt.date, end: dt.date
) -> StationStats:
    """Figures for suggestions received from `start` to `end` (both days included).

    Every logged-in operator may see them: counts only, nothing personal (the fence is the
    same as for the masked list). Open postbox letters and the on-time rate are as of now.
    """
    require(actor, "view_masked")
    if end < start:
        raise ValueError("end before start")
    stop = end + dt.timedelta(days=1)
    trend_first = _add_months(end.replace(day=1), -(TREND_MONTHS - 1))
    with station.db.read() as s:
        conn = raw(s)
        by_month: list[Bucket] = []
        pieces: dict[tuple[dt.date, dt.date], int] = {}
        total, lo, hi = 0, None, None
        for key, first, upto in _month_segments(start, end):
            n, a, b = _range_count(conn, first, upto)
            pieces[(first, upto)] = n
            total += n
            if n and a is not None and b is not None:
                lo = a if lo is None else min(lo, a)
                hi = b if hi is None else max(hi, b)
            by_month.append(Bucket(key, _month_name(key), n))
        trend = [
            Bucket(
                key,
                _month_name(key),
                pieces[(first, upto)]
                if (first, upto) in pieces
                else _range_count(conn, first, upto)[0],
            )
            for key, first, upto in _month_segments(trend_first, _month_end(end))
        ]
        counts = _breakdowns(conn, start, stop, lo, hi, total)
        lang = current_language()
        name_col = "name_zh" if lang == "zh_CN" else "name_en"
        categories = _names(conn, f"SELECT code, {name_col} FROM category")
        campaigns = _names(conn, "SELECT code, title FROM campaign")
        open_letters = conn.execute(
            "SELECT count(*) FROM letter WHERE outcome = 'pending'"
        ).fetchone()[0]
        code = get_setting(s, "station.code") or ""
        name = get_setting(s, "station.name") or ""
    status_counts = counts["status"]
    campaign_counts = Counter({k: v for k, v in counts["campaign_code"].items() if k})
    return StationStats(
        station_code=code,
        station_name=name,
        start=start,
        end=end,
        generated_at=iso(station.clock.now()),
        total=total,
        by_month=by_month,
        trend=trend,
        by_channel=_buckets(
            counts["channel"],
            {c.value: tr(f"channel.{c.value}") for c in Channel},
            [c.value for c in Channel],
        ),
        by_category=_buckets(counts["category_code"], categories),
        by_status=_buckets(
            status_counts,
            {s.value: tr(f"status.{s.value}") for s in Status},
            [s.value for s in Status],
        ),
        by_campaign=_buckets(campaign_counts, campaigns),
        hq_acknowledged=sum(v for k, v in status_counts.items() if k in _AT_HQ),
        waiting_for_hq=sum(v for k, v in status_counts.items() if k in _WAITING),
        open_postbox_letters=int(open_letters),
        on_time=on_time_rate(station, since=start, until=end),
    )


def _month_name(key: str) -> str:
    year, month = key.split("-")
    return month_label(int(year), int(month))


def month_report(station: Station, actor: Operator, year: int, month: int) -> StationStats:
    """The figures of one calendar month, for an export (admins: see PERMISSIONS['export'])."""
    require(actor, "export")
    start, end = month_bounds(year, month)
    return station_stats(station, actor, start=start, end=end)


def log_report_export(
    station: Station, actor: Operator, year: int, month: int, fmt: str, total: int
) -> None:
    """Audit a monthly report written by someone else (the UI's PDF): ids and counts only."""
    require(actor, "export")
    with station.db.write() as s:
        audit(s, station, actor, "export", "report", f"{year:04d}-{month:02d}", _detail(fmt, total))


def _detail(fmt: str, total: int) -> str:
    return f"{fmt};monthly_report;total={total};personal=none"


def percent(rate: float | None) -> str:
    return tr("report.not_available") if rate is None else f"{rate * 100:.1f}%"


def summary_rows(stats: StationStats) -> list[tuple[str, str]]:
    """The summary as (label, value) lines: the XLSX summary sheet and the PDF share them."""
    period = f"{stats.start.isoformat()} – {stats.end.isoformat()}"
    rows = [
        (tr("report.station"), f"{stats.station_name}（{stats.station_code}）"),
        (tr("report.period"), period),
        (tr("report.generated_at"), stats.generated_at[:16].replace("T", " ")),
        (tr("report.total"), str(stats.total)),
        (tr("report.hq_acknowledged"), str(stats.hq_acknowledged)),
        (tr("report.waiting_for_hq"), str(stats.waiting_for_hq)),
        (tr("report.in_campaigns"), str(stats.in_campaigns)),
        (tr("report.open_letters"), str(stats.open_postbox_letters)),
    ]
    ot = stats.on_time
    return [
        *rows,
        (tr("report.on_time_rate"), percent(ot.rate)),
        (tr("report.on_time"), str(ot.on_time)),
        (tr("report.late"), str(ot.late)),
        (tr("report.open_overdue"), str(ot.open_overdue)),
    ]


def breakdown_sheets(stats: StationStats) -> list[tuple[str, str, list[Bucket]]]:
    """(sheet title, header of the name column, buckets) for each breakdown."""
    return [
        (tr("report.sheet.month"), tr("report.col.month"), stats.trend),
        (tr("report.sheet.channel"), tr("label.channel"), stats.by_channel),
        (tr("report.sheet.category"), tr("label.category"), stats.by_category),
        (tr("report.sheet.status"), tr("report.col.name"), stats.by_status),
        (tr("report.sheet.campaign"), tr("label.campaign"), stats.by_campaign),
    ]


def export_month_xlsx(
    station: Station, actor: Operator, year: int, month: int, path: Path
) -> StationStats:
    """Write the monthly report as XLSX (a summary sheet and one per breakdown), atomically:
    a temp file beside the target, fsynced, then renamed, so a crash leaves no half file.
    Admins only (PERMISSIONS['export']); audit-logged as an export, without personal data."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    stats = month_report(station, actor, year, month)
    path = Path(path)
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = tr("report.sheet.summary")
    ws.append([tr("report.title", station=stats.station_name, month=month_label(year, month))])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append([tr("report.col.item"), tr("report.col.value")])
    for cell in ws[3]:
        cell.font = bold
    for label, value in summary_rows(stats):
        ws.append([label, int(value) if value.isdigit() else value])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 44
    for title, name_header, buckets in breakdown_sheets(stats):
        sheet = wb.create_sheet(title)
        total = sum(b.count for b in buckets)
        sheet.append(
            [tr("report.col.code"), name_header, tr("report.col.count"), tr("report.col.share")]
        )
        for cell in sheet[1]:
            cell.font = bold
        for b in buckets:
            share = round(b.count / total, 4) if total else 0
            sheet.append([b.key, b.label, b.count, share])
            sheet.cell(row=sheet.max_row, column=4).number_format = "0.0%"
        if title == tr("report.sheet.month"):
            sheet.append([])
            sheet.append([tr("report.trend_note")])
        sheet.column_dimensions["A"].width = 14
        sheet.column_dimensions["B"].width = 30
    with replacing(path) as tmp:
        wb.save(tmp)
    log_report_export(station, actor, year, month, "xlsx", stats.total)
    return stats
