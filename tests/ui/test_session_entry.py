"""The session entry mode, driven by keyboard on the real main window: 12 short suggestions
at one session (two speakers give a name and phone) take no more keys than 12 single entries
on the same window minus the keys the shared fields cost there (channel, campaign, reaching
the location). Both are measured here, in the same run; text typed into fields is not counted.
The session's receipts then print on one sheet."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication

from station_app.domain import Channel
from station_app.services.query import Filters, list_page
from station_app.services.sessions import get_session, list_sessions, session_receipts
from station_app.services.suggestions import get_detail
from tests.ui.test_entry_key_count import Keyboard

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SPEAKERS = [
    ("电梯审批", "希望加快加装电梯审批。", None),
    ("电梯费用", "低层住户分摊要公平。", ("王阿姨", "13812345678")),
    ("施工噪音", "施工时间避开午休。", None),
    ("电梯维保", "装好后谁来维保要讲清楚。", None),
    ("楼道堆物", "先清理楼道堆物。", None),
    ("电梯选型", "选择质量好的品牌。", ("赵大爷", "13912345678")),
    ("老人出行", "施工期间安排老人出行。", None),
    ("意见征集", "多征求低层意见。", None),
    ("停车影响", "施工车辆不要占消防通道。", None),
    ("补贴政策", "希望公布补贴标准。", None),
    ("进度公示", "在楼道张贴进度。", None),
    ("验收", "请居民代表参与验收。", None),
]


def _single_entry(keys: Keyboard, qtbot, f, title: str, content: str, person) -> int:
    """One suggestion on the entry form, the shortest walk; returns the keys the shared
    fields cost (channel and campaign Enter, the Tab from the content to the location)."""
    keys.press(K.Key_Return)  # 当面
    keys.press(K.Key_Return)  # no campaign
    assert QApplication.focusWidget() is f.category
    qtbot.waitUntil(lambda: any(k.initials for k in f.category.keys))  # pinyin, on first focus
    keys.letters("dt")
    keys.press(K.Key_Return)
    keys.type(title)
    keys.press(K.Key_Return)
    keys.type(content)
    keys.press(K.Key_Tab)
    keys.type("长寿路街道社区活动中心")
    shared = 3
    if person is not None:
        keys.press(K.Key_Return)
        assert QApplication.focusWidget() is f.suggester.anonymous
        keys.press(K.Key_Tab)
        keys.type(person[0])
        keys.press(K.Key_Return)
        keys.type(person[1])
        keys.press(K.Key_Return)
        keys.press(K.Key_Return)  # no address
        keys.press(K.Key_Space)  # 需要回复: by phone
        while QApplication.focusWidget() is not f.suggester.consent:
            keys.press(K.Key_Tab)
        keys.press(K.Key_Space)
    with qtbot.waitSignal(f.saved, timeout=5000):
        keys.press(K.Key_S, CTRL)
    return shared


def test_twelve_speakers_by_keyboard_cost_less_than_twelve_single_entries(
    qtbot, ctx, station, volunteer
) -> None:
    from ui.main_window import MainWindow
    from ui.theme import UiSettings

    w = MainWindow(ctx, UiSettings(), "长寿路街道人民建议征集工作站")
    qtbot.addWidget(w)
    w.show()
    f = w.entry
    f.show_receipt = False
    qtbot.waitUntil(lambda: f.ready and QApplication.focusWidget() is f.channel)
    # the baseline: an anonymous and a named single entry, measured on this window
    anon = Keyboard(qtbot)
    anon_shared = _single_entry(anon, qtbot, f, *SPEAKERS[0])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is f.channel)
    named = Keyboard(qtbot)
    named_shared = _single_entry(named, qtbot, f, *SPEAKERS[1])
    n_named = sum(p is not None for _t, _c, p in SPEAKERS)
    n_anon = len(SPEAKERS) - n_named
    budget = n_anon * (anon.count - anon_shared) + n_named * (named.count - named_shared)

    # the session: shared fields once, then one row per speaker
    w.show_page(w._lazy_index["sessions"])
    s = w.sessions_screen
    qtbot.waitUntil(lambda: s.ready)
    s.topic.setFocus()
    keys = Keyboard(qtbot)
    for text in ("老旧小区加装电梯议事会", "长寿路街道社区活动中心", "李主任", "23"):
        keys.type(text)
        keys.press(K.Key_Return)
    assert QApplication.focusWidget() is s.officials
    keys.type("区建管委 王科长")
    with qtbot.waitSignal(s.session_started, timeout=5000):
        keys.press(K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is s.category)
    qtbot.waitUntil(lambda: any(k.initials for k in s.category.keys))
    for title, content, person in SPEAKERS:
        assert QApplication.focusWidget() is s.category, keys.log[-5:]
        keys.letters("dt")
        keys.press(K.Key_Return)
        keys.type(title)
        keys.press(K.Key_Return)
        keys.type(content)
        if person is None:
            with qtbot.waitSignal(s.speaker_saved, timeout=5000):
                keys.press(K.Key_S, CTRL)
        else:
            keys.press(K.Key_Return)
            keys.type(person[0])
            keys.press(K.Key_Return)
            keys.type(person[1])
            keys.press(K.Key_Return)
            keys.press(K.Key_Space)  # wants a reply by phone
            keys.press(K.Key_Return)
            assert QApplication.focusWidget() is s.consent
            keys.press(K.Key_Space)
            with qtbot.waitSignal(s.speaker_saved, timeout=5000):
                keys.press(K.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is s.category)
    recording = keys.count
    assert recording <= budget, (recording, budget, keys.log)
    print(
        f"FIGURES single anon {anon.count} named {named.count} budget {budget} session {recording}"
    )

    [session] = list_sessions(station)
    assert (session.topic, session.attendees, session.speakers) == (
        "老旧小区加装电梯议事会",
        23,
        12,
    )
    receipts = session_receipts(station, session.id)
    assert len({r.receipt_no for r in receipts}) == 12
    rows = list_page(station, filters=Filters(session_id=session.id), limit=50)
    assert {r.channel for r in rows} == {Channel.SESSION}
    named_rows = [r for r in rows if r.title in ("电梯费用", "电梯选型")]
    for row in named_rows:
        person = get_detail(station, volunteer, row.id).person
        assert person is not None and person.consent_at and person.wants_feedback

    # the session's receipts on one sheet: Ctrl+P, confirm the print dialog
    asked: list[bool] = []

    def confirm_print() -> None:
        dialog = QApplication.activeModalWidget()
        asked.append(isinstance(dialog, QPrintDialog))
        keys.count += 1  # Enter on Print: counted, not sent (no printer here)
        dialog.reject()

    QTimer.singleShot(0, confirm_print)
    keys.press(K.Key_P, CTRL)
    assert asked == [True]
    assert s.paper.receipts_printed == [r.receipt_no for r in receipts]
    assert keys.count - recording == 2
    w._shutdown_screens()


def _type_row(qtbot, s, title: str, content: str) -> Keyboard:  # noqa: ANN001
    """A speaker's row by keyboard once the session is open: category "dt", title, content."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is s.category)
    qtbot.waitUntil(lambda: any(k.initials for k in s.category.keys))
    keys = Keyboard(qtbot)
    keys.letters("dt")
    keys.press(K.Key_Return)
    keys.type(title)
    keys.press(K.Key_Return)
    keys.type(content)
    return keys


