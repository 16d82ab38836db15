"""Finding and fixing a record from the window: a double-click opens one detail dialog, a QR
scanner's receipt number opens its suggestion, and the detail dialog reprints the receipt,
corrects a typo (a new history entry) and withdraws with a reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import text as sql

from station_app.domain import Channel
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.outbox import sync_status
from station_app.services.suggestions import get_detail, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator
from tests.ui.conftest import type_text
from ui.context import AppContext
from ui.models.suggestion_table import Col
from ui.screens.suggestion_detail import SuggestionDetailDialog

pytestmark = pytest.mark.gui


def _record(station: Station, who: Operator, title: str = "锦绣苑停车棚太挤") -> int:
    form = SuggestionForm(
        channel=Channel.FACE_TO_FACE,
        category_code="PRK",
        title=title,
        content="锦绣苑小区非机动车棚太济，建议扩建。",
        location="锦绣苑3号门",
        suggester=SuggesterForm(
            name="赵丽华",
            phone="13812345678",
            wants_feedback=True,
            feedback_method="phone",
            consent_given=True,
        ),
    )
    return record_suggestion(station, who, form).id


def _details() -> list[SuggestionDetailDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, SuggestionDetailDialog) and w.isVisible()
    ]


def _open(qtbot, ctx: AppContext, sid: int) -> SuggestionDetailDialog:
    dialog = SuggestionDetailDialog(ctx, sid)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.show()
    return dialog


def test_double_click_in_the_main_window_opens_exactly_one_dialog(
    qtbot, station: Station, volunteer: Operator
) -> None:
    from ui.main_window import LIST, MainWindow
    from ui.theme import UiSettings

    _record(station, volunteer)
    w = MainWindow(AppContext(station=station, operator=volunteer), UiSettings(), "长寿路工作站")
    qtbot.addWidget(w)
    w.show()
    w.show_page(LIST)
    table = w.list_screen.table
    qtbot.waitUntil(lambda: w.list_screen.model.rowCount() == 1)
    rect = table.visualRect(w.list_screen.model.index(0, Col.TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(_details()) == 1)
    first = _details()[0]
    qtbot.waitUntil(lambda: first.detail is not None)
    # opening the same row again brings that dialog forward, never a second copy
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.wait(50)  # let a wrongly opened second dialog show itself before counting
    assert _details() == [first]
    first.close()
    w._shutdown_screens()


def test_qr_scanner_enter_opens_the_suggestion(qtbot, ctx: AppContext, volunteer) -> None:
    from ui.screens.suggestion_list import SuggestionListScreen

    for i in range(3):
        _record(ctx.station, volunteer, f"建议{i}")
    target = get_detail(ctx.station, volunteer, 2).suggestion.receipt_no
    screen = SuggestionListScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    screen.focus_search()
    # a USB scanner is a keyboard: it types what the QR holds, then Enter
    qtbot.keyClicks(screen.search, target)
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.detail_dialog is not None, timeout=5000)
    dialog = screen.detail_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.detail is not None)
    assert dialog.detail.suggestion.receipt_no == target
    assert dialog.windowTitle().endswith(target)
    # the last digits find it in the list too
    dialog.close()
    screen.search.clear()
    qtbot.keyClicks(screen.search, target[-4:])
    qtbot.waitUntil(lambda: screen.model.query == target[-4:] and not screen.model.is_loading)
    assert screen.model.rowCount() == 1 and screen.model.suggestion_id(0) == 2


def test_recorder_corrects_a_typo_from_the_detail_dialog(
    qtbot, ctx: AppContext, volunteer, station: Station
) -> None:
    from ui.screens.suggestion_actions import CorrectionDialog

    sid = _record(station, volunteer)
    dialog = _open(qtbot, ctx, sid)
    assert dialog.correct_button.isVisible() and dialog.correct_button.isEnabled()
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    fix = dialog.action_dialog
    assert isinstance(fix, CorrectionDialog)
    assert fix.save_button.text() == "保存更正"
    fix.content.selectAll()
    type_text(qtbot, fix.content, "锦绣苑小区非机动车棚太挤，建议扩建。")
    # no reason: told beside the field, nothing saved
    qtbot.mouseClick(fix.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: fix.errors["reason"].isVisible())
    assert get_detail(station, volunteer, sid).suggestion.version == 1
    type_text(qtbot, fix.reason, "错别字")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(fix.save_button, Qt.MouseButton.LeftButton)
    assert dialog.content.toPlainText() == "锦绣苑小区非机动车棚太挤，建议扩建。"
    assert dialog.history.rowCount() == 2
    assert "错别字" in dialog.history.item(1, 3).text()
    assert get_detail(station, volunteer, sid).suggestion.version == 2


def test_withdraw_asks_a_reason_with_verb_buttons(
    qtbot, ctx: AppContext, volunteer, station: Station
) -> None:
    from ui.screens.suggestion_actions import WithdrawDialog

    sid = _record(station, volunteer)
    dialog = _open(qtbot, ctx, sid)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    ask = dialog.action_dialog
    assert isinstance(ask, WithdrawDialog)
    assert (ask.withdraw_button.text(), ask.keep_button.text()) == ("撤回这条建议", "不撤回")
    type_text(qtbot, ask.reason, "本人来站要求撤回")
    qtbot.keyClick(ask.reason, Qt.Key.Key_Return)  # Enter decides nothing
    assert ask.isVisible() and get_detail(station, volunteer, sid).suggestion.status == "recorded"
    queued = sync_status(station).queued
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        qtbot.mouseClick(ask.withdraw_button, Qt.MouseButton.LeftButton)
    detail = get_detail(station, volunteer, sid)
    assert detail.suggestion.status == "withdrawn"
    assert detail.person is not None and detail.person.phone == ""
    assert sync_status(station).queued == queued  # the unsent copy gave way to the withdrawal
    assert not dialog.withdraw_button.isEnabled() and not dialog.correct_button.isEnabled()
    assert dialog.history.item(dialog.history.rowCount() - 1, 1).text() == "已撤回"


def test_reprint_shows_the_receipt_with_its_number(
    qtbot, ctx: AppContext, volunteer, station: Station, tmp_path
) -> None:
    from ui.printing.receipt_dialog import ReceiptDialog

    sid = _record(station, volunteer)
    receipt_no = get_detail(station, volunteer, sid).suggestion.receipt_no
    dialog = _open(qtbot, ctx, sid)
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(dialog.action_dialog, ReceiptDialog))
    receipt = dialog.action_dialog
    assert isinstance(receipt, ReceiptDialog)
    text = receipt.document.toPlainText()
    assert receipt_no in text and "锦绣苑停车棚太挤" in text
    assert receipt.new_button.text() == "关闭"
    # saving it as PDF leaves an audit line (who reprinted which suggestion's receipt)
    assert receipt.export_to(tmp_path / "receipt.pdf")

    def reprints() -> list[tuple]:
        with station.db.read() as s:
            return s.execute(
                sql(
                    "SELECT operator_id, entity_id, detail FROM audit_log "
                    "WHERE action = 'print' AND entity = 'suggestion'"
                )
            ).all()

    qtbot.waitUntil(lambda: len(reprints()) == 1)
    assert reprints() == [(volunteer.id, str(sid), "receipt PDF reprint")]
    receipt.close()


def test_another_volunteer_may_not_correct(qtbot, station: Station, admin, volunteer) -> None:
    from station_app.domain import Role
    from station_app.services.operators import add_operator

    sid = _record(station, volunteer)
    other = add_operator(station, admin, "钱志愿", Role.VOLUNTEER, "8642")
    dialog = _open(qtbot, AppContext(station=station, operator=other), sid)
    assert not dialog.correct_button.isVisible()
    assert dialog.withdraw_button.isVisible() and dialog.reprint_button.isVisible()
    assert not [lbl for lbl in dialog.findChildren(QLabel) if "13812345678" in lbl.text()]
