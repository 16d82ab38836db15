"""Showing errors: typed station errors in plain words; anything else logged as a bug."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from station_app.errors import StationError

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, StationError):
        return exc.message()
    log.error(
        "unexpected error: %s\n%s", type(exc).__name__, getattr(exc, "__traceback_text__", "")
    )
    return QCoreApplication.translate(
        "errors", "Something went wrong and was written to the log. Your saved data is safe."
    )


def show_error(parent: QObject | None, exc: BaseException) -> None:
    widget = parent if isinstance(parent, QWidget) else None
    QMessageBox.warning(
        widget, QCoreApplication.translate("errors", "Cannot do that"), error_text(exc)
    )
