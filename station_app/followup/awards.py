"""Adopted, implemented and awarded suggestions (落实转化, 表彰奖励), from HQ's outcome and
award events, with what a printable notice for the suggester needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from station_app.errors import StationError
from station_app.followup import messages as _messages  # noqa: F401  (registers the keys)
from station_app.masking import mask_name
from station_app.services.common import require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw, select_in

KINDS = ("adopted", "implemented", "awarded")
ADOPTED = frozenset({"adopted", "partially_adopted"})


@dataclass
class OutcomeItem:
    suggestion_id: int
    receipt_no: str
    title: str
    received_at: str
    name: str  # masked; printouts get the full name through followup.printouts
    anonymous: bool
    outcome: str | None = None  # HQ's latest outcome: adopted | partially_adopted | ...
    outcome_at: str | None = None
    outcome_note: str | None = None
    implemented_at: str | None = None
    awarded_at: str | None = None
    award_note: str | None = None
    kinds: set[str] = field(default_factory=set)  # which of KINDS apply

    @property
    def latest_at(self) -> str:
        return max(x or "" for x in (self.outcome_at, self.implemented_at, self.awarded_at))


_EVENTS_SQL = """
SELECT h.suggestion_id, h.kind, e.status, e.at, h.note
FROM hq_event h JOIN status_event e ON e.id = h.status_event_id
WHERE h.kind IN ('outcome', 'award') OR e.status = 'implemented'
ORDER BY h.status_event_id
"""


def _apply(item: OutcomeItem, kind: str, status: str, at: str, note: str | None) -> None:
    if kind == "award":
        item.awarded_at, item.award_note = at, note
        item.kinds.add("awarded")
    elif status == "implemented":
        item.implemented_at = at
        item.kinds.add("implemented")
    elif kind == "outcome":
        item.outcome, item.outcome_at, item.outcome_note = status, at, note
        if status in ADOPTED:
            item.kinds.add("adopted")
        else:
            item.kinds.discard("adopted")  # HQ changed its mind


def outcomes(station: Station, actor: Operator, kind: str | None = None) -> list[OutcomeItem]:
    """Suggestions HQ adopted, implemented or awarded (or only `kind`), latest first."""
    require(actor, "view_masked")
    if kind is not None and kind not in KINDS:
        raise StationError("followup.bad_kind")
    items: dict[int, OutcomeItem] = {}
    with station.db.read() as s:
        conn = raw(s)
        events = conn.execute(_EVENTS_SQL).fetchall()
        ids = sorted({e[0] for e in events})
        rows: dict[int, Any] = {
            r[0]: r
            for r in select_in(
                conn,
                "SELECT s.id, s.receipt_no, s.title, s.received_at, p.name, "
                "coalesce(p.anonymous, 1) FROM suggestion s "
                "LEFT JOIN suggester p ON p.id = s.suggester_id "
                "WHERE s.id IN ({marks}) AND s.status != 'withdrawn'",
                ids,
            )
        }
    for sid, ev_kind, status, at, note in events:
        r = rows.get(sid)
        if r is None:
            continue
        item = items.get(sid)
        if item is None:
            item = items[sid] = OutcomeItem(
                suggestion_id=sid,
                receipt_no=r[1],
                title=r[2],
                received_at=r[3],
                name=mask_name(r[4]),
                anonymous=bool(r[5]),
            )
        _apply(item, ev_kind, status, at, note)
    chosen = [i for i in items.values() if i.kinds and (kind is None or kind in i.kinds)]
    return sorted(chosen, key=lambda i: (i.latest_at, i.receipt_no), reverse=True)


def outcome_of(station: Station, actor: Operator, suggestion_id: int) -> OutcomeItem | None:
    return next((i for i in outcomes(station, actor) if i.suggestion_id == suggestion_id), None)
