"""The installed Qt binding must not leak references to None/True/False.

PySide6 6.12.0 on Python 3.11 dropped one reference to None on every void call (and to
True/False on bool signals); a long session then aborted with `none_dealloc`. The
project pins PySide6 below 6.12; this test fails loudly if a bad build comes back.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal  # noqa: E402


class _Emitter(QObject):
    flag = Signal(bool)


def test_void_calls_and_bool_signals_keep_refcounts() -> None:
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    timer, obj, emitter = QTimer(), QObject(), _Emitter()
    got: list[bool] = []
    emitter.flag.connect(got.append)
    none0, true0 = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        timer.stop()
        obj.setObjectName("x")
        app.sendPostedEvents()
        emitter.flag.emit(True)
    got.clear()
    assert sys.getrefcount(None) - none0 > -50
    assert sys.getrefcount(True) - true0 > -50
