"""同步: what waits for HQ, what went, what failed and why, "sync now" with progress and
cancel, the interval of the app's own sync timer (the timer itself is ui/auto_sync.py, owned
by the main window), and (admins) enrolment with HQ's one-time code.

The counts come from `station_app.services.outbox.sync_status` (pure database); the sync and
the enrolment run as `station-app` child processes (ui/sync_process.py), so the window never
waits on the network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.services import outbox
from station_app.services.common import can
from station_app.services.outbox import SyncStatus
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.sync_process import ProcessOutcome, StationCommand
from ui.theme import relative_font
from ui.widgets.fields import ErrorLabel


def _when(iso_text: str | None) -> str:
    """'2026-11-25T09:30:00+08:00' -> '2026-11-25 09:30'."""
    if not iso_text:
        return "—"
    return iso_text[:16].replace("T", " ")


class EnrolDialog(QDialog):
    """HQ's address and the one-time code (and a CA file when HQ's certificate is private)."""

    def __init__(self, current_url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enrol with HQ"))
        self.url = QLineEdit(current_url or "")
        self.url.setPlaceholderText("https://hq.example.cn")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("the one-time code from HQ"))
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("only if HQ gave you a certificate file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("HQ address"), self.url)
        form.addRow(self.tr("One-time code"), self.code)
        form.addRow(self.tr("Certificate file"), ca_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enrol"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        (self.code if current_url else self.url).setFocus()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate file"), "", self.tr("Certificates (*.pem *.crt *.cer)")
        )
        if name:
            self.ca_file.setText(name)

    def values(self) -> tuple[str, str, str | None]:
        return (
            self.url.text().strip(),
            self.code.text().strip(),
            self.ca_file.text().strip() or None,
        )

    def _check(self) -> None:
        url, code, ca = self.values()
        if not url.startswith(("https://", "http://")) or len(url) < 10:
            self.error.show_message(self.tr("Type HQ's address, starting with https://"))
            self.url.setFocus()
        elif not code:
            self.error.show_message(self.tr("Type the one-time code HQ gave you."))
            self.code.setFocus()
        elif ca and not Path(ca).is_file():
            self.error.show_message(self.tr("The certificate file cannot be found."))
            self.ca_file.setFocus()
        else:
            self.accept()


class SyncScreen(QWidget):
    """The sync page; runs the child through the main window's `StationCommand` (shared with
    the app's timer), or its own when it stands alone."""

    synced = Signal(object)  # ProcessOutcome, after every sync (timer or button)

    def __init__(
        self,
        ctx: AppContext,
        command: StationCommand | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_admin = can(ctx.require_operator(), "change_settings")
        self.command = command or StationCommand(ctx.station.data.root, ctx.notifier, self)
        self.command.started.connect(self._started)
        self.command.progress.connect(self._progress)
        self.command.finished.connect(self._finished)
        self.status: SyncStatus | None = None

        self.hq_label = QLabel()
        self.hq_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrol_button = QPushButton(self.tr("Enrol with HQ…"))
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_button.setVisible(self.is_admin)
        hq_box = QGroupBox(self.tr("Headquarters"))
        hq_row = QHBoxLayout(hq_box)
        hq_row.addWidget(self.hq_label, 1)
        hq_row.addWidget(self.enrol_button)

        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        captions = (
            ("queued", self.tr("Waiting to send")),
            ("sent", self.tr("Sent to HQ")),
            ("failed", self.tr("Failed, will retry")),
            ("conflicts", self.tr("Conflicts")),
        )
        for col, (key, caption) in enumerate(captions):
            number = QLabel("—")
            number.setProperty("role", "big-number")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            relative_font(number, 1.8, bold=True)
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, col)
            grid.addWidget(text, 1, col)
            self.counts[key] = number
        self.last_success = QLabel()
        self.last_error = QLabel()
        self.last_error.setWordWrap(True)
        self.last_error.setProperty("role", "error")
        status_box = QGroupBox(self.tr("Status"))
        status_lay = QVBoxLayout(status_box)
        status_lay.addLayout(grid)
        status_lay.addWidget(self.last_success)
        status_lay.addWidget(self.last_error)

        self.sync_button = QPushButton(self.tr("Sync now (F5)"))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setVisible(False)
        self.run_text = QLabel()
        self.run_text.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.sync_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.bar, 1)

        self.interval = QSpinBox()
        self.interval.setRange(outbox.AUTO_SYNC_MINUTES.low, outbox.AUTO_SYNC_MINUTES.high)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setSpecialValueText(self.tr("off"))
        self.interval.setEnabled(self.is_admin)
        self.interval_save = QPushButton(self.tr("Save"))
        self.interval_save.setVisible(self.is_admin)
        self.interval_save.clicked.connect(self.save_interval)
        auto_box = QGroupBox(self.tr("Automatic sync while the app is open"))
        auto_row = QHBoxLayout(auto_box)
        auto_row.addWidget(QLabel(self.tr("Every")))
        auto_row.addWidget(self.interval)
        auto_row.addWidget(self.interval_save)
        auto_row.addStretch(1)
        hint = QLabel(
            self.tr(
                "Stations that keep the computer on can also let the system sync on a "
                "schedule, even when nobody is logged in (see the README)."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")

        lay = QVBoxLayout(self)
        lay.addWidget(hq_box)
        lay.addWidget(status_box)
        lay.addLayout(run_row)
        lay.addWidget(self.run_text)
        lay.addWidget(auto_box)
        lay.addWidget(hint)
        lay.addStretch(1)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.sync_now)
        ctx.notifier.subscribe(self, Change.SUGGESTIONS | Change.SYNC, self.refresh)
        self.refresh()
        self._load_interval()
        if self.command.is_running():  # the timer's sync, already on its way
            self._started("sync")

    # -- status -----------------------------------------------------------------------------

    def refresh(self) -> None:
        station = self.ctx.station
        QueryOp(
            self, op=lambda: outbox.sync_status(station), success=self._show
        ).run_in_background()

    def _show(self, st: SyncStatus) -> None:
        self.status = st
        self.hq_label.setText(
            self.tr("Sending to %1").replace("%1", st.hq_url)
            if st.hq_url
            else self.tr("Not enrolled with HQ yet: an administrator enrols this station once.")
        )
        for key, label in self.counts.items():
            label.setText(str(getattr(st, key)))
        self.last_success.setText(
            self.tr("Last successful sync: %1").replace("%1", _when(st.last_success_at))
        )
        error = st.last_error_text()
        if error:
            text = self.tr("Last problem (%1): %2").replace("%1", _when(st.last_error_at))
            text = text.replace("%2", error)
            if st.needs_admin:
                text += "\n" + self.tr("An administrator needs to look at this.")
            self.last_error.setText(text)
        self.last_error.setVisible(bool(error))
        self.sync_button.setEnabled(bool(st.hq_url) and not self.command.is_running())

    # -- running ----------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.status is not None and not self.status.hq_url:
            self.run_text.setText(self.tr("Enrol with HQ first."))
            return
        self.command.start_sync()

    def _started(self, kind: str) -> None:
        if kind == "enrol":
            self._running(self.tr("Enrolling with HQ…"))
        elif self.command.auto:
            self._running(self.tr("Automatic sync…"))
        else:
            self._running(self.tr("Connecting to HQ…"))

    def _running(self, text: str) -> None:
        self.sync_button.setEnabled(False)
        self.enrol_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setRange(0, 0)  # busy until the first progress line
        self.bar.setVisible(True)
        self.run_text.setText(text)

    def _progress(self, phase: str, done: int, total: int) -> None:
        if phase == "send":
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(done)
            self.run_text.setText(
                self.tr("Sending: %1 of %2").replace("%1", str(done)).replace("%2", str(total))
            )
        else:
            self.bar.setRange(0, 0)
            self.run_text.setText(
                self.tr("Fetching HQ's updates: %1 so far").replace("%1", str(done))
            )

    def cancel(self) -> None:
        self.command.cancel()
        self.cancel_button.setEnabled(False)
        self.run_text.setText(self.tr("Stopping after the current request…"))

    def _finished(self, outcome: ProcessOutcome) -> None:
        self.bar.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.enrol_button.setEnabled(True)
        self.sync_button.setEnabled(self.status is not None and bool(self.status.hq_url))
        self.run_text.setText(self._outcome_text(outcome))
        if outcome.kind != "enrol":
            self.synced.emit(outcome)
        self.refresh()  # also after a failed enrolment, which announces nothing

    def _outcome_text(self, outcome: ProcessOutcome) -> str:
        report = outcome.report
        if outcome.kind == "enrol":
            if outcome.ok:
                return outcome.lines[-1] if outcome.lines else self.tr("Enrolled.")
            return outcome.message or self.tr("Enrolment failed.")
        if outcome.busy:
            return self.tr("Another sync of this station is running; try again in a minute.")
        if outcome.cancelled:
            return self.tr("Sync stopped. Nothing is lost: the rest goes next time.")
        if report is not None:
            text = str(report.get("error") or "")
            summary = self.tr("Sent %1, already at HQ %2, HQ updates %3.")
            summary = summary.replace("%1", str(report.get("sent", 0)))
            summary = summary.replace("%2", str(report.get("already", 0)))
            summary = summary.replace("%3", str(report.get("pulled", 0)))
            return summary + ("\n" + text if text else "")
        return outcome.message or self.tr("The sync stopped unexpectedly (code %1).").replace(
            "%1", str(outcome.exit_code)
        )

    # -- enrolment and the timer ------------------------------------------------------------

    def enrol(self) -> None:
        url = self.status.hq_url if self.status is not None else None
        dialog = EnrolDialog(url, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        url, code, ca = dialog.values()
        self.command.start_enrol(url, code, ca)

    def _load_interval(self) -> None:
        station = self.ctx.station
        QueryOp(
            self, op=lambda: outbox.auto_sync_minutes(station), success=self.interval.setValue
        ).run_in_background()

    def save_interval(self) -> None:
        station, actor, minutes = (
            self.ctx.station,
            self.ctx.require_operator(),
            self.interval.value(),
        )
        WriteOp(
            self,
            op=lambda: outbox.set_auto_sync_minutes(station, actor, minutes),
            success=lambda _r: self.run_text.setText(self.tr("Saved.")),
            changes=Change.SETTINGS,  # the app's timer (ui/auto_sync.py) takes the new interval
            notifier=self.ctx.notifier,
        ).failure(lambda exc: show_error(self, exc)).run_in_background()

    def shutdown(self) -> None:
        """Let a running sync or enrolment end cleanly (the window closes)."""
        if self.command.is_running():
            self.command.cancel()
            self.command.wait(5_000)
