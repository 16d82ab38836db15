"""Login: operator name (editable list of active operators) and PIN; Enter submits.
Wrong PINs and lock-outs are explained in plain words under the PIN field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.errors import AuthError, LockedOut
from station_app.services.operators import list_operators, login
from station_app.store import Station
from station_app.store.models import Operator
from ui.context import Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.theme import relative_font
from ui.widgets.fields import ErrorLabel


class LoginScreen(QWidget):
    logged_in = Signal(object)  # Operator

    def __init__(
        self, station: Station, station_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.setWindowTitle(self.tr("Log in"))
        heading = QLabel(station_name or self.tr("People's suggestion collection station"))
        relative_font(heading, 1.4, bold=True)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setWordWrap(True)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.lineEdit().setPlaceholderText(self.tr("Your name"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 12 digits"))
        self.error = ErrorLabel()
        self.button = QPushButton(self.tr("Log in"))
        self.button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addSpacing(12)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.button)
        lay.addStretch(1)
        self.button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.name.lineEdit().returnPressed.connect(self._name_entered)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 24, line * 14)
        self.operators: list[str] = []
        QueryOp(
            self, op=lambda: list_operators(station), success=self._operators
        ).run_in_background()

    def _operators(self, ops: list[Operator]) -> None:
        typed = self.name.currentText()
        self.operators = [op.name for op in ops]
        self.name.clear()
        self.name.addItems(self.operators)
        self.name.setEditText(typed)
        (self.pin if typed else self.name).setFocus()

    def _name_entered(self) -> None:
        self.pin.setFocus()

    def submit(self) -> None:
        name, pin = self.name.currentText().strip(), self.pin.text()
        if not name:
            self.error.show_message(self.tr("Please type or choose your name."))
            self.name.setFocus()
            return
        self.button.setEnabled(False)
        self.error.show_message("")
        station = self.station
        WriteOp(  # the attempt is counted and audited; no view shows it
            self, op=lambda: login(station, name, pin), success=self._ok, changes=Change.NONE
        ).failure(self._failed).run_in_background()

    def _ok(self, operator: Operator) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.logged_in.emit(operator)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        if isinstance(exc, (AuthError, LockedOut)):
            self.error.show_message(exc.message())
        else:
            show_error(self, exc)
