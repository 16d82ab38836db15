"""Screenshots of the dashboard (docs/screenshots/dashboard.png, dashboard_125.png) and the
first page of its monthly report PDF (docs/screenshots/report_pdf.png), offscreen.

A station with a year of suggestions (more each month, some by postbox, two HQ campaigns),
HQ's answers on the older ones, replies told on time, late and not yet, and a postbox opened
yesterday with letters still to deal with; the station's clock stands at 2026-11-25.
UI strings not yet in the committed .qm are taken from resources/translations/pending/*.json,
so the pictures show the Chinese the app will show once they are merged.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_dashboard.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pypdfium2 as pdfium  # noqa: E402
import shot_env  # noqa: E402, F401  (offscreen Qt, the repo on sys.path, a file keyring)
from PySide6.QtCore import QCoreApplication, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_env import ROOT, app_args  # noqa: E402, F401  (app_args: the other scripts' base.app_args)

from station_app.clock import CHINA_TZ, FixedClock  # noqa: E402
from station_app.demo import bulk_record, generate_forms  # noqa: E402
from station_app.domain import Channel  # noqa: E402
from station_app.followup.worklist import record_contact  # noqa: E402
from station_app.postbox.collections import (  # noqa: E402
    letters,
    mark_not_suggestion,
    open_collection,
)
from station_app.services.hq_updates import apply_changes, apply_list  # noqa: E402
from station_app.store import Station  # noqa: E402
from station_app.store.models import Operator  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.printing.report_pdf import export_report_pdf  # noqa: E402
from ui.screens.dashboard import DashboardScreen  # noqa: E402
from ui.theme import apply_font, apply_style  # noqa: E402

TODAY = dt.datetime(2026, 11, 25, 9, 30, tzinfo=CHINA_TZ)
# suggestions received per month, December 2025 .. November 2026 (November up to the 25th)
PER_MONTH = [14, 11, 17, 21, 19, 24, 27, 23, 31, 38, 44, 36]
CAMPAIGNS = [
    ("ZJ-2026-ELV", "老旧小区加装电梯金点子", "ELV"),
    ("ZJ-2026-WST", "垃圾分类好点子征集", "WST"),
]


class PendingTranslator(QTranslator):
    """Chinese from the pending JSON files, for strings the committed .qm does not hold."""

    def __init__(self) -> None:
        super().__init__()
        self.table: dict[str, str] = {}
        for f in sorted((ROOT / "resources" / "translations" / "pending").glob("*.json")):
            self.table.update(json.loads(f.read_text(encoding="utf-8")))

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.table.get(source)  # None (a null string) lets Qt ask the next one

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def _months() -> list[tuple[int, int]]:
    return [(2025, 12)] + [(2026, m) for m in range(1, 12)]


def seed(station: Station, admin: Operator, clock: FixedClock) -> None:
    rng = random.Random(11)
    apply_list(
        station,
        "campaigns",
        1,
        [
            {"code": c, "title": t, "starts_on": "2026-09-01", "ends_on": "2026-12-31"}
            for c, t, _cat in CAMPAIGNS
        ],
    )
    forms = iter(generate_forms(sum(PER_MONTH), seed=7))
    made = []
    for (year, month), count in zip(_months(), PER_MONTH, strict=True):
        last = 25 if (year, month) == (2026, 11) else 28
        for _ in range(count):
            form = next(forms)
            day = dt.datetime(year, month, rng.randint(1, last), rng.randint(8, 17), 0)
            channel = Channel.POSTBOX if rng.random() < 0.18 else form.channel
            campaign = ""
            if (year, month) >= (2026, 9):
                campaign = next((c for c, _t, cat in CAMPAIGNS if cat == form.category_code), "")
            made.append(
                dataclasses.replace(
                    form,
                    channel=channel,
                    campaign_code=campaign,
                    received_at=day.replace(tzinfo=CHINA_TZ).isoformat(),
                )
            )
    bulk_record(station, admin, made)
    with station.db.read() as s:
        rows = (
            s.connection()
            .exec_driver_sql("SELECT id, uuid, received_at FROM suggestion ORDER BY received_at")
            .all()
        )
    # HQ has taken everything older than the last fortnight; some are being handled
    events = []
    for n, (_id, uuid, received) in enumerate(rows):
        if received >= "2026-11-11":
            continue
        status = rng.choice(["accepted"] * 4 + ["forwarded", "in_progress", "not_accepted"])
        events.append({"event_id": f"s{n}", "uuid": uuid, "kind": "status", "status": status,
                       "hq_id": f"HQ-{n}", "at": "2026-11-12T09:00:00+08:00"})  # fmt: skip
    clock.set(dt.datetime(2026, 11, 12, 9, 0, tzinfo=CHINA_TZ))
    apply_changes(station, events, "c-status")
    # HQ's replies, due in November: told on time, told late, overdue, due soon, later
    older = [r for r in rows if r[2] < "2026-10-15"]
    wanted = _wanting_feedback(station, [r[0] for r in older])[:16]
    dues = ["2026-11-16"] * 7 + ["2026-11-18"] * 3 + ["2026-11-20"] * 2 + ["2026-11-26"] * 2
    dues += ["2026-12-08"] * (len(wanted) - len(dues))
    replies = [
        {
            "event_id": f"r{n}",
            "uuid": uuid,
            "kind": "reply",
            "hq_id": f"HQ-R{n}",
            "reply_text": "已转交街道，相关部门正在办理。",
            "due_date": due,
        }  # fmt: skip
        for n, ((_sid, uuid), due) in enumerate(zip(wanted, dues, strict=False))
    ]
    apply_changes(station, replies, "c-replies")
    for n, (sid, _uuid) in enumerate(wanted[:10]):
        told = dt.date(2026, 11, 13 + n % 3) if n < 8 else dt.date(2026, 11, 20)
        clock.set(dt.datetime.combine(told, dt.time(15, 0), CHINA_TZ))
        record_contact(station, admin, sid, method="phone", at=told,
                       satisfaction="satisfied", reached=True)  # fmt: skip
    clock.set(dt.datetime(2026, 11, 24, 16, 30, tzinfo=CHINA_TZ))
    opened = open_collection(station, admin, postbox_code="HY-017", witness="赵居委",
                             opened_at=dt.datetime(2026, 11, 24, 16, 0, tzinfo=CHINA_TZ),
                             letter_count=7)  # fmt: skip
    for letter in letters(station, admin, opened.id)[:2]:
        mark_not_suggestion(station, admin, letter.id, "blank")
    clock.set(TODAY)


def _wanting_feedback(station: Station, ids: list[int]) -> list[tuple[int, str]]:
    marks = ",".join("?" * len(ids))
    with station.db.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT s.id, s.uuid FROM suggestion s JOIN suggester p ON p.id = s.suggester_id "
            f"WHERE p.wants_feedback AND s.id IN ({marks}) ORDER BY s.id",
            tuple(ids),
        )
        return [(r[0], r[1]) for r in rows]


def main() -> None:
    app = QApplication(app_args())
    install_language("zh_CN")
    pending = PendingTranslator()
    QCoreApplication.installTranslator(pending)
    out = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(TODAY)
        station = Station.open(Path(tmp) / "data", clock=clock)
        admin = set_up_test_station(station)
        seed(station, admin, clock)
        for scale, name in ((1.0, "dashboard.png"), (1.25, "dashboard_125.png")):
            apply_font(app, scale)
            apply_style(app)
            screen = DashboardScreen(AppContext(station, operator=admin))
            screen.resize(1180, 860)
            screen.show()
            while screen.data is None:
                app.processEvents()
            for _ in range(20):
                app.processEvents()
            screen.grab().save(str(out / name))
            screen.close()
        pdf_path = Path(tmp) / "report.pdf"
        export_report_pdf(station, admin, 2026, 11, pdf_path)
        pdf = pdfium.PdfDocument(str(pdf_path))
        pdf[0].render(scale=1.5).to_pil().save(str(out / "report_pdf.png"))
        print(f"report: {len(pdf)} pages")
        pdf.close()
        station.close()


if __name__ == "__main__":
    main()
