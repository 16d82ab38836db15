"""Similar suggestions while typing: earlier suggestions that may be the same matter (同一事项).

`request(title, content)` is called on every change; after `DEBOUNCE_MS` of quiet the lookup
(`services.similar.similar`) runs on a private one-thread pool through QueryOp, so typing never
waits for it. Only the newest request's answer is shown: one arriving for older text is dropped,
and text that changed while a lookup ran is looked up again when it finishes.

Each hit shows receipt number, title, date and status, and a "same matter" button. Pressing it
marks the hit as chosen (kept in the draft and sent with the suggestion when it is saved);
pressing it again undoes that. Chosen hits stay listed even when later text no longer finds
them, so what will be linked is always visible.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from station_app.i18n import tr as catalogue
from station_app.services.similar import SimilarHit, hits_for, similar
from station_app.store import Station
from station_app.store.models import Operator
from ui.ops import QueryOp

DEBOUNCE_MS = 300


class HitRow(QFrame):
    toggled = Signal(object, bool)  # SimilarHit, chosen

    def __init__(self, hit: SimilarHit, chosen: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hit = hit
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"hit_{hit.receipt_no}")
        # a line breaks only between the parts, never inside 已登记 or the number: word
        # joiners (U+2060) between the characters of each part
        parts = (hit.receipt_no, hit.received_at[:10], catalogue("status." + hit.status))
        head = QLabel(" · ".join("\u2060".join(part) for part in parts))
        head.setProperty("role", "hint")
        head.setWordWrap(True)
        title = QLabel(f"<b>{_esc(hit.title)}</b>")
        title.setWordWrap(True)
        snippet = QLabel(_esc(hit.snippet))
        snippet.setWordWrap(True)
        snippet.setProperty("role", "hint")
        self.button = QPushButton()
        self.button.setCheckable(True)
        self.button.setChecked(chosen)
        self.button.setAccessibleName(self.tr("Same matter as %1").replace("%1", hit.receipt_no))
        self._label()
        self.button.toggled.connect(self._toggled)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(head)
        text.addWidget(title)
        text.addWidget(snippet)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addLayout(text, 1)
        row.addWidget(self.button)

    def _label(self) -> None:
        self.button.setText(
            self.tr("Linked (undo)") if self.button.isChecked() else self.tr("Same matter")
        )

    def _toggled(self, chosen: bool) -> None:
        self._label()
        self.toggled.emit(self.hit, chosen)


class SimilarPanel(QGroupBox):
    links_changed = Signal()
    updated = Signal()  # a lookup's answer was shown (tests wait on it)

    def __init__(
        self,
        station: Station,
        actor: Callable[[], Operator],
        parent: QWidget | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(self.tr("Similar suggestions"), parent)
        self.station = station
        self.actor = actor
        self.hits: list[SimilarHit] = []
        # uuid -> hit, in the order chosen (None while a restored draft's hit is being read)
        self.chosen: dict[str, SimilarHit | None] = {}
        self.rows: list[HitRow] = []
        self._text: tuple[str, str, str | None] = ("", "", None)
        self._generation = 0
        self._running = False
        self._again = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._start)
        self.hint = QLabel(self.tr("Earlier suggestions that look like this one appear here."))
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        # the hits scroll inside the panel: five long ones must not stretch the whole form
        # (and push the location field out of sight)
        hits = QWidget()
        self._list = QVBoxLayout(hits)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(4)
        self._list.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(hits)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.scroll.hide()  # until there are hits: the empty panel takes only its hint's room
        lay = QVBoxLayout(self)
        lay.addWidget(self.hint)
        lay.addWidget(self.scroll, 1)

    # asking -----------------------------------------------------------------------------------
    def request(self, title: str, content: str, exclude_uuid: str | None = None) -> None:
        """The text changed: look it up once typing pauses."""
        self._text = (title, content, exclude_uuid)
        self._generation += 1
        self._timer.start()

    def _start(self) -> None:
        if self._running:
            self._again = True  # look up the newest text when this one is done
            return
        self._running = True
        generation = self._generation
        station, actor = self.station, self.actor()
        title, content, exclude = self._text

        def op() -> list[SimilarHit]:
            return similar(station, actor, title, content, limit=5, exclude_uuid=exclude)

        QueryOp(self, op=op, success=lambda hits: self._done(generation, hits)).failure(
            lambda exc: self._done(generation, [])
        ).run_in_background(self._pool)

    def _done(self, generation: int, hits: list[SimilarHit]) -> None:
        self._running = False
        if self._again:
            self._again = False
            self._start()
        if generation != self._generation:
            return  # the text changed since: this answer is stale
        self.show_hits(hits)

    # showing ----------------------------------------------------------------------------------
    def show_hits(self, hits: list[SimilarHit]) -> None:
        self.hits = list(hits)
        picked = [h for h in self.chosen.values() if h is not None]
        shown = picked + [h for h in hits if h.uuid not in self.chosen]
        for row in self.rows:
            self._list.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for hit in shown:
            row = HitRow(hit, hit.uuid in self.chosen, self)
            row.toggled.connect(self._toggle)
            self._list.insertWidget(self._list.count() - 1, row)  # above the stretch
            self.rows.append(row)
        self.scroll.setVisible(bool(shown))
        title, content, _ = self._text
        if shown:
            self.hint.setText(self.tr("These may be the same matter. Link instead of duplicating:"))
        elif (title + content).strip():
            self.hint.setText(self.tr("No similar suggestion found."))
        else:
            self.hint.setText(self.tr("Earlier suggestions that look like this one appear here."))
        self.updated.emit()

    def _toggle(self, hit: SimilarHit, chosen: bool) -> None:
        if chosen:
            self.chosen[hit.uuid] = hit
        else:
            self.chosen.pop(hit.uuid, None)
        self.links_changed.emit()

    # the draft ------------------------------------------------------------------------------
    def chosen_links(self) -> list[str]:
        return list(self.chosen)

    def set_chosen(self, uuids: list[str]) -> None:
        """A restored draft's links: kept at once, shown once their details are read."""
        self.chosen = dict.fromkeys(uuids)
        self.show_hits(self.hits)
        if not uuids:
            return
        station, actor = self.station, self.actor()

        def loaded(hits: list[SimilarHit]) -> None:
            for hit in hits:
                if hit.uuid in self.chosen:
                    self.chosen[hit.uuid] = hit
            self.show_hits(self.hits)

        QueryOp(self, op=lambda: hits_for(station, actor, uuids), success=loaded).run_in_background(
            self._pool
        )

    def reset(self) -> None:
        """A new suggestion: nothing chosen, nothing shown, any answer on its way dropped."""
        self._timer.stop()
        self._generation += 1
        self._text = ("", "", None)
        self.chosen = {}
        self.show_hits([])

    def focus_chain(self) -> list[QWidget]:
        return [row.button for row in self.rows]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
