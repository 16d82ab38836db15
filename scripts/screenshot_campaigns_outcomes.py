"""Screenshots of the campaigns screen, the outcomes screen and the outcome notice
(docs/screenshots/campaigns.png, campaigns_125.png, outcomes.png, outcome_notice.png),
offscreen.

A real station on 25 November 2026: campaigns as a sync brings them from HQ (two running, one
not started, two ended), suggestions recorded for them by several channels, and HQ's
decisions (adopted, implemented, awarded) through the change feed service.
The Chinese for strings not yet compiled into the .qm comes from
resources/translations/pending/*.json, so the pictures show what the finished build will.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_campaigns_outcomes.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import shot_env  # noqa: E402, F401  (offscreen Qt, the repo on sys.path, a file keyring)
from PySide6.QtCore import QTranslator  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from shot_env import ROOT  # noqa: E402

from station_app.clock import CHINA_TZ, FixedClock  # noqa: E402
from station_app.domain import Role  # noqa: E402
from station_app.services.forms import SuggesterForm, SuggestionForm  # noqa: E402
from station_app.services.hq_updates import apply_changes, apply_list  # noqa: E402
from station_app.services.operators import add_operator  # noqa: E402
from station_app.services.suggestions import Recorded, record_suggestion  # noqa: E402
from station_app.store import Station  # noqa: E402
from station_app.store.models import Operator  # noqa: E402
from tests.conftest import set_up_test_station  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.screens.campaigns import CampaignsScreen  # noqa: E402
from ui.screens.outcomes import OutcomesScreen  # noqa: E402
from ui.theme import UiSettings, apply_font, apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PENDING = ROOT / "resources" / "translations" / "pending"


class PendingTranslator(QTranslator):
    """The pending translations (English source -> Chinese), for strings the .qm lacks."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def isEmpty(self) -> bool:  # noqa: N802
        return False

    def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> Any:
        return self.table.get(source)


def pending_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for f in sorted(PENDING.glob("*.json")):
        table.update(json.loads(f.read_text(encoding="utf-8")))
    return table


MARKET_QUESTIONS = [
    {"key": "market", "label": "您平时去哪个菜场或超市买菜？", "type": "text", "required": True},
    {"key": "often", "label": "每周买菜几次？", "type": "choice",
     "choices": ["1次", "2-3次", "几乎每天"], "required": True},
    {"key": "minutes", "label": "步行过去要几分钟？", "type": "number"},
    {"key": "elderly", "label": "家中是否有70岁以上老人？", "type": "yesno"},
]  # fmt: skip
CAMPAIGNS = [
    {"code": "C2026-15", "title": "15分钟社区生活圈建设", "topic": "家门口的菜场、食堂和养老服务",
     "starts_on": "2026-11-01", "ends_on": "2026-12-31",
     "guidance": "请居民谈谈从家步行15分钟内买菜、吃饭、看病、养老是否方便，哪里最需要改进。",
     "questions": MARKET_QUESTIONS},
    {"code": "C2026-18", "title": "社区助餐服务满意度", "topic": "长者食堂的饭菜、价格和送餐",
     "starts_on": "2026-11-10", "ends_on": "2026-11-30",
     "guidance": "请就餐的老人说说饭菜口味、价格和送餐上门的情况。",
     "questions": [{"key": "meals", "label": "每周在长者食堂吃几顿？", "type": "number"}]},
    {"code": "C2027-01", "title": "2027年为民办实事项目征集", "topic": "明年最希望政府办的实事",
     "starts_on": "2027-01-01", "ends_on": "2027-02-28",
     "guidance": "请提出明年最希望办的一两件实事。", "questions": []},
    {"code": "C2026-07", "title": "老旧小区加装电梯", "topic": "多层住宅加装电梯的难点",
     "starts_on": "2026-06-01", "ends_on": "2026-09-30",
     "guidance": "请居民说说加装电梯中遇到的问题和建议。",
     "questions": [{"key": "floor", "label": "您住几楼？", "type": "number"}]},
    {"code": "C2026-03", "title": "垃圾分类两年回头看", "topic": "分类投放点的设置和开放时间",
     "starts_on": "2026-03-01", "ends_on": "2026-04-30", "guidance": "", "questions": []},
]  # fmt: skip

TAGGED = [
    # (campaign, channel, title, answers)
    ("C2026-15", "face_to_face", "菜场太远，老人买菜不便", {"market": "曹杨菜场", "often": "几乎每天"}),
    ("C2026-15", "face_to_face", "希望增设社区食堂", {"market": "联华超市", "often": "2-3次"}),
    ("C2026-15", "phone", "社区卫生服务站开放时间太短", {"market": "曹杨菜场", "often": "1次"}),
    ("C2026-15", "postbox", "希望开设社区菜店", {"market": "长寿路菜场", "often": "2-3次"}),
    ("C2026-15", "face_to_face", "小区附近缺少早餐店", {"market": "曹杨菜场", "often": "几乎每天"}),
    ("C2026-18", "face_to_face", "长者食堂菜太咸", {"meals": 5}),
    ("C2026-18", "phone", "送餐上门时间不固定", {"meals": 7}),
    ("C2026-07", "face_to_face", "加装电梯费用分摊难以谈拢", {"floor": 5}),
    ("C2026-07", "postbox", "一楼住户反对加装电梯", {"floor": 1}),
    ("C2026-07", "other", "加装电梯后楼道采光变差", {"floor": 2}),
    ("C2026-03", "face_to_face", "垃圾投放点晚上开放时间太短", {}),
]  # fmt: skip

