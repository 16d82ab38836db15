"""Screenshots of the sync page (docs/screenshots/sync.png, sync_125.png), offscreen.

A real station enrolled with a real reference HQ on loopback: some sent, some waiting, and a
last error, as a station would see after a bad network morning.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_sync.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import shot_env  # noqa: E402, F401  (offscreen Qt, the repo on sys.path, a file keyring)
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_env import ROOT  # noqa: E402

from station_app.paths import DataDir  # noqa: E402
from station_app.security.keys import ensure_key  # noqa: E402
from station_app.services import hq_link  # noqa: E402
from sync.client.engine import sync_now  # noqa: E402
from sync.server.testing import start_hq_server  # noqa: E402
from tests.sync.client.conftest import StationUnderTest  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.screens.sync_page import SyncScreen  # noqa: E402
from ui.theme import apply_font, apply_style  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv)
    install_language("zh_CN")
    out = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp, start_hq_server(Path(tmp) / "hq") as hq:
        root = Path(tmp) / "station"
        sut = StationUnderTest(root, key=ensure_key(DataDir(root)))
        sut.enrol(hq)
        sut.record(120)
        sync_now(sut.station)
        sut.record(7)
        hq_link.record_sync_error(sut.station, "sync.error.tls", detail="certificate expired")
        for scale, name in ((1.0, "sync.png"), (1.25, "sync_125.png")):
            apply_font(app, scale)
            apply_style(app)
            screen = SyncScreen(AppContext(sut.station, operator=sut.admin))
            screen.resize(900, 620)
            screen.show()
            while screen.status is None:
                app.processEvents()
            for _ in range(20):
                app.processEvents()
            screen.grab().save(str(out / name))
            screen.shutdown()
            screen.close()
        sut.close()


if __name__ == "__main__":
    main()
