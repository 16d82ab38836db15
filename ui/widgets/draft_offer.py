"""After login: unfinished drafts of this operator are offered back (continue or discard)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.services.drafts import DraftView


def describe(draft: DraftView, untitled: str, speaker: str = "") -> str:
    try:
        when = dt.datetime.fromisoformat(draft.updated_at).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        when = draft.updated_at
    text = draft.form.title.strip() or draft.form.content.strip()[:30] or untitled
    return f"{when}  {speaker}{text}" if draft.session_id is not None else f"{when}  {text}"


class DraftOfferDialog(QDialog):
    """Result: `chosen` is the draft to continue (or None); `discarded` lists uuids."""

    def __init__(self, drafts: list[DraftView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unfinished suggestions"))
        self.drafts = list(drafts)
        self.chosen: DraftView | None = None
        self.discarded: list[str] = []
        self.list = QListWidget()
        for d in drafts:
            item = QListWidgetItem(
                describe(d, self.tr("(no title yet)"), self.tr("Group session speaker: "))
            )
            item.setData(Qt.ItemDataRole.UserRole, d.uuid)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.restore())
        self.restore_button = QPushButton(self.tr("Continue this one"))
        self.discard_button = QPushButton(self.tr("Discard it"))
        later = QPushButton(self.tr("Later"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore)
        self.discard_button.clicked.connect(self.discard)
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(self.restore_button)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(self.tr("These suggestions were not finished last time. Continue one?"))
        )
        lay.addWidget(self.list)
        lay.addLayout(buttons)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 32, line * 14)

    def _current(self) -> DraftView | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def restore(self) -> None:
        self.chosen = self._current()
        if self.chosen is not None:
            self.accept()

    def discard(self) -> None:
        d = self._current()
        if d is None:
            return
        self.discarded.append(d.uuid)
        row = self.list.currentRow()
        self.list.takeItem(row)
        del self.drafts[row]
        if not self.drafts:
            self.reject()
