"""What `station-app sync` and `enrol` tell the process that started them.

The app runs sync as a child process (ui/sync_process.py) and the OS scheduler runs the same
command; both read the exit code, and the app reads the JSON lines on standard output. The
contract is written here once, in station_app, so that sync/client (which writes it) and ui
(which reads it) share it without importing each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

EXIT_DONE = 0
EXIT_RETRY_LATER = 1  # HQ unreachable or something refused; the next run tries again
EXIT_NEEDS_ADMIN = 4  # not enrolled, HQ refused the token, a setting is wrong
EXIT_BUSY = 75  # another sync of this station is running (EX_TEMPFAIL); skipped


@dataclass(frozen=True)
class Progress:
    """One progress line: phase ("send" | "receive"), items done, items in all."""

    phase: str
    done: int
    total: int

    def to_line(self) -> str:
        return json.dumps(
            {"progress": {"phase": self.phase, "done": self.done, "total": self.total}}
        )


def parse_line(line: str) -> Progress | dict[str, Any] | None:
    """A line the child printed: a Progress, the final report (a JSON object), or None for
    anything else (plain text, which the caller keeps as a message)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    p = data.get("progress")
    if isinstance(p, dict):
        try:
            return Progress(str(p.get("phase", "")), int(p.get("done", 0)), int(p.get("total", 0)))
        except (TypeError, ValueError):
            return None
    return data
