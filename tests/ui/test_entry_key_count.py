"""How many keys a volunteer presses to record one face-to-face suggestion on the real main
window and print its receipt. The walk found 17 to save, 20 with printing, plus up to 14
presses to reach a category low in the list (and extra presses to undo the reply method the
next form had lost). A change that adds keys to this everyday task fails here; the text
typed into fields is not counted (it is the same whatever the form does)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication

from station_app.services.suggestions import get_detail
from tests.ui.conftest import type_text

SAVE_KEYS = 17  # any category: two letters of its pinyin initials, not a walk down the list
PRINT_KEYS = 4  # reach Print…, press it, confirm the print dialog, close the receipt


class Keyboard:
    """Presses keys on whatever has the focus, as a volunteer does, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.log: list[str] = []

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        self.count += 1
        self.log.append(f"{type(widget).__name__}:{key.name}")
        self.qtbot.keyClick(widget, key, modifier)

    def letters(self, text: str) -> None:
        for ch in text:
            self.count += 1
            self.log.append(f"letter {ch}")
            self.qtbot.keyClicks(QApplication.focusWidget(), ch)

    def type(self, text: str) -> None:  # field text: not counted
        type_text(self.qtbot, QApplication.focusWidget(), text)


def test_keys_to_record_a_face_to_face_suggestion_and_print_it(qtbot, ctx, station, volunteer):
    from ui.main_window import MainWindow
    from ui.theme import UiSettings

    w = MainWindow(ctx, UiSettings(), "长寿路街道人民建议征集工作站")
    qtbot.addWidget(w)
    w.show()
    f = w.entry
    qtbot.waitUntil(lambda: f.ready and QApplication.focusWidget() is f.channel)
    # pinyin for the category is worked out when the field is first reached
    keys = Keyboard(qtbot)
    K = Qt.Key
    keys.press(K.Key_Return)  # 当面 is the default channel
    keys.press(K.Key_Return)  # no campaign
    assert QApplication.focusWidget() is f.category
    qtbot.waitUntil(lambda: any(k.initials for k in f.category.keys))
    keys.letters("dt")  # 加装电梯, 15th in the list
    assert f.category.currentData() == "ELV"
    keys.press(K.Key_Return)
    keys.type("加装电梯")
    keys.press(K.Key_Return)
    keys.type("我们楼里老人多，上下楼很不方便，希望加快加装电梯的审批。")
    keys.press(K.Key_Tab)
    keys.type("长寿路100弄")
    keys.press(K.Key_Return)
    assert QApplication.focusWidget() is f.suggester.anonymous
    keys.press(K.Key_Tab)
    keys.type("张建国")
    keys.press(K.Key_Return)
    keys.type("13812345678")
    keys.press(K.Key_Return)
    keys.press(K.Key_Return)  # no address
    assert QApplication.focusWidget() is f.suggester.wants_feedback
    keys.press(K.Key_Space)  # 需要回复: the method becomes 电话 by itself
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    assert QApplication.focusWidget() is f.suggester.consent
    keys.press(K.Key_Space)
    f.show_receipt = True
    with qtbot.waitSignal(f.saved, timeout=5000) as saved:
        keys.press(K.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved_with = keys.count
    detail = get_detail(station, volunteer, saved.args[0].id)
    assert detail.suggestion.category_code == "ELV" and detail.suggestion.channel == "face_to_face"
    assert detail.person is not None and detail.person.feedback_method == "phone"
    assert saved_with == SAVE_KEYS, keys.log

    receipt = f.last_receipt
    qtbot.waitUntil(lambda: receipt.isVisible() and receipt.isActiveWindow())
    while QApplication.focusWidget() is not receipt.print_button:
        keys.press(K.Key_Tab)
        assert keys.count < saved_with + 10, keys.log
    asked: list[bool] = []

    def confirm_print() -> None:
        dialog = QApplication.activeModalWidget()
        asked.append(isinstance(dialog, QPrintDialog))
        keys.count += 1  # Enter on its default button (Print) would print: counted, not sent
        dialog.reject()  # no printer on the test machine

    QTimer.singleShot(0, confirm_print)
    keys.press(K.Key_Space)
    assert asked == [True]
    receipt.activateWindow()  # what the window manager does; offscreen Qt has none
    qtbot.waitUntil(lambda: QApplication.focusWidget() is receipt.print_button)
    keys.press(K.Key_Escape)  # the receipt closes; the form is already clear for the next
    qtbot.waitUntil(lambda: not receipt.isVisible())
    assert keys.count - saved_with == PRINT_KEYS, keys.log
    assert f.title.text() == "" and not f.suggester.wants_feedback.isChecked()
    w._shutdown_screens()
