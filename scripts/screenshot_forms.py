"""Screenshots of the paper forms (docs/screenshots/): the blank A4 and A5 forms as printed
(the PDF of `station-app forms print`, rendered with pypdfium2), the blank-forms dialog, and
the review of a filled, photocopied, turned form read by RapidOCR, at 125% text size.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_forms.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pypdfium2 as pdfium  # noqa: E402
import shot_env  # noqa: E402, F401  (offscreen Qt, the repo on sys.path, a file keyring)
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_env import ROOT  # noqa: E402

from scripts.screenshot_postbox import NOW, PendingTranslator, settle, shoot  # noqa: E402
from station_app.clock import FixedClock  # noqa: E402
from station_app.domain import Role  # noqa: E402
from station_app.postbox.collections import letters, open_collection  # noqa: E402
from station_app.postbox.form_printing import write_forms_pdf  # noqa: E402
from station_app.postbox.imports import ScanImport, assign_pages, unassigned_pages  # noqa: E402
from station_app.services.operators import add_operator  # noqa: E402
from station_app.store import Station  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from tests.forms.filled import FormSpec, render_filled  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.theme import apply_font, apply_style  # noqa: E402


def pdf_png(pdf: Path, png: Path, width: int = 1240) -> None:
    page = pdfium.PdfDocument(str(pdf))[0]
    page.render(scale=width / page.get_width()).to_pil().save(png)
    print(png)


def main() -> None:
    import faulthandler

    faulthandler.dump_traceback_later(900, exit=True)  # a stuck run says where, then ends
    out = ROOT / "docs" / "screenshots"
    app = QApplication(sys.argv)
    install_language("zh_CN")
    app.installTranslator(PendingTranslator(app))
    from ui.printing.blank_forms import BlankFormsDialog
    from ui.screens.review import ReviewDialog

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        station = Station.open(root / "data", clock=FixedClock(NOW), key=os.urandom(32))
        admin = set_up_test_station(station)
        scanner = add_operator(station, admin, "赵扫描", Role.SCANNER, "2580")
        for paper in ("A4", "A5"):
            pdf = root / f"forms-{paper}.pdf"
            write_forms_pdf(station, scanner, pdf, paper, 2)
            pdf_png(pdf, out / f"form_blank_{paper.lower()}.png")
        # a form filled in, photocopied, skewed and turned, as it comes out of the postbox
        sheet_serial = 1  # printed above: the first A4 form
        filled = render_filled(
            FormSpec("shot", sheet_serial, paper="A4", dpi=200, turn=90, skew=-2.5, photocopy=True)
        )
        scans = root / "scans"
        scans.mkdir()
        (scans / f"扫描0001{filled.suffix}").write_bytes(filled.data)
        collection = open_collection(
            station,
            scanner,
            postbox_code="PB-01",
            opened_at=NOW - dt.timedelta(hours=1),
            witness="钱见证",
            letter_count=1,
        )
        ScanImport(station, scanner, [scans], collection_id=collection.id, engine="rapidocr").run()
        [page] = unassigned_pages(station, scanner, collection.id)
        [letter] = letters(station, scanner, collection.id)
        assign_pages(station, scanner, letter.id, [page.page_id])

        ctx = AppContext(station, operator=scanner)
        apply_font(app, 1.25)
        apply_style(app)
        dialog = BlankFormsDialog(ctx)
        dialog.show()
        settle(app)
        shoot(dialog, out / "forms_dialog_125.png")
        dialog.close()
        review_dialog = ReviewDialog(ctx, collection.id, letter.id)
        review_dialog.resize(1366, 768)
        review_dialog.show()
        review = review_dialog.review
        settle(app, lambda: review.ready and review.viewer.has_image())
        review.scroll.ensureWidgetVisible(review.form_box)
        settle(app)
        shoot(review_dialog, out / "review_form_125.png")
        review_dialog.close_when_done = False
        review_dialog.confirm_close = lambda: True
        review_dialog.reject()
        settle(app)
        station.close()


if __name__ == "__main__":
    main()
