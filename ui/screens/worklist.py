"""The "to inform" worklist (沟通反馈): suggesters to tell HQ's reply, overdue first.

Left, the list (overdue rows red with a stop icon and "Overdue", due-soon rows amber with a
warning icon and "Due soon": never by colour alone); above it the counts and the station's
on-time rate. Right, the selected item: HQ's reply, how to reach the person (masked; an
admin may show it in full with a reason, which is logged), the "record contact" form, "print
reply letter" and an undo for a contact recorded by mistake in this session (only while its
feedback has not been sent to HQ; the service refuses otherwise and says why).

Keyboard: Enter on a row goes to the form; Ctrl+Enter records; Ctrl+P prints the letter;
Alt+letter reaches each field; F5 reloads.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import Satisfaction
from station_app.errors import ValidationError
from station_app.followup import printouts
from station_app.followup.worklist import (
    CONTACT_METHODS,
    ContactResult,
    OnTimeRate,
    WorkItem,
    WorklistCounts,
    on_time_rate,
    record_contact,
    undo_contact,
    worklist,
    worklist_counts,
)
from station_app.i18n import tr as catalogue
from station_app.services.suggestions import PersonView
from ui.context import AppContext, Change
from ui.errors import error_text
from ui.models.worklist_table import COLUMNS, REACH_METHODS, WorklistModel
from ui.ops import QueryOp, WriteOp
from ui.printing.reply_letter import LetterDialog, reply_letter
from ui.theme import follow_font
from ui.widgets.list_detail import (
    ask_unmask_reason,
    detail_scroll,
    fetch_full_contact,
    list_detail_splitter,
    open_printout,
    unmask_button,
)
from ui.widgets.tables import pick_one_row


class WorklistScreen(QWidget):
    """The worklist for any logged-in operator; recording needs the "record" right
    (volunteers, scanners, admins). `recorded(suggestion_id)` fires after a contact is saved."""

    recorded = Signal(int)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: WorkItem | None = None
        self.session_attempts: list[tuple[int, int]] = []  # (attempt id, suggestion id)
        self.letter_dialog: LetterDialog | None = None
        self.header = QLabel(self.tr("Loading…"), self)
        self.header.setWordWrap(True)
        self.header.setAccessibleName(self.tr("Worklist summary"))
        self.show_done = QCheckBox(self.tr("Show &done"), self)
        self.model = WorklistModel(self)
        self.table = QTableView(self)
        self._setup_table()
        self.empty = QLabel(self.tr("Nobody is waiting to hear HQ's reply."), self)
        self.empty.setProperty("role", "hint")
        self.empty.hide()
        self.splitter = list_detail_splitter(self, self.table, self.empty, self._build_detail())
        # the list gets its columns up to "Tries" (the receipt number may scroll); the detail
        # side the rest, never narrower than its form
        h = self.table.horizontalHeader()
        list_width = sum(h.sectionSize(c) for c in range(len(COLUMNS) - 1)) + 4
        self.splitter.setSizes([list_width, self.splitter.widget(1).minimumWidth()])
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.show_done)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.show_done.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _i: self.method.setFocus())
        ctx.notifier.subscribe(self, Change.SUGGESTIONS | Change.SYNC, self.reload)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.record, context=context)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_letter, context=context)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload, context=context)
        self._show_item(None)
        self.reload()

    # --- building ------------------------------------------------------------------------
    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        pick_one_row(t, self.tr("People to inform"))
        # the receipt number comes last and takes what is left (it is on the right too)
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        follow_font(t, self._size_columns)

    def _size_columns(self) -> None:
        t = self.table
        fm, pad = t.fontMetrics(), 16
        em = fm.horizontalAdvance("中")
        hm = t.horizontalHeader().fontMetrics()
        m = self.model
        late = m.tr("%1 working days late").replace("%1", "10")
        left = m.tr("%1 working days left").replace("%1", "10")
        due = fm.horizontalAdvance("2026-11-25 ≈  ") + max(
            fm.horizontalAdvance(late), fm.horizontalAdvance(left)
        )
        state = em + 8 + max(fm.horizontalAdvance(text) for text in m._state_text.values())
        reach = max(fm.horizontalAdvance(catalogue(f"feedback.{k}")) for k in REACH_METHODS)
        contents = [state, due, em * 10, em * 3 + fm.horizontalAdvance(" 139****5678"), reach,
                    fm.horizontalAdvance("99")]  # fmt: skip
        for col, width in enumerate(contents):
            header = hm.horizontalAdvance(str(m.headerData(col, Qt.Orientation.Horizontal, 0)))
            t.setColumnWidth(col, max(width, header) + pad)
        t.verticalHeader().setDefaultSectionSize(fm.height() + 12)

    def _build_detail(self) -> QWidget:
        box = QWidget(self)
        v = QVBoxLayout(box)
        self.title = QLabel(box)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.due_line = QLabel(box)
        self.due_line.setWordWrap(True)
        reply_box = QGroupBox(self.tr("HQ's reply"), box)
        self.reply = QPlainTextEdit(reply_box)
        self.reply.setReadOnly(True)
        self.reply.setAccessibleName(self.tr("HQ's reply"))
        line = self.fontMetrics().lineSpacing()
        # a long reply scrolls inside its box, so the form and its buttons stay in view
        self.reply.setFixedHeight(line * 4 + 12)
        reply_layout = QVBoxLayout(reply_box)
        reply_layout.addWidget(self.reply)

        reach_box = QGroupBox(self.tr("How to reach the suggester"), box)
        rf = QFormLayout(reach_box)
        self.reach_name, self.reach_phone = QLabel(reach_box), QLabel(reach_box)
        self.reach_address, self.reach_how = QLabel(reach_box), QLabel(reach_box)
        for label in (self.reach_name, self.reach_phone, self.reach_address, self.reach_how):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        person = QHBoxLayout()  # name and phone on one line: the form must fit a laptop
        person.addWidget(self.reach_name)
        person.addSpacing(self.fontMetrics().horizontalAdvance("中"))
        person.addWidget(self.reach_phone)
        person.addStretch(1)
        rf.addRow(self.tr("Contact"), person)
        rf.addRow(self.tr("Address"), self.reach_address)
        rf.addRow(self.tr("Wants a reply by"), self.reach_how)
        self.unmask_button = unmask_button(self.ctx, reach_box, self.unmask)
        rf.addRow(self.unmask_button)

        form_box = QGroupBox(self.tr("Record contact"), box)
        ff = QFormLayout(form_box)
        ff.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.method = QComboBox(form_box)
        for m in CONTACT_METHODS:
            self.method.addItem(self._method_text(m), m)
        self.date = QDateEdit(form_box)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reached_yes = QRadioButton(self.tr("&Reached"), form_box)
        self.reached_no = QRadioButton(self.tr("&Not reached"), form_box)
        self.reached_yes.setChecked(True)
        reached_row = QHBoxLayout()
        reached_row.addWidget(self.reached_yes)
        reached_row.addWidget(self.reached_no)
        reached_row.addStretch(1)
        self.satisfaction = QButtonGroup(form_box)
        sat_row = QHBoxLayout()
        sat_texts = {
            Satisfaction.SATISFIED: self.tr("&Satisfied"),
            Satisfaction.BASICALLY_SATISFIED: self.tr("&Basically satisfied"),
            Satisfaction.NOT_SATISFIED: self.tr("N&ot satisfied"),
        }
        self.sat_buttons: dict[str, QRadioButton] = {}
        for value, text in sat_texts.items():
            button = QRadioButton(text, form_box)
            self.satisfaction.addButton(button)
            self.sat_buttons[value] = button
            sat_row.addWidget(button)
        sat_row.addStretch(1)
        self.comment = QPlainTextEdit(form_box)
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(line * 3 + 12)
        self.comment.setAccessibleName(self.tr("Comment"))
        self.form_error = QLabel(form_box)
        self.form_error.setProperty("role", "error")
        self.form_error.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record contact (Ctrl+Enter)"), form_box)
        self.record_button.clicked.connect(self.record)
        method_label = QLabel(self.tr("&Way of contact"), form_box)
        method_label.setBuddy(self.method)
        date_label = QLabel(self.tr("Da&te"), form_box)
        date_label.setBuddy(self.date)
        ff.addRow(method_label, self.method)
        ff.addRow(date_label, self.date)
        ff.addRow(self.tr("Result"), reached_row)
        ff.addRow(self.tr("Satisfaction"), sat_row)
        comment_label = QLabel(self.tr("Co&mment"), form_box)
        comment_label.setBuddy(self.comment)
        ff.addRow(comment_label, self.comment)
        ff.addRow(self.form_error)
        self.form_layout = ff
        self.undo_button = QPushButton(self.tr("&Undo last contact"), form_box)
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.setEnabled(False)
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        ff.addRow(actions)
        self.reached_yes.toggled.connect(self._reached_changed)

        # the letter prints HQ's reply, so its button sits under the reply
        self.print_button = QPushButton(self.tr("&Print reply letter… (Ctrl+P)"), reply_box)
        self.print_button.clicked.connect(self.print_letter)
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addStretch(1)
        reply_layout.addLayout(print_row)
        self.message = QLabel(box)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "hint")
        for w in (self.title, self.due_line, reply_box, reach_box, form_box, self.message):
            v.addWidget(w)
        v.addStretch(1)
        scroll = detail_scroll(self, box)
        # as wide as the form needs: the side never scrolls sideways (nor clips) at 125 %
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(box.minimumSizeHint().width() + bar + 2 * scroll.frameWidth())
        return scroll

    def _method_text(self, method: str) -> str:
        return {
            "phone": self.tr("Phone call"),
            "visit": self.tr("Visit"),
            "letter": self.tr("Letter"),
            "other": self.tr("Other"),
            "unreachable": self.tr("Unreachable"),
        }[method]

    # --- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        include_done = self.show_done.isChecked()

        def op() -> tuple[list[WorkItem], WorklistCounts, OnTimeRate]:
            items = worklist(station, actor, include_done=include_done)
            return items, worklist_counts(station), on_time_rate(station)

        QueryOp(self, op, self._loaded).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.header.setText(error_text(exc))

    def _loaded(self, result: tuple[list[WorkItem], WorklistCounts, OnTimeRate]) -> None:
        items, counts, rate = result
        keep = self.current.suggestion_id if self.current else None
        self.model.show_items(items, self.ctx.station.clock.now().date())
        rate_text = (
            self.tr("%1% (%2 of %3 on time)")
            .replace("%1", str(round(rate.rate * 100)))
            .replace("%2", str(rate.on_time))
            .replace("%3", str(rate.on_time + rate.late + rate.open_overdue))
            if rate.rate is not None
            else self.tr("none due yet")
        )
        self.header.setText(
            self.tr("To inform: %1 · overdue: %2 · due soon: %3 · on-time feedback rate: %4")
            .replace("%1", str(counts.open))
            .replace("%2", str(counts.overdue))
            .replace("%3", str(counts.due_soon))
            .replace("%4", rate_text)
        )
        self.empty.setVisible(not items)
        # an empty list has no columns worth scrolling to
        self.table.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if items else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        rows = [i.suggestion_id for i in items]
        row = rows.index(keep) if keep in rows else (0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
            self._show_item(items[row])
        else:
            self._show_item(None)
        self.loaded.emit()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        items = self.model.items
        self._show_item(items[current.row()] if 0 <= current.row() < len(items) else None)

    # --- the selected item ---------------------------------------------------------------
    def _show_item(self, item: WorkItem | None) -> None:
        if item is not None and self.current is not None:
            same = item.suggestion_id == self.current.suggestion_id
        else:
            same = False
        self.current = item
        self.print_button.setEnabled(item is not None)
        self.unmask_button.setEnabled(item is not None and not item.personal_deleted)
        can_record = item is not None and not item.done
        for w in (self.method, self.date, self.reached_yes, self.reached_no, self.comment,
                  self.record_button, *self.sat_buttons.values()):  # fmt: skip
            w.setEnabled(can_record)
        self._reached_changed(self.reached_yes.isChecked())
        if item is None:
            self.title.setText(self.tr("Choose someone on the list."))
            # today, greyed out, rather than Qt's empty date (2000-01-01)
            today = self.ctx.station.clock.now().date()
            day = QDate(today.year, today.month, today.day)
            self.date.setDateRange(day, day)
            self.date.setDate(day)
            for label in (self.due_line, self.reach_name, self.reach_phone, self.reach_address,
                          self.reach_how):  # fmt: skip
                label.clear()
            self.reply.clear()
            return
        self.title.setText(f"{item.receipt_no}  {item.title}")
        self.due_line.setText(self._due_text(item))
        self.reply.setPlainText(item.reply_text)
        deleted = self.tr("Personal data has been deleted")
        self.reach_name.setText(deleted if item.personal_deleted else item.name or "—")
        self.reach_phone.setText(item.phone or "—")
        self.reach_address.setText(item.address or "—")
        how = catalogue(f"feedback.{item.feedback_method or 'none'}")
        tries = self.tr("(%1 tries so far)").replace("%1", str(item.attempts))
        if item.misses and not item.done and item.last_attempt_at:
            tries = (
                self.tr("(%1 tries so far, not reached; last on %2)")
                .replace("%1", str(item.attempts))
                .replace("%2", item.last_attempt_at[:10])
            )
        self.reach_how.setText(how + "  " + tries)
        if not same:
            self._reset_form(item)

    def _due_text(self, item: WorkItem) -> str:
        state = self.model._state_text[self.model.state(item)]
        if item.due_state == "due_soon" and not item.done:
            state = self.tr("%1: %2").replace("%1", state).replace("%2", self.model.days_left(item))
        elif not item.done:
            state = self.model.days_left(item)
        text = self.tr("Due %1 (%2)").replace("%1", item.due.isoformat()).replace("%2", state)
        if not item.done:
            text += " · " + self.tr("working days: weekends and holidays not counted")
        if item.due_from_hq:
            text += " · " + self.tr("date set by HQ")
        if item.due_estimated:
            text += " · " + self.tr("estimated: next year's holidays are not published yet")
        if item.feedback is not None:
            fb = item.feedback
            text += " · " + self.tr("recorded %1: %2").replace("%1", fb.at[:10]).replace(
                "%2", self._method_text(fb.method)
            )
            satisfaction = {
                Satisfaction.SATISFIED: self.tr("satisfied"),
                Satisfaction.BASICALLY_SATISFIED: self.tr("basically satisfied"),
                Satisfaction.NOT_SATISFIED: self.tr("not satisfied"),
            }.get(fb.satisfaction or "")
            if satisfaction:  # what was recorded, since the greyed form shows only defaults
                text += self.tr(", %1").replace("%1", satisfaction)
        return text

    def _reset_form(self, item: WorkItem) -> None:
        today = self.ctx.station.clock.now().date()
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        arrived = item.replied_at[:10]
        self.date.setMinimumDate(QDate.fromString(arrived, "yyyy-MM-dd"))
        self.date.setDate(QDate(today.year, today.month, today.day))
        index = self.method.findData(item.feedback_method or "phone")
        self.method.setCurrentIndex(max(index, 0))
        self.reached_yes.setChecked(True)
        self._clear_satisfaction()
        self.comment.clear()
        self._set_form_error("")

    def _clear_satisfaction(self) -> None:
        self.satisfaction.setExclusive(False)
        for b in self.sat_buttons.values():
            b.setChecked(False)
        self.satisfaction.setExclusive(True)

    def _reached_changed(self, reached: bool) -> None:
        if not reached:
            self._clear_satisfaction()
        for b in self.sat_buttons.values():
            b.setEnabled(reached and self.current is not None and not self.current.done)

    # --- actions -------------------------------------------------------------------------
    def chosen_satisfaction(self) -> str | None:
        return next((v for v, b in self.sat_buttons.items() if b.isChecked()), None)

    def record(self) -> None:
        item = self.current
        if item is None or item.done or not self.record_button.isEnabled():
            return
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), item.suggestion_id
        kwargs = {
            "method": self.method.currentData(),
            "at": self.date.date().toPython(),
            "satisfaction": self.chosen_satisfaction(),
            "comment": self.comment.toPlainText(),
            "reached": self.reached_yes.isChecked(),
        }
        self.record_button.setEnabled(False)
        WriteOp(
            self,
            lambda: record_contact(station, actor, sid, **kwargs),
            self._recorded,
            changes=Change.SUGGESTIONS,
            notifier=self.ctx.notifier,
        ).failure(self._record_failed).run_in_background()

    def _recorded(self, result: ContactResult) -> None:
        sid = self.current.suggestion_id if self.current else 0
        self.session_attempts.append((result.attempt_id, sid))
        self.undo_button.setEnabled(True)
        self._set_form_error("")
        if result.outcome == "feedback_given":
            text = self.tr("Feedback recorded; it goes to HQ at the next sync.")
        elif result.outcome == "unreachable":
            text = self.tr("Not reached after %1 tries: recorded as unreachable for HQ.").replace(
                "%1", str(result.tries)
            )
        else:
            text = (
                self.tr("Try %1 of %2 recorded: not reached.")
                .replace("%1", str(result.tries))
                .replace("%2", str(result.limit))
            )
        self.message.setText(text)
        self.current = None  # the form starts afresh for whatever is selected next
        self.recorded.emit(sid)

    def _set_form_error(self, text: str) -> None:
        """An empty error row takes no room (the form has to fit a laptop screen)."""
        self.form_error.setText(text)
        self.form_layout.setRowVisible(self.form_error, bool(text))

    def _record_failed(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self._set_form_error("\n".join(exc.field_messages().values()))
            field = next(iter(exc.problems), "")
            target = {"satisfaction": self.sat_buttons[Satisfaction.SATISFIED],
                      "at": self.date, "comment": self.comment}.get(field, self.method)  # fmt: skip
            target.setFocus()
        else:
            self._set_form_error(error_text(exc))

    def undo_last(self) -> None:
        if not self.session_attempts:
            return
        attempt_id, _sid = self.session_attempts[-1]
        station, actor = self.ctx.station, self.ctx.require_operator()

        def done(_r: object) -> None:
            self.session_attempts.pop()
            self.undo_button.setEnabled(bool(self.session_attempts))
            self.message.setText(self.tr("The contact was undone."))
            self.current = None

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc))

        WriteOp(
            self,
            lambda: undo_contact(station, actor, attempt_id),
            done,
            changes=Change.SUGGESTIONS,
            notifier=self.ctx.notifier,
        ).failure(failed).run_in_background()

    def unmask(self) -> None:
        if self.current is not None and (reason := ask_unmask_reason(self)):
            self.show_full_contact(reason)

    def show_full_contact(self, reason: str) -> None:
        item = self.current
        if item is None:
            return

        def shown(person: PersonView | None) -> None:
            if person is not None and self.current is item:
                self.reach_name.setText(person.name or "—")
                self.reach_phone.setText(person.phone or "—")
                self.reach_address.setText(person.address or "—")

        fetch_full_contact(self, self.ctx, item.suggestion_id, reason, shown)

    def print_letter(self) -> None:
        item = self.current
        if item is None:
            return
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), item.suggestion_id
        open_printout(
            self,
            self.ctx,
            lambda: printouts.reply_letter(station, actor, sid),
            lambda data, contact: reply_letter(data, sid, contact),
            self._opened,
        )

    def _opened(self, dialog: LetterDialog) -> None:
        self.letter_dialog = dialog
