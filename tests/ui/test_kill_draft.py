"""SIGKILL the real app while a volunteer types: the draft on disk must hold everything typed
up to about a second before the kill, and it is offered back on the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from station_app.paths import DataDir
from station_app.security.keys import ensure_key
from station_app.services.drafts import drafts_for
from station_app.store import Station

DRIVER = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from argparse import Namespace
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui.app import run

TEXT = sys.argv[2]
state = {"login": False, "typed": 0}

def type_next(entry):
    n = state["typed"]
    ch = TEXT[n % len(TEXT)]
    if ch.isascii():
        QTest.keyClick(entry.content, ch)
    else:  # Chinese arrives as an input-method commit
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(entry.content, event)
    state["typed"] = n + 1
    print(f"typed {time.monotonic():.4f} {n + 1}", flush=True)
    QTimer.singleShot(30, lambda: type_next(entry))

def poll(controller):
    main = controller.main
    if main is not None and main.entry.ready:
        main.entry.content.setFocus()
        print("ready", flush=True)
        type_next(main.entry)
        return
    w = controller.window
    if w is not None and hasattr(w, "pin") and w.name.count() and not state["login"]:
        state["login"] = True
        w.name.setEditText("李志愿")
        QTest.keyClicks(w.pin, "1357")
        QTest.keyClick(w.pin, Qt.Key.Key_Return)
    QTimer.singleShot(20, lambda: poll(controller))

sys.exit(run(Namespace(data_dir=sys.argv[1], font_scale=None),
             on_ready=lambda c: QTimer.singleShot(0, lambda: poll(c))))
"""

TEXT = "小区电梯坏了三个月，老人上下楼很困难，希望尽快修好 lift 2026。"


def test_sigkill_while_typing_keeps_draft(tmp_path: Path, station: Station, volunteer):
    root = station.data.root
    station.close()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen(
        [sys.executable, str(driver), str(root), TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    typed: list[tuple[float, int]] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        for line in proc.stdout:
            if line.startswith("typed "):
                _, at, n = line.split()
                typed.append((float(at), int(n)))
                if len(typed) >= 90:  # about 3 s of typing
                    break
            assert time.monotonic() < deadline, "the app did not start typing in time"
    finally:
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert len(typed) >= 90

    full = "".join(TEXT[i % len(TEXT)] for i in range(typed[-1][1]))
    must_have = max((n for at, n in typed if at <= killed_at - 1.0), default=0)
    assert must_have > 30
    # the app may have encrypted the folder on start (security hooks): open it as the app does
    data = DataDir(root)
    reopened = Station.open(root, key=ensure_key(data))
    drafts = drafts_for(reopened, volunteer)
    reopened.close()
    assert len(drafts) == 1
    content = drafts[0].form.content
    assert full.startswith(content), "the draft holds exactly what was typed, in order"
    assert len(content) >= must_have, (len(content), must_have, len(full))
