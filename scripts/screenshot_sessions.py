"""Screenshots of the session entry mode and a questionnaire campaign's tally at 125%, the
whole main window offscreen on a 1366x768 screen (docs/screenshots/session_entry_125.png,
campaign_tally_125.png).

A session (议事会 on lift installation) with five speakers recorded and the sixth being typed;
a canteen questionnaire campaign with 37 paper questionnaires typed in.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_sessions.py
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshot_dashboard as base  # noqa: E402  (sets up offscreen Qt and a file keyring)
from PySide6.QtWidgets import QApplication  # noqa: E402

from station_app.clock import FixedClock  # noqa: E402
from station_app.services.hq_updates import apply_list  # noqa: E402
from station_app.services.questionnaires import QuestionnaireForm, record_response  # noqa: E402
from station_app.store import Station  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from tests.station_app.test_campaigns import campaign  # noqa: E402
from tests.station_app.test_questionnaires import QUESTIONS  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.theme import UiSettings, apply_font, apply_style  # noqa: E402

ROWS = [
    ("电梯审批", "希望加快加装电梯审批。", "", ""),
    ("电梯费用", "低层住户分摊要公平。", "王阿姨", "13812345678"),
    ("施工噪音", "施工时间避开午休。", "", ""),
    ("电梯维保", "装好后谁来维保要讲清楚。", "", ""),
    ("进度公示", "在楼道张贴施工进度。", "赵大爷", "13912345678"),
]


def wait(app: QApplication, until) -> None:  # noqa: ANN001
    for _ in range(100000):
        if until():
            break
        app.processEvents()
    for _ in range(30):
        app.processEvents()


def _render(pdf_path: Path, png: Path) -> None:
    pdf = base.pdfium.PdfDocument(str(pdf_path))
    pdf[0].render(scale=1.0).to_pil().save(str(png))
    print(png.name, len(pdf), "page(s)")
    pdf.close()


def main() -> None:
    app = QApplication(base.app_args())
    install_language("zh_CN")
    app.installTranslator(base.PendingTranslator())
    apply_font(app, 1.25)
    apply_style(app)
    out = base.ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(base.TODAY)
        station = Station.open(Path(tmp) / "data", clock=clock)
        admin = set_up_test_station(station)
        apply_list(
            station, "campaigns", 1, [campaign("Q1", title="社区长者食堂问卷", questions=QUESTIONS)]
        )
        rng = random.Random(7)
        for _ in range(37):
            answers = {
                "where": rng.choice(["家里", "家里", "社区食堂", "社区食堂", "社区食堂", "外卖"]),
                "want": rng.sample(["送餐上门", "老人优惠", "延长时间"], rng.randint(0, 2)),
                "score": rng.choice([2, 3, 3, 4, 4, 4, 5]),
            }
            if rng.random() < 0.2:
                answers["say"] = rng.choice(["菜太咸", "希望有早饭", "周末也开"])
            record_response(station, admin, QuestionnaireForm("Q1", answers, "paper"))
        window = MainWindow(AppContext(station, operator=admin), UiSettings(), "长寿路工作站")
        window.show()
        window.show_page(window._lazy_index["sessions"])
        s = window.sessions_screen
        wait(app, lambda: s.ready)
        s.topic.setText("老旧小区加装电梯议事会")
        s.place.setText("长寿路街道社区活动中心")
        s.host.setText("李主任")
        s.attendees.setText("23")
        s.officials.setText("区建管委 王科长、街道 张书记")
        s.start()
        wait(app, lambda: s.session is not None)
        for title, content, name, phone in ROWS:
            s.category.setCurrentIndex(max(s.category.findData("ELV"), 1))
            s.title.setText(title)
            s.content.setText(content)
            s.name.setText(name)
            s.phone.setText(phone)
            s.consent.setChecked(bool(name))
            before = s.table.rowCount()
            s.save_row()
            wait(app, lambda before=before: s.table.rowCount() > before)
        s.category.setCurrentIndex(max(s.category.findData("ELV"), 1))
        s.title.setText("老人出行")
        s.content.setText("施工期间请安排志愿者帮老人上下楼。")
        s.name.setFocus()
        wait(app, lambda: True)
        window.grab().save(str(out / "session_entry_125.png"))
        print("session_entry_125.png", window.width(), window.height())
        pdf_path = Path(tmp) / "receipts.pdf"
        s.paper.export_pdf(pdf_path)
        _render(pdf_path, out / "session_receipts_pdf.png")

        window.show_page(window._lazy_index["campaigns"])
        page = window.campaigns_screen
        tally = page.questionnaire_box.tally
        wait(app, lambda: tally.result is not None)
        detail = page.splitter.widget(1)
        detail.verticalScrollBar().setValue(page.questionnaire_box.y())  # the tally in sight
        wait(app, lambda: True)
        window.grab().save(str(out / "campaign_tally_125.png"))
        print("campaign_tally_125.png", window.width(), window.height())
        pdf_path = Path(tmp) / "questionnaire.pdf"
        page.questionnaire_box.export_pdf(pdf_path)
        _render(pdf_path, out / "questionnaire_pdf.png")
        window._shutdown_screens()
        window.close()
        station.close()


if __name__ == "__main__":
    main()
