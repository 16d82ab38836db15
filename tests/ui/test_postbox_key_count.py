"""How many keys a scanner presses on the real main window from opening 邮筒来信 to a
confirmed postbox suggestion: open the page, record the collection, import a rendered letter,
make it a letter, open its review, pick a category, reach the consent, confirm. The walk in
issue 11 counted about 24; a change that adds keys to this everyday task fails here. Text
typed into fields is not counted (it is the same whatever the screens do); the file dialog is
counted as its one Enter after the path is typed.

Real station in tmp, a real rendered letter read by real tesseract in a worker process."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.postbox.collections import letters, list_collections
from station_app.services.query import list_page
from tests.ui.postbox_helpers import *  # noqa: F403  (fixtures)
from tests.ui.postbox_helpers import use_tesseract, wait_import
from tests.ui.test_entry_key_count import Keyboard

pytestmark = pytest.mark.gui

POSTBOX_KEYS = 20  # 25 before the focus went where the next action is (see the docstring)


def focused():
    return QApplication.focusWidget()


def test_keys_from_the_postbox_page_to_a_confirmed_suggestion(
    qtbot, scanner_ctx, station, scanner, letter_files: list[Path]
):
    from ui.main_window import MainWindow
    from ui.theme import UiSettings

    w = MainWindow(scanner_ctx, UiSettings(), "长寿路街道人民建议征集工作站")
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.entry.ready and focused() is w.entry.channel)
    keys = Keyboard(qtbot)
    K, CTRL, ALT = Qt.Key, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier

    # 信箱来信: the fourth page for a scanner (Ctrl+4, as the Go menu says)
    keys.press(K.Key_4, CTRL)
    screen = w.postbox_screen
    assert screen is not None and w.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.loaded_once)
    use_tesseract(screen.imports)  # the engine is a setting, not a key of this task

    # the collection: postbox code, opened now, the witness, one letter
    keys.press(K.Key_N, ALT)
    qtbot.waitUntil(lambda: getattr(screen, "new_dialog", None) is not None)
    dialog = screen.new_dialog
    qtbot.waitUntil(lambda: focused() is dialog.postbox_code)
    keys.type("pb-01")
    keys.press(K.Key_Return)
    assert focused() is dialog.opened_at
    keys.press(K.Key_Return)  # now, from the station clock
    keys.type("钱见证")
    keys.press(K.Key_Return)
    assert focused() is dialog.letter_count and dialog.letter_count.lineEdit().hasSelectedText()
    keys.type("1")  # over the selected count
    keys.press(K.Key_Return)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        keys.press(K.Key_Return)  # Enter on the last field (the note) records
    w.activateWindow()  # what the window manager does when the dialog goes; offscreen has none
    qtbot.waitUntil(lambda: screen.letter_table.rowCount() == 1)
    # the next thing to do is to import the scans: the focus waits on that button
    qtbot.waitUntil(lambda: focused() is screen.imports.import_files_button)

    # import the scan: Ctrl+I, then the file dialog (the path typed, Enter)
    panel = screen.imports

    def pick_files() -> list[str]:
        keys.count += 1
        keys.log.append("file dialog:Key_Return")
        return [str(letter_files[0])]

    panel.pick_files = pick_files
    keys.press(K.Key_I, CTRL)
    wait_import(qtbot, panel)

    # the page read waits to be made a letter: Enter on the offered "each file is a letter"
    pages = screen.pages
    qtbot.waitUntil(lambda: focused() is pages.per_file_button)
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: focused() is screen.letter_table and pages.list.count() == 0)
    qtbot.waitUntil(lambda: screen.letter_table.item(0, 2).text() == "1")

    # Enter on the letter opens its review: the text first, the writer's details filled in
    with qtbot.waitSignal(screen.review_opened, timeout=5000) as opened:
        keys.press(K.Key_Return)
    review = opened.args[0].review
    qtbot.waitUntil(lambda: review.ready and review.viewer.has_image(), timeout=10_000)
    qtbot.waitUntil(lambda: review.category.count() > 1)
    assert focused() is review.text
    assert review.title.text() == "关于小区停车难问题的建议"  # proposed from the heading

    keys.press(K.Key_Tab)
    assert focused() is review.category
    # pinyin for the category is worked out when the field is first reached
    qtbot.waitUntil(lambda: any(k.initials for k in review.category.keys))
    keys.letters("tc")  # 停车管理 by its pinyin initials
    assert review.category.currentData() == "PRK"
    keys.press(K.Key_Return)
    assert focused() is review.title  # the heading is a good title: on
    keys.press(K.Key_Return)
    assert focused() is review.location
    keys.type("长寿路123弄")
    box = review.suggester
    # name, phone and address came from the letter (blue, checked by eye): Enter goes past
    # them to "wants a reply", then to the consent
    assert {"name", "phone", "address"} <= review.filled.keys()
    keys.press(K.Key_Return)
    assert focused() is box.wants_feedback
    keys.press(K.Key_Return)
    assert focused() is box.consent
    keys.press(K.Key_Space)  # the letter says its details may be used
    with qtbot.waitSignal(review.confirmed, timeout=10_000) as done:
        keys.press(K.Key_Return, CTRL)
    rec = done.args[0]

    [row] = list_page(station)
    assert (row.receipt_no, row.channel, row.category_code) == (rec.receipt_no, "postbox", "PRK")
    assert [
        lt.outcome for lt in letters(station, scanner, list_collections(station, scanner)[0].id)
    ] == ["suggestion"]
    print(f"\nkeys from the postbox page to a confirmed suggestion: {keys.count}")
    print("\n".join(keys.log))
    assert keys.count == POSTBOX_KEYS, keys.log
    w._shutdown_screens()