def test_an_earlier_session_is_continued_after_a_restart(
    qtbot, ctx, station, volunteer, tmp_path
) -> None:
    from station_app.services.forms import SuggestionForm
    from station_app.services.sessions import SessionForm, record_session, record_speaker
    from ui.screens.sessions import SessionScreen

    info = record_session(
        station, volunteer, SessionForm(topic="面对面", place="居委会", host="陈书记", attendees=9)
    )
    for title in ("路灯", "垃圾房"):
        form = SuggestionForm(category_code="ELV", title=title, content=f"{title}需要修。")
        record_speaker(station, volunteer, info.id, form)
    s = SessionScreen(ctx)
    qtbot.addWidget(s)
    s.show()
    qtbot.waitUntil(lambda: s.ready)
    assert s.earlier.currentData() == info.id and not s.row_box.isEnabled()
    s.continue_button.click()
    qtbot.waitUntil(lambda: s.session is not None)
    assert s.table.rowCount() == 2 and s.topic.text() == "面对面"
    keys = _type_row(qtbot, s, "停车", "晚上停车难。")
    with qtbot.waitSignal(s.speaker_saved, timeout=5000):
        keys.press(K.Key_S, CTRL)
    assert s.table.rowCount() == 3
    assert len(session_receipts(station, info.id)) == 3
    # the signed sheet, scanned, is stored with the session
    sheet = tmp_path / "签到表.png"
    Image.new("L", (80, 60), 255).save(sheet)
    s.paper.attach(sheet)
    qtbot.waitUntil(lambda: "签到表.png" in s.status.text())
    assert get_session(station, info.id).sheet_sha256 is not None


