"""The outcomes screen (落实转化, 表彰奖励) with HQ's decisions arriving through the change feed
service: adopted, implemented and awarded suggestions listed and filtered by keyboard, the
suggester masked for a volunteer (who cannot unmask), and the printable notice: its PDF is
addressed to the person with their address and says what HQ decided; printing is audited."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.followup.awards import outcome_of, outcomes
from station_app.masking import mask_address
from station_app.services.audit_view import list_audit
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_updates import apply_changes
from station_app.services.suggestions import Recorded, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator
from tests.followup.helpers import record
from ui.printing.reply_letter import outcome_lines

pytestmark = pytest.mark.gui

ADDRESS = "普陀区长寿路100弄3号"  # what tests.followup.helpers gives every named suggester


def at(day: str) -> str:
    return f"{day}T10:00:00+08:00"


def seed(station: Station, actor: Operator) -> dict[str, Recorded]:
    """Four suggestions and what HQ decided on each, as one page of HQ's change feed."""
    bus = record(station, actor, title="增设公交站", name="张建国", phone="13912345678")
    sorting = record(station, actor, title="垃圾分类点改造", name="陈美华", phone="13800001111")
    bench = record_suggestion(
        station,
        actor,
        SuggestionForm(
            category_code="OTH",
            title="公园里多放些长椅",
            content="公园里长椅太少，老人走累了没地方坐。",
            suggester=SuggesterForm(anonymous=True),
        ),
    )
    lamp = record(station, actor, title="路灯不亮", name="孙先生")
    feed = [
        (bus, "outcome", {"outcome": "partially_adopted", "note": "先在100弄试点"}, "2026-11-10"),
        (sorting, "outcome", {"outcome": "adopted"}, "2026-09-01"),
        (sorting, "status", {"status": "implemented", "note": "已落实"}, "2026-10-15"),
        (sorting, "award", {"note": "2026年度优秀建议"}, "2026-11-20"),
        (bench, "outcome", {"outcome": "adopted"}, "2026-11-05"),
        (lamp, "outcome", {"outcome": "for_reference"}, "2026-11-12"),
    ]
    events = [
        {"event_id": f"e{n}", "uuid": rec.uuid, "kind": kind, "at": at(day), **body}
        for n, (rec, kind, body, day) in enumerate(feed)
    ]
    apply_changes(station, events, "c1")
    return {"bus": bus, "sorting": sorting, "bench": bench, "lamp": lamp}


def focused():
    return QApplication.focusWidget()


@pytest.fixture
def seeded(ctx) -> dict[str, Recorded]:
    return seed(ctx.station, ctx.operator)


@pytest.fixture
def screen(qtbot, ctx, seeded):
    from ui.screens.outcomes import OutcomesScreen

    w = OutcomesScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        w.show()
        w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def titles(screen) -> list[str]:
    return [i.title for i in screen.model.items]


# radicals NFKC leaves alone, which the CJK font's text map gives back for some characters
RADICALS = str.maketrans({"⺠": "民", "⻓": "长", "⻔": "门", "⻅": "见", "⻋": "车", "⻛": "风",
                          "⻚": "页", "⻢": "马", "⻉": "贝", "⻥": "鱼", "⻦": "鸟", "⻩": "黄"})  # fmt: skip


def pdf_text(path: Path) -> str:
    """The PDF's text as typed (one line: the layout's line breaks taken out)."""
    doc = pdfium.PdfDocument(str(path))
    text = "".join(page.get_textpage().get_text_range() for page in doc)
    doc.close()
    text = unicodedata.normalize("NFKC", text).translate(RADICALS)
    return text.replace("\r", "").replace("\n", "")


