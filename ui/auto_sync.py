"""The app's own sync timer: every N minutes (the station's setting, 15 by default) while the
main window is open, whether or not the sync page was ever opened.

Owned by the main window, beside the one `StationCommand` that the sync page shares, so a
timer's sync and a click never run two children at once. Each wait is moved at random so a
city's stations do not reach HQ in the same second. The interval is read again when an
operation announces `Change.SETTINGS` (an admin saved a new one on the sync page).
"""

from __future__ import annotations

import logging
import random

from PySide6.QtCore import QObject, QTimer

from station_app.services import hq_link, outbox
from ui.context import AppContext, Change
from ui.ops import QueryOp
from ui.sync_process import StationCommand

log = logging.getLogger(__name__)
FIRST_AUTO_SYNC_MS = 60_000  # the first automatic sync, a minute after the window opens
# A city's stations must not all reach HQ in the same second: every wait of the timer is
# moved by a random amount, up to this share of the interval (at most two minutes) either way.
AUTO_SYNC_SPREAD = 0.1
AUTO_SYNC_SPREAD_MAX_MS = 120_000


def auto_sync_delay_ms(minutes: int, first: bool, rng: random.Random | None = None) -> int:
    """Milliseconds until the next automatic sync: the interval (or the first minute after
    the window opens) moved at random so that stations spread out around it."""
    base = FIRST_AUTO_SYNC_MS if first else minutes * 60_000
    spread = int(min(AUTO_SYNC_SPREAD_MAX_MS, base * AUTO_SYNC_SPREAD))
    return max(0, base + (rng or random).randint(-spread, spread))


class AutoSync(QObject):
    """Starts `command.start_sync(auto=True)` on a timer, when the station is enrolled."""

    def __init__(self, ctx: AppContext, command: StationCommand, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.command = command
        self.minutes = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._due)
        ctx.notifier.subscribe(self, Change.SETTINGS, self._load_interval)
        self._load_interval(first=True)

    def _load_interval(self, first: bool = False) -> None:
        station = self.ctx.station

        def loaded(minutes: int) -> None:
            self.minutes = minutes
            self._arm(first=first)

        QueryOp(self, op=lambda: outbox.auto_sync_minutes(station), success=loaded).failure(
            lambda exc: log.warning("auto-sync interval not read: %s", type(exc).__name__)
        ).run_in_background()

    def _arm(self, first: bool = False) -> None:
        if self.minutes <= 0:
            self.timer.stop()
            return
        self.timer.start(auto_sync_delay_ms(self.minutes, first))

    def _due(self) -> None:
        station = self.ctx.station

        def enrolled(url: str | None) -> None:
            if url and not self.command.is_running():
                self.command.start_sync(auto=True)
            self._arm()

        def failed(exc: BaseException) -> None:
            log.warning("auto-sync: enrolment not read: %s", type(exc).__name__)
            self._arm()

        QueryOp(self, op=lambda: hq_link.hq_settings(station).url, success=enrolled).failure(
            failed
        ).run_in_background()

    def stop(self) -> None:
        self.timer.stop()
