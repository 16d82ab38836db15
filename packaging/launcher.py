"""Entry point of the frozen app (PyInstaller): the same `station-app` command as the
source install. freeze_support() lets the OCR pool's spawned workers (which re-run this
executable) start as workers instead of as a second app."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from station_app.cli import main

    sys.exit(main())
