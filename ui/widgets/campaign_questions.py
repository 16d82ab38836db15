"""A campaign's guidance and extra questions (主动征集), built from HQ's question list.

One row per question: text and number questions are line edits, choice, scale and yes/no
questions are combo boxes with an empty first entry (nothing chosen), multiple-choice
questions a row of check boxes, so every field is reachable with Tab and answered from the
keyboard. Each row has a red message line for the service's
validation message (`campaign_answers.<key>`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.services.campaigns import ANSWER_FIELD, Campaign, Question
from ui.widgets.fields import ErrorLabel, with_error


class MultiChoice(QWidget):
    """A multiple-choice answer: one check box per choice (Space ticks, Tab moves on)."""

    changed = Signal()

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[QCheckBox] = []
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for n, choice in enumerate(choices):
            box = QCheckBox(choice)
            box.toggled.connect(self.changed)
            self.boxes.append(box)
            lay.addWidget(box, n // 3, n % 3)

    def values(self) -> list[str]:
        return [b.text() for b in self.boxes if b.isChecked()]

    def set_values(self, values: Any) -> None:
        chosen = set(values) if isinstance(values, list | tuple) else {values}
        for box in self.boxes:
            box.setChecked(box.text() in chosen)


class CampaignQuestions(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign: Campaign | None = None
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setProperty("role", "hint")
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "error")
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.guidance)
        lay.addWidget(self.note)
        lay.addWidget(self._form_host)
        self.set_campaign(None)

    # building ---------------------------------------------------------------------------------
    def set_campaign(self, campaign: Campaign | None) -> None:
        """Show `campaign`'s guidance and questions (None hides everything)."""
        self.campaign = campaign
        while self._form.rowCount():
            self._form.removeRow(0)
        self.editors.clear()
        self.errors.clear()
        if campaign is None:
            self.hide()
            return
        period = " – ".join(p for p in (campaign.starts_on, campaign.ends_on) if p)
        lines = [f"<b>{_esc(campaign.title)}</b>" + (f"（{_esc(period)}）" if period else "")]
        if campaign.topic:
            lines.append(self.tr("Topic: %1").replace("%1", _esc(campaign.topic)))
        if campaign.guidance:
            lines.append(_esc(campaign.guidance))
        self.guidance.setText("<br>".join(lines))
        self.note.setText(campaign.note())
        self.note.setVisible(bool(campaign.problems))
        for q in campaign.questions:
            editor = self._editor(q)
            editor.setObjectName(f"answer_{q.key}")
            error = ErrorLabel()
            self.editors[q.key] = editor
            self.errors[q.key] = error
            label = QLabel(q.label + (" *" if q.required else ""))
            label.setWordWrap(True)
            label.setBuddy(editor)
            self._form.addRow(label, with_error(editor, error))
        self._form_host.setVisible(bool(campaign.questions))
        self.show()

    def _editor(self, q: Question) -> QWidget:
        if q.type == "multi":
            multi = MultiChoice(q.choices)
            multi.changed.connect(self.changed)
            multi.setAccessibleName(q.label)
            return multi
        if q.type in ("choice", "yesno", "scale"):
            combo = QComboBox()
            combo.addItem(self.tr("(choose)"), None)
            if q.type == "yesno":
                combo.addItem(self.tr("Yes"), True)
                combo.addItem(self.tr("No"), False)
            elif q.type == "scale":
                for n in range(q.scale[0], q.scale[1] + 1):
                    combo.addItem(str(n), n)
            else:
                for choice in q.choices:
                    combo.addItem(choice, choice)
            combo.currentIndexChanged.connect(self.changed)
            combo.setAccessibleName(q.label)
            return combo
        edit = QLineEdit()
        edit.setAccessibleName(q.label)
        if q.type == "number":
            edit.setPlaceholderText(self.tr("A number"))
        edit.textChanged.connect(self.changed)
        return edit

    # values -----------------------------------------------------------------------------------
    def answers(self) -> dict[str, Any]:
        """What was entered, as typed (the service checks and converts it on saving)."""
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, MultiChoice):
                if editor.values():
                    out[key] = editor.values()
            elif isinstance(editor, QComboBox):
                value = editor.currentData()
                if value is not None:
                    out[key] = value
            elif isinstance(editor, QLineEdit) and editor.text().strip():
                out[key] = editor.text()
        return out

    def set_answers(self, answers: dict[str, Any]) -> None:
        for key, editor in self.editors.items():
            value = answers.get(key)
            if isinstance(editor, MultiChoice):
                editor.set_values(value or [])
            elif isinstance(editor, QComboBox):
                index = editor.findData(value) if value is not None else 0
                if index < 0 and isinstance(value, str):  # "是"/"否" from an older draft
                    index = editor.findText(value)
                editor.setCurrentIndex(max(index, 0))
            elif isinstance(editor, QLineEdit):
                editor.setText("" if value is None else str(value))

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for editor in self.editors.values():
            chain.extend(editor.boxes if isinstance(editor, MultiChoice) else [editor])
        return chain

    def field_widget(self, field: str) -> QWidget | None:
        for key, editor in self.editors.items():
            if ANSWER_FIELD.format(key=key) == field:
                if isinstance(editor, MultiChoice) and editor.boxes:
                    return editor.boxes[0]
                return editor
        return None

    def show_problems(self, messages: dict[str, str]) -> list[str]:
        """Show the messages that are about answers; returns their fields in question order."""
        shown: list[str] = []
        for key, error in self.errors.items():
            field = ANSWER_FIELD.format(key=key)
            if messages.get(field):
                error.show_message(messages[field])
                shown.append(field)
        return shown

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.show_message("")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