def test_questionnaires_handed_out_at_a_session_are_typed_in_for_it(qtbot, ctx, station, volunteer):
    from station_app.services.hq_updates import apply_list
    from station_app.services.questionnaires import tally
    from station_app.services.sessions import SessionForm, record_session
    from tests.station_app.test_campaigns import campaign
    from tests.station_app.test_questionnaires import QUESTIONS
    from ui.screens.sessions import SessionScreen

    apply_list(station, "campaigns", 1, [campaign("Q1", title="食堂问卷", questions=QUESTIONS)])
    form = SessionForm(
        topic="食堂议事会", place="食堂", host="周主任", attendees=12, campaign_code="Q1"
    )
    info = record_session(station, volunteer, form)
    s = SessionScreen(ctx)
    qtbot.addWidget(s)
    s.show()
    qtbot.waitUntil(lambda: s.ready)
    s.continue_button.click()
    qtbot.waitUntil(lambda: s.questionnaire_button.isEnabled())
    s.questionnaire_button.click()
    dialog = s.paper.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    first = dialog.questions.editors["where"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    qtbot.keyClick(first, K.Key_Down)  # 家里
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.keyClick(first, K.Key_S, CTRL)
    dialog.reject()
    assert get_session(station, info.id).questionnaires == 1
    assert dict(tally(station, "Q1").questions[0].counts)["家里"] == 1


def test_a_speakers_row_is_kept_as_a_draft_and_comes_back_with_its_session(
    qtbot, ctx, station, volunteer
) -> None:
    """The row being typed is autosaved (as the entry form's drafts are); after a restart the
    draft reopens its session with the row as typed, and saving it takes the draft's uuid."""
    from station_app.services.drafts import drafts_for
    from station_app.services.sessions import SessionForm, record_session
    from ui.main_window import MainWindow
    from ui.screens.sessions import SessionScreen
    from ui.theme import UiSettings
    from ui.widgets.draft_offer import DraftOfferDialog

    info = record_session(
        station, volunteer, SessionForm(topic="面对面", place="居委会", host="陈书记", attendees=9)
    )
    first = SessionScreen(ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.ready)
    first.continue_button.click()
    keys = _type_row(qtbot, first, "楼道灯", "三楼楼道灯坏了两个月")
    keys.press(K.Key_Return)
    keys.type("王阿姨")
    qtbot.waitUntil(
        lambda: [d.form.suggester.name for d in drafts_for(station, volunteer)] == ["王阿姨"],
        timeout=5000,
    )  # typed, not saved: nothing but the draft holds it
    [draft] = drafts_for(station, volunteer)
    assert draft.session_id == info.id and draft.form.content == "三楼楼道灯坏了两个月"
    first.close()  # as if the app had been killed: the row is gone from the screen

    w = MainWindow(ctx, UiSettings(), "工作站")
    qtbot.addWidget(w)
    offer = DraftOfferDialog(drafts_for(station, volunteer))
    assert offer.list.item(0).text().endswith("座谈会发言：楼道灯")
    w.open_speaker_draft(draft.session_id, draft.uuid, draft.form)
    s = w.sessions_screen
    qtbot.waitUntil(lambda: s.session is not None and s.title.text() == "楼道灯")
    assert s.session.id == info.id and s.topic.text() == "面对面"
    assert (s.content.text(), s.name.text()) == ("三楼楼道灯坏了两个月", "王阿姨")
    assert s.category.currentData() == draft.form.category_code != ""
    s.name.clear()  # the speaker would rather not give a name after all
    with qtbot.waitSignal(s.speaker_saved, timeout=5000) as saved:
        s.save_row()
    assert saved.args[0].uuid == draft.uuid
    assert drafts_for(station, volunteer) == []
    assert [r.title for r in session_receipts(station, info.id)] == ["楼道灯"]
    w._shutdown_screens()


def test_esc_on_a_typed_questionnaire_asks_before_losing_it(qtbot, ctx, station) -> None:
    from PySide6.QtWidgets import QMessageBox

    from station_app.services.campaigns import active_campaigns
    from station_app.services.hq_updates import apply_list
    from tests.station_app.test_campaigns import campaign
    from tests.station_app.test_questionnaires import QUESTIONS
    from ui.screens.questionnaire_entry import QuestionnaireDialog

    apply_list(station, "campaigns", 1, [campaign("Q1", title="食堂问卷", questions=QUESTIONS)])
    [q1] = [c for c in active_campaigns(station) if c.code == "Q1"]
    dialog = QuestionnaireDialog(ctx, q1)
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.questions.editors["where"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    qtbot.keyClick(first, K.Key_Down)  # 家里: an answer typed, not saved
    asked: list[list[str]] = []

    def answer(key: Qt.Key) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(sorted(b.text() for b in box.buttons()))
        if key == K.Key_Return:
            qtbot.keyClick(box, key)  # the default: keep typing
        else:
            next(b for b in box.buttons() if b.text() == "放弃").click()

    QTimer.singleShot(0, lambda: answer(K.Key_Return))
    qtbot.keyClick(first, K.Key_Escape)
    assert asked == [sorted(["放弃", "继续填写"])] and dialog.isVisible()
    assert dialog.questions.answers() == {"where": "家里"}
    QTimer.singleShot(0, lambda: answer(K.Key_Escape))
    qtbot.keyClick(first, K.Key_Escape)
    assert len(asked) == 2 and not dialog.isVisible()
    # an empty form closes at once
    again = QuestionnaireDialog(ctx, q1)
    qtbot.addWidget(again)
    again.show()
    again.reject()
    assert not again.isVisible() and len(asked) == 2
