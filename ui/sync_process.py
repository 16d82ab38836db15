"""Run `station-app sync` and `station-app enrol` as child processes for the app.

The UI does not import the sync package (see docs/ARCHITECTURE.md): it starts the same command the
OS scheduler runs, reads its JSON progress lines, and shows the result. A child process also
means a sync can never freeze the window, the file lock in `sync_now` keeps it from running
twice (the scheduler's run and ours), and cancel is safe at any moment: the command stops
after the current request on SIGTERM, and a sync killed outright loses nothing either.

This is the one runner's adapter for a child process (docs/ARCHITECTURE.md, "Work off the UI
thread"): it offers what `ui/ops.py` ops offer (progress, cancel, wait, a result on the UI
thread) and announces its changes the same way, through the notifier, when the child ends.
It does not borrow a pool thread: QProcess is already asynchronous on the UI event loop, and
a thread blocked on the child's pipe for a whole sync would hold one of the two threads
that every screen's reads share.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from station_app.i18n import current_language
from station_app.sync_protocol import EXIT_BUSY, Progress, parse_line
from ui.context import Change, Notifier

KILL_AFTER_MS = 15_000


@dataclass
class ProcessOutcome:
    """How a run ended: the sync report (parsed JSON) if one came, else the error text."""

    kind: str  # "sync" | "enrol"
    exit_code: int
    report: dict[str, Any] | None = None
    message: str = ""
    cancelled: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.cancelled

    @property
    def busy(self) -> bool:
        return self.exit_code == EXIT_BUSY

    def changes(self) -> Change:
        """What the run changed: any sync touches the outbox and what HQ said (even one that
        failed half-way); suggestions change when some went to HQ (their status) or HQ's
        updates came back; an enrolment changes HQ's address."""
        if self.kind == "enrol":
            return Change.SYNC if self.ok else Change.NONE
        report = self.report or {}
        touched = bool(report.get("sent") or report.get("already") or report.get("pulled"))
        return Change.SYNC | (Change.SUGGESTIONS if touched else Change.NONE)


def station_app_command() -> tuple[str, list[str]]:
    """The program and leading arguments that run `station-app` in a child process."""
    if not getattr(sys, "frozen", False):
        return sys.executable, ["-m", "station_app"]
    # the installed (frozen) app is station-app itself; on Windows the window is a separate
    # station-app-window.exe without a console, so its children use the console build beside
    # it, whose output can be read
    exe = Path(sys.executable)
    console = exe.with_name("station-app.exe")
    return str(console if console.is_file() else exe), []


class StationCommand(QObject):
    """One `station-app` child process at a time, shared by the sync page and the app's
    timer (ui/auto_sync.py); when it ends, what it changed is announced."""

    started = Signal(str)  # kind
    progress = Signal(str, int, int)  # phase ("send" | "receive"), done, total
    finished = Signal(object)  # ProcessOutcome

    def __init__(self, data_root: Path, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_root = Path(data_root)
        self.notifier = notifier
        self.auto = False  # the running sync was started by the timer, not by a person
        self._proc: QProcess | None = None
        self._kind = ""
        self._buffer = b""
        self._report: dict[str, Any] | None = None
        self._lines: list[str] = []
        self._cancelled = False
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)

    def is_running(self) -> bool:
        return self._proc is not None

    def start_sync(self, auto: bool = False) -> bool:
        """Start one sync; False if a command of ours is already running."""
        if self._proc is not None:
            return False
        self.auto = auto
        return self._start("sync", ["sync", "--json", "--progress"], stdin=None)

    def start_enrol(self, url: str, code: str, ca_file: str | None) -> bool:
        if self._proc is not None:
            return False
        self.auto = False
        args = ["enrol", "--hq", url, "--code", "-"]  # the code goes by stdin, not argv
        if ca_file:
            args += ["--ca-file", ca_file]
        return self._start("enrol", args, stdin=code + "\n")

    def cancel(self) -> None:
        """Ask the child to stop after its current request; kill it if it does not."""
        if self._proc is None:
            return
        self._cancelled = True
        self._proc.terminate()
        self._kill_timer.start(KILL_AFTER_MS)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the child ends (for closing the window; tests)."""
        proc = self._proc
        return proc is None or proc.waitForFinished(msecs)

    # -- internals ----------------------------------------------------------------------

    def _start(self, kind: str, args: list[str], stdin: str | None) -> bool:
        if self._proc is not None:
            return False
        proc = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONIOENCODING", "utf-8")
        proc.setProcessEnvironment(env)
        program, command = station_app_command()
        proc.setProgram(program)
        lang = current_language()
        proc.setArguments([*command, "--lang", lang, *args, "--data-dir", str(self.data_root)])
        proc.readyReadStandardOutput.connect(self._read_stdout)
        proc.finished.connect(self._finished)
        proc.errorOccurred.connect(self._error)
        self._proc, self._kind = proc, kind
        self._buffer, self._report, self._lines, self._cancelled = b"", None, [], False
        proc.start()
        if stdin is not None:
            proc.write(stdin.encode("utf-8"))
            proc.closeWriteChannel()
        self.started.emit(kind)
        return True

    def _read_stdout(self) -> None:
        if self._proc is None:
            return
        self._buffer += bytes(self._proc.readAllStandardOutput().data())
        *complete, self._buffer = self._buffer.split(b"\n")
        for raw in complete:
            self._line(raw.decode("utf-8", "replace").strip())

    def _line(self, line: str) -> None:
        if not line:
            return
        parsed = parse_line(line)
        if isinstance(parsed, Progress):
            self.progress.emit(parsed.phase, parsed.done, parsed.total)
        elif parsed is not None:
            self._report = parsed
        else:
            self._lines.append(line)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._proc is not None:
            self._done(-1, self._proc.errorString())

    def _finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        if self._proc is None:
            return
        self._read_stdout()
        if self._buffer:
            self._line(self._buffer.decode("utf-8", "replace").strip())
            self._buffer = b""
        err = bytes(self._proc.readAllStandardError().data()).decode("utf-8", "replace")
        message = next((ln for ln in reversed(err.splitlines()) if ln.strip()), "")
        if not message and self._lines:
            message = self._lines[-1]
        self._done(exit_code, message)

    def _done(self, exit_code: int, message: str) -> None:
        self._kill_timer.stop()
        proc, self._proc = self._proc, None
        outcome = ProcessOutcome(
            kind=self._kind,
            exit_code=exit_code,
            report=self._report,
            message=message,
            cancelled=self._cancelled,
            lines=list(self._lines),
        )
        if proc is not None:
            proc.deleteLater()
        self.finished.emit(outcome)
        self.notifier.announce(outcome.changes())

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
