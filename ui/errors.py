"""Showing errors: typed station errors in plain words; anything else logged as a bug."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from station_app.errors import StationError

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, StationError):
        return exc.message()
    if isinstance(exc, OSError):
        return _file_error_text(exc)
    log.error(
        "unexpected error: %s\n%s", type(exc).__name__, getattr(exc, "__traceback_text__", "")
    )
    return QCoreApplication.translate(
        "errors", "Something went wrong and was written to the log. Your saved data is safe."
    )


def _file_error_text(exc: OSError) -> str:
    """A file or printer that could not be written, in words the user can act on."""
    log.warning("could not write: %s (errno %s)", type(exc).__name__, exc.errno)
    if exc.errno == errno.ENOSPC:
        return QCoreApplication.translate(
            "errors",
            "Nothing was saved: the disk is full. Free some space or choose another place "
            "(for example a USB stick).",
        )
    if exc.filename:
        return QCoreApplication.translate(
            "errors",
            "Nothing was saved: the folder %1 is missing or cannot be written to. Choose "
            "another folder, for example Documents, and try again.",
        ).replace("%1", str(Path(exc.filename).parent))
    return QCoreApplication.translate(
        "errors",
        "The printer or the file could not be opened. Check that the printer is on and "
        "connected, or choose another folder, and try again.",
    )


def show_error(parent: QObject | None, exc: BaseException) -> None:
    widget = parent if isinstance(parent, QWidget) else None
    QMessageBox.warning(
        widget, QCoreApplication.translate("errors", "Cannot do that"), error_text(exc)
    )
