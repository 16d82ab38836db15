"""The dashboard: a station with known rows (backdated suggestions over three months, a
campaign, one taken by HQ, replies to tell with one told on time and one overdue, a postbox
opening with one blank letter), the figures on screen against counts made by hand from the
list below, the month changed by keyboard, and the monthly report written as XLSX and PDF
(read back with openpyxl and pypdfium2), refused for a volunteer, and failing in plain words
on a folder that cannot be written to."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from station_app.clock import CHINA_TZ, FixedClock
from station_app.followup.worklist import record_contact
from station_app.postbox.collections import letters, mark_not_suggestion, open_collection
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_updates import apply_changes, apply_list
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Operator
from tests.followup.helpers import wanting_reply

pytestmark = pytest.mark.gui

CAMPAIGN, CAMPAIGN_TITLE = "ZJ-2026-ELV", "老旧小区加装电梯金点子"

# (received on, channel, category, campaign)
MADE = [
    (dt.date(2026, 11, 3), "phone", "PRK", ""),  # HQ accepts this one
    (dt.date(2026, 11, 10), "postbox", "ELV", CAMPAIGN),
    (dt.date(2026, 11, 20), "postbox", "ELV", CAMPAIGN),
    (dt.date(2026, 11, 24), "face_to_face", "HLT", ""),
    (dt.date(2026, 10, 8), "face_to_face", "PRK", ""),
    (dt.date(2026, 10, 31), "other", "WST", ""),
    (dt.date(2026, 9, 15), "phone", "TRF", ""),
    (dt.date(2025, 12, 1), "other", "WST", ""),  # the oldest month of November's 12
    (dt.date(2025, 11, 30), "phone", "PRK", ""),  # outside November's 12 months
]
# Replied by HQ, all received 2026-11-05 face to face (OTH), with HQ's due dates: told on
# 11-18 (on time), not told (overdue on the 25th), due tomorrow (due soon), due in December.
REPLIES = [("楼道灯不亮", "2026-11-20"), ("路口没有斑马线", "2026-11-20"),
           ("菜场早上太挤", "2026-11-26"), ("小区健身器材坏了", "2026-12-10")]  # fmt: skip

# Counted by hand from the two lists above, for November 2026 (today is 2026-11-25):
NOV_TOTAL = 4 + 4
NOV_CHANNELS = {"当面": 1 + 4, "电话": 1, "红色邮筒": 2}
NOV_CATEGORIES_OTH = 4
OCT_TOTAL = 2


def _form(day: dt.date, channel: str, category: str, campaign: str, n: int) -> SuggestionForm:
    return SuggestionForm(
        channel=channel,
        category_code=category,
        campaign_code=campaign,
        title=f"统计测试建议{n}",
        content=f"第{n}条建议，用来核对统计页面上的数字。",
        location="长寿路",
        received_at=dt.datetime.combine(day, dt.time(10, 0), CHINA_TZ).isoformat(),
        suggester=SuggesterForm(anonymous=True),
    )


def seed(station: Station, admin: Operator, volunteer: Operator, clock: FixedClock) -> None:
    apply_list(station, "campaigns", 1, [{"code": CAMPAIGN, "title": CAMPAIGN_TITLE,
               "starts_on": "2026-09-01", "ends_on": "2026-12-31"}])  # fmt: skip
    made = [record_suggestion(station, volunteer, _form(*m, n)) for n, m in enumerate(MADE)]
    clock.set(dt.datetime(2026, 11, 5, 9, 0))
    replied = [
        record_suggestion(station, volunteer, wanting_reply(t, phone=f"1381111222{n}"))
        for n, (t, _due) in enumerate(REPLIES)
    ]
    clock.set(dt.datetime(2026, 11, 10, 9, 0))
    events = [{"event_id": "acc-0", "uuid": made[0].uuid, "kind": "status",
               "status": "accepted", "hq_id": "HQ-A0", "at": "2026-11-10T09:00:00+08:00"}]  # fmt: skip
    events += [
        {
            "event_id": f"reply-{n}",
            "uuid": rec.uuid,
            "kind": "reply",
            "reply_text": "已转交街道办理。",
            "due_date": due,
            "hq_id": f"HQ-R{n}",
        }  # fmt: skip
        for n, (rec, (_t, due)) in enumerate(zip(replied, REPLIES, strict=True))
    ]
    apply_changes(station, events, "cursor-1")
    clock.set(dt.datetime(2026, 11, 18, 15, 0))
    record_contact(station, volunteer, replied[0].id, method="phone", at=dt.date(2026, 11, 18),
                   satisfaction="satisfied", reached=True)  # fmt: skip
    clock.set(dt.datetime(2026, 11, 24, 16, 0))
    opened = open_collection(station, admin, postbox_code="HY-017", witness="赵居委",
                             opened_at=dt.datetime(2026, 11, 24, 16, 0, tzinfo=CHINA_TZ),
                             letter_count=4)  # fmt: skip
    mark_not_suggestion(station, admin, letters(station, admin, opened.id)[0].id, "blank")
    clock.set(dt.datetime(2026, 11, 25, 9, 30))


@pytest.fixture
def seeded(station: Station, admin: Operator, volunteer: Operator, clock: FixedClock) -> Station:
    seed(station, admin, volunteer, clock)
    return station


def _open(qtbot, station: Station, operator: Operator):
    from ui.context import AppContext
    from ui.screens.dashboard import DashboardScreen

    screen = DashboardScreen(AppContext(station=station, operator=operator))
    qtbot.addWidget(screen)
    screen.resize(1100, 800)
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.show()
    return screen


@pytest.fixture
def screen(qtbot, seeded: Station, volunteer: Operator):
    return _open(qtbot, seeded, volunteer)


@pytest.fixture
def admin_screen(qtbot, seeded: Station, admin: Operator):
    return _open(qtbot, seeded, admin)


def bars(chart) -> dict[str, int]:
    return {b.label: b.value for b in chart.bars()}


def test_figures_shown_match_the_hand_count(screen) -> None:
    assert screen.month_box.currentText() == "2026年11月"  # this month by the station's clock
    assert screen.month() == (2026, 11)
    assert "2026年11月" in screen.figures_box.title()
    assert screen.received.number.text() == str(NOV_TOTAL)
    # due in November: one told on time, one past its day and not told -> 1 of 2
    assert screen.on_time.number.text() == "50.0%"
    assert "1" in screen.on_time.note.text() and "2" in screen.on_time.note.text()
    assert screen.letters.number.text() == "3"  # four letters taken out, one blank
    assert screen.overdue.number.text() == "1"
    assert screen.due_soon.number.text() == "1"
    # HQ has the accepted one and the four it replied to; three wait; two in the campaign
    assert re.findall(r"\d+", screen.detail.text()) == ["5", "3", "2"]

    assert bars(screen.channel_chart) == NOV_CHANNELS
    assert bars(screen.campaign_chart) == {CAMPAIGN_TITLE: 2}
    category = bars(screen.category_chart)
    assert sum(category.values()) == NOV_TOTAL and max(category.values()) == NOV_CATEGORIES_OTH
    assert sum(bars(screen.status_chart).values()) == NOV_TOTAL
    trend = [(b.label, b.value) for b in screen.trend_chart.bars()]
    assert len(trend) == 12
    # newest first: this month in sight without scrolling
    assert trend[0] == ("2026年11月", NOV_TOTAL) and trend[-1] == ("2025年12月", 1)
    assert dict(trend)["2026年10月"] == OCT_TOTAL and dict(trend)["2026年9月"] == 1

    # the charts say their figures in words too (screen readers, tooltips)
    described = screen.channel_chart.accessibleDescription()
    assert "当面：5" in described and "红色邮筒：2" in described
    assert "50.0%" in screen.on_time.accessibleName()
    assert f"2026年11月：{NOV_TOTAL}" in screen.text_summary()


def test_a_volunteer_sees_the_exports_disabled_and_why(screen) -> None:
    for button in (screen.xlsx_button, screen.pdf_button):
        assert not button.isEnabled() and button.toolTip()
    assert screen.message.text()  # says who exports, in words on the screen


def test_changing_the_month_by_keyboard_reloads(qtbot, screen) -> None:
    screen.month_box.setFocus()
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        qtbot.keyClick(screen.month_box, Qt.Key.Key_Down)  # the list is newest first
    assert screen.month() == (2026, 10)
    assert "2026年10月" in screen.figures_box.title()
    assert screen.received.number.text() == str(OCT_TOTAL)
    assert bars(screen.channel_chart) == {"当面": 1, "其他": 1}
    assert bars(screen.campaign_chart) == {}
    assert screen.on_time.number.text() == "暂无"  # no feedback was due in October
    assert screen.letters.number.text() == "3"  # letters and the worklist are as of now
    assert screen.later_button.isEnabled()

    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        qtbot.keyClick(screen.month_box, Qt.Key.Key_PageUp)  # a month earlier again
    assert screen.month() == (2026, 9)
    assert screen.received.number.text() == "1"
    assert bars(screen.channel_chart) == {"电话": 1}
    with qtbot.waitSignal(screen.loaded, timeout=10_000):
        screen.later_button.click()
    assert screen.month() == (2026, 10)
    assert not screen.set_month(2026, 12)  # the future is not in the list


# radicals that NFKC leaves alone, as the CJK font's text map gives them back
RADICALS = str.maketrans({"⺠": "民", "⻓": "长", "⻔": "门", "⻅": "见", "⻋": "车", "⻛": "风",
                          "⻚": "页", "⻢": "马", "⻉": "贝", "⻥": "鱼", "⻦": "鸟", "⻩": "黄"})  # fmt: skip


def _normal(text: str) -> str:
    """PDF text back as typed: the CJK font maps some characters to compatibility forms."""
    return unicodedata.normalize("NFKC", text).translate(RADICALS)


def _pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return _normal("\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    finally:
        pdf.close()


def _report_audits(station: Station) -> list[tuple[str, str]]:
    with station.db.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT entity_id, detail FROM audit_log WHERE entity = 'report' ORDER BY id"
        )
        return [(r[0], r[1]) for r in rows]


def test_xlsx_and_pdf_exports_hold_the_figures(qtbot, admin_screen, tmp_path: Path) -> None:
    screen = admin_screen
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    assert screen.xlsx_button.isEnabled() and screen.pdf_button.isEnabled()
    default = screen.default_path("xlsx")
    assert default.name == "PT-CSL01-monthly report-2026-11.xlsx".replace(
        "monthly report", screen.tr("monthly report")
    )

    xlsx = tmp_path / "十一月报表"  # no suffix typed: it is added
    with qtbot.waitSignal(screen.exported, timeout=20_000) as got:
        screen.export_to(xlsx, "xlsx")
    assert got.args == [str(tmp_path / "十一月报表.xlsx")]
    assert str(NOV_TOTAL) in screen.message.text()
    wb = load_workbook(tmp_path / "十一月报表.xlsx", read_only=True)
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(values_only=True) if r and len(r) > 1}
    assert summary["收到建议（件）"] == NOV_TOTAL
    assert summary["按时反馈率"] == "50.0%"
    assert summary["邮筒信件待处理（当前）"] == 3
    channels = {r[1]: r[2] for r in wb["按渠道"].iter_rows(min_row=2, values_only=True)}
    assert channels == NOV_CHANNELS
    wb.close()

    pdf = tmp_path / "report.pdf"
    with qtbot.waitSignal(screen.exported, timeout=20_000):
        screen.export_to(pdf, "pdf")
    # compared without spaces and line ends: pdfium breaks some table lines a glyph at a time
    text = re.sub(r"\s+", "", _pdf_text(pdf))
    assert "人民建议征集月报(2026年11月)" in text  # NFKC turns （ into (
    assert f"收到建议(件){NOV_TOTAL}" in text
    assert "按时反馈率50.0%" in text
    assert "邮筒信件待处理(当前)3" in text
    assert "当面562.5%" in text and "红色邮筒225.0%" in text  # name, count, share
    assert f"{CAMPAIGN_TITLE}2100.0%" in text
    assert "欧阳" not in text and "1381111222" not in text  # nothing personal
    assert [e for e, _d in _report_audits(screen.ctx.station)] == ["2026-11", "2026-11"]
    details = [d for _e, d in _report_audits(screen.ctx.station)]
    assert details[0].startswith("xlsx") and details[1].startswith("pdf")
    assert not list(tmp_path.glob(".*.part"))


def test_a_folder_that_cannot_be_written_gives_a_message_and_no_file(
    qtbot, admin_screen, tmp_path: Path
) -> None:
    screen = admin_screen
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "not-a-folder"
    blocker.write_text("a file where a folder was expected")
    for fmt, target in (("xlsx", blocker / "r.xlsx"), ("pdf", out / "gone" / "r.pdf")):
        with qtbot.waitSignal(screen.export_failed, timeout=20_000) as got:
            screen.export_to(target, fmt)
        assert str(target.parent) in got.args[0]
        assert screen.message.text() == got.args[0]
        assert screen.message.property("role") == "error"
        assert not target.exists()
        assert screen.xlsx_button.isEnabled()  # can try again elsewhere
    assert sorted(p.name for p in out.iterdir()) == ["not-a-folder"]  # no part file
    assert _report_audits(screen.ctx.station) == []  # nothing written, nothing logged


def test_a_volunteer_is_refused_by_the_service_in_plain_words(
    qtbot, screen, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(screen.export_failed, timeout=20_000) as got:
        screen.export_to(out / "r.pdf", "pdf")
    assert "志愿者" in got.args[0]  # "your role (volunteer) may not do this"
    assert list(out.iterdir()) == []
