"""The main window: left navigation (登记建议, 建议列表, 设置, and 操作员管理 for admins),
a menu with shortcuts, and a status bar saying which station and who is logged in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from station_app.domain import Role
from station_app.i18n import tr as msg
from ui.context import AppContext
from ui.screens.entry_form import EntryForm
from ui.screens.settings import OperatorsScreen, SettingsScreen
from ui.screens.suggestion_detail import SuggestionDetailDialog
from ui.screens.suggestion_list import SuggestionListScreen
from ui.screens.sync_page import SyncScreen
from ui.theme import UiSettings

ENTRY, LIST = 0, 1  # the first two pages, the same for every role


class MainWindow(QMainWindow):
    logout_requested = Signal()
    settings_changed = Signal(object)  # UiSettings

    def __init__(
        self,
        ctx: AppContext,
        settings: UiSettings,
        station_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        operator = ctx.require_operator()
        self.setWindowTitle(self.tr("People's suggestion collection station"))
        self.entry = EntryForm(ctx, settings)
        self.list_screen = SuggestionListScreen(ctx)
        self.settings_screen = SettingsScreen(ctx, settings)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        self.sync_screen = SyncScreen(ctx)
        pages: list[tuple[str, QWidget]] = [
            (self.tr("Record a suggestion"), self.entry),
            (self.tr("Suggestions"), self.list_screen),
            (self.tr("Sync with HQ"), self.sync_screen),
            (self.tr("Settings"), self.settings_screen),
        ]
        self.operators_screen: OperatorsScreen | None = None
        if operator.role == Role.ADMIN:
            self.operators_screen = OperatorsScreen(ctx)
            pages.append((self.tr("Operators"), self.operators_screen))
        for title, page in pages:
            self.nav.addItem(title)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        width = max(self.nav.sizeHintForColumn(0), 80) + 32
        self.nav.setFixedWidth(width)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.who = QLabel(
            self.tr("%1 · Operator: %2 (%3)")
            .replace("%1", station_name)
            .replace("%2", operator.name)
            .replace("%3", msg(f"role.{operator.role}"))
        )
        self.statusBar().addPermanentWidget(self.who)
        self._build_menu()
        self.list_screen.open_suggestion.connect(self.open_suggestion)
        self.settings_screen.settings_changed.connect(self.settings_changed)
        self.show_page(ENTRY)
        line = self.fontMetrics().lineSpacing()
        self.resize(min(line * 70, 1340), min(line * 44, 740))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new = QAction(self.tr("&New suggestion"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(lambda: (self.show_page(ENTRY), self.entry.ask_discard()))
        logout = QAction(self.tr("&Log out"), self)
        logout.setShortcut(QKeySequence("Ctrl+L"))
        logout.triggered.connect(self.logout)
        quit_ = QAction(self.tr("&Quit"), self)
        quit_.setShortcut(QKeySequence("Ctrl+Q"))
        quit_.triggered.connect(self.close)
        file_menu.addActions([new, logout])
        file_menu.addSeparator()
        file_menu.addAction(quit_)
        view = self.menuBar().addMenu(self.tr("&Go"))
        for i in range(self.stack.count()):
            action = QAction(self.nav.item(i).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, page=i: self.show_page(page))
            view.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys = QAction(self.tr("&Keyboard"), self)
        keys.setShortcut(QKeySequence.StandardKey.HelpContents)
        keys.triggered.connect(self.show_keys)
        help_menu.addAction(keys)

    def show_page(self, page: int) -> None:
        self.nav.setCurrentRow(page)
        if page == ENTRY:
            self.entry.channel.setFocus()

    def open_suggestion(self, suggestion_id: int) -> None:
        SuggestionDetailDialog(self.ctx, suggestion_id, self).open()

    def show_keys(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Keyboard"),
            self.tr(
                "Tab / Enter: next field\nCtrl+Enter: leave the content field\nCtrl+S: save\nEsc: discard (asks first)\nCtrl+1…4: switch page\nCtrl+L: log out"
            ),
        )

    def logout(self) -> None:
        self.entry.flush_draft()
        self.sync_screen.shutdown()
        self.logout_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.entry.flush_draft()
        self.sync_screen.shutdown()
        super().closeEvent(event)
