"""设置 → 自动备份 (administrators): the folder the daily backups go to (a USB stick or a
second disk), how many are kept, the last success or the last problem, and 立即备份."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from station_app.services.backup_schedule import (
    BackupSettings,
    backup_now,
    choose_folder,
    is_overdue,
)
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp


class BackupBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Automatic backups (database and scans)"))
        self.ctx = ctx
        settings = BackupSettings.load(ctx.station.data)
        self.folder = QLineEdit(settings.folder)
        self.folder.setPlaceholderText(self.tr("e.g. the USB stick or a second disk"))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(settings.keep)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.now_button = QPushButton(self.tr("Back up now"))
        self.now_button.clicked.connect(self.back_up_now)
        self.status = QLabel()
        self.status.setWordWrap(True)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.now_button)
        form = QFormLayout(self)
        form.addRow(self.tr("Backup folder"), folder_row)
        form.addRow(self.tr("Backups kept"), self.keep)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(buttons)
        self.show_status(settings)

    def show_status(self, settings: BackupSettings) -> None:
        now = self.ctx.station.clock.now()
        if not settings.folder:
            text = self.tr("No folder chosen: no automatic backups are made.")
        elif settings.last_success_at:
            when = dt.datetime.fromisoformat(settings.last_success_at).astimezone(now.tzinfo)
            text = self.tr("Last successful backup: %1").replace(
                "%1", when.strftime("%Y-%m-%d %H:%M")
            )
        else:
            text = self.tr("No backup has succeeded yet.")
        if settings.last_error:
            text += "\n" + self.tr("Last problem: %1").replace("%1", settings.last_error)
        overdue = is_overdue(settings, now)
        if overdue:
            text += "\n" + self.tr("Overdue: the last good backup is more than two days old.")
        self.status.setProperty("role", "error" if overdue or settings.last_error else "hint")
        self.status.setText(text)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the backups"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def save(self) -> BackupSettings | None:
        try:
            settings = choose_folder(self.ctx.station.data, self.folder.text(), self.keep.value())
        except OSError as exc:
            show_error(self, exc)
            return None
        self.show_status(settings)
        return settings

    def back_up_now(self) -> None:
        if self.save() is None:
            return
        station = self.ctx.station
        self.now_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))

        def done(_out: Path | None) -> None:
            self.now_button.setEnabled(True)
            self.show_status(BackupSettings.load(station.data))

        def failed(exc: BaseException) -> None:
            done(None)
            show_error(self, exc)

        WriteOp(
            self,
            op=lambda: backup_now(station.data, station.db.key, station.clock.now()),
            success=done,
            changes=Change.NONE,  # the box shows its outcome itself
        ).failure(failed).run_in_background()
