"""The detail dialog: every field, masked personal data, full history local and from HQ."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from station_app.domain import Channel, Status  # noqa: E402
from station_app.services.forms import SuggesterForm, SuggestionForm  # noqa: E402
from station_app.services.suggestions import add_status_in, record_suggestion  # noqa: E402
from station_app.store.models import Suggestion  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.screens.suggestion_detail import SuggestionDetailDialog  # noqa: E402

pytestmark = pytest.mark.gui


def labels(dialog: SuggestionDetailDialog) -> list[str]:
    return [lbl.text() for lbl in dialog.findChildren(QLabel)]


def open_dialog(qtbot, ctx: AppContext, sid: int) -> SuggestionDetailDialog:
    dialog = SuggestionDetailDialog(ctx, sid)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.show()
    return dialog


def test_shows_fields_masked_person_and_history_from_hq(qtbot, station, admin) -> None:
    rec = record_suggestion(
        station,
        admin,
        SuggestionForm(
            channel=Channel.PHONE,
            category_code="ELV",
            title="希望加快加装电梯",
            content="我们楼里老人多，上下楼不方便。",
            location="曹杨新村12号楼",
            suggester=SuggesterForm(
                name="陈秀英",
                phone="13812345678",
                address="普陀区曹杨路100弄5号",
                wants_feedback=True,
                feedback_method="phone",
                consent_given=True,
            ),
        ),
    )
    with station.db.write() as s:
        sug = s.get(Suggestion, rec.id)
        add_status_in(s, station, sug, Status.SENT, source="station")
        add_status_in(s, station, sug, Status.ACCEPTED, source="hq", note="已交区建设管理委")
        sug.hq_id = "HQ-2026-000123"
    dialog = open_dialog(qtbot, AppContext(station=station, operator=admin), rec.id)
    texts = labels(dialog)
    for expected in (
        rec.receipt_no,
        "电话",
        "已受理",
        "曹杨新村12号楼",
        "王管理",
        "HQ-2026-000123",
    ):
        assert expected in texts, expected
    assert "138****5678" in texts and "陈**" in texts
    assert not any("13812345678" in t or "陈秀英" in t for t in texts)
    assert dialog.content.toPlainText() == "我们楼里老人多，上下楼不方便。"
    history = [
        [dialog.history.item(r, c).text() for c in range(4)]
        for r in range(dialog.history.rowCount())
    ]
    assert [row[1] for row in history] == ["已登记", "已报送", "已受理"]
    assert history[2][2] != history[0][2]  # HQ vs this station
    assert history[2][3] == "已交区建设管理委"
    assert history[0][0].startswith("2026-11-25 09:30")
    assert any(t.startswith("Version") or "2026-11-25" in t for t in texts)  # consent


def test_anonymous_letter_without_suggester(qtbot, station, admin) -> None:
    rec = record_suggestion(
        station,
        admin,
        SuggestionForm(
            channel=Channel.OTHER,
            category_code="SAF",
            title="路灯坏了",
            content="弄堂口的路灯坏了好几盏。",
            suggester=SuggesterForm(anonymous=True),
        ),
    )
    dialog = open_dialog(qtbot, AppContext(station=station, operator=admin), rec.id)
    assert dialog.detail is not None
    assert dialog.history.rowCount() == 1
    assert "Anonymous" in labels(dialog) or "匿名" in labels(dialog)


def test_unknown_id_shows_error_text_not_crash(qtbot, station, admin) -> None:
    dialog = SuggestionDetailDialog(AppContext(station=station, operator=admin), 999_999)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status_line.text() != dialog.tr("Loading…"), timeout=5000)
    assert dialog.detail is None
