"""Screenshots of the "to inform" worklist and a printed reply letter, offscreen:
docs/screenshots/worklist.png, worklist_125.png and reply_letter.png (first page of the
exported PDF, rendered with pypdfium2).

A real station enrolled with the reference HQ on loopback; HQ's replies arrive through the
real change feed (sync). The clock is fixed at Wednesday 25 November 2026 so that one item is
overdue (HQ set 24 November), one due soon (HQ set 26 November), one within the station's
five working days, and one has had a try that did not reach the person.

The new screen's strings are not in station_zh_CN.qm until the lead merges the pending
translations, so this script compiles a throwaway .qm for ui/screens/worklist.py and
ui/printing/reply_letter.py from resources/translations/pending/*.json and installs it on top.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_worklist.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pypdfium2 as pdfium  # noqa: E402
import shot_env  # noqa: E402, F401  (offscreen Qt, the repo on sys.path, a file keyring)
from PySide6.QtCore import QCoreApplication, QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shot_env import ROOT  # noqa: E402

from station_app.clock import CHINA_TZ, FixedClock  # noqa: E402
from station_app.domain import Role  # noqa: E402
from station_app.followup.worklist import record_contact, worklist  # noqa: E402
from station_app.paths import DataDir  # noqa: E402
from station_app.security.keys import ensure_key  # noqa: E402
from station_app.services.forms import SuggesterForm, SuggestionForm  # noqa: E402
from station_app.services.operators import add_operator  # noqa: E402
from station_app.services.setup import init_station  # noqa: E402
from station_app.services.suggestions import record_suggestion  # noqa: E402
from station_app.store import Station  # noqa: E402
from sync.client import enrol, sync_now  # noqa: E402
from sync.server.testing import start_hq_server  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.screens.worklist import WorklistScreen  # noqa: E402
from ui.theme import UiSettings, apply_font, apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CODE, NAME = "PT-CSL01", "长寿路街道人民建议征集工作站"
# title, name, phone, address, way of reply, HQ's reply, HQ's due date
PEOPLE = [
    ("3号楼楼道灯坏了两个月，晚上老人上下楼看不见", "赵桂兰", "13912345670",
     "普陀区长寿路100弄3号402室", "phone",
     "您反映的问题已转区房管局。物业公司已于11月20日更换3号楼全部楼道灯，"
     "并将楼道照明纳入每月巡检。", "2026-11-24"),
    ("公交站没有雨棚，下雨天等车很不方便", "钱国强", "13812345671",
     "普陀区长寿路218弄12号", "visit",
     "区交通委已将长寿路胶州路站纳入明年第一批候车亭改造计划，预计2027年4月完工。", "2026-11-26"),
    ("菜场门口乱停车，早上买菜很难走", "孙丽华", "13712345672",
     "普陀区西康路889弄5号", "letter",
     "街道城管中队将在早市时段（6:00–9:00）加强巡查，并在菜场东侧施划临时停车位20个。"
     "如仍有违停，请拨打12345反映。", None),
    ("小区健身器材老化，有安全隐患", "李明", "13612345673",
     "普陀区长寿路100弄8号", "phone",
     "街道已联系区体育局，年底前更换小区内6件老化健身器材。", None),
]  # fmt: skip
# told earlier this autumn, on time: they count in the on-time rate and show under "done"
EARLIER = [
    ("垃圾分类点晚上没有灯", "周建华", "13512345674", "普陀区长寿路100弄1号", "phone",
     "街道已在垃圾分类点加装太阳能照明灯2盏。", "phone", "satisfied"),
    ("希望社区食堂增加老年人套餐", "吴秀英", "13412345675", "普陀区长寿路218弄3号", "letter",
     "社区食堂自11月起每天供应10元老年人套餐。", "letter", None),
]  # fmt: skip


def suggestion(title: str, name: str, phone: str, address: str, how: str) -> SuggestionForm:
    return SuggestionForm(
        category_code="OTH", title=title, content=f"{title}。希望有关部门尽快解决。",
        location=address.split("弄")[0] + "弄",
        suggester=SuggesterForm(name=name, phone=phone, address=address, wants_feedback=True,
                                feedback_method=how, consent_given=True),
    )  # fmt: skip


def _at(day: dt.date, hour: int = 9, minute: int = 30) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TZ)


def preview_translator(work: Path) -> QTranslator:
    """A .qm with the pending Chinese for this screen and the letter (see the docstring)."""
    ts, qm = work / "worklist.ts", work / "worklist.qm"
    files = ["ui/screens/worklist.py", "ui/printing/reply_letter.py"]
    bin_dir = ROOT / ".venv" / "bin"
    subprocess.run(
        [str(bin_dir / "pyside6-lupdate"), *files, "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    table: dict[str, str] = {}
    for f in sorted((ROOT / "resources" / "translations" / "pending").glob("*.json")):
        table.update(json.loads(f.read_text(encoding="utf-8")))
    tree = ET.parse(ts)
    missing = []
    for msg in tree.iter("message"):
        source, tr = msg.findtext("source") or "", msg.find("translation")
        if tr is not None and source in table:
            tr.text = table[source]
            tr.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True, capture_output=True,
    )  # fmt: skip
    if missing:
        print("no Chinese yet for:", missing)
    translator = QTranslator(QCoreApplication.instance())
    assert translator.load(str(qm))
    return translator


def settle(app: QApplication, screen: WorklistScreen) -> None:
    for _ in range(30):
        app.processEvents()


def main() -> None:
    app = QApplication(sys.argv)
    install_language("zh_CN")
    with tempfile.TemporaryDirectory() as tmp, start_hq_server(Path(tmp) / "hq") as hq:
        work = Path(tmp)
        app.installTranslator(preview_translator(work))
        root = work / "station"
        clock = FixedClock(_at(dt.date(2026, 10, 26)))
        station = Station.open(root, clock=clock, key=ensure_key(DataDir(root)))
        admin = init_station(
            station, code=CODE, name=NAME, district="普陀区", street="长寿路街道",
            admin_name="王管理", admin_pin="2468",
        )  # fmt: skip
        volunteer = add_operator(station, admin, "李志愿", Role.VOLUNTEER, "1357")
        UiSettings(station_address="普陀区长寿路100号").save(root)
        enrol(station, hq.url, hq.admin.issue_code(CODE, NAME))
        old = [record_suggestion(station, volunteer, suggestion(*p[:5])) for p in EARLIER]
        sync_now(station)
        for n, rec in enumerate(old):
            hq.admin.reply(rec.uuid, EARLIER[n][5])
            clock.set(_at(dt.date(2026, 10, 28 + n)))
            sync_now(station)
            clock.set(_at(dt.date(2026, 10, 30) + dt.timedelta(days=4 * n), 15))
            record_contact(
                station, volunteer, rec.id, method=EARLIER[n][6], at=clock.now().date(),
                satisfaction=EARLIER[n][7], reached=True,
            )  # fmt: skip
            sync_now(station)
        clock.set(_at(dt.date(2026, 11, 16)))
        recs = [record_suggestion(station, volunteer, suggestion(*p[:5])) for p in PEOPLE]
        sync_now(station)
        # HQ's replies reach the station on different days, through the change feed
        for n, day in ((0, 18), (1, 19), (2, 25), (3, 24)):
            _title, _name, _phone, _addr, _how, reply, due = PEOPLE[n]
            hq.admin.reply(recs[n].uuid, reply, due_date=due)
            clock.set(_at(dt.date(2026, 11, day)))
            sync_now(station)
        # a phone call on Tuesday that did not reach 李明
        record_contact(
            station, volunteer, recs[3].id, method="phone", at=dt.date(2026, 11, 24),
            reached=False,
        )  # fmt: skip
        clock.set(_at(dt.date(2026, 11, 25), 9, 30))
        for item in worklist(station, volunteer):
            print(item.due_state, item.due, item.receipt_no, item.title, item.attempts)

        ctx = AppContext(station, operator=volunteer)
        for scale, name in ((1.0, "worklist.png"), (1.25, "worklist_125.png")):
            apply_font(app, scale)
            apply_style(app)
            screen = WorklistScreen(ctx)
            screen.resize(1280, 800)
            screen.show()
            settle(app, screen)
            while not screen.model.items:
                app.processEvents()
            # 李明's row (one try so far): the overdue and due-soon rows keep their colours
            row = next(n for n, i in enumerate(screen.model.items) if i.attempts)
            screen.table.selectRow(row)
            settle(app, screen)
            screen.grab().save(str(OUT / name))
            if scale == 1.0:
                letter_shot(app, screen, work)
                if os.environ.get("SHOT_DONE"):  # a look at the done rows, not for the docs
                    screen.show_done.setChecked(True)
                    while len(screen.model.items) < len(PEOPLE) + len(EARLIER):
                        app.processEvents()
                    screen.table.selectRow(len(PEOPLE) + len(EARLIER) - 1)
                    settle(app, screen)
                    screen.grab().save(os.environ["SHOT_DONE"])
            screen.close()
            screen.deleteLater()
            settle(app, screen)
        station.close()


def letter_shot(app: QApplication, screen: WorklistScreen, work: Path) -> None:
    # 孙丽华 asked for a letter
    row = next(n for n, i in enumerate(screen.model.items) if i.feedback_method == "letter")
    screen.table.selectRow(row)
    settle(app, screen)
    screen.print_letter()
    while screen.letter_dialog is None or not screen.letter_dialog.isVisible():
        app.processEvents()
    dialog = screen.letter_dialog
    pdf = work / "letter.pdf"
    done: list[str] = []
    dialog.exported.connect(done.append)
    dialog.export_to(pdf)
    while not done:
        app.processEvents()
    doc = pdfium.PdfDocument(str(pdf))
    page = doc[0]
    page.render(scale=110 / 72).to_pil().save(str(OUT / "reply_letter.png"))
    page.close()
    doc.close()
    if os.environ.get("SHOT_DIALOG"):
        dialog.grab().save(os.environ["SHOT_DIALOG"])
    dialog.close()


if __name__ == "__main__":
    main()
