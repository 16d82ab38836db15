"""Draft autosave: debounced saves on one serial worker, so a killed app loses about a second.

A change starts two timers: an idle timer (restarted on every change, ~500 ms) and a
max-wait timer (not restarted, ~1 s) so steady typing is still saved every second. Saves run
one at a time on a private single-thread pool; a change arriving while a save runs is saved
right after with the newest text, so saves never pile up or land out of order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from ui.context import Change
from ui.ops import WriteOp

log = logging.getLogger(__name__)

IDLE_MS = 500
MAX_WAIT_MS = 1000


class DraftAutosaver(QObject):
    saved = Signal()
    failed = Signal(object)

    def __init__(
        self,
        save: Callable[[], Callable[[], None] | None],
        parent: QObject | None = None,
        idle_ms: int = IDLE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        """`save` runs on the UI thread and returns the job to run off it (a closure over a
        snapshot of the form), or None when there is nothing to save."""
        super().__init__(parent)
        self._snapshot = save
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._max = QTimer(self, singleShot=True, interval=max_wait_ms)
        self._idle.timeout.connect(self.flush)
        self._max.timeout.connect(self.flush)
        self._dirty = False
        self._running = False

    @property
    def pool(self) -> QThreadPool:
        """The serial pool: other writes of the same draft (record, discard) queue here."""
        return self._pool

    @property
    def pending(self) -> bool:
        return self._dirty or self._running

    def changed(self) -> None:
        self._dirty = True
        self._idle.start()
        if not self._max.isActive():
            self._max.start()

    def cancel(self) -> None:
        """Forget unsaved changes (after the form was saved or discarded)."""
        self._dirty = False
        self._idle.stop()
        self._max.stop()

    def flush(self) -> None:
        self._idle.stop()
        self._max.stop()
        if not self._dirty or self._running:
            return  # a running save is followed by another one if still dirty
        job = self._snapshot()
        self._dirty = False
        if job is None:
            return
        self._running = True
        # drafts are shown by no open view (only offered back at the next login)
        WriteOp(self, op=job, success=self._done, changes=Change.NONE).failure(
            self._failed
        ).run_in_background(self._pool)

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Block until queued saves finished (used on close and in tests)."""
        return self._pool.waitForDone(msecs)

    def _done(self, _result: object) -> None:
        self._running = False
        self.saved.emit()
        self._follow_up()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("draft autosave failed: %s", type(exc).__name__)
        self.failed.emit(exc)
        self._follow_up()

    def _follow_up(self) -> None:
        # a change during the save: its timers will flush, unless they fired already
        if self._dirty and not (self._idle.isActive() or self._max.isActive()):
            self.flush()
