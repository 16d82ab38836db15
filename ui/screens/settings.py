"""设置: language, text size and the station's address printed on receipts and reply letters (this computer's
UI settings file); the station's phone (kept with the station's data, as the setup wizard set
it; administrators change it); 操作员管理 (admins only): the operators and adding one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import Role
from station_app.errors import ValidationError
from station_app.i18n import tr as msg
from station_app.services.common import can
from station_app.services.operators import add_operator, list_operators
from station_app.services.setup import StationInfo, set_station_phone, station_info
from station_app.store.models import Operator
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.theme import FONT_SCALES, UiSettings
from ui.widgets.fields import ErrorLabel, enter_advances, with_error


class SettingsScreen(QWidget):
    settings_changed = Signal(object)  # UiSettings (already saved)

    def __init__(
        self, ctx: AppContext, settings: UiSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.font_scale = QComboBox()
        for scale in FONT_SCALES:
            self.font_scale.addItem(f"{round(scale * 100)}%", scale)
        self.font_scale.setCurrentIndex(max(self.font_scale.findData(settings.font_scale), 0))
        self.station_phone = QLineEdit()
        self.station_phone.setPlaceholderText(self.tr("e.g. 021-62345678"))
        self.may_change_phone = can(ctx.operator, "change_settings")
        self.station_phone.setReadOnly(True)  # until the station's phone is read
        self.saved_phone = ""
        self.phone_error = ErrorLabel()
        self.station_address = QLineEdit(settings.station_address)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        box = QGroupBox(self.tr("This computer"))
        form = QFormLayout(box)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Text size"), self.font_scale)
        form.addRow(
            self.tr("Station phone (on receipts and letters)"),
            with_error(self.station_phone, self.phone_error),
        )
        form.addRow(self.tr("Station address (on receipts and letters)"), self.station_address)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.save_button)
        form.addRow(row)
        lay = QVBoxLayout(self)
        lay.addWidget(box)
        if can(ctx.operator, "change_settings"):
            from ui.screens.backup_settings import BackupBox

            self.backup_box = BackupBox(ctx)
            lay.addWidget(self.backup_box)
        lay.addStretch(1)
        station = ctx.station
        QueryOp(self, lambda: station_info(station), self._show_phone).run_in_background()

    def _show_phone(self, info: StationInfo | None) -> None:
        self.saved_phone = info.phone if info is not None else ""
        self.station_phone.setText(self.saved_phone)
        self.station_phone.setReadOnly(not self.may_change_phone)

    def save(self) -> None:
        phone = self.station_phone.text().strip()
        self.phone_error.show_message("")
        if not self.may_change_phone or phone == self.saved_phone:
            self._save_here()
            return
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.save_button.setEnabled(False)
        WriteOp(
            self,
            lambda: set_station_phone(station, actor, phone),
            self._phone_saved,
            changes=Change.SETTINGS,
            notifier=self.ctx.notifier,
        ).failure(self._phone_failed).run_in_background()

    def _phone_saved(self, phone: str) -> None:
        self.save_button.setEnabled(True)
        self.saved_phone = phone
        self.station_phone.setText(phone)
        self._save_here()

    def _phone_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError) and "phone" in exc.field_messages():
            self.phone_error.show_message(exc.field_messages()["phone"])
            self.station_phone.setFocus()
        else:
            show_error(self, exc)

    def _save_here(self) -> None:
        """This computer's settings (language, text size, address) to its settings file."""
        new = replace(
            self.settings,
            language=self.language.currentData(),
            font_scale=float(self.font_scale.currentData()),
            station_address=self.station_address.text().strip(),
        )
        try:
            new.save(Path(self.ctx.station.data.root))
        except OSError as exc:
            show_error(self, exc)
            return
        self.settings = new
        self.note.setText(self.tr("Saved."))
        self.settings_changed.emit(new)


class OperatorsScreen(QWidget):
    """Administrators see the operators and add new ones."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.list = QListWidget()
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in (Role.VOLUNTEER, Role.SCANNER, Role.ADMIN):
            self.role.addItem(msg(f"role.{role}"), str(role))
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for w in (self.pin, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 12 digits"))
        self.errors = {k: ErrorLabel() for k in ("name", "role", "pin", "pin2")}
        self.add_button = QPushButton(self.tr("Add operator"))
        self.add_button.clicked.connect(self.add)
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        enter_advances(self, self.name, self.role, self.pin)
        self.pin2.returnPressed.connect(self.add)
        add_box = QGroupBox(self.tr("Add an operator"))
        form = QFormLayout(add_box)
        form.addRow(self.tr("Name"), with_error(self.name, self.errors["name"]))
        form.addRow(self.tr("Role"), with_error(self.role, self.errors["role"]))
        form.addRow(self.tr("PIN"), with_error(self.pin, self.errors["pin"]))
        form.addRow(self.tr("PIN again"), with_error(self.pin2, self.errors["pin2"]))
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.add_button)
        form.addRow(row)
        list_box = QGroupBox(self.tr("Operators"))
        QVBoxLayout(list_box).addWidget(self.list)
        lay = QHBoxLayout(self)
        lay.addWidget(list_box, 1)
        lay.addWidget(add_box, 1)
        self.ctx.notifier.subscribe(self, Change.OPERATORS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        station = self.ctx.station
        QueryOp(self, op=lambda: list_operators(station), success=self._show).run_in_background()

    def _show(self, ops: list[Operator]) -> None:
        self.list.clear()
        for op in ops:
            self.list.addItem(f"{op.name}（{msg(f'role.{op.role}')}）")

    def add(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        if self.pin.text() != self.pin2.text():
            self.errors["pin2"].show_message(self.tr("The two PINs are not the same."))
            self.pin2.setFocus()
            return
        station, actor = self.ctx.station, self.ctx.require_operator()
        name, role, pin = self.name.text(), self.role.currentData(), self.pin.text()
        self.add_button.setEnabled(False)
        WriteOp(
            self,
            op=lambda: add_operator(station, actor, name, role, pin),
            success=self._added,
            changes=Change.OPERATORS,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _added(self, op: Operator) -> None:
        self.add_button.setEnabled(True)
        for w in (self.name, self.pin, self.pin2):
            w.clear()
        self.note.setText(self.tr("Added %1.").replace("%1", op.name))
        self.name.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        for key, text in exc.field_messages().items():
            if key in self.errors:
                self.errors[key].show_message(text)
