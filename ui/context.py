"""The open station as the UI sees it: services' Station, who is logged in, and one
`changed` notification that tells every open view to refresh after a change (Anki's
operation_did_execute and OpChanges), instead of views calling each other.

What changed is a `Change`, a closed set of flags. Only the one runner announces them
(`ui/ops.py`: a write op declares `changes=` and they go out when it succeeds); views
`subscribe` to the ones they show. tests/ui/test_ops.py checks that every change listened
for is announced by some operation.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from station_app.store import Station
from station_app.store.models import Operator


class Change(enum.Flag):
    """What an operation changed; views refresh on the ones they show."""

    NONE = 0
    SUGGESTIONS = enum.auto()  # suggestions, their history, feedback, outcomes, campaigns' counts
    POSTBOX = enum.auto()  # collections, letters, scanned pages
    OPERATORS = enum.auto()  # who may log in
    SYNC = enum.auto()  # the outbox, HQ's answers and lists, enrolment
    SETTINGS = enum.auto()  # station settings in the database (automatic sync interval)


class _Subscription(QObject):
    """A child of the receiver: when the receiver goes, so does its connection."""

    def __init__(self, receiver: QObject, changes: Change, slot: Callable[[], None]) -> None:
        super().__init__(receiver)
        self.changes = changes
        self.slot = slot

    @Slot(object)
    def deliver(self, changes: Change) -> None:
        if changes & self.changes:
            self.slot()


class Notifier(QObject):
    changed = Signal(object)  # Change

    def announce(self, changes: Change) -> None:
        """Tell every subscriber; called by the runner (ui/ops.py) when a write is done."""
        if changes:
            self.changed.emit(changes)

    def subscribe(self, receiver: QObject, changes: Change, slot: Callable[[], None]) -> None:
        """Call `slot` (on the UI thread) whenever one of `changes` is announced, for as long
        as `receiver` lives."""
        sub = _Subscription(receiver, changes, slot)
        self.changed.connect(sub.deliver)


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
