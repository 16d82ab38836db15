"""First run: station code and name, district and street, the station's phone (printed on
receipts), the first administrator's name and PIN (twice); then an offer to load demo data
(practice data, never sent to HQ), loaded off the UI thread with progress. Enter on that page
starts without demo data: the safe choice is the default."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.demo import load_demo
from station_app.errors import ValidationError
from station_app.security.keys import acknowledge_recovery_key, pending_recovery_key
from station_app.services.setup import init_station
from station_app.store import Station
from station_app.store.models import Operator
from ui.context import Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.theme import fit_to_screen
from ui.widgets.fields import ErrorLabel, enter_advances, with_error

DEMO_CHUNK = 50


class SetupWizard(QDialog):
    """Emits `completed(admin)` when the station is set up (and demo data loaded, if asked)."""

    completed = Signal(object)  # Operator

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.admin: Operator | None = None
        self.setWindowTitle(self.tr("Set up this station"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._station_page())
        self.pages.addWidget(self._demo_page())
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 34, line * 26)
        fit_to_screen(self)  # 26 lines at 150% were taller than a 768 px screen

    # page 1 -------------------------------------------------------------------------------
    def _station_page(self) -> QWidget:
        page = QWidget()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. PT-CSL01"))
        self.name = QLineEdit()
        self.district = QLineEdit()
        self.street = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("e.g. 021-62345678"))
        self.admin_name = QLineEdit()
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for w in (self.pin, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 12 digits"))
        keys = ("code", "station_name", "district", "street", "phone", "name", "pin", "pin2")
        self.errors = {k: ErrorLabel() for k in keys}
        self.fields: dict[str, QLineEdit] = dict(
            zip(
                keys,
                (
                    self.code,
                    self.name,
                    self.district,
                    self.street,
                    self.phone,
                    self.admin_name,
                    self.pin,
                    self.pin2,
                ),
                strict=True,
            )
        )
        intro = QLabel(
            self.tr(
                "Welcome. Tell us which station this is and who its first administrator is. "
                "The administrator can add volunteers later."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        labels = (
            self.tr("Station code"),
            self.tr("Station name"),
            self.tr("District"),
            self.tr("Street / town"),
            self.tr("Station phone (on receipts and letters)"),
            self.tr("Administrator's name"),
            self.tr("Administrator's PIN"),
            self.tr("PIN again"),
        )
        for key, label in zip(keys, labels, strict=True):
            form.addRow(label, with_error(self.fields[key], self.errors[key]))
        self.finish_button = QPushButton(self.tr("Set up"))
        self.finish_button.setDefault(True)
        self.finish_button.clicked.connect(self.submit)
        enter_advances(self, *list(self.fields.values())[:-1])
        self.pin2.returnPressed.connect(self.submit)
        lay = QVBoxLayout(page)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.finish_button)
        lay.addLayout(row)
        return page

    def submit(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        if self.pin.text() != self.pin2.text():
            self.errors["pin2"].show_message(self.tr("The two PINs are not the same."))
            self.pin2.clear()
            self.pin2.setFocus()
            return
        station = self.station
        values = {
            "code": self.code.text(),
            "name": self.name.text(),
            "district": self.district.text(),
            "street": self.street.text(),
            "phone": self.phone.text(),
            "admin_name": self.admin_name.text(),
            "admin_pin": self.pin.text(),
        }
        self.finish_button.setEnabled(False)
        WriteOp(  # before anyone logs in: no view is open yet
            self,
            op=lambda: init_station(station, **values),
            success=self._done,
            changes=Change.NONE,
        ).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.finish_button.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        messages = exc.field_messages()
        for key, text in messages.items():
            if key in self.errors:
                self.errors[key].show_message(text)
        first = next((k for k in self.fields if k in messages), None)
        if first:
            self.fields[first].setFocus()

    def _done(self, admin: Operator) -> None:
        self.admin = admin
        self.pages.setCurrentIndex(1)
        self.finish_button.setDefault(False)
        self.skip_button.setDefault(True)  # Enter: a real station starts without demo data
        self.skip_button.setFocus()
        data = self.station.data
        QueryOp(
            self, op=lambda: pending_recovery_key(data), success=self._show_recovery
        ).run_in_background()

    def _show_recovery(self, key: str | None) -> None:
        """Shown once: the key that opens the data if this PC's keyring is lost."""
        if not key:
            return
        self.recovery.setText(
            self.tr("Recovery key (write it down and keep it locked away; it is shown only once):")
            + f"<br><b style='font-size:14pt'>{key}</b>"
        )
        self.recovery.show()
        self._recovery_pending = True

    # page 2 -------------------------------------------------------------------------------
    def _demo_page(self) -> QWidget:
        page = QWidget()
        text = QLabel(
            self.tr(
                "The station is set up. For practice you can add demo suggestions: they are "
                "marked DEMO- and never sent to HQ. A real station starts without them."
            )
        )
        text.setWordWrap(True)
        self.demo_count = QSpinBox()
        self.demo_count.setRange(DEMO_CHUNK, 100_000)
        self.demo_count.setSingleStep(DEMO_CHUNK)
        self.demo_count.setValue(200)
        self.progress = QProgressBar()
        self.progress.hide()
        self.recovery = QLabel()
        self.recovery.setWordWrap(True)
        self.recovery.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recovery.hide()
        self._recovery_pending = False
        self.demo_button = QPushButton(self.tr("Add demo data for practice"))
        self.demo_button.setAutoDefault(False)  # Enter never loads demo data by accident
        self.skip_button = QPushButton(self.tr("Start without demo data"))
        self.demo_button.clicked.connect(self.load_demo)
        self.skip_button.clicked.connect(self._finish)
        count_row = QFormLayout()
        count_row.addRow(self.tr("How many"), self.demo_count)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.demo_button)
        lay = QVBoxLayout(page)
        lay.addWidget(text)
        lay.addWidget(self.recovery)
        lay.addLayout(count_row)
        lay.addWidget(self.progress)
        lay.addStretch(1)
        lay.addLayout(row)
        return page

    def load_demo(self) -> None:
        total = self.demo_count.value()
        self.demo_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self._demo_chunk(0, total)

    def _demo_chunk(self, done: int, total: int) -> None:
        if done >= total:
            self._finish()
            return
        n = min(DEMO_CHUNK, total - done)
        station = self.station

        def step(_count: int) -> None:
            self.progress.setValue(done + n)
            self._demo_chunk(done + n, total)

        WriteOp(
            self,
            op=lambda: load_demo(station, n, seed=2026 + done),
            success=step,
            changes=Change.NONE,
        ).failure(self._demo_failed).run_in_background()

    def _demo_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self._finish()

    def _finish(self) -> None:
        # no accept(): hiding the only window would quit the app before the next one shows
        if self._recovery_pending:
            self._recovery_pending = False
            acknowledge_recovery_key(self.station.data)
        self.completed.emit(self.admin)
