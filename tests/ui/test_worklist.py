"""The worklist screen by keyboard: overdue and due-soon rows marked by colour and by text and
icon, masked contact for a volunteer, recording a contact (validation first), undo, and the
reply letter as PDF with HQ's reply in it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.followup.worklist import worklist
from station_app.services.audit_view import list_audit
from station_app.services.hq_updates import apply_changes
from station_app.store import Station
from station_app.store.models import Operator
from tests.followup.helpers import record

pytestmark = pytest.mark.gui

REPLIES = [
    # (title, name, HQ's due date, reply)
    ("楼道灯坏了", "赵大妈", "2026-11-24", "区房管局已安排维修，本周内修好。"),
    ("公交站没有雨棚", "钱师傅", "2026-11-26", "交通委已将该站点纳入明年雨棚改造计划。"),
    ("菜场门口乱停车", "孙先生", None, "城管中队将加强巡查，并施划临时停车位。"),
]


def seed(station: Station, actor: Operator) -> list[int]:
    """Three replied suggestions: one overdue, one due soon, one within the station's policy."""
    ids, events = [], []
    for n, (title, name, due, reply) in enumerate(REPLIES):
        rec = record(station, actor, title=title, name=name, phone=f"1391234567{n}")
        ids.append(rec.id)
        ev = {"event_id": f"r{n}", "uuid": rec.uuid, "kind": "reply", "status": "replied",
              "reply_text": reply, "hq_id": f"HQ-{n}"}  # fmt: skip
        if due:
            ev["due_date"] = due
        events.append(ev)
    apply_changes(station, events, "c1")
    return ids


def focused():
    return QApplication.focusWidget()


@pytest.fixture
def screen(qtbot, ctx):
    from ui.screens.worklist import WorklistScreen

    seed(ctx.station, ctx.operator)
    w = WorklistScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        w.show()
        w.activateWindow()
    return w


def test_rows_marked_and_contact_masked(screen) -> None:
    m = screen.model
    assert [i.title for i in m.items] == ["楼道灯坏了", "公交站没有雨棚", "菜场门口乱停车"]
    states = [m.index(r, 0).data() for r in range(3)]
    assert states[0] != states[1] != states[2]  # a word in the row, not only a colour
    assert m.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert m.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert m.index(2, 0).data(Qt.ItemDataRole.DecorationRole) is None
    red = m.index(0, 3).data(Qt.ItemDataRole.BackgroundRole).color()
    amber = m.index(1, 3).data(Qt.ItemDataRole.BackgroundRole).color()
    assert red.red() > red.green() and amber.red() > amber.blue() and red != amber
    assert "2026-12-02" in m.index(2, 1).data()  # 5 working days after 25 November
    assert "3" in screen.header.text() and "1" in screen.header.text()
    assert screen.reply.toPlainText() == "区房管局已安排维修，本周内修好。"
    assert screen.reach_phone.text() == "139****5670" and screen.reach_name.text() == "赵**"
    assert not screen.unmask_button.isVisible()  # a volunteer cannot unmask


def test_record_contact_by_keyboard_then_undo(qtbot, screen, ctx) -> None:
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert focused() is screen.method
    assert screen.method.currentData() == "phone"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is screen.date
    # no satisfaction chosen: the service says what is missing, nothing is saved
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "满意度" in screen.form_error.text())
    assert worklist(ctx.station, ctx.operator)[0].attempts == 0

    button = screen.sat_buttons["basically_satisfied"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert screen.chosen_satisfaction() == "basically_satisfied"
    screen.comment.setFocus()
    qtbot.keyClicks(screen.comment, "ok")
    with qtbot.waitSignal(screen.recorded, timeout=5000):
        qtbot.keyClick(screen.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(screen.model.items) == 2)
    assert [i.title for i in screen.model.items] == ["公交站没有雨棚", "菜场门口乱停车"]
    assert screen.undo_button.isEnabled()

    screen.undo_button.setFocus()
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.keyClick(screen.undo_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(screen.model.items) == 3)
    assert screen.model.items[0].attempts == 0 and not screen.undo_button.isEnabled()


def test_not_reached_disables_satisfaction(qtbot, screen) -> None:
    screen.reached_no.setFocus()
    qtbot.keyClick(screen.reached_no, Qt.Key.Key_Space)
    assert not screen.sat_buttons["satisfied"].isEnabled()
    with qtbot.waitSignal(screen.recorded, timeout=5000):
        screen.record()
    qtbot.waitUntil(lambda: "1" in screen.reach_how.text())
    assert screen.model.items[0].misses == 1  # still on the list after one try


def test_reply_letter_pdf(qtbot, screen, ctx, tmp_path: Path) -> None:
    screen.table.selectRow(2)
    qtbot.keyClick(screen.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.letter_dialog is not None and screen.letter_dialog.isVisible())
    dialog = screen.letter_dialog
    assert "菜场门口乱停车" in dialog.view.toPlainText()
    pdf = tmp_path / "letter.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.export_to(pdf)
    doc = pdfium.PdfDocument(str(pdf))
    text = unicodedata.normalize(
        "NFKC", "".join(page.get_textpage().get_text_range() for page in doc)
    )
    doc.close()
    assert "城管中队将加强巡查" in text and "孙先生" in text  # addressed to the person
    assert "2026年11月25日" in text  # dated as a letter is, by the station's clock
    lines = text.splitlines()
    receipt_no = screen.model.items[2].receipt_no
    # the receipt number is quoted whole, so it is never split across two lines
    assert any(receipt_no in line for line in lines), lines
    sid = screen.model.items[2].suggestion_id
    admin = Operator(id=1, name="x", role="admin", pin_hash="", created_at="")
    printed = [e for e in list_audit(ctx.station, admin) if e.action == "print"]
    assert [(e.entity_id, e.detail) for e in printed] == [(str(sid), "reply_letter")]
