"""What the list screens share (worklist, outcomes, campaigns): the list on the left with its
"nothing here" hint under it, the chosen item's detail on the right, in one splitter; and the
two steps with personal data, each audited by its service: showing a suggester's full
contact (administrators, with a reason) and printing a letter for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.followup.worklist import contact_for
from station_app.services.common import can
from station_app.services.suggestions import PersonView
from ui.context import AppContext
from ui.errors import show_error
from ui.ops import QueryOp
from ui.printing.reply_letter import Letter, LetterDialog, station_contact
from ui.theme import UiSettings

D = TypeVar("D", bound="_Printout")


class _Printout(Protocol):
    station_place: str
    station_phone: str


def list_detail_splitter(
    parent: QWidget,
    table: QTableView,
    empty: QLabel,
    detail: QWidget,
    stretch: tuple[int, int] = (1, 0),
) -> QSplitter:
    """The table with `empty` under it (shown by the screen when the list is empty) on the
    left, `detail` on the right."""
    left = QWidget(parent)
    lv = QVBoxLayout(left)
    lv.setContentsMargins(0, 0, 0, 0)
    lv.addWidget(table, 1)
    lv.addWidget(empty)
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.addWidget(left)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    return splitter


def detail_scroll(parent: QWidget, box: QWidget) -> QScrollArea:
    """The detail side scrolls up and down; it is at least 22 characters wide."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(box)
    scroll.setMinimumWidth(parent.fontMetrics().horizontalAdvance("中") * 22)
    return scroll


def unmask_button(ctx: AppContext, parent: QWidget, clicked: Callable[[], None]) -> QPushButton:
    """ "Show full contact…", there only for who may see personal data unmasked."""
    button = QPushButton(QCoreApplication.translate("ListDetail", "Show full contact…"), parent)
    button.clicked.connect(clicked)
    button.setVisible(can(ctx.operator, "view_unmasked"))
    return button


def ask_unmask_reason(parent: QWidget) -> str | None:
    """Why the full contact is needed (logged with the view); None if not given."""
    reason, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("ListDetail", "Show full contact"),
        QCoreApplication.translate("ListDetail", "Why do you need it? (logged)"),
    )
    return reason.strip() if ok and reason.strip() else None


def fetch_full_contact(
    parent: QWidget,
    ctx: AppContext,
    suggestion_id: int,
    reason: str,
    shown: Callable[[PersonView | None], None],
    failed: Callable[[BaseException], None] | None = None,
) -> None:
    """The suggester's full contact, read off the UI thread (the service audits the view)."""
    station, actor = ctx.station, ctx.require_operator()
    op = QueryOp(parent, lambda: contact_for(station, actor, suggestion_id, reason), shown)
    if failed is not None:
        op.failure(failed)
    op.run_in_background()


def open_printout(
    parent: QWidget,
    ctx: AppContext,
    fetch: Callable[[], D],
    build: Callable[[D, str], Letter],
    opened: Callable[[LetterDialog], Any],
) -> None:
    """Read a letter's data off the UI thread (the service audits it as a print), then show
    it with the station's contact line in a LetterDialog (print or PDF)."""

    def show(data: D) -> None:
        settings = UiSettings.load(ctx.station.data.root)
        letter = build(data, station_contact(data.station_phone, settings, data.station_place))
        dialog = LetterDialog(ctx, letter, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opened(dialog)
        dialog.show()

    QueryOp(parent, fetch, show).failure(lambda exc: show_error(parent, exc)).run_in_background()
