"""Pages read but not yet in a letter: look at them, put them in order (drag and drop, or
Alt+Up / Alt+Down) and make them a letter of the collection (Ctrl+G), or let each file be
one letter (in file-name order: letter-2 before letter-10). A small page preview shows the
page under the cursor. After an import the screen calls `prompt()`: a line says what to do
next and the "each file is one letter" button has the focus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from station_app.postbox.collections import FileLetter, LetterInfo, one_letter_per_file
from station_app.postbox.imports import PageRef, assign_pages, page_image
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp
from ui.widgets.page_viewer import PageViewer


def page_label(page: PageRef) -> str:
    conf = "" if page.mean_confidence is None else f" · {round(page.mean_confidence * 100)}%"
    return f"{page.file_name} · p.{page.page_index + 1}{conf}"


class UnassignedPages(QWidget):
    """The collection's unassigned pages. `assigned` is emitted after pages went to letters."""

    assigned = Signal()
    filed = Signal(str)  # "each file is one letter" done: which file went to which letter

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.letters: list[LetterInfo] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Unassigned pages"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.up_button = QPushButton(self.tr("Up (Alt+↑)"))
        self.down_button = QPushButton(self.tr("Down (Alt+↓)"))
        self.target = QComboBox()
        self.target.setAccessibleName(self.tr("Letter to put the pages in"))
        self.assign_button = QPushButton(self.tr("Put selected pages in this letter (Ctrl+G)"))
        self.per_file_button = QPushButton(self.tr("Each file is one letter"))
        self.per_file_button.setAutoDefault(True)  # Enter, once the prompt gave it the focus
        self.per_file_button.setToolTip(
            self.tr("The pages of each file go, in order, to the next letter that has no pages")
        )
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.prompt_line = QLabel()  # after an import: what to do next
        self.prompt_line.setWordWrap(True)
        self.prompt_line.setStyleSheet("QLabel { background: #fff4ce; padding: 6px; }")
        self.prompt_line.hide()
        self.preview = PageViewer(self, compact=True)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.prompt_line)
        ll.addWidget(self.list, 1)
        move = QHBoxLayout()
        move.addWidget(self.up_button)
        move.addWidget(self.down_button)
        ll.addLayout(move)
        ll.addWidget(self.target)
        ll.addWidget(self.assign_button)
        ll.addWidget(self.per_file_button)
        ll.addWidget(self.hint)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.assign_button.clicked.connect(self.assign_selected)
        self.per_file_button.clicked.connect(self.one_letter_per_file)
        self.list.currentItemChanged.connect(self._preview)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_selected(-1), context=context)
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_selected(1), context=context)
        QShortcut(QKeySequence("Ctrl+G"), self, self.assign_selected, context=context)
        self.last_plan: list[FileLetter] = []
        self.set_pages([], [])

    def set_pages(self, pages: list[PageRef], letters: list[LetterInfo]) -> None:
        self.letters = letters
        self.list.clear()
        for page in pages:
            item = QListWidgetItem(page_label(page))
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.list.addItem(item)
        current = self.target.currentData()
        self.target.clear()
        for letter in letters:
            if letter.outcome != "pending":
                continue
            text = self.tr("Letter %1").replace("%1", str(letter.seq))
            if letter.pages:
                text += " " + self.tr("(%1 page(s) already)").replace("%1", str(len(letter.pages)))
            self.target.addItem(text, letter.id)
        empty = next((i for i, lt in enumerate(self._pending()) if not lt.pages), 0)
        index = self.target.findData(current)
        self.target.setCurrentIndex(index if index >= 0 else empty)
        has_pages, has_target = bool(pages), self.target.count() > 0
        for w in (self.up_button, self.down_button):
            w.setEnabled(has_pages)
        self.assign_button.setEnabled(has_pages and has_target)
        self.per_file_button.setEnabled(has_pages and has_target)
        if not pages:
            self.hint.setText(self.tr("Every page read so far is in a letter."))
            self.prompt_line.hide()
            self.preview.clear()
        elif not has_target:
            self.hint.setText(
                self.tr("No pending letter to put pages in: add a letter found later.")
            )
        else:
            self.hint.setText(self.tr("Drag pages or use Alt+↑/↓ to put them in order."))

    def prompt(self) -> None:
        """Say what to do with the pages just read, and put the focus on the likely step."""
        count = self.list.count()
        if not count:
            return
        if self.per_file_button.isEnabled():
            text = self.tr(
                "%1 page(s) read and not yet in a letter. Next: make each file one letter, "
                "in file-name order (Enter), or select pages and put them in a letter (Ctrl+G)."
            )
            self.per_file_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            text = self.tr(
                "%1 page(s) read and not yet in a letter, but no letter is waiting for pages: "
                "add a letter found later on the Letters tab, or record a new collection."
            )
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.prompt_line.setText(text.replace("%1", str(count)))
        self.prompt_line.show()

    def _pending(self) -> list[LetterInfo]:
        return [lt for lt in self.letters if lt.outcome == "pending"]

    def pages_in_order(self) -> list[PageRef]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def selected_in_order(self) -> list[PageRef]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).isSelected()
        ]

    def move_selected(self, step: int) -> None:
        rows = sorted(
            (i for i in range(self.list.count()) if self.list.item(i).isSelected()),
            reverse=step > 0,
        )
        if not rows or (step < 0 and rows[0] == 0):
            return
        if step > 0 and rows[0] == self.list.count() - 1:
            return
        moved = []
        for row in rows:
            item = self.list.takeItem(row)
            self.list.insertItem(row + step, item)
            moved.append(item)
        for item in moved:
            item.setSelected(True)
        self.list.setCurrentItem(moved[-1], QItemSelectionModel.SelectionFlag.NoUpdate)

    def _preview(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        page: PageRef = item.data(Qt.ItemDataRole.UserRole)
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.preview.show_page(lambda: page_image(station, actor, page.page_id))

    # assigning ------------------------------------------------------------------------------
    def assign_selected(self) -> None:
        pages = self.selected_in_order()
        letter_id = self.target.currentData()
        if not pages or letter_id is None or not self.assign_button.isEnabled():
            return
        letter = next(lt for lt in self.letters if lt.id == letter_id)
        ids = [p.page_id for p in letter.pages] + [p.page_id for p in pages]
        self._run(lambda station, actor: assign_pages(station, actor, letter_id, ids))

    def one_letter_per_file(self) -> None:
        """Each file to the next letter without pages, in file-name order (not the order
        OCR finished in); the result names the files: 第1封 ← letter-2.png."""
        pages = self.pages_in_order()
        if not pages or not self.letters or not self.per_file_button.isEnabled():
            return
        collection_id = self.letters[0].collection_id
        self._run(lambda station, actor: one_letter_per_file(station, actor, collection_id, pages))

    def _run(self, fn: Callable[[Any, Any], object]) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.assign_button.setEnabled(False)
        self.per_file_button.setEnabled(False)
        WriteOp(
            self,
            op=lambda: fn(station, actor),
            success=self._done,
            changes=Change.POSTBOX,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _done(self, result: object = None) -> None:
        self.prompt_line.hide()
        if isinstance(result, list) and result and isinstance(result[0], FileLetter):
            self.last_plan = result
            said = self.tr("; ").join(
                self.tr("Letter %1 ← %2").replace("%1", str(f.seq)).replace("%2", f.file_name)
                for f in result
            )
            self.assigned.emit()
            self.filed.emit(said)
        else:
            self.assigned.emit()

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.assigned.emit()
