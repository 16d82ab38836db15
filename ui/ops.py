"""The one way UI code runs work off the UI thread (after Anki's QueryOp).

    QueryOp(parent, op=lambda: services.list_page(...), success=model.append)
        .failure(show_error).with_progress(tr("Searching…")).run_in_background()

`op` runs on a QThreadPool worker and must not touch widgets; `success` and `failure` run
back on the UI thread. If `parent` is destroyed first, the callbacks are dropped.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
T = TypeVar("T")
_live: set[QueryOp[Any]] = set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to failure() on the UI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class QueryOp(Generic[T]):
    def __init__(
        self,
        parent: QWidget | QObject | None,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_text: str | None = None
        self._signals = _Signals()

    def failure(self, fn: Callable[[BaseException], None]) -> QueryOp[T]:
        self._failure = fn
        return self

    def with_progress(self, text: str) -> QueryOp[T]:
        self._progress_text = text
        return self

    def run_in_background(self, pool: QThreadPool | None = None) -> None:
        from ui.context import busy_indicator

        indicator = (
            busy_indicator(self._parent, self._progress_text) if self._progress_text else None
        )
        _live.add(self)

        def finish() -> None:
            _live.discard(self)
            if indicator is not None:
                indicator.done()

        @Slot(object)
        def on_done(result: Any) -> None:
            finish()
            if self._alive() and self._success is not None:
                self._success(result)

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

        self._signals.done.connect(on_done)
        self._signals.failed.connect(on_failed)
        (pool or QThreadPool.globalInstance()).start(_Task(self._op, self._signals))

    def _alive(self) -> bool:
        if self._parent is None:
            return True
        try:
            self._parent.objectName()  # raises RuntimeError once the C++ object is gone
        except RuntimeError:
            return False
        return True
