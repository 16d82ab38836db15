"""Child process for the marker test: records suggestions with markers, then either loops
until SIGKILLed mid-write ("kill") or raises an uncaught exception carrying them ("raise")."""

from __future__ import annotations

import sys
from pathlib import Path

from station_app.logs import install_crash_logger, setup_logging
from station_app.paths import DataDir
from station_app.security.keys import ensure_key
from station_app.services.common import first_admin
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from tests.security.helpers import MARK_ADDRESS, MARK_NAME, MARK_PHONE, form


def main() -> None:
    data = DataDir(Path(sys.argv[1]))
    setup_logging(data.logs)
    install_crash_logger()
    station = Station.open(data.root, key=ensure_key(data))
    with station.db.read() as s:
        admin = first_admin(s)
    if sys.argv[2] == "kill":
        i = 0
        while True:
            record_suggestion(station, admin, form(title=f"停车难的建议{i}"))
            i += 1
            if i == 3:
                print("ready", flush=True)
    record_suggestion(station, admin, form())
    raise RuntimeError(f"boom while saving {MARK_NAME} {MARK_PHONE} {MARK_ADDRESS}")


if __name__ == "__main__":
    main()