NAMED = [
    # (title, name, phone, address, received)
    ("增设公交站", "张建国", "13912345678", "普陀区长寿路100弄3号201室", "2026-09-02"),
    ("垃圾分类点改造", "陈美华", "13800001111", "普陀区武宁路55弄8号", "2026-05-18"),
    ("菜场门口乱停车", "孙德明", "13661234567", "普陀区常德路1200号", "2026-10-09"),
    ("小区增设电动自行车充电桩", "李秀英", "13512349876", "普陀区长寿路588弄12号", "2026-10-27"),
]


def person(name: str, phone: str, address: str) -> SuggesterForm:
    return SuggesterForm(
        name=name, phone=phone, address=address, wants_feedback=True,
        feedback_method="letter", consent_given=True,
    )  # fmt: skip


def seed(station: Station, actor: Operator, clock: FixedClock) -> None:
    apply_list(station, "campaigns", 1, CAMPAIGNS)
    for code, channel, title, answers in TAGGED:
        record_suggestion(station, actor, SuggestionForm(
            channel=channel, campaign_code=code, campaign_answers=answers, category_code="OTH",
            title=title, content=f"{title}，希望有关部门研究解决。",
            suggester=SuggesterForm(anonymous=True),
        ))  # fmt: skip
    recs: list[Recorded] = []
    today = clock.now()
    for title, name, phone, address, received in NAMED:
        clock.set(dt.datetime.fromisoformat(f"{received}T10:00:00+08:00"))  # recorded that day
        recs.append(record_suggestion(station, actor, SuggestionForm(
            category_code="OTH", title=title, content=f"{title}，希望有关部门研究解决。",
            location="长寿路街道", suggester=person(name, phone, address),
        )))  # fmt: skip
    clock.set(today)
    bus, sorting, parking, charging = recs
    feed = [
        (bus, "outcome", {"outcome": "partially_adopted",
                          "note": "区交通委采纳增设站点的建议，先在长寿路100弄口试点。"}, "2026-11-10"),
        (sorting, "outcome", {"outcome": "adopted"}, "2026-08-20"),
        (sorting, "status", {"status": "implemented", "note": "已改造完成"}, "2026-10-15"),
        (sorting, "award", {"note": "获评2026年度优秀人民建议"}, "2026-11-20"),
        (parking, "outcome", {"outcome": "adopted", "note": "城管中队已施划临时停车位。"},
         "2026-11-03"),
        (parking, "status", {"status": "implemented"}, "2026-11-18"),
        (charging, "outcome", {"outcome": "adopted"}, "2026-11-22"),
    ]  # fmt: skip
    events = [
        {"event_id": f"e{n}", "uuid": rec.uuid, "kind": kind, "at": f"{day}T10:00:00+08:00",
         **body}
        for n, (rec, kind, body, day) in enumerate(feed)
    ]  # fmt: skip
    apply_changes(station, events, "c1")


def settle(app: QApplication, widget: QWidget, ready: list[bool]) -> None:
    while not ready:
        app.processEvents()
    for _ in range(20):
        app.processEvents()


def shoot_campaigns(app: QApplication, ctx: AppContext, name: str) -> None:
    ready: list[bool] = []
    screen = CampaignsScreen(ctx)
    screen.loaded.connect(lambda: ready.append(True))
    screen.resize(1180, 720)
    screen.show()
    settle(app, screen, ready)
    screen.select_code("C2026-15")  # the one with four questions
    for _ in range(10):
        app.processEvents()
    screen.grab().save(str(OUT / name))
    screen.close()


def shoot_outcomes(app: QApplication, ctx: AppContext, name: str, notice: str | None) -> None:
    ready: list[bool] = []
    screen = OutcomesScreen(ctx)
    screen.loaded.connect(lambda: ready.append(True))
    screen.resize(1240, 720)
    screen.show()
    settle(app, screen, ready)
    screen.table.selectRow(1)  # the awarded one
    for _ in range(20):
        app.processEvents()
    screen.grab().save(str(OUT / name))
    if notice:
        screen.print_notice()
        while screen.letter_dialog is None or not screen.letter_dialog.isVisible():
            app.processEvents()
        for _ in range(20):
            app.processEvents()
        screen.letter_dialog.grab().save(str(OUT / notice))
        screen.letter_dialog.close()
    screen.close()


def main() -> None:
    app = QApplication(sys.argv)
    install_language("zh_CN")
    extra = PendingTranslator(pending_table())
    app.installTranslator(extra)
    OUT.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=CHINA_TZ))
    with tempfile.TemporaryDirectory() as tmp:
        station = Station.open(Path(tmp) / "data", clock=clock)
        admin = set_up_test_station(station)
        volunteer = add_operator(station, admin, "李志愿", Role.VOLUNTEER, "1357")
        UiSettings().save(Path(station.data.root))
        seed(station, volunteer, clock)
        ctx = AppContext(station, operator=volunteer)
        for scale, suffix in ((1.0, ""), (1.25, "_125")):
            apply_font(app, scale)
            apply_style(app)
            shoot_campaigns(app, ctx, f"campaigns{suffix}.png")
        apply_font(app, 1.0)
        apply_style(app)
        shoot_outcomes(app, ctx, "outcomes.png", "outcome_notice.png")
        if os.environ.get("SHOT_ALL"):  # the outcomes screen at 125% too, for checking
            apply_font(app, 1.25)
            apply_style(app)
            shoot_outcomes(app, ctx, "outcomes_125.png", None)
        station.close()


if __name__ == "__main__":
    main()
