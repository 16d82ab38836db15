"""The entry form's reply request and category field, as a volunteer meets them: 需要回复
always goes with a way to reply (and the receipt says which), categories in business order
found by typing 电梯 or dt, and Ctrl+L logs out from the form."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem

from station_app.services.suggestions import get_detail
from tests.ui.conftest import type_text


def focused():
    return QApplication.focusWidget()


def fill(f) -> None:
    f.category.setCurrentIndex(f.category.findData("ELV"))
    f.title.setText("加装电梯")
    f.content.setPlainText("希望加快加装电梯的审批。")
    f.suggester.name.setText("张建国")
    f.suggester.consent.setChecked(True)


def test_ticking_reply_picks_phone_and_next_suggestion_stays_consistent(
    qtbot, entry_form, station, volunteer
):
    """After 登记下一条 the method went back to 不需要回复 while 需要回复 stayed ticked, and the
    suggestion was saved as not wanting a reply, without a word."""
    f = entry_form
    box = f.suggester
    for round_ in range(2):  # the first suggestion, then the next one on the cleared form
        fill(f)
        box.phone.setText("13812345678")
        if round_:
            assert not box.wants_feedback.isChecked() and box.method() == "none"
        box.wants_feedback.setFocus()
        qtbot.keyClick(box.wants_feedback, Qt.Key.Key_Space)
        assert box.wants_feedback.isChecked() and box.method() == "phone"
        with qtbot.waitSignal(f.saved, timeout=5000) as saved:
            f.save()
        person = get_detail(station, volunteer, saved.args[0].id).person
        assert person is not None and person.wants_feedback
        assert person.feedback_method == "phone"
        assert not box.wants_feedback.isChecked() and box.method() == "none"  # cleared

    # only an address given: a letter; choosing 不需要回复 unticks the box
    fill(f)
    box.address.setText("长寿路100弄3号")
    box.wants_feedback.setChecked(True)
    assert box.method() == "letter"
    box.feedback_method.setFocus()
    qtbot.keyClick(box.feedback_method, Qt.Key.Key_End)  # 不需要回复, the last choice
    assert box.method() == "none" and not box.wants_feedback.isChecked()


def test_a_ticked_reply_with_no_reply_method_is_refused(qtbot, entry_form, station):
    """A draft (or anything else) that says both is refused beside the field, not saved."""
    from station_app.services.forms import SuggesterForm, SuggestionForm
    from station_app.services.query import count

    f = entry_form
    form = SuggestionForm(
        category_code="ELV",
        title="加装电梯",
        content="希望加快加装电梯的审批。",
        suggester=SuggesterForm(
            name="张建国", phone="13812345678", wants_feedback=True, consent_given=True
        ),
    )
    f.set_form(form)
    assert f.suggester.wants_feedback.isChecked() and f.suggester.method() == "none"
    f.save()
    label = f.suggester.errors["feedback_method"]
    qtbot.waitUntil(lambda: f.save_button.isEnabled() and label.isVisible())
    assert "请选择回复方式" in label.text()
    assert focused() is f.suggester.feedback_method
    assert count(station) == 0


def test_receipt_prints_how_the_reply_comes_and_the_station_phone(qtbot, entry_form):
    f = entry_form
    f.show_receipt = True
    fill(f)
    f.suggester.phone.setText("13812345678")
    f.suggester.wants_feedback.setChecked(True)
    with qtbot.waitSignal(f.saved, timeout=5000):
        f.save()
    shown = f.last_receipt.view.toPlainText()
    assert "回复方式" in shown and "电话" in shown
    assert "工作站联系方式：021-62761234" in shown  # the phone given at setup, no street
    assert "长寿路街道：" not in shown and "普陀区长寿路街道" not in shown
    data = f.last_receipt.data
    f.last_receipt.close()

    from ui.i18n import install_language
    from ui.printing.receipt import receipt_document

    install_language("en")  # English words with English punctuation
    data.reply_by = "Phone call"
    shown = receipt_document(data).toPlainText()
    assert "Station contact: 021-62761234" in shown and "Reply by" in shown


def test_categories_in_business_order_children_under_parents(qtbot, entry_form):
    box = entry_form.category
    texts = [box.itemText(i) for i in range(1, box.count())]
    codes = [box.itemData(i) for i in range(1, box.count())]
    assert codes[-1] == "OTH" and texts[-1] == "其他"
    assert codes.index("ELV") == codes.index("HSG") + 1
    at = codes.index("ELV") + 1
    assert box.itemText(at) == "加装电梯"  # plain in the closed box
    box.showPopup()  # indented under 住房与物业 in the open list
    view = box.view()
    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, view.model().index(at, 0))
    assert option.text == "\u3000\u3000加装电梯"
    view.itemDelegate().initStyleOption(option, view.model().index(at - 1, 0))
    assert option.text == "住房与物业"
    box.hidePopup()
    assert codes.index("PRK") == codes.index("TRF") + 1


def test_type_ahead_by_pinyin_initials_and_by_chinese(qtbot, entry_form):
    f = entry_form
    box = f.category
    box.setFocus()
    qtbot.waitUntil(lambda: any(k.initials for k in box.keys))  # pinyin, off the UI thread
    qtbot.keyClicks(box, "dt")
    assert box.currentData() == "ELV"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter goes on to the title
    assert focused() is f.title

    box.setFocus()
    box.typed = ""
    type_text(qtbot, box, "停车")  # through the input method, as a volunteer types it
    assert box.currentData() == "PRK"
    box.typed = ""
    qtbot.keyClicks(box, "lift")
    assert box.currentData() == "ELV"
    box.typed = ""
    qtbot.keyClicks(box, "qt")
    assert box.currentData() == "OTH"


def test_discard_question_has_verb_buttons_and_enter_keeps_the_text(qtbot, entry_form):
    f = entry_form
    f.confirm = f._ask  # the real question box
    f.title.setText("路灯坏了")
    seen: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([b.text() for b in box.buttons()])
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: keep typing

    QTimer.singleShot(0, answer)
    f.ask_discard()
    assert sorted(seen[0]) == sorted(["放弃", "继续填写"])
    assert f.title.text() == "路灯坏了"


def test_ctrl_l_logs_out_from_the_entry_form(qtbot, ctx):
    from ui.main_window import MainWindow
    from ui.theme import UiSettings

    w = MainWindow(ctx, UiSettings(), "长寿路街道人民建议征集工作站")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.entry.ready)
    w.entry.title.setFocus()
    qtbot.waitUntil(lambda: focused() is w.entry.title)
    with qtbot.waitSignal(w.logout_requested, timeout=3000):
        qtbot.keyClick(w.entry.title, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
