"""Screenshots of what a volunteer walks through at 125% text, in Chinese and English: the
suggestion list (searched by a receipt's last digits), the detail dialog with its actions, the
receipt dialog, the worklist and the dashboard; and the entry form at 150% in Chinese. Each
is also checked as the fit test checks it (within 1366x728, nothing cut) and the problems
printed.

The station of scripts/screenshot_dashboard.py (a year of suggestions, replies to pass on).
Run on a 1366x768 display (e.g. Xvfb), or offscreen:
    DISPLAY=:93 .venv/bin/python scripts/screenshot_walk.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshot_dashboard as base  # noqa: E402  (offscreen unless DISPLAY, file keyring)
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from station_app.clock import FixedClock  # noqa: E402
from station_app.store import Station  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from tests.ui.fit_check import fit_problems, settle  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import ENTRY, LIST, TO_INFORM, MainWindow  # noqa: E402
from ui.theme import UiSettings, apply_font, apply_style  # noqa: E402


def wait(app: QApplication, until: Callable[[], object], rounds: int = 20) -> None:
    while not until():
        app.processEvents()
    for _ in range(rounds):
        app.processEvents()


def shoot(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / name))
    problems = fit_problems(widget, name)
    print(name, f"{widget.width()}x{widget.height()}", "; ".join(problems) or "fits")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else base.ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(base.app_args())
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(base.TODAY)
        station = Station.open(Path(tmp) / "data", clock=clock)
        admin = set_up_test_station(station)
        base.seed(station, admin, clock)
        ctx = AppContext(station, operator=admin)
        for lang, scale, tag in (("zh_CN", 1.25, "zh_125"), ("en", 1.25, "en_125")):
            install_language(lang)
            apply_font(app, scale)
            apply_style(app)
            w = MainWindow(ctx, UiSettings(language=lang, font_scale=scale), "长寿路工作站")
            w.show()
            wait(app, lambda w=w: w.dashboard.data is not None and w.due_counts is not None)
            w.show_page(LIST)
            w.list_screen.search.setText("0003")
            w.list_screen.apply_search()
            wait(app, lambda w=w: not w.list_screen.model.is_loading)
            shoot(w, out, f"walk_list_{tag}.png")
            w.list_screen.open_detail(w.list_screen.model.suggestion_id(0) or 1)
            detail = w.list_screen.detail_dialog
            assert detail is not None
            wait(app, lambda d=detail: d.detail is not None)
            shoot(detail, out, f"walk_detail_{tag}.png")
            detail.reprint()
            wait(app, lambda d=detail: d.action_dialog is not None)
            assert detail.action_dialog is not None
            shoot(detail.action_dialog, out, f"walk_receipt_{tag}.png")
            detail.action_dialog.close()
            detail.close()
            w.show_page(TO_INFORM)
            wait(app, lambda: True)
            shoot(w, out, f"walk_worklist_{tag}.png")
            w.show_page(w.stack.indexOf(w.dashboard))
            wait(app, lambda: True)
            shoot(w, out, f"walk_dashboard_{tag}.png")
            w._shutdown_screens()
            w.close()
        install_language("zh_CN")
        apply_font(app, 1.5)
        w = MainWindow(ctx, UiSettings(font_scale=1.5), "长寿路工作站")
        w.show()
        w.show_page(ENTRY)
        wait(app, lambda: w.entry.ready)
        settle()
        shoot(w, out, "walk_entry_zh_150.png")
        w._shutdown_screens()
        w.close()
        station.close()


if __name__ == "__main__":
    main()
