"""Logging: rotating files in the data folder, with a last-line scrub of personal data.

Code never passes personal data to the log; the scrub is a second fence for text that comes
from elsewhere (exception messages, library output): phone numbers and ID numbers are masked
and runs of Chinese text dropped. Crash reports go through the same scrub and never include
local variables.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from station_app.atomic import FILE_MODE, POSIX, private_folder

_PATTERNS = [
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),  # mobile
    re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"),  # landline
    re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"),  # resident ID
]
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def scrub_identifiers(text: str) -> str:
    """Mask phone and ID numbers only (for free text that must stay readable)."""
    for pat in _PATTERNS:
        text = pat.sub("[redacted]", text)
    return text


def scrub(text: str) -> str:
    text = scrub_identifiers(text)
    # Chinese text in a log line can only have come from user input: drop it entirely
    return _CJK_RUN.sub("[text]", text)


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg = scrub(message)
        record.args = None
        return True


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files (the current one and each new one after a rotation) are
    owner-only on POSIX, whatever the umask."""

    def _open(self):  # type: ignore[no-untyped-def]  # noqa: ANN202
        stream = super()._open()
        if POSIX:
            os.chmod(self.baseFilename, FILE_MODE)
        return stream


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    private_folder(log_dir)
    handler = PrivateRotatingFileHandler(
        log_dir / "station.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ScrubFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_station", False)]:
        root.removeHandler(old)
    handler._station = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def crash_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """A crash report without personal data: the stack (file, line, function; never local
    variables) and the exception's message, scrubbed."""
    return scrub("".join(traceback.format_exception(kind, value, tb)))


def install_crash_logger() -> None:
    """Uncaught exceptions (main thread and others) go to the scrubbed log and a scrubbed
    line on stderr; never a plaintext dump, never local variables."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        report = crash_report(kind, value, tb)
        logging.getLogger("crash").error("uncaught %s\n%s", kind.__name__, report)
        print(report, file=sys.stderr)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
