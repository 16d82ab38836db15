"""The open station as the UI sees it: services' Station, who is logged in, and one
`changed` notification that tells every open view to refresh after a change (Anki's
operation_did_execute), instead of views calling each other."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from station_app.store import Station
from station_app.store.models import Operator


class Notifier(QObject):
    # what changed: "suggestions", "drafts", "operators", "settings", "sync"
    changed = Signal(str)


@dataclass
class AppContext:
    station: Station
    operator: Operator | None = None
    notifier: Notifier = field(default_factory=Notifier)

    def require_operator(self) -> Operator:
        assert self.operator is not None, "no operator logged in"
        return self.operator


class _Busy:
    def __init__(self, parent: QObject | None, text: str | None) -> None:
        self.parent = parent
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        window = parent.window() if isinstance(parent, QWidget) else None
        self.bar = getattr(window, "statusBar", lambda: None)() if window else None
        if self.bar is not None and text:
            self.bar.showMessage(text)

    def done(self) -> None:
        QApplication.restoreOverrideCursor()
        if self.bar is not None:
            with contextlib.suppress(RuntimeError):
                self.bar.clearMessage()


def busy_indicator(parent: QObject | None, text: str | None) -> _Busy:
    return _Busy(parent, text)
