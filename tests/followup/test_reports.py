"""Station figures and the monthly XLSX: a station with demo data plus hand-made suggestions
spread over months, channels, categories and a campaign. Expected figures are counted here
from what the test recorded (the list below and the demo generator), never by asking SQL."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from station_app.clock import CHINA_TZ, FixedClock
from station_app.demo import generate_forms, load_demo
from station_app.errors import PermissionDenied
from station_app.followup.reports import (
    export_month_xlsx,
    month_bounds,
    station_stats,
)
from station_app.postbox.collections import letters, mark_not_suggestion, open_collection
from station_app.resources import seed_categories
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_updates import apply_changes, apply_list
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Operator

ROOT = Path(__file__).parents[2]
DEMO_COUNT = 24
CAMPAIGN = "ZJ-2026-ELV"
CAMPAIGN_TITLE = "老旧小区加装电梯金点子"


@dataclass(frozen=True)
class Made:
    day: dt.date
    channel: str
    category: str
    campaign: str = ""
    name: str = ""
    phone: str = ""


# Recorded in this order: ids do not follow received dates (letters are dated when they
# arrived, recorded later), which the report must count by date all the same.
MADE = [
    Made(dt.date(2026, 11, 3), "phone", "PRK", name="欧阳秀珍", phone="13911112222"),
    Made(dt.date(2026, 10, 8), "postbox", "ELV", CAMPAIGN, name="司马建华", phone="13622223333"),
    Made(dt.date(2026, 11, 20), "postbox", "ELV", CAMPAIGN),
    Made(dt.date(2025, 12, 1), "other", "WST"),
    Made(dt.date(2026, 10, 31), "face_to_face", "HLT", name="诸葛丽娟", phone="13733334444"),
    Made(dt.date(2025, 11, 30), "phone", "TRF"),
    Made(dt.date(2026, 11, 1), "face_to_face", "ELV", CAMPAIGN),
    Made(dt.date(2026, 9, 15), "phone", "PRK"),
    Made(dt.date(2026, 11, 24), "other", "SAF"),
    Made(dt.date(2026, 10, 1), "postbox", "PRK"),
]
ACCEPTED = (0, 2)  # indexes into MADE that HQ has accepted


def _form(m: Made, i: int) -> SuggestionForm:
    person = (
        SuggesterForm(name=m.name, phone=m.phone, consent_given=True)
        if m.name
        else SuggesterForm(anonymous=True)
    )
    return SuggestionForm(
        channel=m.channel,
        category_code=m.category,
        campaign_code=m.campaign,
        title=f"测试建议第{i}条",
        content=f"这是第{i}条手工录入的测试建议，用来核对统计数字是否正确。",
        location="长寿路",
        received_at=dt.datetime.combine(m.day, dt.time(10, 0), CHINA_TZ).isoformat(),
        suggester=person,
    )


@pytest.fixture
def filled(station: Station, admin: Operator, volunteer: Operator) -> Station:
    load_demo(station, DEMO_COUNT)  # all received "today", 2026-11-25
    apply_list(
        station,
        "campaigns",
        1,
        [
            {
                "code": CAMPAIGN,
                "title": CAMPAIGN_TITLE,
                "starts_on": "2026-09-01",
                "ends_on": "2026-12-31",
            }
        ],
    )
    recorded = [record_suggestion(station, volunteer, _form(m, i)) for i, m in enumerate(MADE)]
    events = [
        {
            "event_id": f"ev-{i}",
            "uuid": recorded[i].uuid,
            "kind": "status",
            "status": "accepted",
            "hq_id": f"HQ-{i}",
            "at": "2026-11-25T09:00:00+08:00",
        }
        for i in ACCEPTED
    ]
    apply_changes(station, events, "cursor-1")
    opened = open_collection(
        station,
        admin,
        postbox_code="HY-017",
        opened_at=dt.datetime(2026, 11, 24, 16, 0, tzinfo=CHINA_TZ),
        witness="赵居委",
        letter_count=4,
    )
    first = letters(station, admin, opened.id)[0]
    mark_not_suggestion(station, admin, first.id, "blank")
    return station


def _expected(first: dt.date, last: dt.date) -> list[tuple[Made | None, str, str, str]]:
    """(made, channel, category, campaign) of everything received in [first, last]."""
    rows: list[tuple[Made | None, str, str, str]] = [
        (m, m.channel, m.category, m.campaign) for m in MADE if first <= m.day <= last
    ]
    today = dt.date(2026, 11, 25)
    if first <= today <= last:
        rows += [(None, f.channel, f.category_code, "") for f in generate_forms(DEMO_COUNT)]
    return rows


def _by(buckets: list) -> dict[str, int]:
    return {b.key: b.count for b in buckets}


def test_month_figures_match_what_was_recorded(filled: Station, admin: Operator) -> None:
    start, end = month_bounds(2026, 11)
    stats = station_stats(filled, admin, start=start, end=end)
    rows = _expected(start, end)

    assert stats.total == len(rows) == DEMO_COUNT + 4
    assert _by(stats.by_channel) == Counter(r[1] for r in rows)
    assert _by(stats.by_category) == Counter(r[2] for r in rows)
    assert _by(stats.by_campaign) == {CAMPAIGN: 2}
    assert stats.by_campaign[0].label == CAMPAIGN_TITLE
    names = {c["code"]: c["name_zh"] for c in seed_categories()["items"]}
    assert {b.key: b.label for b in stats.by_category} == {
        k: names[k] for k in _by(stats.by_category)
    }
    # MADE[0] and MADE[2] (both November) were accepted by HQ, everything else waits
    assert _by(stats.by_status) == {"recorded": len(rows) - 2, "accepted": 2}
    assert (stats.hq_acknowledged, stats.waiting_for_hq) == (2, len(rows) - 2)
    assert [(b.key, b.count) for b in stats.by_month] == [("2026-11", len(rows))]
    # four letters taken out of the postbox, one found blank: three still to deal with
    assert stats.open_postbox_letters == 3


def test_a_longer_period_counts_each_month_and_the_year_trend(
    filled: Station, admin: Operator
) -> None:
    stats = station_stats(filled, admin, start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 30))
    rows = _expected(dt.date(2026, 10, 1), dt.date(2026, 11, 30))
    assert stats.total == len(rows)
    assert _by(stats.by_month) == {"2026-10": 3, "2026-11": DEMO_COUNT + 4}
    assert _by(stats.by_channel) == Counter(r[1] for r in rows)
    assert _by(stats.by_campaign) == {CAMPAIGN: 3}
    # the trend is the 12 calendar months up to November: December 2025 in, November 2025 out
    trend = _by(stats.trend)
    assert list(trend) == [
        f"{y}-{m:02d}" for y, m in [(2025, 12)] + [(2026, m) for m in range(1, 12)]
    ]
    assert trend["2025-12"] == 1 and trend["2026-09"] == 1 and trend["2026-10"] == 3
    assert sum(trend.values()) == len(MADE) - 1 + DEMO_COUNT


def test_a_period_inside_a_month_leaves_out_the_days_around_it(
    filled: Station, admin: Operator
) -> None:
    stats = station_stats(filled, admin, start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 24))
    # 11-03 phone PRK, 11-20 postbox ELV (campaign), 11-24 other SAF; not 11-01, not today
    assert stats.total == 3
    assert _by(stats.by_channel) == {"phone": 1, "postbox": 1, "other": 1}
    assert _by(stats.by_category) == {"PRK": 1, "ELV": 1, "SAF": 1}


def test_an_empty_month_is_all_zero(filled: Station, admin: Operator) -> None:
    start, end = month_bounds(2026, 8)
    stats = station_stats(filled, admin, start=start, end=end)
    assert stats.total == 0
    assert stats.by_channel == stats.by_category == stats.by_status == stats.by_campaign == []


def _cells(path: Path) -> dict[str, list[list[object]]]:
    wb = load_workbook(path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def _personal(station: Station) -> list[str]:
    with station.db.read() as s:
        rows = s.connection().exec_driver_sql("SELECT name, phone, address FROM suggester")
        return [v for r in rows for v in r if v]


def test_month_xlsx_holds_the_same_numbers_and_nothing_personal(
    filled: Station, admin: Operator, tmp_path: Path
) -> None:
    out = tmp_path / "月报-2026-11.xlsx"
    export_month_xlsx(filled, admin, 2026, 11, out)
    sheets = _cells(out)
    rows = _expected(*month_bounds(2026, 11))

    assert list(sheets) == ["汇总", "按月份", "按渠道", "按类别", "按状态", "按征集活动"]
    summary = {r[0]: r[1] for r in sheets["汇总"] if r and len(r) > 1}
    assert summary["收到建议（件）"] == len(rows)
    assert summary["总部已接收"] == 2
    assert summary["邮筒信件待处理（当前）"] == 3
    assert "2026年11月" in str(sheets["汇总"][0][0])
    channel = {r[1]: r[2] for r in sheets["按渠道"][1:]}
    expected_channels = Counter(r[1] for r in rows)
    assert channel == {
        {"face_to_face": "当面", "phone": "电话", "postbox": "红色邮筒", "other": "其他"}[k]: v
        for k, v in expected_channels.items()
    }
    assert sheets["按渠道"][0] == ["代码", "渠道", "件数", "占比"]
    assert {r[0]: r[2] for r in sheets["按类别"][1:]} == Counter(r[2] for r in rows)
    assert [r[:3] for r in sheets["按征集活动"][1:]] == [[CAMPAIGN, CAMPAIGN_TITLE, 2]]
    months = {r[0]: r[2] for r in sheets["按月份"][1:] if r and r[2] is not None}
    assert months["2026-11"] == len(rows) and months["2026-10"] == 3

    text = "\n".join(str(v) for sheet in sheets.values() for r in sheet for v in r if v)
    personal = _personal(filled)
    assert "欧阳秀珍" in personal and len(personal) > 20  # the check below has teeth
    assert [p for p in personal if p in text] == []
    assert not list(tmp_path.glob(".*.part"))


def test_export_is_audited_without_personal_data(
    filled: Station, admin: Operator, tmp_path: Path
) -> None:
    export_month_xlsx(filled, admin, 2026, 11, tmp_path / "r.xlsx")
    with filled.db.read() as s:
        rows = (
            s.connection()
            .exec_driver_sql(
                "SELECT operator_id, action, entity, entity_id, detail FROM audit_log "
                "WHERE entity = 'report'"
            )
            .all()
        )
    assert len(rows) == 1
    op, action, entity, entity_id, detail = rows[0]
    assert (op, action, entity_id) == (admin.id, "export", "2026-11")
    assert "xlsx" in detail and not any(p in detail for p in _personal(filled))


def test_a_volunteer_cannot_export_the_report(
    filled: Station, volunteer: Operator, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PermissionDenied):
        export_month_xlsx(filled, volunteer, 2026, 11, folder / "r.xlsx")
    assert list(folder.iterdir()) == []
    # the figures on screen are counts only: a volunteer may look at them
    start, end = month_bounds(2026, 11)
    assert station_stats(filled, volunteer, start=start, end=end).total == DEMO_COUNT + 4


def test_report_command_writes_the_xlsx(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "STATION_APP_LANG": "zh_CN"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "station_app", *args, "--data-dir", str(data)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )

    assert run("demo", "--count", "7").returncode == 0
    month = dt.datetime.now(CHINA_TZ).strftime("%Y-%m")  # as the demo dates them
    out = tmp_path / "report.xlsx"
    done = run("report", "--month", month, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "7" in done.stdout and out.exists()
    summary = {r[0]: r[1] for r in _cells(out)["汇总"] if r and len(r) > 1}
    assert summary["收到建议（件）"] == 7


def test_report_command_sends_pdf_to_the_dashboard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from station_app.cli import build_parser
    from station_app.followup.report_cli import cmd_report

    out = tmp_path / "report.pdf"
    args = build_parser().parse_args(["report", "--month", "2026-11", "-o", str(out)])
    assert cmd_report(args) == 2
    assert "导出 PDF" in capsys.readouterr().err and not out.exists()
    args = build_parser().parse_args(["report", "--month", "2026-13", "-o", "x.xlsx"])
    assert cmd_report(args) == 2
    assert "2026-13" in capsys.readouterr().err


def test_on_time_rate_counts_feedback_due_in_the_month(
    station: Station, admin: Operator, volunteer: Operator, clock: FixedClock
) -> None:
    from station_app.followup.worklist import record_contact
    from tests.followup.helpers import wanting_reply

    clock.set(dt.datetime(2026, 11, 5, 9, 0))
    told = record_suggestion(station, volunteer, wanting_reply("楼道灯不亮", phone="13811112222"))
    waiting = record_suggestion(station, volunteer, wanting_reply("路口没有斑马线"))
    later = record_suggestion(station, volunteer, wanting_reply("菜场早上太挤"))
    clock.set(dt.datetime(2026, 11, 10, 9, 0))
    replies = [
        {
            "event_id": f"reply-{n}",
            "uuid": rec.uuid,
            "kind": "reply",
            "reply_text": "已转交街道办理。",
            "due_date": due,
            "hq_id": f"HQ-R{n}",
        }
        for n, (rec, due) in enumerate(
            [(told, "2026-11-20"), (waiting, "2026-11-20"), (later, "2026-12-10")]
        )
    ]
    apply_changes(station, replies, "cursor-r")
    clock.set(dt.datetime(2026, 11, 18, 15, 0))
    record_contact(
        station, volunteer, told.id, method="phone", at=dt.date(2026, 11, 18),
        satisfaction="satisfied", reached=True,
    )  # fmt: skip
    clock.set(dt.datetime(2026, 11, 25, 9, 30))

    start, end = month_bounds(2026, 11)
    stats = station_stats(station, admin, start=start, end=end)
    # due in November: one told on time, one past its date and not told; December's not counted
    assert (stats.on_time.on_time, stats.on_time.late, stats.on_time.open_overdue) == (1, 0, 1)
    assert stats.on_time.rate == pytest.approx(0.5)
    out = station.data.root / "r.xlsx"
    export_month_xlsx(station, admin, 2026, 11, out)
    summary = {r[0]: r[1] for r in _cells(out)["汇总"] if r and len(r) > 1}
    assert summary["按时反馈率"] == "50.0%"
    assert summary["逾期未反馈（件）"] == 1
