"""First-run setup wizard (inline Chinese messages, demo data), login (wrong PIN, lockout),
the single-instance guard, and the draft offered back after a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.domain import Role
from station_app.services.common import first_admin
from station_app.services.drafts import drafts_for, save_draft, start_draft
from station_app.services.forms import SuggestionForm
from station_app.services.operators import add_operator
from station_app.services.outbox import pending_suggestions, sync_status
from station_app.services.query import count, list_page
from station_app.services.setup import station_info
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.sql import raw
from tests.ui.conftest import type_text


def _fill_wizard(qtbot, wizard) -> None:
    for field, text in (
        (wizard.code, "PT-CSL01"),
        (wizard.name, "长寿路街道人民建议征集工作站"),
        (wizard.district, "普陀区"),
        (wizard.street, "长寿路街道"),
        (wizard.phone, "021-62761234"),
        (wizard.admin_name, "王管理"),
        (wizard.pin, "2468"),
        (wizard.pin2, "2468"),
    ):
        field.clear()
        field.setFocus()
        type_text(qtbot, field, text)
    qtbot.keyClick(wizard.pin2, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1)


def test_setup_wizard_validates_then_enter_starts_without_demo_data(qtbot, station):
    """Enter on the demo page used to load demo data into the real station (queued for HQ)."""
    from ui.screens.setup_wizard import SetupWizard

    wizard = SetupWizard(station)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.code.setText("pt csl")  # a space is not allowed
    wizard.pin.setText("12")
    wizard.pin2.setText("12")
    wizard.submit()
    qtbot.waitUntil(lambda: wizard.finish_button.isEnabled() and bool(wizard.errors["code"].text()))
    assert "工作站编号" in wizard.errors["code"].text()
    assert "如 PT-CSL01" in wizard.errors["code"].text()  # the placeholder's example
    assert "PT-CSL01" in wizard.code.placeholderText()
    assert "必须填写" in wizard.errors["station_name"].text()
    assert wizard.errors["phone"].text() == "“工作站电话”必须填写。"
    assert wizard.errors["name"].text() == "“管理员姓名”必须填写。"  # the label's word
    assert "4 到 12 位数字" in wizard.errors["pin"].text()
    assert wizard.code.hasFocus()

    wizard.pin2.setText("99")
    wizard.submit()
    assert wizard.errors["pin2"].text() == "两次输入的密码不一致。"

    _fill_wizard(qtbot, wizard)
    info = station_info(station)
    assert (info.code, info.phone) == ("PT-CSL01", "021-62761234")
    assert QApplication.focusWidget() is wizard.skip_button and wizard.skip_button.isDefault()
    with qtbot.waitSignal(wizard.completed, timeout=5000) as done:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert done.args[0].name == "王管理"
    assert count(station) == 0
    assert not wizard.progress.isVisible()


def test_demo_data_is_marked_and_never_queued_for_hq(qtbot, station):
    from ui.screens.setup_wizard import SetupWizard

    wizard = SetupWizard(station)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_wizard(qtbot, wizard)
    wizard.demo_count.setValue(100)
    with qtbot.waitSignal(wizard.completed, timeout=20000):
        wizard.demo_button.click()
    assert count(station) == 100
    assert wizard.progress.value() == 100
    rows = list_page(station, limit=200)
    assert len(rows) == 100 and all(r.receipt_no.startswith("DEMO-PT-CSL01-") for r in rows)
    assert pending_suggestions(station, 1000) == []
    assert sync_status(station).queued == 0

    # a real suggestion on the same station is numbered from 1 and queued as before
    with station.db.read() as s:
        admin = first_admin(s)
    rec = record_suggestion(
        station,
        admin,
        SuggestionForm(category_code="ELV", title="加装电梯", content="希望加快加装电梯。"),
    )
    assert rec.receipt_no.endswith("-0001") and rec.receipt_no.startswith("PT-CSL01-")
    assert [o.uuid for o in pending_suggestions(station, 1000)] == [rec.uuid]

    # even a demo row that something queued again is never sent
    with station.db.write() as s:
        conn = raw(s)
        demo_uuid = conn.execute(
            "SELECT uuid FROM suggestion WHERE receipt_no LIKE 'DEMO-%' LIMIT 1"
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO outbox(kind, ref, created_at) VALUES ('suggestion', ?, '2026-11-25')",
            (demo_uuid,),
        )
    assert [o.uuid for o in pending_suggestions(station, 1000)] == [rec.uuid]


def _login(qtbot, station):
    from ui.screens.login import LoginScreen

    screen = LoginScreen(station, "长寿路街道人民建议征集工作站")
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.name.count() > 0)
    return screen


def test_login_wrong_pin_then_lockout_then_success(qtbot, station, admin, volunteer):
    screen = _login(qtbot, station)
    assert sorted(screen.operators) == ["李志愿", "王管理"]
    screen.name.setEditText("李志愿")
    screen.pin.setFocus()
    for _ in range(4):
        qtbot.keyClicks(screen.pin, "0000")
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.button.isEnabled() and bool(screen.error.text()))
        assert screen.error.text() == "姓名或密码（PIN）不正确。"
        screen.error.show_message("")
    qtbot.keyClicks(screen.pin, "0000")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.button.isEnabled() and bool(screen.error.text()))
    assert "已锁定" in screen.error.text() and "15 分钟" in screen.error.text()

    screen.name.setEditText("王管理")
    qtbot.keyClicks(screen.pin, "2468")
    with qtbot.waitSignal(screen.logged_in, timeout=5000) as ok:
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert ok.args[0].role == Role.ADMIN


def test_admin_adds_operator_in_settings(qtbot, station, admin):
    from ui.context import AppContext
    from ui.screens.settings import OperatorsScreen

    screen = OperatorsScreen(AppContext(station=station, operator=admin))
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.list.count() == 1)
    screen.name.setText("赵扫描")
    screen.role.setCurrentIndex(screen.role.findData("scanner"))
    screen.pin.setText("1111")
    screen.pin2.setText("1111")
    screen.add()
    qtbot.waitUntil(lambda: screen.list.count() == 2)
    assert any(screen.list.item(i).text() == "赵扫描（扫描员）" for i in range(2))


def test_draft_offered_back_after_restart(qtbot, tmp_path, admin, station, volunteer):
    """A draft left by a crash comes back after login through the real app controller."""
    from ui.app import AppController
    from ui.theme import UiSettings

    uuid = start_draft()
    save_draft(station, volunteer, uuid, SuggestionForm(title="路灯", content="路灯坏了好几盏"))
    root = station.data.root
    reopened = Station.open(root)
    controller = AppController(reopened, UiSettings(), None)
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    login = controller.window
    qtbot.waitUntil(lambda: login.name.count() > 0)
    login.name.setEditText("李志愿")
    login.pin.setText("1357")
    login.submit()
    qtbot.waitUntil(lambda: controller.main is not None and controller.main.isVisible())
    main = controller.main
    from ui.widgets.draft_offer import DraftOfferDialog

    qtbot.waitUntil(lambda: any(isinstance(c, DraftOfferDialog) for c in main.children()))
    dialog = next(c for c in main.children() if isinstance(c, DraftOfferDialog))
    assert dialog.list.count() == 1 and "路灯" in dialog.list.item(0).text()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: main.entry.title.text() == "路灯")
    assert main.entry.draft_uuid == uuid
    assert main.entry.content.toPlainText() == "路灯坏了好几盏"
    main.entry.location.setText("长寿路")
    main.entry.flush_draft()
    assert drafts_for(reopened, volunteer)[0].form.location == "长寿路"
    main.close()
    reopened.close()


def test_second_instance_is_refused(tmp_path):
    from station_app.paths import DataDir, take_app_lock

    data = DataDir(tmp_path)
    first = take_app_lock(data)
    assert first is not None
    assert take_app_lock(data) is None
    first.release()
    assert take_app_lock(data) is not None


def test_settings_saved_atomically(tmp_path):
    from ui.theme import UiSettings

    UiSettings(language="en", font_scale=1.25, station_address="长寿路100号").save(tmp_path)
    loaded = UiSettings.load(tmp_path)
    assert (loaded.language, loaded.font_scale, loaded.station_address) == (
        "en",
        1.25,
        "长寿路100号",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["ui-settings.json"]


def test_volunteer_added_by_admin_can_log_in(qtbot, station, admin):
    add_operator(station, admin, "陈志愿", Role.VOLUNTEER, "8642")
    screen = _login(qtbot, station)
    screen.name.setEditText("陈志愿")
    screen.pin.setText("8642")
    with qtbot.waitSignal(screen.logged_in, timeout=5000):
        screen.submit()
