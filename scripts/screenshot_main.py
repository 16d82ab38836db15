"""Screenshots of the whole main window as an administrator sees it (docs/screenshots/
main_window.png, main_window_125.png, main_window_dashboard_125.png), offscreen.

The station of scripts/screenshot_dashboard.py (a year of suggestions, HQ replies to pass on,
one overdue): the entry page with the navigation and the overdue banner, at 100% and 125%.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_main.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshot_dashboard as base  # noqa: E402  (sets up offscreen Qt and a file keyring)
from PySide6.QtWidgets import QApplication  # noqa: E402

from station_app.clock import FixedClock  # noqa: E402
from station_app.store import Station  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.theme import UiSettings, apply_font, apply_style  # noqa: E402


def settle(app: QApplication, window: MainWindow) -> None:
    while window.due_counts is None or window.dashboard.data is None:
        app.processEvents()
    for _ in range(30):
        app.processEvents()


def main() -> None:
    app = QApplication(base.app_args())
    install_language("zh_CN")
    out = base.ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(base.TODAY)
        station = Station.open(Path(tmp) / "data", clock=clock)
        admin = set_up_test_station(station)
        base.seed(station, admin, clock)
        shots = ((1.0, "main_window.png", 0), (1.25, "main_window_125.png", 0))
        for scale, name, page in (*shots, (1.25, "main_window_dashboard_125.png", -1)):
            apply_font(app, scale)
            apply_style(app)
            window = MainWindow(AppContext(station, operator=admin), UiSettings(), "长寿路工作站")
            window.show()
            window.show_page(window._lazy_index["dashboard"] if page < 0 else page)
            settle(app, window)
            window.grab().save(str(out / name))
            print(name, window.width(), window.height())
            window._shutdown_screens()
            window.close()
        station.close()


if __name__ == "__main__":
    main()
