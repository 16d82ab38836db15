"""Every page and dialog fits a station's 1366x768 laptop at 100%, 125% and 150% text, in
Chinese and in English: nothing wider or taller than 1366x728, no label or button cut, no
page that scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from station_app.demo import load_demo
from station_app.services.common import first_admin
from station_app.services.drafts import DraftView
from station_app.services.forms import SuggestionForm
from station_app.store import Station
from station_app.store.models import Operator
from tests.ui.fit_check import fit_problems, settle
from tests.ui.test_worklist import seed
from ui.context import AppContext
from ui.i18n import install_language
from ui.theme import UiSettings, apply_font, apply_style

pytestmark = pytest.mark.gui

COMBOS = [(lang, scale) for lang in ("zh_CN", "en") for scale in (1.0, 1.25, 1.5)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Station, Operator]]:
    """A demo station with suggestions, replies to pass on and figures on the dashboard."""
    station = Station.open(tmp_path_factory.mktemp("fit") / "data")
    load_demo(station, 40)
    with station.db.read() as s:
        admin = first_admin(s)
    seed(station, admin)
    yield station, admin
    station.close()


def _shown(widget: QWidget, qtbot) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    settle()
    return widget


def _dialogs(window, ctx: AppContext, qtbot) -> Iterator[QWidget]:
    from ui.printing.receipt import ReceiptData
    from ui.printing.receipt_dialog import ReceiptDialog
    from ui.printing.reply_letter import Letter, LetterDialog
    from ui.screens.postbox_dialogs import NewCollectionDialog, NotSuggestionDialog
    from ui.screens.suggestion_actions import CorrectionDialog, WithdrawDialog
    from ui.screens.suggestion_detail import SuggestionDetailDialog
    from ui.screens.sync_page import EnrolDialog
    from ui.widgets.draft_offer import DraftOfferDialog

    detail = SuggestionDetailDialog(ctx, 1, window)
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.show()
    settle()
    yield detail
    assert detail.detail is not None
    sug = detail.detail.suggestion
    detail.reprint()
    qtbot.waitUntil(lambda: isinstance(detail.action_dialog, ReceiptDialog), timeout=5000)
    settle()
    yield detail.action_dialog
    detail.action_dialog.close()
    yield _shown(CorrectionDialog(ctx, sug, window), qtbot)
    yield _shown(WithdrawDialog(ctx, sug, window), qtbot)
    detail.close()
    receipt = ReceiptData(
        receipt_no="PT-CSL01-20261125-0012",
        received_at="2026-11-25T09:30:00+08:00",
        station_name="长寿路街道人民建议征集工作站",
        station_code="PT-CSL01",
        recorded_by="王管理",
        title="关于曹杨新村加装电梯的建议" * 2,
        summary="我们楼里老人多，上下楼不方便，希望尽快加装电梯。" * 3,
        contact="021-62345678  普陀区长寿路街道长寿路120号",
    )
    yield _shown(ReceiptDialog(receipt, window), qtbot)
    yield _shown(EnrolDialog("https://hq.example.cn", window), qtbot)
    yield _shown(NewCollectionDialog(ctx, window), qtbot)
    draft = DraftView(
        uuid="1" * 32,
        form=SuggestionForm(title="小区门口的路灯坏了"),
        updated_at="2026-11-25T09:30",
    )
    yield _shown(DraftOfferDialog([draft, draft], window), qtbot)
    yield _shown(NotSuggestionDialog(ctx, 1, window), qtbot)
    letter = Letter(
        1, "reply_letter", "回复函", "<h2>回复函</h2>" + "<p>已安排增设停车位。</p>" * 20
    )
    yield _shown(LetterDialog(ctx, letter, window), qtbot)
    window.show_keys()
    settle()
    yield window.keys_box


@pytest.mark.parametrize(("lang", "scale"), COMBOS, ids=[f"{lg}-{s}" for lg, s in COMBOS])
def test_every_page_and_dialog_fits(qtbot, demo, lang: str, scale: float) -> None:
    from ui.main_window import MainWindow
    from ui.screens.login import LoginScreen
    from ui.screens.setup_wizard import SetupWizard

    station, admin = demo
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(lang)
    apply_font(app, scale)
    apply_style(app)
    try:
        ctx = AppContext(station=station, operator=admin)
        window = MainWindow(ctx, UiSettings(language=lang, font_scale=scale), "长寿路工作站")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.dashboard.data is not None, timeout=10000)
        qtbot.waitUntil(lambda: window.due_counts is not None, timeout=10000)
        problems: list[str] = []
        for page in range(window.stack.count()):
            window.show_page(page)
            settle()
            problems += fit_problems(window, f"page {window.nav.item(page).text()}")
            sideways = window.page_scroll.horizontalScrollBar().maximum()
            if sideways > 0:  # a page may scroll down, never sideways
                problems.append(f"page {window.nav.item(page).text()}: {sideways} px sideways")
            if page == 0:  # the entry form's Save in sight, whole
                save = window.entry.save_button
                corner = save.mapTo(window, save.rect().bottomRight())
                if save.visibleRegion().isEmpty() or corner.x() > window.width():
                    problems.append(f"page 0: Save not in sight ({corner.x()}, {corner.y()})")
        for dialog in _dialogs(window, ctx, qtbot):
            problems += fit_problems(dialog)
            dialog.close()
        problems += fit_problems(
            _shown(LoginScreen(station, "长寿路街道人民建议征集工作站"), qtbot)
        )
        fresh = Station.open(Path(station.data.root).parent / f"new-{lang}-{scale}")
        wizard = _shown(SetupWizard(fresh), qtbot)
        problems += fit_problems(wizard)
        wizard.close()
        fresh.close()
        window._shutdown_screens()
        assert not problems, "\n".join(problems)
    finally:
        app.setStyleSheet("")
        apply_font(app, 1.0)


def _main_window(qtbot, station: Station, operator: Operator, scale: float):
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_font(app, scale)
    apply_style(app)
    window = MainWindow(AppContext(station=station, operator=operator), UiSettings(), "长寿路")
    qtbot.addWidget(window)
    window.show()
    return window


def test_location_is_above_the_fold_at_150_percent(qtbot, station: Station, volunteer) -> None:
    from PySide6.QtWidgets import QScrollArea

    window = _main_window(qtbot, station, volunteer, 1.5)
    try:
        entry = window.entry
        qtbot.waitUntil(lambda: entry.ready)
        settle()
        viewport = entry.findChild(QScrollArea).viewport()
        bottom = entry.location.mapTo(viewport, entry.location.rect().bottomLeft()).y()
        assert 0 < bottom <= viewport.height()  # in sight without scrolling
        assert entry.save_button.isVisible()
        save = entry.save_button.mapTo(window, entry.save_button.rect().bottomLeft())
        assert save.y() <= window.height()
        window._shutdown_screens()
    finally:
        QApplication.instance().setStyleSheet("")  # type: ignore[union-attr]
        apply_font(QApplication.instance(), 1.0)  # type: ignore[arg-type]


def test_empty_worklist_has_no_sideways_scroll_or_empty_date(
    qtbot, station: Station, volunteer
) -> None:
    from ui.main_window import TO_INFORM

    window = _main_window(qtbot, station, volunteer, 1.25)
    try:
        worklist = window.worklist_screen
        with qtbot.waitSignal(worklist.loaded, timeout=5000):
            window.show_page(TO_INFORM)
            worklist.reload()
        settle()
        assert worklist.model.rowCount() == 0
        assert not worklist.table.horizontalScrollBar().isVisible()
        assert worklist.date.text() == "2026-11-25"  # today, greyed out; not 2000-01-01
        assert not worklist.date.isEnabled()
        window._shutdown_screens()
    finally:
        QApplication.instance().setStyleSheet("")  # type: ignore[union-attr]
        apply_font(QApplication.instance(), 1.0)  # type: ignore[arg-type]
