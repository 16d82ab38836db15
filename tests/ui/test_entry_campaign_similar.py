"""The entry form with a campaign's questions and the similar-suggestions panel, by keyboard:
choosing a campaign shows its guidance and questions, a missing required answer is shown next
to its field, typing a near-duplicate proposes the earlier suggestion, "same matter" links it
(undoable), and the draft keeps answers and links."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from station_app.services.drafts import drafts_for
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_body import read_body
from station_app.services.hq_updates import apply_list
from station_app.services.suggestions import record_suggestion
from station_app.store.models import Suggestion
from station_app.store.sql import raw
from tests.station_app.test_campaigns import QUESTIONS
from tests.ui.conftest import type_text
from ui.context import Change

pytestmark = pytest.mark.gui

CAMPAIGN = {
    "code": "C15",
    "title": "15分钟社区生活圈",
    "topic": "家门口的菜场、食堂和养老服务",
    "starts_on": "2026-11-01",
    "ends_on": "2026-12-31",
    "guidance": "请居民谈谈步行15分钟内买菜、吃饭、就医是否方便。",
    "questions": QUESTIONS,
}


def focused():
    return QApplication.focusWidget()


@pytest.fixture
def form(qtbot, ctx, station):
    from ui.screens.entry_form import EntryForm

    apply_list(station, "campaigns", 1, [CAMPAIGN])  # as a sync brings it from HQ
    f = EntryForm(ctx)
    f.show_receipt = False
    qtbot.addWidget(f)
    f.resize(1200, 900)
    f.show()
    qtbot.waitUntil(lambda: f.ready)
    yield f
    f.autosaver.cancel()
    f.autosaver.wait_idle()


def choose_campaign_by_keyboard(qtbot, f) -> None:
    f.channel.setFocus()
    qtbot.keyClick(f.channel, Qt.Key.Key_Return)  # Enter advances to the campaign
    assert focused() is f.campaign
    qtbot.keyClick(f.campaign, Qt.Key.Key_Down)  # the one active campaign


def test_campaign_questions_by_keyboard_and_required_answers(qtbot, form, station, volunteer):
    f = form
    choose_campaign_by_keyboard(qtbot, f)
    box = f.campaign_box
    assert box.isVisible()
    assert "15分钟社区生活圈" in box.guidance.text()
    assert "步行15分钟内买菜" in box.guidance.text()
    assert list(box.editors) == ["market", "often", "minutes", "elderly"]
    # the questions come right after the campaign in the Tab order
    qtbot.keyClick(f.campaign, Qt.Key.Key_Tab)
    assert focused() is box.editors["market"]
    f.category.setCurrentIndex(1)
    f.title.setText("菜场太远")
    f.content.setPlainText("最近的菜场要走二十多分钟，希望增设社区菜店。")
    f.status.setText("")
    f.save()
    qtbot.waitUntil(lambda: f.save_button.isEnabled() and f.status.text() != "")
    assert box.errors["market"].isVisible()
    assert box.errors["market"].text() == "请回答“您常去哪个菜场？”"
    assert box.errors["often"].text() == "请回答“每周去几次？”"
    assert not box.errors["minutes"].isVisible()
    assert focused() is box.editors["market"]  # the first bad answer gets the cursor

    type_text(qtbot, box.editors["market"], "曹杨菜场")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter advances to the next question
    often = box.editors["often"]
    assert focused() is often and isinstance(often, QComboBox)
    qtbot.keyClick(often, Qt.Key.Key_Down)
    qtbot.keyClick(often, Qt.Key.Key_Down)  # 2-3次
    qtbot.keyClick(often, Qt.Key.Key_Tab)
    minutes = box.editors["minutes"]
    assert focused() is minutes and isinstance(minutes, QLineEdit)
    type_text(qtbot, minutes, "25")
    qtbot.keyClick(minutes, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 是
    with qtbot.waitSignal(f.saved, timeout=5000) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with station.db.read() as s:
        sug = s.get(Suggestion, saved.args[0].id)
        assert sug is not None and sug.campaign_code == "C15"
        assert json.loads(sug.campaign_answers or "{}") == {
            "market": "曹杨菜场",
            "often": "2-3次",
            "minutes": 25,
            "elderly": True,
        }
    assert not box.isVisible()  # a new suggestion starts without a campaign


def test_near_duplicate_proposed_while_typing_and_linked(qtbot, form, station, volunteer):
    earlier = record_suggestion(
        station,
        volunteer,
        SuggestionForm(
            category_code="OTH",
            title="窨井盖松动",
            content="长寿路一百弄门口的窨井盖松动，夜里车辆压过去声音很响，影响休息。",
            suggester=SuggesterForm(anonymous=True),
        ),
    )
    record_suggestion(
        station,
        volunteer,
        SuggestionForm(
            category_code="OTH",
            title="菜场油烟扰民",
            content="菜场旁边的餐馆油烟很大，楼上居民不敢开窗。",
            suggester=SuggesterForm(anonymous=True),
        ),
    )
    f = form
    panel = f.similar_panel
    f.category.setCurrentIndex(1)
    f.title.setFocus()
    type_text(qtbot, f.title, "窨井盖")
    qtbot.keyClick(f.title, Qt.Key.Key_Return)
    type_text(qtbot, f.content, "长寿路一百弄那里的窨井盖松了，晚上车子压过去很响。")
    qtbot.waitUntil(
        lambda: [r.hit.receipt_no for r in panel.rows][:1] == [earlier.receipt_no], timeout=5000
    )
    assert f.content.toPlainText().endswith("很响。")  # typing was never held up
    row = panel.rows[0]
    assert row.hit.title == "窨井盖松动"
    shown = [label.text().replace("\u2060", "") for label in row.findChildren(QLabel)]
    assert any("已登记" in text for text in shown)  # its status (joiners keep it on one line)
    assert "菜场油烟扰民" not in [r.hit.title for r in panel.rows]

    # F6 reaches the hits from the keyboard (Ctrl+L is log out); Space presses "same matter"
    qtbot.keyClick(f.content, Qt.Key.Key_F6)
    assert focused() is row.button
    offer = row.button.text()
    qtbot.keyClick(row.button, Qt.Key.Key_Space)
    assert panel.chosen_links() == [earlier.uuid]
    assert row.button.isChecked() and row.button.text() != offer  # says it is linked
    qtbot.keyClick(row.button, Qt.Key.Key_Space)  # undo before saving
    assert panel.chosen_links() == [] and row.button.text() == offer
    qtbot.keyClick(row.button, Qt.Key.Key_Space)
    assert panel.chosen_links() == [earlier.uuid]

    # the draft keeps the chosen link
    qtbot.waitUntil(
        lambda: [d.form.links for d in drafts_for(station, volunteer)] == [[earlier.uuid]],
        timeout=3000,
    )

    # text that no longer looks alike: the chosen hit stays listed, the other goes
    with qtbot.waitSignal(panel.updated, timeout=3000):
        f.content.setPlainText("另外一件事情")
        f.title.setText("其他事情")
    assert [r.hit.uuid for r in panel.rows] == [earlier.uuid]
    f.title.setText("窨井盖")
    f.content.setPlainText("长寿路一百弄那里的窨井盖松了，晚上车子压过去很响。")
    with qtbot.waitSignal(f.saved, timeout=5000) as saved:
        f.save()
    with station.db.read() as s:
        sug = s.get(Suggestion, saved.args[0].id)
        assert sug is not None
        assert read_body(raw(s), sug.uuid).body["links"] == [earlier.uuid]
    assert panel.rows == [] and panel.chosen_links() == []


def test_restored_draft_brings_back_answers_and_links(qtbot, form, station, volunteer):
    earlier = record_suggestion(
        station,
        volunteer,
        SuggestionForm(
            category_code="OTH",
            title="窨井盖松动",
            content="长寿路一百弄门口的窨井盖松动，夜里车辆压过去声音很响。",
            suggester=SuggesterForm(anonymous=True),
        ),
    )
    f = form
    f.load_draft(
        "7a0d8f43-2a6e-4a8e-9d55-0c3b1f0d9e21",
        SuggestionForm(
            campaign_code="C15",
            campaign_answers={"market": "曹杨菜场", "often": "1次"},
            title="窨井盖",
            content="还是松动",
            links=[earlier.uuid],
        ),
    )
    box = f.campaign_box
    assert box.isVisible() and box.answers() == {"market": "曹杨菜场", "often": "1次"}
    qtbot.waitUntil(lambda: [r.hit.uuid for r in f.similar_panel.rows][:1] == [earlier.uuid])
    assert f.similar_panel.rows[0].button.isChecked()
    assert f.to_form().links == [earlier.uuid]


def test_a_campaign_from_the_next_sync_joins_the_open_form(qtbot, form, station):
    f = form
    f.campaign.setCurrentIndex(f.campaign.findData("C15"))
    new = {**CAMPAIGN, "code": "C16", "title": "加装电梯意见征集", "questions": [],
           "guidance": "请谈谈您家楼栋加装电梯的意见。"}  # fmt: skip
    apply_list(station, "campaigns", 2, [new])  # what a sync brings while the form is open
    f.ctx.notifier.announce(Change.SYNC)
    qtbot.waitUntil(lambda: f.campaign.findData("C16") >= 0)
    assert f.campaign.itemText(f.campaign.findData("C16")) == "加装电梯意见征集"
    assert f.campaign.currentData() == "C15"  # what was chosen stays chosen
    f.campaign.setCurrentIndex(f.campaign.findData("C16"))
    assert "加装电梯的意见" in f.campaign_box.guidance.text()  # its guidance, as HQ sent it


def test_five_long_hits_scroll_in_their_panel_and_leave_the_form_in_sight(qtbot, form):
    from station_app.services.similar import SimilarHit

    f = form
    f.resize(1340, 700)  # a 1366x768 screen
    qtbot.wait(50)
    long = "楼里老人多，上下楼很不方便，希望加快加装电梯的审批。" * 4
    hits = [
        SimilarHit(i, f"u{i}", f"PT-CSL01-20261120-{i:04d}", f"关于加装电梯的建议{i}", long,
                   0.8, "2026-11-20T09:00:00+08:00", "recorded")
        for i in range(1, 6)
    ]  # fmt: skip
    f.similar_panel.show_hits(hits)
    qtbot.wait(50)
    viewport = f.location.parentWidget()
    while viewport is not None and viewport.objectName() != "qt_scrollarea_viewport":
        viewport = viewport.parentWidget()
    assert viewport is not None
    bottom = f.location.mapTo(viewport, f.location.rect().bottomLeft()).y()
    assert bottom <= viewport.height()  # the location field is still on screen
    scroll = f.similar_panel.scroll
    assert scroll.verticalScrollBar().maximum() > 0  # the hits scroll inside the panel
