"""Screenshots of a postbox batch with hostile files, and of the review showing how a page
was turned, at 125% in Chinese and in English (docs/screenshots/postbox_hostile_*.png,
review_rotation_*.png; or into the folder given as the first argument).

The batch: two good letters (one scanned upside down), a pipe, a link to /dev/zero, a GIF
named .png, a JPEG header over random bytes, a PDF whose page tree loops, a file name that
is not UTF-8 and one with a control character. Real station, real tesseract (POSIX only).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_postbox_files.py [DIR]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import screenshot_postbox as base  # noqa: E402  (sets the key file and the platform)
from PySide6.QtWidgets import QApplication  # noqa: E402

from station_app.clock import FixedClock  # noqa: E402
from station_app.domain import Role  # noqa: E402
from station_app.postbox.collections import letters, open_collection  # noqa: E402
from station_app.services.operators import add_operator  # noqa: E402
from station_app.store import Station  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from tests.ocr import letters as rendered  # noqa: E402
from tests.postbox import hostile  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.theme import apply_font, apply_style  # noqa: E402


def batch(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    page = rendered.render_letter(width=base.WIDTH)
    page.save(folder / "letter-2.png")
    turned = rendered.render_letter(rendered.SECOND_TITLE, rendered.SECOND_BODY, width=base.WIDTH)
    rendered.turned(turned, 180).save(folder / "letter-10.png")
    hostile.make_specials(folder / "odd")
    (folder / "odd" / "photo.png").write_bytes(hostile.gif_bytes(page.resize((200, 280))))
    (folder / "odd" / "huge.jpg").write_bytes(hostile.lying_jpeg())
    (folder / "odd" / "loop.pdf").write_bytes(hostile.looping_pdf())
    odd = hostile.bytes_name(folder / "odd", b"\xb9\xd8\xd3\xda-gbk.png")
    Path(odd).write_bytes(b"not a scan")
    (folder / "odd" / "bell-\x07.png").write_bytes(b"")
    return [folder]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from ui.screens.postbox import PostboxScreen
    from ui.screens.review import ReviewDialog

    for lang in ("zh_CN", "en"):
        install_language(lang)
        translator = base.PendingTranslator(app) if lang == "zh_CN" else None
        if translator is not None:
            app.installTranslator(translator)
        with tempfile.TemporaryDirectory() as tmp:
            station = Station.open(
                Path(tmp) / "data", clock=FixedClock(base.NOW), key=os.urandom(32)
            )
            admin = set_up_test_station(station)
            scanner = add_operator(station, admin, "赵扫描", Role.SCANNER, "2580")
            info = open_collection(
                station,
                scanner,
                postbox_code="PB-01",
                opened_at=base.NOW - dt.timedelta(hours=1),
                witness="钱见证",
                letter_count=2,
            )
            ctx = AppContext(station, operator=scanner)
            apply_font(app, 1.25)
            apply_style(app)
            screen = PostboxScreen(ctx)
            screen.resize(1366, 728)
            screen.show()
            base.settle(app, lambda s=screen: s.loaded_once)
            panel = screen.imports
            panel.engine.setCurrentIndex(panel.engine.findData("tesseract"))
            panel.start_import(batch(Path(tmp) / "scans"))
            base.settle(app, lambda p=panel: not p.running, 180)
            base.settle(app, lambda s=screen: s.pages.prompt_line.isVisible(), 30)
            tag = "zh" if lang == "zh_CN" else "en"
            base.shoot(screen, out / f"postbox_hostile_{tag}_125.png")
            panel.lists.setCurrentIndex(1)  # the could-not-read list, with every reason
            base.settle(app)
            base.shoot(screen, out / f"postbox_failed_{tag}_125.png")

            screen.pages.one_letter_per_file()
            base.settle(app, lambda s=screen: s.pages.list.count() == 0, 30)
            base.settle(app, lambda s=screen: s.letter_table.rowCount() == 2)
            second = letters(station, scanner, info.id)[1]
            dialog = ReviewDialog(ctx, info.id, second.id)
            dialog.resize(1366, 728)
            dialog.show()
            review = dialog.review
            base.settle(app, lambda r=review: r.ready and r.viewer.has_image())
            base.shoot(dialog, out / f"review_rotation_{tag}_125.png")
            dialog.confirm_close = lambda: True
            dialog.reject()
            screen.shutdown()
            screen.close()
            base.settle(app)
            station.close()
        if translator is not None:
            app.removeTranslator(translator)


if __name__ == "__main__":
    main()
