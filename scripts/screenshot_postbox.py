"""Screenshots of the postbox screen and the review of a letter (docs/screenshots/postbox.png,
postbox_125.png, review.png, review_125.png), offscreen, in Chinese, as a scanner sees them.

A real encrypted station with an older closed collection and today's collection: rendered
Chinese letters read by real tesseract; one letter has a smudged line (the doubtful words
are marked yellow in the review) and one file is empty (it shows in "could not read").
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_postbox.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import shot_env  # noqa: E402, F401  (offscreen Qt, the repo on sys.path, a file keyring)
from PIL import Image, ImageFilter  # noqa: E402
from PySide6.QtCore import QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from shot_env import ROOT  # noqa: E402

from station_app.clock import CHINA_TZ, FixedClock  # noqa: E402
from station_app.domain import Role  # noqa: E402
from station_app.postbox.collections import (  # noqa: E402
    close_collection,
    letters,
    mark_not_suggestion,
    open_collection,
)
from station_app.postbox.imports import ScanImport, assign_pages, unassigned_pages  # noqa: E402
from station_app.postbox.review import confirm_letter, review_item  # noqa: E402
from station_app.services.forms import SuggesterForm, SuggestionForm  # noqa: E402
from station_app.services.operators import add_operator  # noqa: E402
from station_app.store import Station  # noqa: E402
from station_app.store.models import Operator  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from tests.ocr import letters as rendered  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.theme import apply_font, apply_style  # noqa: E402

NOW = dt.datetime(2026, 11, 25, 10, 40, tzinfo=CHINA_TZ)
WIDTH = 1000  # the letters' pixel width (A4 proportions)

SMUDGED_TITLE = "关于楼道堆放杂物的建议"
SMUDGED_BODY = [
    "尊敬的工作站同志：",
    "我家住在长寿路街道，楼道里堆满了纸箱和旧家具，",
    "有的已经堆了半年多，晚上看不清容易绊倒，",
    "也有火灾隐患。建议居委会组织清理，定期检查。",
    "联系人：王建国，电话：13917654321",
    "地址：上海市普陀区长寿路365弄7号201室",
    "2026年11月20日",
]
OTHER_LETTERS = [
    ("关于路灯维修的建议", ["小区门口的路灯坏了两个月，", "晚上出行很不方便。", "2026年11月8日"]),
    (rendered.SECOND_TITLE, rendered.SECOND_BODY),
    (
        "关于垃圾分类的建议",
        ["希望增加一个湿垃圾投放点，", "方便老年人就近投放。", "2026年11月9日"],
    ),
]


# Qt's own classes are left alone: answering for them (even "") made the page decoding on
# a worker thread fail in this script
QT_CONTEXTS = {"QImageReader", "QImageIOHandler", "QPngHandler", "QFileDialog"}


class PendingTranslator(QTranslator):
    """The Chinese in resources/translations/pending/*.json (not yet merged into the .qm by
    scripts/fill_translations.py), so the screenshots show what the app will."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.table: dict[str, str] = {}
        folder = ROOT / "resources" / "translations" / "pending"
        for f in sorted(folder.glob("*.json"), key=lambda f: f.name == "postbox_ui.json"):
            self.table.update(json.loads(f.read_text(encoding="utf-8")))

    def translate(  # noqa: N802
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null string) lets the next translator answer; "" would be a translation
        return self.table.get(source) if context not in QT_CONTEXTS else None

    def isEmpty(self) -> bool:  # noqa: N802
        return not self.table


def smudged(page: Image.Image, line: int) -> Image.Image:
    """One body line blurred as if by a drop of water (as tests/postbox/test_review.py)."""
    scale = page.width / 1000
    top = round((80 + 70 + line * 50) * scale) - 4
    box = (0, top, page.width, top + round(44 * scale))
    page = page.copy()
    page.paste(page.crop(box).filter(ImageFilter.GaussianBlur(2.8)), box)
    return page


def write_letters(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    page = smudged(rendered.render_letter(SMUDGED_TITLE, SMUDGED_BODY, width=WIDTH), 2)
    out["smudged"] = folder / "扫描0002.png"
    page.save(out["smudged"])
    out["parking"] = folder / "扫描0001.png"
    rendered.render_letter(width=WIDTH).save(out["parking"])
    for i, (title, body) in enumerate(OTHER_LETTERS, 5):
        out[f"other{i}"] = folder / f"扫描000{i}.png"
        rendered.render_letter(title, body, width=WIDTH).save(out[f"other{i}"])
    out["empty"] = folder / "扫描0009.png"
    out["empty"].write_bytes(b"")
    return out


def make_station(root: Path) -> tuple[Station, Operator, dict[str, Path], int, int]:
    """The station, the scanner, the letter files, today's collection and its letter to
    review."""
    station = Station.open(root / "data", clock=FixedClock(NOW), key=os.urandom(32))
    admin = set_up_test_station(station)
    scanner = add_operator(station, admin, "赵扫描", Role.SCANNER, "2580")
    files = write_letters(root / "scans")

    # last week's collection: decided and closed
    old = open_collection(
        station,
        scanner,
        postbox_code="PB-02",
        opened_at=NOW - dt.timedelta(days=7, hours=1),
        witness="孙居委",
        letter_count=1,
    )
    [first] = letters(station, scanner, old.id)
    mark_not_suggestion(station, scanner, first.id, "blank")
    close_collection(station, scanner, old.id)

    # today's: five letters, two read so far; one recorded, one to review, one not one
    today = open_collection(
        station,
        scanner,
        postbox_code="PB-01",
        opened_at=NOW - dt.timedelta(hours=1, minutes=10),
        witness="钱见证",
        letter_count=5,
    )
    ScanImport(
        station,
        scanner,
        [files["parking"], files["smudged"]],
        collection_id=today.id,
        engine="tesseract",
    ).run()
    pages = {p.file_name: p.page_id for p in unassigned_pages(station, scanner, today.id)}
    one, two, three, *_ = letters(station, scanner, today.id)
    assign_pages(station, scanner, one.id, [pages[files["parking"].name]])
    assign_pages(station, scanner, two.id, [pages[files["smudged"].name]])
    item = review_item(station, scanner, one.id)
    confirm_letter(
        station,
        scanner,
        one.id,
        SuggestionForm(
            category_code="OTH",
            title="小区停车难",
            content=item.text,
            location="长寿路123弄",
            suggester=SuggesterForm(
                name=item.proposed.get("name", ""),
                phone=item.proposed.get("phone", ""),
                address=item.proposed.get("address", ""),
                consent_given=True,
            ),
        ),
    )
    mark_not_suggestion(station, scanner, three.id, "other", "广告传单")
    return station, scanner, files, today.id, two.id


def settle(app: QApplication, until: object = None, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is None or until():  # type: ignore[operator]
            break
        time.sleep(0.02)
    for _ in range(30):
        app.processEvents()
        time.sleep(0.01)


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> None:
    app = QApplication(sys.argv)
    install_language("zh_CN")
    app.installTranslator(PendingTranslator(app))
    out = ROOT / "docs" / "screenshots"
    from ui.screens.postbox import PostboxScreen
    from ui.screens.review import ReviewDialog

    with tempfile.TemporaryDirectory() as tmp:
        station, scanner, files, cid, review_id = make_station(Path(tmp))
        ctx = AppContext(station, operator=scanner)
        for scale, suffix in ((1.0, ""), (1.25, "_125")):
            apply_font(app, scale)
            apply_style(app)
            screen = PostboxScreen(ctx)
            screen.resize(1280, 800)
            screen.show()
            settle(app, lambda s=screen: s.loaded_once)
            panel = screen.imports
            panel.engine.setCurrentIndex(panel.engine.findData("tesseract"))
            # this morning's last batch: one letter read, one empty file kept aside
            if scale == 1.0:
                panel.start_import([files["other5"], files["empty"]])
                settle(app, lambda p=panel: not p.running, 120)
            settle(app, lambda s=screen: s.letter_table.rowCount() == 5)
            screen.select_letter(2)
            settle(app)
            shoot(screen, out / f"postbox{suffix}.png")

            dialog = ReviewDialog(ctx, cid, review_id)
            dialog.resize(1280, 820)
            dialog.show()
            review = dialog.review
            settle(app, lambda r=review: r.ready and r.viewer.has_image())
            shoot(dialog, out / f"review{suffix}.png")
            dialog.close_when_done = False
            dialog.confirm_close = lambda: True
            dialog.reject()
            screen.shutdown()
            screen.close()
            settle(app)
        station.close()


if __name__ == "__main__":
    main()
