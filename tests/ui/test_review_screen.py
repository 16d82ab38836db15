"""The review of a postbox letter as a scanner does it, by keyboard: Enter on the letter
opens the page beside its text with the name, phone and address found in the letter filled
in; zoom and turn keys act on the page while typing; Tab walks the fields in order; Ctrl+Enter
records a postbox suggestion linked to the letter and opens the next letter. A bad phone or a
missing consent shows a plain message by the field and records nothing; words the OCR was
unsure of are marked yellow until they are edited.

Real station in tmp, real rendered letters read by real tesseract."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageFilter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.postbox.collections import CollectionInfo, letters
from station_app.postbox.imports import ScanImport, assign_pages, unassigned_pages
from station_app.services.query import list_page
from station_app.services.suggestions import get_detail
from station_app.store import Station
from station_app.store.models import Operator
from tests.ocr import letters as rendered
from tests.ui.conftest import type_text
from tests.ui.postbox_helpers import *  # noqa: F403  (fixtures)
from tests.ui.postbox_helpers import open_pb, show_screen

pytestmark = pytest.mark.gui

SMUDGED_BODY = [
    "尊敬的工作站同志：",
    "我家住在长寿路街道，楼道里堆满了纸箱和旧家具，",
    "有的已经堆了半年多，晚上看不清容易绊倒，",
    "也有火灾隐患。建议居委会组织清理，定期检查。",
    "2026年11月20日",
]


def focused():
    return QApplication.focusWidget()


def smudged_letter(path: Path) -> Path:
    """A letter whose third line is blurred as if by a drop of water: a doubtful reading."""
    page = rendered.render_letter("关于楼道堆放杂物的建议", SMUDGED_BODY)
    top = 80 + 70 + 2 * 50 - 4
    box = (0, top, page.width, top + 44)
    page.paste(page.crop(box).filter(ImageFilter.GaussianBlur(2.8)), box)
    page.save(path)
    return path


@pytest.fixture
def two_letters(
    station: Station, scanner: Operator, letter_files: list[Path], tmp_path: Path
) -> tuple[CollectionInfo, list[int]]:
    """A collection of two letters with pages: the parking letter (name, phone, address and
    date in it) and a letter with a smudged line."""
    info = open_pb(station, scanner, count=2)
    smudged = smudged_letter(tmp_path / "smudged.png")
    ScanImport(
        station, scanner, [letter_files[0], smudged], collection_id=info.id, engine="tesseract"
    ).run()
    pages = {p.file_name: p.page_id for p in unassigned_pages(station, scanner, info.id)}
    one, two = letters(station, scanner, info.id)
    assign_pages(station, scanner, one.id, [pages["letter1.png"]])
    assign_pages(station, scanner, two.id, [pages["smudged.png"]])
    return info, [one.id, two.id]


def open_review(qtbot, ctx, info: CollectionInfo, letter_id: int):
    from ui.screens.review import ReviewDialog

    dialog = ReviewDialog(ctx, info.id, letter_id)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 820)
    dialog.show()
    dialog.activateWindow()
    review = dialog.review
    qtbot.waitUntil(lambda: review.ready and review.viewer.has_image(), timeout=10_000)
    qtbot.waitUntil(lambda: review.category.count() > 1)
    return dialog


def test_review_by_keyboard_records_a_postbox_suggestion(
    qtbot, scanner_ctx, station, scanner, admin, two_letters
):
    info, (first, second) = two_letters
    screen = show_screen(qtbot, scanner_ctx)
    table = screen.letter_table
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    table.setFocus()
    table.selectRow(0)
    assert "可以审核" in table.item(0, 3).text()
    with qtbot.waitSignal(screen.review_opened, timeout=5000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = opened.args[0]
    review = dialog.review
    qtbot.waitUntil(lambda: review.ready and review.viewer.has_image(), timeout=10_000)
    qtbot.waitUntil(lambda: review.category.count() > 1)

    # the page beside its text; what the letter says about its writer is filled in
    assert "停车" in review.text.toPlainText() and focused() is review.text
    assert "第 1 封信" in review.heading.text() and "PB-01" in review.heading.text()
    filled = review.proposed_values()
    assert filled["name"] == "张明华" and filled["phone"] == "13812345678"
    assert filled["address"].endswith("长寿路123弄4号502室")
    assert review.letter_date.text() == "2026-11-03"
    assert review.filled_hint.isVisible() and "姓名" in review.filled_hint.text()
    assert filled["title"] == "关于小区停车难问题的建议"  # the letter's heading
    assert not review.suggester.consent.isChecked()  # the reviewer reads the letter first

    # the page's keys work while the cursor is in the text
    viewer = review.viewer
    width_zoom = viewer.zoom
    qtbot.keyClick(review.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom == pytest.approx(width_zoom * 1.25)
    qtbot.keyClick(review.text, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert viewer.rotation == 90
    qtbot.keyClick(review.text, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(review.text, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.rotation == 0 and viewer.fit_mode == "page" and viewer.zoom <= width_zoom
    area = viewer.view.viewport().size()  # the whole page in sight
    assert viewer.image_size.height() * viewer.zoom <= area.height()
    assert viewer.image_size.width() * viewer.zoom <= area.width()
    qtbot.keyClick(review.text, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert viewer.fit_mode == "width" and viewer.zoom == pytest.approx(width_zoom)
    assert review.text.toPlainText() == review.item.text  # none of those keys typed

    # Tab walks the fields in the order they are read
    order = []
    for _ in range(10):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused())
    box = review.suggester
    assert order == [
        review.category,
        review.title,
        review.location,
        box.anonymous,
        box.name,
        box.phone,
        box.address,
        box.wants_feedback,
        box.consent,  # "reply by" waits until a reply is wanted
        review.confirm_button,
    ]

    review.category.setFocus()
    qtbot.keyClick(review.category, Qt.Key.Key_Down)  # the first category
    assert review.category.currentIndex() == 1
    qtbot.keyClick(review.category, Qt.Key.Key_Return)
    assert focused() is review.title
    type_text(qtbot, review.title, "小区停车难")
    qtbot.keyClick(review.title, Qt.Key.Key_Return)
    assert focused() is review.location
    type_text(qtbot, review.location, "长寿路123弄")
    box.consent.setFocus()
    qtbot.keyClick(box.consent, Qt.Key.Key_Space)  # the letter says the details may be used
    assert box.consent.isChecked()

    with qtbot.waitSignal(review.confirmed, timeout=10_000) as done:
        qtbot.keyClick(box.consent, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rec = done.args[0]

    one = letters(station, scanner, info.id)[0]
    assert (one.outcome, one.receipt_no) == ("suggestion", rec.receipt_no)
    [row] = list_page(station)
    assert (row.receipt_no, row.channel, row.title) == (rec.receipt_no, "postbox", "小区停车难")
    detail = get_detail(station, admin, row.id, unmask_reason="test: check the letter's writer")
    assert "停车" in detail.suggestion.content and detail.suggestion.location == "长寿路123弄"
    assert detail.person is not None and detail.person.consent_at
    assert (detail.person.name, detail.person.phone) == ("张明华", "13812345678")

    # the next letter of the collection opens, saying what was just recorded
    qtbot.waitUntil(lambda: review.ready and review.letter_id == second, timeout=10_000)
    assert rec.receipt_no in review.status.text()
    qtbot.waitUntil(lambda: table.item(0, 1).text() == "已录入建议")
    assert rec.receipt_no in table.item(0, 3).text()

    # Ctrl+D: the second is not a suggestion; nothing is left, the review window closes and
    # the postbox screen says what was done last
    qtbot.keyClick(review.text, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: review.not_dialog is not None)
    review.not_dialog.choose("blank")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        review.not_dialog.ok_button.click()
    assert "不是建议" in screen.notice.text()
    qtbot.waitUntil(lambda: table.item(1, 1).text() == "非建议")
    assert [lt.outcome for lt in letters(station, scanner, info.id)] == [
        "suggestion",
        "not_suggestion",
    ]


def test_a_bad_phone_or_no_consent_is_said_and_nothing_is_recorded(
    qtbot, scanner_ctx, station, scanner, two_letters
):
    info, (first, _second) = two_letters
    dialog = open_review(qtbot, scanner_ctx, info, first)
    review = dialog.review
    box = review.suggester
    review.category.setCurrentIndex(1)
    assert review.title.text() == "关于小区停车难问题的建议"  # proposed from the heading
    review.title.selectAll()
    type_text(qtbot, review.title, "小区停车难")
    box.phone.selectAll()
    type_text(qtbot, box.phone, "1381234")  # digits lost on a crumpled letter
    assert review.proposed_values().keys() == {"name", "address"}  # the phone was edited
    box.consent.setChecked(True)
    review.text.setFocus()

    qtbot.keyClick(review.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.errors["phone"].isVisible())
    assert "电话号码格式不对" in box.errors["phone"].text()
    assert "没有录入" in review.status.text() and review.status.property("role") == "error"
    assert focused() is box.phone
    assert letters(station, scanner, info.id)[0].outcome == "pending"
    assert list_page(station) == []

    # the phone put right but consent not given: the service says so, beside the box
    box.phone.selectAll()
    type_text(qtbot, box.phone, "13812345678")
    box.consent.setChecked(False)
    qtbot.keyClick(review.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.errors["consent"].isVisible(), timeout=5000)
    assert "同意" in box.errors["consent"].text()
    assert not box.errors["phone"].isVisible()
    assert focused() is box.consent and review.confirm_button.isEnabled()
    assert letters(station, scanner, info.id)[0].outcome == "pending"
    assert list_page(station) == []

    # Esc after corrections asks first; "no" keeps the review open
    asked = []
    dialog.confirm_close = lambda: asked.append(True) or False
    qtbot.keyClick(review.title, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    dialog.confirm_close = lambda: True
    dialog.reject()


def test_doubtful_words_are_marked_until_edited(qtbot, scanner_ctx, station, scanner, two_letters):
    info, (_first, second) = two_letters
    dialog = open_review(qtbot, scanner_ctx, info, second)
    review = dialog.review
    item = review.item
    assert item.low_confidence, "the smudged line must give something to mark"
    marked = review.highlighted_texts()
    assert marked == [item.text[a:b] for a, b in item.low_confidence]
    assert f"{len(marked)} 处" in review.text_hint.text()
    # nothing found about the writer: only the heading is proposed (as the title)
    assert review.proposed_values() == {"title": "关于楼道堆放杂物的建议"}
    assert "姓名" not in review.filled_hint.text() and "标题" in review.filled_hint.text()
    assert not review.is_edited()

    start, _end = item.low_confidence[0]
    cursor = review.text.textCursor()
    cursor.setPosition(start + 1)
    review.text.setTextCursor(cursor)
    review.text.setFocus()
    type_text(qtbot, review.text, "堆")
    assert len(review.highlighted_texts()) == len(marked) - 1
    assert review.is_edited()
    dialog.confirm_close = lambda: True
    dialog.reject()


def test_the_rotation_is_shown_and_ctrl_r_turns_the_page_and_reads_it_again(
    qtbot, scanner_ctx, station, scanner, two_letters
):
    info, (first, _second) = two_letters
    dialog = open_review(qtbot, scanner_ctx, info, first)
    review = dialog.review
    bar = review.turn_bar
    assert bar.isVisible() and "没有转动" in bar.label.text()  # read as scanned
    assert "停车" in review.text.toPlainText()
    page_id = review.item.pages[0].page_id

    # say the app's choice was wrong: Ctrl+R with no turn on screen reads it upside down
    review.text.setFocus()
    qtbot.keyClick(review.text, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert bar.busy and not bar.button.isEnabled()  # read in a worker: the window goes on
    qtbot.waitUntil(lambda: not bar.busy, timeout=60_000)
    qtbot.waitUntil(lambda: review.ready and "重新识别" in review.status.text(), timeout=10_000)
    assert "上下颠倒" in bar.label.text() and "180" in bar.label.text()
    assert "停车" not in review.text.toPlainText()
    [page] = letters(station, scanner, info.id)[0].pages
    assert (page.page_id, page.rotation) == (page_id, 180)

    # turned upright on screen (two quarter turns), Ctrl+R reads it right again
    qtbot.keyClick(review.text, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(review.text, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert review.viewer.rotation == 180 and bar.turn() == 180
    qtbot.keyClick(review.text, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not bar.busy, timeout=60_000)
    qtbot.waitUntil(lambda: review.ready and "停车" in review.text.toPlainText(), timeout=10_000)
    assert "没有转动" in bar.label.text() and review.viewer.rotation == 0

    # after a correction in the text, the reviewer is asked first; "keep" reads nothing
    type_text(qtbot, review.text, "补充")
    review.confirm_reread = lambda: False
    qtbot.keyClick(review.text, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not bar.busy and "补充" in review.text.toPlainText()
    dialog.confirm_close = lambda: True
    dialog.reject()
