"""Starting the window: QApplication, language, text size, the single-instance guard, the
station, then the setup wizard (first run) or login, then the main window.

`AppController` owns the flow between those windows; `run()` is what `station-app` calls.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable

# The station's own modules (SQLAlchemy, SQLModel, the models) before Qt's, on purpose: once
# PySide6 is imported, its __feature__ import hook reads the source of every module imported
# after it, which made importing these about a fifth slower.
# isort: off
from station_app.errors import StationError
from station_app.paths import DataDir, resolve_data_dir, take_app_lock
from station_app.security.keys import ensure_key
from station_app.services.drafts import DraftView, discard_draft, drafts_for
from station_app.services.maintenance import DailyResult, daily_maintenance
import station_app.services.operators  # noqa: F401  (the login screen's)
from station_app.services.setup import StationInfo, is_set_up, station_info
from station_app.store import Station
from station_app.store.damage import damage_note, damaged_error
from station_app.store.models import Operator

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

# isort: on
from ui.context import AppContext, Change
from ui.i18n import install_language
from ui.ops import QueryOp, WriteOp
from ui.theme import UiSettings, apply_font, apply_style
from ui.widgets.idle_lock import install_idle_lock

log = logging.getLogger(__name__)


class AppController(QObject):
    """Setup → login → main window → (logout) → login … Only one of them is shown."""

    def __init__(self, station: Station, settings: UiSettings, font_scale: float | None) -> None:
        super().__init__()
        self.station = station
        self.settings = settings
        self.font_scale = font_scale  # from --font-scale: wins over the setting this session
        self.info: StationInfo | None = None
        self.ctx: AppContext | None = None
        self.window: QWidget | None = None
        self.main = None  # MainWindow, once logged in
        self.on_main_window: Callable[[QWidget], None] | None = None

    def start(self) -> None:
        station = self.station
        QueryOp(self, op=lambda: is_set_up(station), success=self._started).run_in_background()
        # personal data that is due for deletion goes at start and then daily (retention rule)
        self.purge_timer = QTimer(self, interval=3_600_000)
        self.purge_timer.timeout.connect(self.purge_due)
        self.purge_timer.start()
        self.purge_due()

    def purge_due(self) -> None:
        """The daily maintenance (at start, then hourly; each part acts when due): the
        database check, the retention purge and the automatic backup."""
        station = self.station
        ctx = self.ctx  # the retention purge masks what open views show
        WriteOp(
            self,
            op=lambda: daily_maintenance(station),
            success=self._maintained,
            changes=Change.SUGGESTIONS if ctx is not None else Change.NONE,
            notifier=ctx.notifier if ctx is not None else None,
        ).failure(
            lambda exc: log.warning("daily maintenance failed: %s", type(exc).__name__)
        ).run_in_background()

    def _maintained(self, result: DailyResult) -> None:
        """Say once per session what needs the administrator: a damaged database (writing
        has stopped) or an overdue backup."""
        told = getattr(self, "_told", set())
        self._told = told
        parent = self.window
        if result.damaged and "damaged" not in told:
            told.add("damaged")
            note = damage_note(self.station.data.database)
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("App", "The station data is damaged"),
                damaged_error(self.station.data.database).message()
                if note
                else QCoreApplication.translate("App", "The station data is damaged."),
                parent=parent,
            )
            box.open()
            self._damage_box = box
        elif result.backup_overdue and "overdue" not in told:
            told.add("overdue")
            text = QCoreApplication.translate(
                "App",
                "The automatic backup is overdue: the last good one is more than two days "
                "old. Plug in the backup disk or USB stick, or see Settings → Automatic "
                "backups.",
            )
            if result.backup_error:
                text += "\n\n" + result.backup_error
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("App", "Backup overdue"),
                text,
                parent=parent,
            )
            box.open()
            self._backup_box = box

    def _started(self, set_up: bool) -> None:
        if set_up:
            self.show_login()
            return
        from ui.screens.setup_wizard import SetupWizard

        wizard = SetupWizard(self.station)
        wizard.completed.connect(self._logged_in)
        wizard.rejected.connect(lambda: QApplication.quit() if wizard.admin is None else None)
        self._show(wizard)

    def _show(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None:
            old.hide()
            old.deleteLater()

    def show_login(self) -> None:
        station = self.station

        def shown(info: StationInfo | None) -> None:
            from ui.screens.login import LoginScreen

            self.info = info
            login = LoginScreen(station, info.name if info else "")
            login.logged_in.connect(self._logged_in)
            self._show(login)
            if "ui.main_window" not in sys.modules:
                QueryOp(self, op=_import_main_window).run_in_background()

        QueryOp(self, op=lambda: station_info(station), success=shown).run_in_background()

    def _logged_in(self, operator: Operator) -> None:
        station = self.station

        def ready(result: tuple[StationInfo | None, list[DraftView]]) -> None:
            self.info, drafts = result
            self.ctx = AppContext(station=station, operator=operator)
            self.show_main()
            if drafts:
                self.offer_drafts(drafts)

        QueryOp(
            self, op=lambda: (station_info(station), drafts_for(station, operator)), success=ready
        ).run_in_background()

    def show_main(self, draft: tuple[str, object] | None = None) -> None:
        from ui.main_window import MainWindow

        assert self.ctx is not None
        main = MainWindow(self.ctx, self.settings, self.info.name if self.info else "")
        main.logout_requested.connect(self.logout)
        main.settings_changed.connect(self.apply_settings)
        self.main = main
        install_idle_lock(main, self.ctx)
        self._show(main)
        if draft is not None:
            main.entry.load_draft(*draft)  # type: ignore[arg-type]
        if self.on_main_window is not None:
            self.on_main_window(main)

    def offer_drafts(self, drafts: list[DraftView]) -> None:
        from ui.widgets.draft_offer import DraftOfferDialog

        assert self.main is not None and self.ctx is not None
        dialog = DraftOfferDialog(drafts, self.main)
        main, ctx = self.main, self.ctx

        def closed(_result: int) -> None:
            station, actor = ctx.station, ctx.require_operator()
            for uuid in dialog.discarded:
                WriteOp(
                    main, op=lambda u=uuid: discard_draft(station, actor, u), changes=Change.NONE
                ).run_in_background(main.entry.autosaver.pool)
            chosen = dialog.chosen
            if chosen is not None and chosen.session_id is not None:
                main.open_speaker_draft(chosen.session_id, chosen.uuid, chosen.form)
            elif chosen is not None:
                main.entry.load_draft(chosen.uuid, chosen.form)

        dialog.finished.connect(closed)
        dialog.open()

    def logout(self) -> None:
        self.ctx = None
        self.main = None
        self.show_login()

    def apply_settings(self, settings: UiSettings) -> None:
        old, self.settings = self.settings, settings
        self.font_scale = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_font(app, settings.font_scale)
        if settings.language != old.language and self.main is not None:
            # rebuild the window in the new language, keeping the draft being typed
            entry = self.main.entry
            entry.flush_draft()
            draft = (entry.draft_uuid, entry.to_form()) if entry.draft_uuid else None
            install_language(settings.language)
            self.show_main(draft)


def _import_main_window() -> None:
    """Load the main window's modules (every screen's) while the PIN is typed and checked:
    they cost about as much as the rest of the start. Only modules, no widgets: safe off the
    UI thread, and an import the UI thread starts meanwhile waits for this one."""
    import ui.main_window  # noqa: F401


class MainThreadGC(QObject):
    """Python's cyclic GC only on the UI thread (as Anki does): a collection started on a
    QueryOp worker could delete Qt widgets from the wrong thread and crash.

    Generations as Python's own collector picks them: the young one when enough objects were
    made, an older one only when enough younger collections passed. What is alive at start
    (modules, Qt's wrappers, the station) is frozen out of every later collection: a full
    collection over it took 60-90 ms, a stall the volunteer feels while typing."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 5000) -> None:
        super().__init__(parent)
        gc.disable()
        gc.collect()
        gc.freeze()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return
        generation = 0
        if counts[1] >= thresholds[1]:
            generation = 2 if counts[2] >= thresholds[2] else 1
        gc.collect(generation)


def run(args: argparse.Namespace, on_ready: Callable[[AppController], None] | None = None) -> int:
    """Start the GUI; returns the exit code. `on_ready` is for test drivers."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("station-app")
    app.setOrganizationName("station-app")
    data = DataDir(resolve_data_dir(getattr(args, "data_dir", None)))
    data.ensure()
    settings = UiSettings.load(data.root)
    install_language(settings.language)
    scale = getattr(args, "font_scale", None)
    apply_font(app, scale or settings.font_scale)
    apply_style(app)
    app.setApplicationDisplayName(
        QCoreApplication.translate("App", "People's suggestion collection station")
    )
    lock = take_app_lock(data)  # one window per data folder
    if lock is None:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("App", "Already open"),
            QCoreApplication.translate(
                "App",
                "The station app is already open on this computer for this data folder:\n%1\n\n"
                "Switch to the open window (look in the task bar) instead of starting it again.",
            ).replace("%1", str(data.root)),
        )
        return 1
    try:
        station = Station.open(data.root, key=ensure_key(data))
    except StationError as exc:  # e.g. encrypted data and no key on this PC: say what to do
        QMessageBox.critical(
            None, QCoreApplication.translate("App", "Cannot open the station data"), exc.message()
        )
        lock.release()
        return 1
    collector = MainThreadGC(app)
    try:
        controller = AppController(station, settings, scale)
        if on_ready is not None:
            on_ready(controller)
        controller.start()
        code = app.exec()
        if controller.main is not None:
            controller.main.entry.flush_draft()
        return code
    finally:
        collector.timer.stop()
        gc.unfreeze()
        gc.enable()
        station.close()
        lock.release()
