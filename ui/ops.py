"""The one way UI code runs work off the UI thread (after Anki's QueryOp and CollectionOp).

    QueryOp(parent, op=lambda: services.list_page(...), success=model.append)
        .failure(show_error).with_progress(tr("Searching…")).run_in_background()

    WriteOp(parent, op=lambda: record_suggestion(...), success=self._saved,
            changes=Change.SUGGESTIONS, notifier=ctx.notifier).run_in_background()

    BackgroundOp(parent, op=lambda job: ScanImport(..., on_progress=job.progress).run(),
                 success=..., changes=Change.POSTBOX, notifier=ctx.notifier)
        .on_progress(show).on_item(show_page).run_in_background(own_pool)
    ... op.cancel(); op.wait(30_000)

A read (`QueryOp`) announces nothing; a write (`WriteOp`, or a `BackgroundOp` with
`changes=`) announces its changes through the notifier once it succeeded, after `success`
ran: call sites never announce by hand. A long op gets a `Job`: it reports progress, hands
partial results (`item`) and learns of a cancel (`cancelled`, `on_cancel`).

`op` runs on a QThreadPool worker and must not touch widgets; `success`, `failure` and the
progress and item callbacks run back on the UI thread. If `parent` is destroyed first, the
callbacks are dropped; the changes are still announced (the data did change).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from ui.context import Change, Notifier

log = logging.getLogger(__name__)
T = TypeVar("T")
_live: set[BackgroundOp[Any]] = set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)
    item = Signal(object)


class Job:
    """What a long op sees of its run: progress, partial results and a cancel. Thread-safe."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._lock = threading.Lock()
        self._cancelled = False
        self._on_cancel: list[Callable[[], None]] = []

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)

    def item(self, value: object) -> None:
        self._signals.item.emit(value)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def on_cancel(self, fn: Callable[[], None]) -> None:
        """Call `fn` when a cancel is asked for (at once if it already was)."""
        with self._lock:
            if not self._cancelled:
                self._on_cancel.append(fn)
                return
        fn()

    def cancel(self) -> None:
        with self._lock:
            if self._cancelled:
                return
            self._cancelled = True
            hooks, self._on_cancel = self._on_cancel, []
        for fn in hooks:
            fn()


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], job: Job, signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.job = job
        self.signals = signals
        self.ended = threading.Event()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.job)
        except BaseException as exc:  # delivered to failure() on the UI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            self.ended.set()


class BackgroundOp(Generic[T]):
    """The runner: `op(job)` off the UI thread, callbacks on it, changes announced after."""

    def __init__(
        self,
        parent: QWidget | QObject | None,
        op: Callable[[Job], T],
        success: Callable[[T], None] | None = None,
        *,
        changes: Change = Change.NONE,
        notifier: Notifier | None = None,
    ) -> None:
        assert not changes or notifier is not None, "a write announces through a notifier"
        self._parent = parent
        self._op = op
        self._success = success
        self._changes = changes
        self._notifier = notifier
        self._failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[int, int], None] | None = None
        self._on_item: Callable[[Any], None] | None = None
        self._progress_text: str | None = None
        self._signals = _Signals()
        self._job = Job(self._signals)
        self._ended: threading.Event | None = None
        self.running = False

    @property
    def changes(self) -> Change:
        return self._changes

    def failure(self, fn: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._failure = fn
        return self

    def with_progress(self, text: str) -> BackgroundOp[T]:
        """A busy cursor and `text` in the window's status bar while it runs."""
        self._progress_text = text
        return self

    def on_progress(self, fn: Callable[[int, int], None]) -> BackgroundOp[T]:
        self._on_progress = fn
        return self

    def on_item(self, fn: Callable[[Any], None]) -> BackgroundOp[T]:
        self._on_item = fn
        return self

    def run_in_background(self, pool: QThreadPool | None = None) -> BackgroundOp[T]:
        from ui.context import busy_indicator

        indicator = (
            busy_indicator(self._parent, self._progress_text) if self._progress_text else None
        )
        _live.add(self)
        self.running = True

        def finish() -> None:
            # in the same slot that delivers the result: a wait on `running` never sees the
            # op ended without its result
            self.running = False
            _live.discard(self)
            if indicator is not None:
                indicator.done()

        @Slot(object)
        def on_done(result: Any) -> None:
            finish()
            if self._success is not None and self._alive():
                self._success(result)
            if self._notifier is not None:  # the data changed, whoever asked for it
                self._notifier.announce(self._changes)

        @Slot(object)
        def on_failed(exc: BaseException) -> None:
            finish()
            if not self._alive():
                return
            if self._failure is not None:
                self._failure(exc)
            else:
                from ui.errors import show_error

                show_error(self._parent, exc)

        @Slot(int, int)
        def on_progress(done: int, total: int) -> None:
            if self._on_progress is not None and self._alive():
                self._on_progress(done, total)

        @Slot(object)
        def on_item(value: object) -> None:
            if self._on_item is not None and self._alive():
                self._on_item(value)

        self._signals.done.connect(on_done)
        self._signals.failed.connect(on_failed)
        self._signals.progress.connect(on_progress)
        self._signals.item.connect(on_item)
        task = _Task(self._op, self._job, self._signals)
        self._ended = task.ended
        (pool or QThreadPool.globalInstance()).start(task)
        return self

    def cancel(self) -> None:
        """Ask the op to stop (it sees `job.cancelled`, its `on_cancel` hooks run now)."""
        self._job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the op's function returned (closing the window; tests); its result
        is delivered later, on the UI thread's event loop."""
        return self._ended is None or self._ended.wait(msecs / 1000)

    def _alive(self) -> bool:
        if self._parent is None:
            return True
        try:
            self._parent.objectName()  # raises RuntimeError once the C++ object is gone
        except RuntimeError:
            return False
        return True


class QueryOp(BackgroundOp[T]):
    """A read: `op()` off the UI thread; announces nothing."""

    def __init__(
        self,
        parent: QWidget | QObject | None,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
    ) -> None:
        super().__init__(parent, lambda _job: op(), success)


class WriteOp(BackgroundOp[T]):
    """A write: `op()` off the UI thread; once it succeeded, `changes` are announced.
    `Change.NONE` says so for a write no open view shows (a draft, a backup, the login's
    audit line); it needs no notifier."""

    def __init__(
        self,
        parent: QWidget | QObject | None,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
        *,
        changes: Change,
        notifier: Notifier | None = None,
    ) -> None:
        super().__init__(parent, lambda _job: op(), success, changes=changes, notifier=notifier)
