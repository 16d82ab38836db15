"""The campaigns screen (主动征集) with campaigns as a sync brings them from HQ: active first,
then not started, then ended; topic, period, guidance and the questions; what the station
collected by channel; "record a suggestion for this campaign" by keyboard choosing it in a
real entry form, whose save then shows in the count."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_updates import apply_list
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Operator
from tests.station_app.test_campaigns import QUESTIONS, campaign
from ui.context import Change

pytestmark = pytest.mark.gui

ENDED = campaign(
    "C-OLD",
    title="老旧小区加装电梯",
    topic="多层住宅加装电梯的难点",
    starts_on="2026-06-01",
    ends_on="2026-10-31",
    guidance="请居民说说加装电梯遇到的问题。",
    questions=[{"key": "floor", "label": "您住几楼？", "type": "number"}],
)
UPCOMING = campaign(
    "C-NEW",
    title="2027年为民办实事项目征集",
    topic="明年最希望办的实事",
    starts_on="2027-01-01",
    ends_on="2027-02-28",
    guidance="",
    questions=[],
)
ACTIVE = campaign()  # C15, 15分钟社区生活圈, 2026-11-01 – 2026-12-31 (today is 2026-11-25)


def suggestion(code: str, channel: str, title: str, **answers: Any) -> SuggestionForm:
    return SuggestionForm(
        channel=channel,
        campaign_code=code,
        campaign_answers=answers,
        category_code="OTH",
        title=title,
        content=f"{title}，希望有关部门研究。",
        suggester=SuggesterForm(anonymous=True),
    )


def seed(station: Station, actor: Operator) -> None:
    apply_list(station, "campaigns", 1, [ENDED, UPCOMING, ACTIVE])
    answers = {"market": "曹杨菜场", "often": "1次"}
    for channel, title in (("face_to_face", "菜场太远"), ("face_to_face", "社区食堂太贵"),
                           ("phone", "缺少助餐点")):  # fmt: skip
        record_suggestion(station, actor, suggestion("C15", channel, title, **answers))
    record_suggestion(station, actor, suggestion("C-OLD", "other", "加装电梯费用分摊", floor=5))
    record_suggestion(station, actor, suggestion("", "face_to_face", "路灯不亮"))


def focused():
    return QApplication.focusWidget()


@pytest.fixture
def screen(qtbot, ctx):
    from ui.screens.campaigns import CampaignsScreen

    seed(ctx.station, ctx.operator)
    w = CampaignsScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        w.show()
        w.activateWindow()
    return w


def cell(screen, row: int, col: int) -> str:
    return screen.model.index(row, col).data()


def test_campaigns_listed_with_state_and_counts(screen) -> None:
    rows = [[cell(screen, r, c) for c in range(4)] for r in range(3)]
    assert rows == [
        ["进行中", "15分钟社区生活圈", "2026-11-01 – 2026-12-31", "3"],
        ["未开始", "2027年为民办实事项目征集", "2027-01-01 – 2027-02-28", "0"],
        ["已结束", "老旧小区加装电梯", "2026-06-01 – 2026-10-31", "1"],
    ]
    header = screen.header.text()
    for n in ("1", "4"):  # one of each state; 4 tagged suggestions (the untagged one is not)
        assert n in header
    # the active one is shown first: topic, period, guidance, the questions, counts by channel
    assert screen.title.text() == "15分钟社区生活圈"
    assert "进行中" in screen.state_line.text() and "2026-12-31" in screen.state_line.text()
    assert "36" in screen.state_line.text()  # days left until 31 December
    assert screen.topic.text() == "家门口的菜场、食堂和养老服务"
    assert screen.guidance.text() == "请居民谈谈步行15分钟内买菜、吃饭、就医是否方便。"
    questions = screen.questions.text()
    for q in QUESTIONS:
        assert q["label"] in questions
    assert "1次 / 2-3次 / 几乎每天" in questions
    assert screen.total.text() == "3"
    assert {ch: label.text() for ch, label in screen.by_channel.items()} == {
        "face_to_face": "2", "phone": "1", "postbox": "0", "other": "0",
    }  # fmt: skip
    assert screen.record_button.isEnabled()

    screen.table.selectRow(2)  # the ended one: counted, but no longer recorded for
    assert screen.total.text() == "1" and screen.by_channel["other"].text() == "1"
    assert "您住几楼？" in screen.questions.text()
    assert not screen.record_button.isEnabled() and screen.record_hint.text()
    screen.table.selectRow(1)
    assert screen.total.text() == "0" and not screen.record_button.isEnabled()


def test_record_for_chooses_the_campaign_in_the_entry_form(qtbot, screen, entry_form) -> None:
    screen.record_for.connect(entry_form.choose_campaign)
    screen.activateWindow()  # the form's window came up after the screen's
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)  # Enter on the row: to the button
    assert focused() is screen.record_button
    with qtbot.waitSignal(screen.record_for, timeout=2000) as emitted:
        qtbot.keyClick(screen.record_button, Qt.Key.Key_Space)
    assert emitted.args == ["C15"]
    f = entry_form
    assert f.campaign.currentData() == "C15" and f.campaign.currentText() == "15分钟社区生活圈"
    assert f.campaign_box.isVisible()
    assert "步行15分钟内买菜" in f.campaign_box.guidance.text()
    assert list(f.campaign_box.editors) == ["market", "often", "minutes", "elderly"]

    # the volunteer fills it in and saves: the campaign's count on the screen goes up
    f.category.setCurrentIndex(1)
    f.title.setText("希望菜场延长营业时间")
    f.content.setPlainText("上班族下班后菜场已经关门，希望延长到晚上八点。")
    f.campaign_box.editors["market"].setText("曹杨菜场")
    f.campaign_box.editors["often"].setCurrentIndex(3)  # 几乎每天
    with qtbot.waitSignal(screen.loaded, timeout=5000), qtbot.waitSignal(f.saved, timeout=5000):
        f.save()
    assert cell(screen, 0, 3) == "4"
    assert screen.total.text() == "4" and screen.by_channel["face_to_face"].text() == "3"


def test_campaign_from_a_later_sync_reaches_the_form(qtbot, screen, entry_form, ctx) -> None:
    """The entry form read its lists at start; a campaign HQ sends afterwards still works."""
    later = campaign("C-LATE", title="垃圾分类新规意见征集", starts_on="2026-11-20",
                     ends_on="2026-11-30", questions=[])  # fmt: skip
    apply_list(ctx.station, "campaigns", 2, [ENDED, UPCOMING, ACTIVE, later])
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        ctx.notifier.announce(Change.SYNC)
    assert [cell(screen, r, 1) for r in range(2)] == ["垃圾分类新规意见征集", "15分钟社区生活圈"]
    assert screen.title.text() == "15分钟社区生活圈"  # the chosen one stays chosen
    screen.table.selectRow(0)
    assert "5" in screen.state_line.text()  # ends in five days
    screen.record_for.connect(entry_form.choose_campaign)
    screen.record()
    qtbot.waitUntil(lambda: entry_form.campaign.currentData() == "C-LATE", timeout=3000)
    assert entry_form.campaign_box.editors == {}
    assert "垃圾分类新规意见征集" in entry_form.campaign_box.guidance.text()


def test_choose_campaign_before_the_form_is_ready(qtbot, ctx) -> None:
    """Asked for straight after the form is made (its lists still loading): applied once they
    arrive, with the cursor on the first question."""
    from ui.screens.entry_form import EntryForm

    seed(ctx.station, ctx.operator)
    f = EntryForm(ctx)
    f.show_receipt = False
    qtbot.addWidget(f)
    f.show()
    f.activateWindow()
    f.choose_campaign("C15")
    qtbot.waitUntil(lambda: f.ready and f.campaign.currentData() == "C15", timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is f.campaign_box.editors["market"])
    f.autosaver.cancel()
    f.autosaver.wait_idle()
