"""The main window: left navigation (登记建议, 建议列表, 设置, and 操作员管理 for admins),
a menu with shortcuts, and a status bar saying which station and who is logged in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.followup.worklist import WorklistCounts, worklist_counts
from station_app.i18n import tr as msg
from station_app.services.common import can
from ui.auto_sync import AutoSync
from ui.context import AppContext, Change
from ui.ops import QueryOp
from ui.screens.entry_form import EntryForm
from ui.screens.suggestion_list import SuggestionListScreen
from ui.sync_process import StationCommand
from ui.theme import UiSettings, fit_to_screen, follow_font

if TYPE_CHECKING:
    from station_app.services.forms import SuggestionForm
    from ui.screens.campaigns import CampaignsScreen
    from ui.screens.dashboard import DashboardScreen
    from ui.screens.outcomes import OutcomesScreen
    from ui.screens.postbox import PostboxScreen
    from ui.screens.sessions import SessionScreen
    from ui.screens.settings import OperatorsScreen, SettingsScreen
    from ui.screens.sync_page import SyncScreen
    from ui.screens.worklist import WorklistScreen

ENTRY, LIST, TO_INFORM = 0, 1, 2  # the first three pages, the same for every role
DUE_CHECK_MS = 10 * 60 * 1000  # overdue appears as the clock passes a due date
# the postbox page watches a folder for new scans and offers to resume an import: it is built
# this long after the window opens (or when first opened), not before the window is usable
BUILD_POSTBOX_MS = 2_000


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
        self.settings = settings
        self.entry = EntryForm(ctx, settings)
        self.list_screen = SuggestionListScreen(ctx)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        # one sync child at a time, for the sync page and the app's own timer; the timer runs
        # whether or not the sync page is ever opened
        self.sync_command = StationCommand(ctx.station.data.root, ctx.notifier, self)
        self.auto_sync = AutoSync(ctx, self.sync_command, self)
        pages: list[tuple[str, QWidget]] = [
            (self.tr("Record a suggestion"), self.entry),
            (self.tr("Suggestions"), self.list_screen),
        ]
        # every other page is built when first opened (a placeholder holds its place), with its
        # modules: the window is ready sooner after login
        self._lazy: dict[int, Callable[[], QWidget]] = {}
        self._lazy_index: dict[str, int] = {}

        def lazy(name: str, title: str, make: Callable[[], QWidget]) -> None:
            self._lazy_index[name] = len(pages)
            self._lazy[len(pages)] = make
            pages.append((title, QWidget()))

        lazy("worklist", self.tr("To inform"), self._make_worklist)
        if can(operator, "postbox"):
            lazy("postbox", self.tr("Postbox letters"), self._make_postbox)
        lazy("sessions", self.tr("Group sessions"), self._make_sessions)
        lazy("campaigns", self.tr("Campaigns"), self._make_campaigns)
        lazy("outcomes", self.tr("Outcomes and awards"), self._make_outcomes)
        lazy("dashboard", self.tr("Station figures"), self._make_dashboard)
        lazy("sync", self.tr("Sync with HQ"), self._make_sync)
        lazy("settings", self.tr("Settings"), self._make_settings)
        if can(operator, "manage_operators"):
            lazy("operators", self.tr("Operators"), self._make_operators)
        for title, page in pages:
            self.nav.addItem(title)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._open_row)
        self.stack.currentChanged.connect(self._size_by_current_page)
        self._size_by_current_page(self.stack.currentIndex())
        # a page larger than the screen (the postbox page at 150%) scrolls inside the window
        # instead of pushing the window past the screen's edge
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidget(self.stack)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no extra Tab stop
        follow_font(self.nav, self._fit_nav)
        self.stack.currentChanged.connect(lambda _i: self._fit_page_width())
        follow_font(self.page_scroll, self._fit_page_width)
        # the home screen's reminder: overdue and due-soon replies to pass on, in words
        self.due_banner = QPushButton()
        self.due_banner.setObjectName("dueBanner")
        self.due_banner.hide()
        self.due_banner.clicked.connect(lambda: self.show_page(TO_INFORM))
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.due_banner)
        right.addWidget(self.page_scroll, 1)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.nav)
        lay.addLayout(right, 1)
        self.setCentralWidget(central)

        self.who = QLabel(
            self.tr("%1 · Operator: %2 (%3)")
            .replace("%1", station_name)
            .replace("%2", operator.name)
            .replace("%3", msg(f"role.{operator.role}"))
        )
        self.statusBar().addPermanentWidget(self.who)
        self._build_menu()
        ctx.notifier.subscribe(self, Change.SUGGESTIONS | Change.SYNC, self.check_due)
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(DUE_CHECK_MS)
        self.due_timer.timeout.connect(self.check_due)
        self.due_timer.start()
        self.due_counts: WorklistCounts | None = None
        self.check_due()
        self.show_page(ENTRY)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 70, line * 44)
        fit_to_screen(self)
        self._shut_down = False
        if "postbox" in self._lazy_index:
            QTimer.singleShot(BUILD_POSTBOX_MS, self, self._build_postbox)

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
        for i in range(self.stack.count()):  # every page; Ctrl+1..9, Ctrl+0 the tenth
            action = QAction(self.nav.item(i).text(), self)
            if i < 10:
                action.setShortcut(QKeySequence(f"Ctrl+{(i + 1) % 10}"))
            action.triggered.connect(lambda _c=False, page=i: self.show_page(page))
            view.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys = QAction(self.tr("&Keyboard"), self)
        keys.setShortcut(QKeySequence.StandardKey.HelpContents)
        keys.triggered.connect(self.show_keys)
        help_menu.addAction(keys)

    def _make_campaigns(self) -> QWidget:
        from ui.screens.campaigns import CampaignsScreen

        page = CampaignsScreen(self.ctx)
        page.record_for.connect(self.record_for_campaign)
        return page

    def _make_worklist(self) -> QWidget:
        from ui.screens.worklist import WorklistScreen

        page = WorklistScreen(self.ctx)
        page.loaded.connect(self.check_due)
        return page

    def _make_postbox(self) -> QWidget:
        from ui.screens.postbox import PostboxScreen

        return PostboxScreen(self.ctx, self.settings)

    def _build_postbox(self) -> None:
        if not self._shut_down:
            self._page(self._lazy_index["postbox"])

    def _make_sessions(self) -> QWidget:
        from ui.screens.sessions import SessionScreen

        return SessionScreen(self.ctx)

    def _make_outcomes(self) -> QWidget:
        from ui.screens.outcomes import OutcomesScreen

        return OutcomesScreen(self.ctx)

    def _make_dashboard(self) -> QWidget:
        from ui.screens.dashboard import DashboardScreen

        return DashboardScreen(self.ctx)

    def _make_sync(self) -> QWidget:
        from ui.screens.sync_page import SyncScreen

        return SyncScreen(self.ctx, self.sync_command)

    def _make_settings(self) -> QWidget:
        from ui.screens.settings import SettingsScreen

        page = SettingsScreen(self.ctx, self.settings)
        page.settings_changed.connect(self.settings_changed)
        return page

    def _make_operators(self) -> QWidget:
        from ui.screens.settings import OperatorsScreen

        return OperatorsScreen(self.ctx)

    def _page(self, index: int) -> QWidget:
        """The page at `index`, built now if it was waiting to be opened."""
        make = self._lazy.pop(index, None)
        if make is not None:
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            page = make()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._size_by_current_page(current)
        return self.stack.widget(index)

    def _open_row(self, row: int) -> None:
        if row >= 0:
            self._page(row)
        self.stack.setCurrentIndex(row)

    def _built(self, name: str) -> QWidget | None:
        """The named page if it has been built (a lazy page not yet opened is None)."""
        index = self._lazy_index.get(name)
        return None if index is None or index in self._lazy else self.stack.widget(index)

    @property
    def worklist_screen(self) -> WorklistScreen:
        return self._page(self._lazy_index["worklist"])  # type: ignore[return-value]

    @property
    def postbox_screen(self) -> PostboxScreen | None:
        index = self._lazy_index.get("postbox")
        return None if index is None else self._page(index)  # type: ignore[return-value]

    @property
    def settings_screen(self) -> SettingsScreen:
        return self._page(self._lazy_index["settings"])  # type: ignore[return-value]

    @property
    def campaigns_screen(self) -> CampaignsScreen:
        return self._page(self._lazy_index["campaigns"])  # type: ignore[return-value]

    @property
    def sessions_screen(self) -> SessionScreen:
        return self._page(self._lazy_index["sessions"])  # type: ignore[return-value]

    @property
    def outcomes_screen(self) -> OutcomesScreen:
        return self._page(self._lazy_index["outcomes"])  # type: ignore[return-value]

    @property
    def dashboard(self) -> DashboardScreen:
        return self._page(self._lazy_index["dashboard"])  # type: ignore[return-value]

    @property
    def sync_screen(self) -> SyncScreen:
        return self._page(self._lazy_index["sync"])  # type: ignore[return-value]

    def sync_page_built(self) -> bool:
        return self._lazy_index["sync"] not in self._lazy

    @property
    def operators_screen(self) -> OperatorsScreen | None:
        index = self._lazy_index.get("operators")
        return None if index is None else self._page(index)  # type: ignore[return-value]

    def _size_by_current_page(self, current: int) -> None:
        """Only the page shown asks for room: a stack is otherwise as large as its largest
        page, and every page would scroll for the postbox page's sake."""
        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for i in range(self.stack.count()):
            policy = preferred if i == current else ignored
            self.stack.widget(i).setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def _fit_page_width(self) -> None:
        """A page may scroll down, never sideways: the page shown is told the width beside
        the navigation (`fit_width(px)`, on the pages that can rearrange themselves: two
        columns become one) when shown, when the window is resized and when the text size
        changes."""
        fit = getattr(self.stack.currentWidget(), "fit_width", None)
        if fit is not None:
            fit(self.page_scroll.viewport().width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit_page_width()

    def _fit_nav(self) -> None:
        """The navigation as wide as its longest page name (with the item padding)."""
        self.nav.setFixedWidth(max(self.nav.sizeHintForColumn(0), 80) + 32)

    def show_page(self, page: int) -> None:
        self.nav.setCurrentRow(page)
        if page == ENTRY:
            self.entry.channel.setFocus()

    def open_speaker_draft(self, session_id: int, uuid: str, form: SuggestionForm) -> None:
        """The 座谈会 page, continuing `session_id` with a speaker's row as it was typed."""
        self.show_page(self._lazy_index["sessions"])
        self.sessions_screen.load_draft(session_id, uuid, form)

    def record_for_campaign(self, code: str) -> None:
        self.show_page(ENTRY)
        self.entry.choose_campaign(code)

    def check_due(self) -> None:
        """Count overdue and due-soon replies off the UI thread; show them on every page."""
        station = self.ctx.station
        QueryOp(self, lambda: worklist_counts(station), self._show_due).run_in_background()

    def _show_due(self, counts: WorklistCounts) -> None:
        self.due_counts = counts
        label = self.tr("To inform")
        if counts.open:
            label = self.tr("%1 (%2)").replace("%1", label).replace("%2", str(counts.open))
        self.nav.item(TO_INFORM).setText(label)
        if counts.overdue or counts.due_soon:
            self.due_banner.setText(
                self.tr(
                    "Replies to pass on: %1 overdue, %2 due within two working days. "
                    "Open the list (Ctrl+3)"
                )
                .replace("%1", str(counts.overdue))
                .replace("%2", str(counts.due_soon))
            )
            self.due_banner.show()
        else:
            self.due_banner.hide()

    def show_keys(self) -> None:
        self.keys_box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Keyboard"),
            self.tr(
                "Tab / Enter: next field\nCtrl+Enter: leave the content field\nCtrl+S: save\nEsc: discard (asks first)\nF6: similar suggestions (on the entry form)\nCtrl+1…9, Ctrl+0: switch page (see the Go menu)\nF5: sync now (on the sync page)\nCtrl+L: log out"
            ),
            QMessageBox.StandardButton.Close,
            self,
        )
        self.keys_box.open()

    def logout(self) -> None:
        self._shutdown_screens()
        self.logout_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._shutdown_screens()
        super().closeEvent(event)

    def _shutdown_screens(self) -> None:
        self._shut_down = True
        self.entry.flush_draft()
        sessions = self._built("sessions")
        if sessions is not None:
            sessions.flush_draft()  # type: ignore[attr-defined]
        self.due_timer.stop()
        self.auto_sync.stop()
        if self.sync_command.is_running():  # let a running sync end cleanly
            self.sync_command.cancel()
            self.sync_command.wait(5_000)
        postbox = self._built("postbox")
        if postbox is not None:
            postbox.shutdown()  # type: ignore[attr-defined]