def test_listed_filtered_and_masked(qtbot, screen) -> None:
    # latest first; "for reference" is not an outcome to show
    assert titles(screen) == ["垃圾分类点改造", "增设公交站", "公园里多放些长椅"]
    results = [screen.model.index(r, 0).data() for r in range(3)]
    assert results[0].count(" · ") == 2  # adopted, implemented, awarded: three words
    assert results[1] != results[2]  # partially adopted is not adopted
    assert [screen.model.index(r, 2).data() for r in range(2)] == ["陈**", "张**"]
    assert [screen.model.index(r, 3).data() for r in range(3)] == [
        "2026-11-20", "2026-11-10", "2026-11-05",
    ]  # fmt: skip
    counts = {k: re.findall(r"[（(](\d+)[）)]", b.text()) for k, b in screen.filter_buttons.items()}
    assert counts == {None: ["3"], "adopted": ["3"], "implemented": ["1"], "awarded": ["1"]}
    header = screen.header.text()
    assert "3" in header and "1" in header

    # the awarded one first: each result with its date, HQ's notes, the person masked
    result = screen.result.text()
    for day in ("2026-09-01", "2026-10-15", "2026-11-20"):
        assert day in result
    assert "2026年度优秀建议" in result
    qtbot.waitUntil(lambda: screen.person_phone.text() == "138****1111")
    assert screen.person_name.text() == "陈**"
    assert screen.person_address.text() == mask_address(ADDRESS) != ADDRESS
    assert not screen.unmask_button.isVisible()  # a volunteer cannot unmask

    # the filter by keyboard: Space on "awarded", then "implemented", then back to all
    for kind, expected in (("awarded", ["垃圾分类点改造"]), ("implemented", ["垃圾分类点改造"]),
                           ("adopted", ["垃圾分类点改造", "增设公交站", "公园里多放些长椅"])):  # fmt: skip
        button = screen.filter_buttons[kind]
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert titles(screen) == expected, kind

    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.title.text().endswith("增设公交站")
    assert "先在100弄试点" in screen.result.text() and "2026-11-10" in screen.result.text()
    qtbot.waitUntil(lambda: screen.person_phone.text() == "139****5678")
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.title.text().endswith("公园里多放些长椅")
    assert screen.model.index(2, 2).data() != "—"  # says "anonymous" in words
    assert screen.person_address.text() == "—"


def test_notice_pdf_addressed_and_audited(qtbot, screen, ctx, seeded, tmp_path: Path) -> None:
    screen.table.selectRow(1)  # 增设公交站, partially adopted
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.letter_dialog is not None and screen.letter_dialog.isVisible())
    dialog = screen.letter_dialog
    preview = dialog.view.toPlainText()
    assert "增设公交站" in preview and "张建国" in preview
    pdf = tmp_path / "notice.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.export_to(pdf)
    text = pdf_text(pdf)
    # printed for the suggester: full name and address for the envelope, the result, HQ's note
    assert ADDRESS in text and "张建国" in text
    assert "张**" not in text and mask_address(ADDRESS) not in text
    assert seeded["bus"].receipt_no in text
    said, day = outcome_lines(outcome_of(ctx.station, ctx.operator, seeded["bus"].id))[0]
    assert (
        said in text
        and day == "2026-11-10"
        and "2026年11月10日" in text
        and "先在100弄试点" in text
    )
    assert "长寿路街道人民建议征集工作站" in text  # the station's name heads the notice
    admin = Operator(id=1, name="x", role="admin", pin_hash="", created_at="")
    printed = [(e.entity_id, e.detail) for e in list_audit(ctx.station, admin)
               if e.action == "print"]  # fmt: skip
    assert printed == [(str(seeded["bus"].id), "outcome_notice")]


def test_anonymous_notice_has_no_address(qtbot, screen, tmp_path: Path) -> None:
    screen.table.selectRow(2)  # 公园里多放些长椅, anonymous
    screen.print_notice()
    qtbot.waitUntil(lambda: screen.letter_dialog is not None and screen.letter_dialog.isVisible())
    pdf = tmp_path / "anon.pdf"
    with qtbot.waitSignal(screen.letter_dialog.exported, timeout=5000):
        screen.letter_dialog.export_to(pdf)
    text = pdf_text(pdf)
    assert "公园里多放些长椅" in text and screen.model.index(2, 0).data() in text  # adopted
    assert "张建国" not in text and ADDRESS not in text


def test_admin_may_show_the_full_contact_with_a_reason(qtbot, ctx, seeded, admin) -> None:
    from ui.screens.outcomes import OutcomesScreen

    ctx.operator = admin
    w = OutcomesScreen(ctx)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        w.show()
    assert w.unmask_button.isVisible()
    qtbot.waitUntil(lambda: w.person_phone.text() == "138****1111")
    w.show_full_contact("给获奖建议人寄送证书")
    qtbot.waitUntil(lambda: w.person_phone.text() == "13800001111")
    assert w.person_address.text() == ADDRESS and w.person_name.text() == "陈美华"
    entries = list_audit(ctx.station, admin)
    assert any(e.action == "view_unmasked" and e.entity_id == str(seeded["sorting"].id)
               for e in entries)  # fmt: skip


def test_nothing_yet(qtbot, ctx) -> None:
    from ui.screens.outcomes import OutcomesScreen

    w = OutcomesScreen(ctx)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        w.show()
    assert w.model.rowCount() == 0 and w.empty.isVisible() and w.empty.text()
    assert not w.print_button.isEnabled()
    assert outcomes(ctx.station, ctx.operator) == []
