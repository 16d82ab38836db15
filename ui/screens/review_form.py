"""Review of a letter that is a paper form: every field the form gave, with how sure the
reading is, the doubtful ones marked; and the form's choices put in the review's fields.

`FormFieldsBox.show_form(form)` fills the panel (hidden for a free letter);
`apply_form(screen, form, proposed)` ticks the category, reply and consent as the form does
(name, phone, address and date are filled by the review's proposals, like any letter's).
A serial that came back before is said in red: the page may be a second copy.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from station_app.domain import FeedbackMethod
from station_app.postbox.form_serials import FormOnLetter

DOUBTFUL_STYLE = "QLabel { background: #fff3b0; padding: 1px 4px; }"
WARNING_STYLE = "QLabel { color: #b00020; font-weight: bold; }"
ORDER = (
    "name",
    "phone",
    "address",
    "category",
    "feedback",
    "feedback_method",
    "consent",
    "date",
    "suggestion",
)


class FormFieldsBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Paper form"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        lay = QGridLayout(self)
        lay.addWidget(self.warning, 0, 0)
        lay.addLayout(self.grid, 1, 0)
        lay.addWidget(self.hint, 2, 0)
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        self.category_names: dict[str, str] = {}
        self.hide()

    def labels(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "phone": self.tr("Mobile number"),
            "address": self.tr("Address"),
            "category": self.tr("Category"),
            "feedback": self.tr("Wants a reply"),
            "feedback_method": self.tr("Reply by"),
            "consent": self.tr("Consent ticked"),
            "date": self.tr("Date filled in"),
            "suggestion": self.tr("Suggestion text"),
        }

    def _shown(self, key: str, value: str) -> str:
        if key in ("feedback", "consent"):
            return self.tr("yes") if value == "yes" else self.tr("no")
        if key == "feedback_method":
            methods = {
                "phone": self.tr("phone"),
                "visit": self.tr("visit"),
                "letter": self.tr("letter"),
            }
            return methods.get(value, value)
        if key == "category":
            return self.category_names.get(value, value)
        if key == "suggestion" and len(value) > 24:
            return value[:24] + "…"
        return value

    def show_form(self, form: FormOnLetter | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = {}
        if form is None:
            self.hide()
            return
        self.setTitle(self.tr("Paper form no. %1").replace("%1", form.serial))
        warnings = []
        if form.duplicate:
            warnings.append(
                self.tr(
                    "This form number came back before (%1): the page may be a second copy."
                ).replace("%1", (form.first_received_at or "")[:16].replace("T", " "))
            )
        if form.unknown_serial:
            warnings.append(self.tr("This form number was not printed by this station."))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        labels = self.labels()
        for row, key in enumerate(k for k in ORDER if k in form.fields):
            f = form.fields[key]
            name = QLabel(labels[key])
            value = QLabel(self._shown(key, f.value) or self.tr("(empty)"))
            value.setWordWrap(True)
            sure = QLabel(
                (self.tr("%1% – check") if f.doubtful else self.tr("%1%")).replace(
                    "%1", str(round(f.confidence * 100))
                )
            )
            if f.doubtful:
                value.setStyleSheet(DOUBTFUL_STYLE)
                sure.setStyleSheet(DOUBTFUL_STYLE)
            sure.setAccessibleName(self.tr("How sure the reading is"))
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value, row, 1)
            self.grid.addWidget(sure, row, 2)
            self.rows[key] = (name, value, sure)
        doubtful = len(form.doubtful)
        self.hint.setText(
            self.tr(
                "Read from the form's boxes. Yellow: %1 field(s) to check against the page."
            ).replace("%1", str(doubtful))
            if doubtful
            else self.tr("Read from the form's boxes; every field was read clearly.")
        )
        self.show()

    def doubtful_keys(self) -> list[str]:
        return [k for k, (_n, value, _s) in self.rows.items() if value.styleSheet()]


def category_names(combo: Any) -> dict[str, str]:
    """Code -> shown name of the review's category list (the placeholder left out)."""
    return {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}


def apply_category(screen: Any, proposed: dict[str, str]) -> bool:
    """Choose the form's ticked category, once the list holds it; True if chosen."""
    index = screen.category.findData(proposed.get("category") or "\0")
    if index < 0:
        return False
    screen.category.setCurrentIndex(index)
    return True


def apply_form(screen: Any, form: FormOnLetter | None, proposed: dict[str, str]) -> None:
    """The form's category, reply wish and method, and consent, in the review's fields (the
    category waits for the list when it is still loading: `apply_category` again)."""
    if form is None:
        return
    apply_category(screen, proposed)
    box = screen.suggester
    sf = box.to_form()
    sf.wants_feedback = proposed.get("wants_feedback") == "yes"
    method = proposed.get("feedback_method", "")
    sf.feedback_method = method if sf.wants_feedback and method else str(FeedbackMethod.NONE)
    if sf.wants_feedback and not method:
        sf.feedback_method = str(FeedbackMethod.PHONE)
    sf.consent_given = proposed.get("consent") == "yes"
    box.set_form(sf)
