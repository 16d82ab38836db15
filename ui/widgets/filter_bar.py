"""The row of filters above the suggestion list: status, channel, category, received date range
and campaign. It only turns choices into a `station_app.services.query.Filters`; the list
screen decides when to search, and gives it the category and campaign choices (`set_lists`):
the bar reads nothing itself."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import Channel, Status
from station_app.i18n import tr as catalogue
from station_app.services.query import Filters

NO_LIMIT = QDate(2000, 1, 1)  # the minimum date shows as "no limit"

# statuses a volunteer filters by, in the order a suggestion moves through them
STATUS_CHOICES = [s for s in Status if s not in (Status.DRAFT, Status.CONFLICT)] + [Status.CONFLICT]


def narrow(combo: QComboBox) -> None:
    """A combo as wide as its first choice ("All categories"), not as its longest (a
    campaign's title would push the list wider than the screen); its drop-down still shows
    whole choices."""
    fm = combo.fontMetrics()
    chars = -(-fm.horizontalAdvance(combo.itemText(0)) // max(fm.horizontalAdvance("x"), 1))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars + 1)
    fit_popup(combo)


def fit_popup(combo: QComboBox) -> None:
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())


class FilterBar(QWidget):
    """Emits `changed` whenever a filter changes; `filters()` gives the current choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # two rows (what, then when and which campaign): one row was wider than a 1366 px
        # screen in English at 125%
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        layout, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(layout)
        rows.addLayout(second)

        self.status = QComboBox(self)
        self.status.addItem(self.tr("All statuses"), None)
        for st in STATUS_CHOICES:
            self.status.addItem(catalogue("status." + st), str(st))

        self.channel = QComboBox(self)
        self.channel.addItem(self.tr("All channels"), None)
        for ch in Channel:
            self.channel.addItem(catalogue("channel." + ch), str(ch))

        self.category = QComboBox(self)
        self.category.addItem(self.tr("All categories"), None)

        self.campaign = QComboBox(self)
        self.campaign.addItem(self.tr("All campaigns"), None)

        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.reset_button = QPushButton(self.tr("Clear filters"), self)
        self.reset_button.clicked.connect(self.reset)

        for widget, label in (
            (self.status, self.tr("Status")),
            (self.channel, self.tr("Channel")),
            (self.category, self.tr("Category")),
        ):
            widget.setAccessibleName(label)
            widget.setToolTip(label)
            layout.addWidget(widget)
        self.campaign.setAccessibleName(self.tr("Campaign"))
        self.campaign.setToolTip(self.tr("Campaign"))
        layout.addWidget(self.campaign)
        layout.addStretch(1)
        second.addWidget(QLabel(self.tr("Received from"), self))
        second.addWidget(self.date_from)
        second.addWidget(QLabel(self.tr("to"), self))
        second.addWidget(self.date_to)
        second.addWidget(self.reset_button)
        second.addStretch(1)

        for combo in (self.status, self.channel, self.category, self.campaign):
            narrow(combo)
            combo.currentIndexChanged.connect(self.changed)
        self.campaign.hide()  # until there are campaigns to choose from

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_LIMIT)
        edit.setSpecialValueText(self.tr("No limit"))
        edit.setDate(NO_LIMIT)
        edit.setAccessibleName(self.tr("Received date"))
        edit.dateChanged.connect(self.changed)
        return edit

    def set_lists(self, cats: list[tuple[str, str]], camps: list[tuple[str, str]]) -> None:
        """The (code, name) choices of category and campaign; what is chosen stays chosen
        (a choice no longer offered goes back to "all", which changes the filters)."""
        before = self.filters()
        for combo, items in ((self.category, cats), (self.campaign, camps)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for code, name in items:
                combo.addItem(name, code)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)
        self.campaign.setVisible(bool(camps))
        for combo in (self.category, self.campaign):
            fit_popup(combo)
        if self.filters() != before:
            self.changed.emit()

    def _date(self, edit: QDateEdit) -> str | None:
        day = edit.date()
        return None if day == NO_LIMIT else day.toString("yyyy-MM-dd")

    def filters(self) -> Filters:
        status = self.status.currentData()
        return Filters(
            statuses=[status] if status else [],
            channel=self.channel.currentData(),
            category_code=self.category.currentData(),
            campaign_code=self.campaign.currentData(),
            received_from=self._date(self.date_from),
            received_to=self._date(self.date_to),
        )

    def is_default(self) -> bool:
        return self.filters() == Filters()

    def reset(self) -> None:
        widgets = (self.status, self.channel, self.category, self.campaign)
        for w in (*widgets, self.date_from, self.date_to):
            w.blockSignals(True)
        for combo in widgets:
            combo.setCurrentIndex(0)
        self.date_from.setDate(NO_LIMIT)
        self.date_to.setDate(NO_LIMIT)
        for w in (*widgets, self.date_from, self.date_to):
            w.blockSignals(False)
        self.changed.emit()
