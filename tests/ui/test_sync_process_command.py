"""Which program the app starts for `station-app sync`: the same Python from source; the
installed executable itself when frozen; on Windows the console build beside the window one
(the window build has no stdout to read the sync's progress from)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui.sync_process import station_app_command


def test_from_source_it_is_this_python_with_the_package() -> None:
    assert station_app_command() == (sys.executable, ["-m", "station_app"])


def test_frozen_linux_runs_the_installed_executable_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    exe = tmp_path / "station-app"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert station_app_command() == (str(exe), [])


def test_frozen_windows_window_runs_the_console_build_beside_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = tmp_path / "station-app-window.exe"
    console = tmp_path / "station-app.exe"
    window.write_bytes(b"")
    console.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(window))
    assert station_app_command() == (str(console), [])


def test_what_a_child_run_announces() -> None:
    """A sync always changes the outbox's state; suggestions change when some went to HQ or
    HQ's updates came back (before, a sync that only sent left the list showing "recorded");
    an enrolment changes HQ's address only when it succeeded."""
    from station_app.sync_protocol import EXIT_BUSY
    from ui.context import Change
    from ui.sync_process import ProcessOutcome

    def sync(**report: int) -> Change:
        return ProcessOutcome("sync", 0, report=dict(report)).changes()

    assert sync(sent=3, already=0, pulled=0) == Change.SYNC | Change.SUGGESTIONS
    assert sync(sent=0, already=2, pulled=0) == Change.SYNC | Change.SUGGESTIONS
    assert sync(sent=0, already=0, pulled=1) == Change.SYNC | Change.SUGGESTIONS
    assert sync(sent=0, already=0, pulled=0) == Change.SYNC
    assert ProcessOutcome("sync", EXIT_BUSY).changes() == Change.SYNC
    assert ProcessOutcome("enrol", 0).changes() == Change.SYNC
    assert ProcessOutcome("enrol", 4, message="bad code").changes() == Change.NONE
