"""Bringing scans in, on the postbox screen: pick files or a folder, choose the OCR engine,
watch the progress (pages read of pages found), cancel, see every page's result as it comes
and the "could not read" list with the reason for each file.

`ScanImport.run()` blocks while worker processes read the pages, so it runs as a
`BackgroundOp` (ui/ops.py) on this panel's own one-thread pool: its progress and each page's
result reach the widgets on the UI thread, cancel goes to the ScanImport, and the op announces
`Change.POSTBOX` when it ends. One import runs at a time; files that arrive meanwhile (the watched folder)
wait in a queue. An import left unfinished (cancel, the app closed) is offered back when
the screen opens.

The watched folder: a QFileSystemWatcher wakes us when the scanner writes a file, and a slow
timer (every 45 s) catches what the watcher misses (network folders, files written while the
app was closed are found at start). `new_files()` runs off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QFileSystemWatcher,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.i18n import current_language
from station_app.ocr.engines import available_engines
from station_app.ocr.intake import display_name
from station_app.postbox.imports import (
    ScanImport,
    could_not_read,
    pending_imports,
    resume,
)
from station_app.postbox.watch import new_files, set_watch_folder, watch_folder
from ui.context import AppContext, Change
from ui.errors import error_text, show_error
from ui.ops import BackgroundOp, Job, QueryOp, WriteOp

WATCH_INTERVAL_MS = 45_000
WATCH_SETTLE_MS = 2_000  # after the watcher fires: let the scanner finish writing


def one_language(message: str) -> str:
    """The pipeline's messages are "中文 / English": show the part in the UI's language."""
    zh, sep, en = message.partition(" / ")
    if not sep:
        return message
    return en if current_language() == "en" else zh


class ImportPanel(QWidget):
    """Import buttons, engine, progress with cancel, results, could-not-read, watched folder.

    `current_collection()` says which collection new pages belong to (None: unassigned).
    `imported` is emitted after each import (finished or cancelled).
    """

    imported = Signal(object)  # ImportSummary | None
    progressed = Signal(int, int)  # pages read, pages found
    page_read = Signal(object)  # PageResult, after it is shown

    def __init__(
        self,
        ctx: AppContext,
        current_collection: Callable[[], int | None],
        default_engine: str | None = None,
        parent: QWidget | None = None,
        *,
        shortcut_scope: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_collection = current_collection
        self.pool = QThreadPool(self)  # one import at a time, beside the screens' reads
        self.pool.setMaxThreadCount(1)
        self.op: BackgroundOp[Any] | None = None
        self.queue: list[Path] = []
        self.watched: Path | None = None
        self.pending: list[Path] = []
        self.last_summary: Any = None
        # tests replace these to answer the file dialogs without a native window
        self.pick_files: Callable[[], list[str]] = self._pick_files
        self.pick_folder: Callable[[], str] = self._pick_folder

        self.import_files_button = QPushButton(self.tr("Import scans… (Ctrl+I)"))
        self.import_folder_button = QPushButton(self.tr("Import a folder…"))
        self.engine = QComboBox()
        self.engine.setAccessibleName(self.tr("OCR engine"))
        self.engine.addItem(self.tr("Default engine"), None)
        for name in available_engines():
            self.engine.addItem({"rapidocr": "RapidOCR", "tesseract": "Tesseract"}[name], name)
        if default_engine:
            self.engine.setCurrentIndex(max(self.engine.findData(default_engine), 0))

        self.resume_bar = QFrame()
        self.resume_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_later = QPushButton(self.tr("Later"))
        bar = QHBoxLayout(self.resume_bar)
        bar.addWidget(self.resume_label, 1)
        bar.addWidget(self.resume_button)
        bar.addWidget(self.resume_later)
        self.resume_bar.hide()

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.page_count = QLabel(self.tr("No import running"))
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.setEnabled(False)

        self.results = QTreeWidget()
        self.results.setRootIsDecorated(False)
        self.results.setHeaderLabels([self.tr("File"), self.tr("Page"), self.tr("Result")])
        self.results.setAccessibleName(self.tr("Import results"))
        self.failed_list = QTreeWidget()
        self.failed_list.setRootIsDecorated(False)
        self.failed_list.setHeaderLabels([self.tr("File"), self.tr("Why")])
        self.failed_list.setAccessibleName(self.tr("Could not read"))
        self.failed_list.setWordWrap(True)
        for tree in (self.results, self.failed_list):
            header = tree.header()
            header.setStretchLastSection(True)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        self.watch_label = QLabel()
        self.watch_label.setWordWrap(True)
        self.watch_choose = QPushButton(self.tr("Watch a folder…"))
        self.watch_clear = QPushButton(self.tr("Stop watching"))
        self._build_layout()

        self.import_files_button.clicked.connect(self.import_files)
        self.import_folder_button.clicked.connect(self.import_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.resume_button.clicked.connect(self.resume_pending)
        self.resume_later.clicked.connect(self.resume_bar.hide)
        self.watch_choose.clicked.connect(self.choose_watch_folder)
        self.watch_clear.clicked.connect(lambda: self.set_watched(None))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        scope = shortcut_scope or self
        QShortcut(QKeySequence("Ctrl+I"), scope, self.import_files, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), scope, self.cancel, context=context)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self._settle.start())
        self._settle = QTimer(self, singleShot=True, interval=WATCH_SETTLE_MS)
        self._settle.timeout.connect(self.check_watched)
        self.watch_timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self.watch_timer.timeout.connect(self.check_watched)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.reload()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        top.addStretch(1)
        run = QHBoxLayout()
        self.page_count.setWordWrap(True)
        run.addWidget(self.page_count, 1)
        run.addWidget(self.cancel_button)
        # settings, rarely changed: the watched folder (its path on a line of its own) and
        # the OCR engine, under the rest
        settings = QHBoxLayout()
        settings.addWidget(self.watch_choose)
        settings.addWidget(self.watch_clear)
        settings.addStretch(1)
        settings.addWidget(QLabel(self.tr("Engine")))
        settings.addWidget(self.engine)
        line = self.fontMetrics().lineSpacing()
        self.results.setMinimumHeight(line * 5)
        self.failed_list.setMinimumHeight(line * 3)

        failed = QWidget()  # the could-not-read list: a tab beside this import's results
        fl = QVBoxLayout(failed)
        fl.setContentsMargins(4, 4, 4, 4)
        hint = QLabel(
            self.tr("These files were kept aside; fix or rescan them and import them again.")
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        fl.addWidget(hint)
        fl.addWidget(self.failed_list, 1)
        self.lists = QTabWidget()
        self.lists.addTab(self.results, self.tr("This import"))
        self.lists.addTab(failed, self.tr("Could not read"))

        imports = QGroupBox(self.tr("Import scans"))
        il = QVBoxLayout(imports)
        il.addLayout(top)
        il.addWidget(self.resume_bar)
        il.addWidget(self.progress)
        il.addLayout(run)
        il.addWidget(self.lists, 1)
        il.addWidget(self.watch_label)
        il.addLayout(settings)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(imports)

    def _count_failed(self) -> None:
        """The tab says how many files could not be read, in red while there are any."""
        count = self.failed_list.topLevelItemCount()
        self.lists.setTabText(1, self.tr("Could not read (%1)").replace("%1", str(count)))
        color = QColor("#b00020") if count else self.palette().color(QPalette.ColorRole.WindowText)
        self.lists.tabBar().setTabTextColor(1, color)

    # start: could-not-read list, pending imports, watched folder -----------------------------
    def reload(self) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()

        def load() -> tuple[list[Any], list[Path], Path | None]:
            return could_not_read(station, actor), pending_imports(station), watch_folder(station)

        QueryOp(self, op=load, success=self._loaded).run_in_background()

    def _loaded(self, result: tuple[list[Any], list[Path], Path | None]) -> None:
        failed, self.pending, folder = result
        self._show_failed(failed)
        if failed and not self.results.topLevelItemCount():
            self.lists.setCurrentIndex(1)  # nothing imported yet this time: what is waiting
        if self.pending and not self.running:
            self.resume_label.setText(
                self.tr("%1 file(s) from an unfinished import were not read yet.").replace(
                    "%1", str(len(self.pending))
                )
            )
            self.resume_bar.show()
        self._watch(folder)

    def _add_failed(self, name: str, text: str) -> None:
        """At once, while the batch goes on; the list is reloaded when the import ends."""
        item = QTreeWidgetItem([name, text])
        item.setToolTip(1, text)
        self.failed_list.insertTopLevelItem(0, item)
        self._count_failed()

    def _show_failed(self, failed: list[Any]) -> None:
        self.failed_list.clear()
        for f in failed:
            item = QTreeWidgetItem([f.file_name, f.message or f.reason])
            item.setToolTip(1, f.message or f.reason)
            item.setData(0, Qt.ItemDataRole.UserRole, f.id)
            self.failed_list.addTopLevelItem(item)
        self._count_failed()

    # starting imports ----------------------------------------------------------------------
    def _pick_files(self) -> list[str]:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose scanned letters"),
            "",
            self.tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;All files (*)"),
        )
        return names

    def _pick_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of scans"))

    def import_files(self) -> None:
        names = self.pick_files()
        if names:
            self.start_import([Path(n) for n in names])

    def import_folder(self) -> None:
        folder = self.pick_folder()
        if folder:
            self.start_import([Path(folder)])

    def engine_name(self) -> str | None:
        return self.engine.currentData()

    def start_import(self, paths: list[Path]) -> None:
        """Import `paths` now, or after the running import (they wait in the queue)."""
        if self.running:
            self.queue.extend(p for p in paths if p not in self.queue)
            return
        station, actor = self.ctx.station, self.ctx.require_operator()
        kwargs = {"collection_id": self.current_collection(), "engine": self.engine_name()}

        def build(callbacks: dict[str, Any]) -> ScanImport:
            return ScanImport(station, actor, paths, **kwargs, **callbacks)

        self._run(build)

    def resume_pending(self) -> None:
        self.resume_bar.hide()
        if self.running:
            return
        station, actor = self.ctx.station, self.ctx.require_operator()
        kwargs = {"collection_id": self.current_collection(), "engine": self.engine_name()}

        def build(callbacks: dict[str, Any]) -> ScanImport | None:
            return resume(station, actor, **kwargs, **callbacks)

        self._run(build)

    @property
    def running(self) -> bool:
        return self.op is not None and self.op.running

    def _run(self, build: Callable[[dict[str, Any]], ScanImport | None]) -> None:
        """The ScanImport is built on the worker (it may expand folders), then run there."""
        assert not self.running, "one import at a time"

        def run(job: Job) -> Any:
            scan = build({"on_progress": job.progress, "on_page": job.item})
            if scan is None:
                return None
            job.on_cancel(scan.cancel)
            return scan.run()

        self._begin()
        self.op = (
            BackgroundOp(
                self, run, self._on_finished, changes=Change.POSTBOX, notifier=self.ctx.notifier
            )
            .failure(self._on_failed)
            .on_progress(self._on_progress)
            .on_item(self._on_page)
            .run_in_background(self.pool)
        )

    def _begin(self) -> None:
        self.results.clear()
        self.progress.setRange(0, 0)  # busy until the pages are counted
        self.page_count.setText(self.tr("Looking at the files…"))
        self.cancel_button.setEnabled(True)
        self.resume_bar.hide()

    def cancel(self) -> None:
        if self.running and self.op is not None:
            self.page_count.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
            self.op.cancel()

    def shutdown(self) -> None:
        """Stop watching and cancel a running import (the rest resumes next time)."""
        self.watch_timer.stop()
        self._settle.stop()
        self.queue.clear()
        if self.op is not None:
            self.op.cancel()
            self.op.wait(30_000)

    # results as they come --------------------------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if self.cancel_button.isEnabled():
            self.page_count.setText(
                self.tr("%1 of %2 pages").replace("%1", str(done)).replace("%2", str(total))
            )
        self.progressed.emit(done, total)

    def _on_page(self, result: Any) -> None:
        name = display_name(Path(result.file).name)  # not UTF-8, control characters: escaped
        if result.status == "ok":
            conf = round((result.mean_confidence or 0) * 100)
            text = self.tr("Read (%1% sure)").replace("%1", str(conf))
            if result.rotation:
                text += " · " + self.tr("turned %1°").replace("%1", str(result.rotation))
        else:
            text = one_language(result.message or result.reason or "")
            self._add_failed(name, text)
        item = QTreeWidgetItem([name, str(result.page + 1), text])
        item.setToolTip(2, text)
        self.results.addTopLevelItem(item)
        self.results.scrollToItem(item)
        self.page_read.emit(result)

    def _on_finished(self, summary: Any) -> None:
        self.last_summary = summary
        self.cancel_button.setEnabled(False)
        if summary is None:
            self.progress.setRange(0, 1)
            self.page_count.setText(self.tr("Nothing to import"))
        elif summary.cancelled:
            self.page_count.setText(
                self.tr("Cancelled: %1 file(s) not read yet").replace(
                    "%1", str(len(summary.unfinished))
                )
            )
        else:
            self.progress.setValue(self.progress.maximum())
            self.page_count.setText(
                self.tr("Done: %1 page(s) read, %2 could not be read")
                .replace("%1", str(summary.pages_ok))
                .replace("%2", str(summary.pages_failed))
            )
        self.imported.emit(summary)
        self.reload()
        self._next_in_queue(summary)

    def _on_failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.page_count.setText(error_text(exc))
        self.imported.emit(None)
        self.reload()
        self._next_in_queue(None)

    def _next_in_queue(self, summary: Any) -> None:
        if summary is not None and summary.cancelled:
            self.queue.clear()  # the user stopped: the rest is offered back as pending
            return
        if self.queue:
            paths, self.queue = self.queue, []
            self.start_import(paths)

    # watched folder --------------------------------------------------------------------------
    def choose_watch_folder(self) -> None:
        folder = self.pick_folder()
        if folder:
            self.set_watched(Path(folder))

    def set_watched(self, folder: Path | None) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()

        def save() -> Path | None:
            set_watch_folder(station, actor, folder)
            return watch_folder(station)

        WriteOp(self, op=save, success=self._watch, changes=Change.NONE).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def _watch(self, folder: Path | None) -> None:
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.watched = folder
        if folder is None:
            self.watch_timer.stop()
            self.watch_label.setText(self.tr("No watched folder"))
            self.watch_clear.setEnabled(False)
            return
        self.watch_label.setText(self.tr("Watching %1 for new scans").replace("%1", str(folder)))
        self.watch_clear.setEnabled(True)
        self.watcher.addPath(str(folder))
        self.watch_timer.start()
        self.check_watched()  # what arrived while the app was closed

    def check_watched(self) -> None:
        if self.watched is None:
            return
        station = self.ctx.station
        QueryOp(self, op=lambda: new_files(station), success=self._arrived).failure(
            lambda exc: self.watch_label.setText(error_text(exc))
        ).run_in_background()

    def _arrived(self, files: list[Path]) -> None:
        if files:
            self.start_import(list(files))
