"""落实转化 · 表彰奖励: suggestions HQ adopted, implemented or awarded, and the notice for the
suggester.

Above, a filter (all, adopted, implemented, awarded, each with its count). Left, the list
(what HQ decided in words, receipt number, title, the suggester's masked name, the date).
Right, the chosen suggestion: each result with its date and HQ's note, the suggester's
contact (masked; an admin may show it in full with a reason, which is logged) and
"Print notice…", the printable notice (建议办理结果通知书) with PDF export, audited as a print
like the reply letter.

Keyboard: Alt+letter picks a filter; Enter on a row goes to the print button; Ctrl+P prints
the notice; F5 reloads.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.followup import printouts
from station_app.followup.awards import KINDS, OutcomeItem, outcomes
from station_app.services.suggestions import PersonView, get_detail
from ui.context import AppContext, Change
from ui.errors import error_text
from ui.models.outcomes_table import OutcomesModel, day
from ui.ops import QueryOp
from ui.printing.reply_letter import LetterDialog, outcome_lines, outcome_notice
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


class OutcomesScreen(QWidget):
    """For any logged-in operator (the services check "view_masked" and "print")."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: OutcomeItem | None = None
        self.every: list[OutcomeItem] = []
        self.kind: str | None = None
        self.letter_dialog: LetterDialog | None = None
        self.header = QLabel(self.tr("Loading…"), self)
        self.header.setWordWrap(True)
        self.header.setAccessibleName(self.tr("Outcomes summary"))
        self.filters = QButtonGroup(self)
        self.filter_buttons: dict[str | None, QRadioButton] = {}
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show:"), self))
        for kind in (None, *KINDS):
            button = QRadioButton(self)
            self.filters.addButton(button)
            self.filter_buttons[kind] = button
            filter_row.addWidget(button)
        filter_row.addStretch(1)
        self.filter_buttons[None].setChecked(True)
        for kind, button in self.filter_buttons.items():
            button.toggled.connect(lambda on, k=kind: on and self.set_kind(k))
        self._filter_texts({})
        self.model = OutcomesModel(self)
        self.table = QTableView(self)
        self._setup_table()
        self.empty = QLabel(self)
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.splitter = list_detail_splitter(
            self, self.table, self.empty, self._build_detail(), stretch=(5, 2)
        )
        self.splitter.setSizes([5000, 2000])  # the list gets the room; scaled when shown
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(filter_row)
        layout.addWidget(self.splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _i: self.print_button.setFocus())
        ctx.notifier.subscribe(self, Change.SUGGESTIONS | Change.SYNC, self.reload)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_notice, context=context)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload, context=context)
        self._show_item(None)
        self.reload()

    # --- building ------------------------------------------------------------------------
    def _filter_texts(self, counts: dict[str | None, int]) -> None:
        texts = {
            None: self.tr("&All (%1)"),
            "adopted": self.tr("A&dopted (%1)"),
            "implemented": self.tr("&Implemented (%1)"),
            "awarded": self.tr("A&warded (%1)"),
        }
        for kind, button in self.filter_buttons.items():
            button.setText(texts[kind].replace("%1", str(counts.get(kind, 0))))

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        pick_one_row(t, self.tr("Adopted, implemented and awarded suggestions"))
        t.horizontalHeader().setStretchLastSection(True)  # the receipt number
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        follow_font(t, self._size_columns)

    def _size_columns(self) -> None:
        t = self.table
        fm, pad = t.fontMetrics(), 16
        em = fm.horizontalAdvance("中")
        widths = [em * 9, em * 12, em * 4, fm.horizontalAdvance("2026-11-25")]
        for col, width in enumerate(widths):
            t.setColumnWidth(col, width + pad)
        t.verticalHeader().setDefaultSectionSize(fm.height() + 12)

    def _build_detail(self) -> QWidget:
        box = QWidget(self)
        v = QVBoxLayout(box)
        self.title = QLabel(box)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.received = QLabel(box)
        self.received.setWordWrap(True)

        result_box = QGroupBox(self.tr("What HQ decided"), box)
        self.result = QLabel(result_box)
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(result_box).addWidget(self.result)

        person_box = QGroupBox(self.tr("The suggester"), box)
        pf = QFormLayout(person_box)
        self.person_name, self.person_phone = QLabel(person_box), QLabel(person_box)
        self.person_address = QLabel(person_box)
        for label in (self.person_name, self.person_phone, self.person_address):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pf.addRow(self.tr("Name"), self.person_name)
        pf.addRow(self.tr("Phone"), self.person_phone)
        pf.addRow(self.tr("Address"), self.person_address)
        self.unmask_button = unmask_button(self.ctx, person_box, self.unmask)
        pf.addRow(self.unmask_button)

        self.print_button = QPushButton(self.tr("&Print notice… (Ctrl+P)"), box)
        self.print_button.clicked.connect(self.print_notice)
        self.print_hint = QLabel(
            self.tr("The notice carries the suggester's name and address for posting; "
                    "printing it is logged."), box)  # fmt: skip
        self.print_hint.setProperty("role", "hint")
        self.print_hint.setWordWrap(True)
        self.message = QLabel(box)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        for w in (self.title, self.received, result_box, person_box):
            v.addWidget(w)
        v.addLayout(actions)
        v.addWidget(self.print_hint)
        v.addWidget(self.message)
        v.addStretch(1)
        return detail_scroll(self, box)

    # --- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        QueryOp(self, lambda: outcomes(station, actor), self._loaded).failure(
            self._failed
        ).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.header.setText(error_text(exc))

    def _loaded(self, every: list[OutcomeItem]) -> None:
        self.every = every
        counts: dict[str | None, int] = {None: len(every)}
        for kind in KINDS:
            counts[kind] = sum(1 for i in every if kind in i.kinds)
        self._filter_texts(counts)
        self.header.setText(
            self.tr("Adopted: %1 · implemented: %2 · awarded as excellent: %3")
            .replace("%1", str(counts["adopted"]))
            .replace("%2", str(counts["implemented"]))
            .replace("%3", str(counts["awarded"]))
        )
        self._fill()
        self.loaded.emit()

    def set_kind(self, kind: str | None) -> None:
        """Show only `kind` (adopted, implemented, awarded) or everything (None)."""
        self.kind = kind
        button = self.filter_buttons[kind]
        if not button.isChecked():
            button.setChecked(True)  # comes back here through toggled
            return
        self._fill()

    def _fill(self) -> None:
        keep = self.current.suggestion_id if self.current else None
        items = [i for i in self.every if self.kind is None or self.kind in i.kinds]
        self.model.set_items(items)
        if items:  # "adopted · implemented · awarded" is read whole
            self.table.resizeColumnToContents(0)
        self.empty.setText(
            self.tr("Nothing here yet. HQ's decisions arrive with each sync.")
            if not self.every
            else self.tr("None of this kind.")
        )
        self.empty.setVisible(not items)
        ids = [i.suggestion_id for i in items]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_item(items[row] if row >= 0 else None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        items = self.model.items
        self._show_item(items[current.row()] if 0 <= current.row() < len(items) else None)

    # --- the chosen suggestion -----------------------------------------------------------
    def _show_item(self, item: OutcomeItem | None) -> None:
        before = self.current.suggestion_id if self.current is not None else None
        same = item is not None and item.suggestion_id == before
        self.current = item
        self.print_button.setEnabled(item is not None)
        self.unmask_button.setEnabled(item is not None and not item.anonymous)
        if item is None:
            self.title.setText(self.tr("Choose a suggestion on the list."))
            for label in (self.received, self.result, self.person_name, self.person_phone,
                          self.person_address):  # fmt: skip
                label.clear()
            return
        self.title.setText(f"{item.receipt_no}  {item.title}")
        self.received.setText(self.tr("Received %1").replace("%1", day(item.received_at)))
        self.result.setText(self._result_html(item))
        if not same:
            self.message.clear()
            self._show_person(item)

    def _result_html(self, item: OutcomeItem) -> str:
        rows = [f"<b>{_esc(text)}</b>　{_esc(day)}" for text, day in outcome_lines(item)]
        notes = []
        if item.outcome_note:
            notes.append(self.tr("HQ's note: %1").replace("%1", _esc(item.outcome_note)))
        if item.award_note:
            notes.append(self.tr("Award: %1").replace("%1", _esc(item.award_note)))
        return "<br>".join(rows + notes)

    def _show_person(self, item: OutcomeItem) -> None:
        if item.anonymous:
            self.person_name.setText(self.tr("Anonymous: the notice has no name or address"))
            self.person_phone.setText("—")
            self.person_address.setText("—")
            return
        self.person_name.setText(item.name or "—")
        self.person_phone.clear()
        self.person_address.clear()
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), item.suggestion_id
        QueryOp(
            self, lambda: get_detail(station, actor, sid).person, lambda p: self._person(item, p)
        ).failure(lambda exc: self.message.setText(error_text(exc))).run_in_background()

    def _person(self, item: OutcomeItem, person: PersonView | None) -> None:
        if person is None or self.current is None:
            return
        if self.current.suggestion_id != item.suggestion_id:
            return
        if person.purged:
            self.person_name.setText(self.tr("Personal data has been deleted"))
        else:
            self.person_name.setText(person.name or "—")
        self.person_phone.setText(person.phone or "—")
        self.person_address.setText(person.address or "—")

    # --- actions -------------------------------------------------------------------------
    def unmask(self) -> None:
        if self.current is not None and (reason := ask_unmask_reason(self)):
            self.show_full_contact(reason)

    def show_full_contact(self, reason: str) -> None:
        item = self.current
        if item is None:
            return
        fetch_full_contact(
            self,
            self.ctx,
            item.suggestion_id,
            reason,
            lambda p: self._person(item, p),
            lambda exc: self.message.setText(error_text(exc)),
        )

    def print_notice(self) -> None:
        item = self.current
        if item is None:
            return
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), item.suggestion_id
        open_printout(
            self,
            self.ctx,
            lambda: printouts.outcome_notice(station, actor, sid),
            outcome_notice,
            self._opened,
        )

    def _opened(self, dialog: LetterDialog) -> None:
        self.letter_dialog = dialog


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
