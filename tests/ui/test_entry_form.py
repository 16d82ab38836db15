"""The entry form by keyboard: type, Tab/Enter, Ctrl+S, receipt number, two-character search;
and the validation messages shown next to the fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from station_app.services.drafts import drafts_for
from station_app.services.query import list_page
from station_app.services.suggestions import get_detail
from tests.ui.conftest import type_text


def focused():
    return QApplication.focusWidget()


def test_type_a_suggestion_by_keyboard_and_find_it(qtbot, entry_form, station, volunteer):
    f = entry_form
    f.channel.setFocus()
    qtbot.waitUntil(lambda: focused() is f.channel)
    qtbot.keyClick(f.channel, Qt.Key.Key_Down)  # 电话
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter advances
    assert focused() is f.campaign
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is f.category
    qtbot.keyClick(f.category, Qt.Key.Key_Down)  # the first real category
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is f.title
    type_text(qtbot, f.title, "小区停车难")
    qtbot.keyClick(f.title, Qt.Key.Key_Return)
    assert focused() is f.content
    type_text(qtbot, f.content, "晚上停车非常困难，")
    qtbot.keyClick(f.content, Qt.Key.Key_Return)  # a new line inside the content
    type_text(qtbot, f.content, "建议在菜场旁边的空地增设车位。")
    qtbot.keyClick(f.content, Qt.Key.Key_Tab)  # Tab leaves the multi-line field
    assert focused() is f.location
    type_text(qtbot, f.location, "长寿路100弄")
    qtbot.keyClick(f.location, Qt.Key.Key_Return)
    assert focused() is f.suggester.anonymous
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, f.suggester.name, "张建国")
    qtbot.keyClick(f.suggester.name, Qt.Key.Key_Return)
    type_text(qtbot, f.suggester.phone, "138 1234 5678")
    qtbot.keyClick(f.suggester.phone, Qt.Key.Key_Return)
    assert not f.suggester.errors["phone"].isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # address left empty
    assert focused() is f.suggester.wants_feedback
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is f.suggester.feedback_method  # 电话 is the first choice
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is f.suggester.consent
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert f.draft_uuid is not None
    uuid = f.draft_uuid

    with qtbot.waitSignal(f.saved, timeout=5000) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    rec = saved.args[0]
    assert rec.uuid == uuid  # the draft's uuid from the first keystroke
    assert rec.receipt_no.startswith("PT-CSL01-20261125-")
    assert f.title.text() == "" and f.draft_uuid is None

    rows = list_page(station, query="停车")
    assert [r.receipt_no for r in rows] == [rec.receipt_no]
    detail = get_detail(station, volunteer, rec.id)
    assert detail.recorded_by_name == "李志愿"
    assert detail.suggestion.channel == "phone"
    assert detail.suggestion.content == "晚上停车非常困难，\n建议在菜场旁边的空地增设车位。"
    assert detail.person is not None and detail.person.consent_version == "v1"
    assert drafts_for(station, volunteer) == []


def fill_valid(f) -> None:
    f.category.setCurrentIndex(1)
    f.title.setText("加装电梯")
    f.content.setPlainText("希望加快加装电梯的审批。")


def save_and_wait_problems(qtbot, f) -> None:
    f.status.setText("")
    f.save()
    qtbot.waitUntil(lambda: f.save_button.isEnabled() and f.status.text() != "")


def test_invalid_phone_shown_live_and_on_save(qtbot, entry_form):
    f = entry_form
    fill_valid(f)
    f.suggester.phone.setFocus()
    type_text(qtbot, f.suggester.phone, "12345")
    qtbot.keyClick(f.suggester.phone, Qt.Key.Key_Tab)  # focus out checks at once
    label = f.suggester.errors["phone"]
    assert label.isVisible() and "电话号码格式不对" in label.text()
    save_and_wait_problems(qtbot, f)
    assert focused() is f.suggester.phone
    assert label.isVisible() and "电话号码格式不对" in label.text()


def test_every_problem_shown_at_once_and_the_notice_outlives_the_autosave(qtbot, entry_form):
    """A bad phone used to hide the missing category until the next save round; and the
    draft autosave after a failed save wrote "草稿已保存" over "请更正标红的项"."""
    f = entry_form
    f.title.setText("加装电梯")
    f.content.setPlainText("希望加快加装电梯的审批。")
    f.suggester.phone.setText("12345")
    f.suggester.name.setText("李秀英")
    save_and_wait_problems(qtbot, f)
    assert "“类别”必须填写" in f.errors["category_code"].text()
    assert "电话号码格式不对" in f.suggester.errors["phone"].text()
    assert "个人信息告知书" in f.suggester.errors["consent"].text()
    assert focused() is f.category  # the first bad field, in form order
    notice = "请按红字提示修改：类别、电话、个人信息告知书"
    assert f.status.text() == notice
    with qtbot.waitSignal(f.autosaver.saved, timeout=5000):
        f.location.setText("长寿路")  # typing on saves the draft again
    assert f.status.text() == notice
    fill_valid(f)
    f.suggester.phone.setText("13812345678")
    f.suggester.consent.setChecked(True)
    with qtbot.waitSignal(f.saved, timeout=5000):
        f.save()
    assert "回执编号" in f.status.text()


def test_long_title_control_chars_and_missing_category(qtbot, entry_form):
    f = entry_form
    f.title.setText("长" * 101)
    f.content.setPlainText("内容里有\x07控制字符")
    f.location.setText("长寿路")
    save_and_wait_problems(qtbot, f)
    assert "“类别”必须填写" in f.errors["category_code"].text()
    assert "太长了" in f.errors["title"].text() and "101" in f.errors["title"].text()
    assert "控制字符" in f.errors["content"].text()
    assert not f.errors["location"].isVisible()
    assert focused() is f.category  # the first bad field, in form order
    assert f.draft_uuid is not None  # nothing half-written: only the draft exists


def test_consent_required_for_personal_data_and_anonymous_disables(qtbot, entry_form):
    f = entry_form
    fill_valid(f)
    f.suggester.name.setText("李秀英")
    save_and_wait_problems(qtbot, f)
    assert "个人信息告知书" in f.suggester.errors["consent"].text()
    f.suggester.anonymous.setChecked(True)
    assert not f.suggester.name.isEnabled() and not f.suggester.phone.isEnabled()
    with qtbot.waitSignal(f.saved, timeout=5000):
        f.save()


def test_ime_commit_starts_draft_and_autosaves(qtbot, entry_form, station, volunteer):
    f = entry_form
    f.content.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("电梯坏了")
    with qtbot.waitSignal(f.draft_saved, timeout=3000):
        QApplication.sendEvent(f.content, event)
    drafts = drafts_for(station, volunteer)
    assert [d.form.content for d in drafts] == ["电梯坏了"]
    assert drafts[0].uuid == f.draft_uuid


def test_escape_asks_then_discards_draft(qtbot, entry_form, station, volunteer):
    f = entry_form
    questions: list[str] = []
    f.confirm = lambda q: questions.append(q) or False
    f.title.setFocus()
    type_text(qtbot, f.title, "噪音")
    with qtbot.waitSignal(f.draft_saved, timeout=3000):
        pass
    qtbot.keyClick(f.title, Qt.Key.Key_Escape)
    assert questions and f.title.text() == "噪音"  # said no: kept
    f.confirm = lambda q: True
    qtbot.keyClick(f.title, Qt.Key.Key_Escape)
    assert f.title.text() == ""
    qtbot.waitUntil(lambda: drafts_for(station, volunteer) == [])
