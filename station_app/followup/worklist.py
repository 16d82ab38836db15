"""The "to inform" worklist (沟通反馈): every suggestion whose suggester wants a reply and for
which HQ has replied, until the station has told them (or found them unreachable).

`record_contact()` is one transaction: the contact attempt, and when the loop is finished the
feedback row, its outbox row for HQ (the body is built from the feedback row by
`services.outbox.pending_events`), the status move and the audit line.
A reached contact finishes the loop; so do `followup.unreachable_tries` (default 3) tries
without reaching the person, which is recorded and sent as the outcome "unreachable".
Due dates: HQ's `due_date` if it gave one, else `followup.due_working_days` (default 5)
working days after the first reply reached the station (deadlines.py).
The counts and the on-time rate hold no personal data and need no actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from filelock import FileLock, Timeout

from station_app.clock import iso
from station_app.dbapi import Connection, new_id
from station_app.domain import OutboxKind, Satisfaction, Status
from station_app.errors import NotFound, StationError, ValidationError
from station_app.followup import messages as _messages  # noqa: F401  (registers the keys)
from station_app.followup.deadlines import DueDate, DueState, due_date, due_state
from station_app.masking import mask_address, mask_name, mask_phone
from station_app.services.common import audit, int_setting, new_uuid, require
from station_app.services.policy import IntSetting
from station_app.services.suggestions import PersonView, add_status_in, get_detail
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from station_app.store.sql import raw

DUE_WORKING_DAYS = IntSetting("followup.due_working_days", 5, 1, 60)
UNREACHABLE_TRIES = IntSetting("followup.unreachable_tries", 3, 1, 10)
CONTACT_METHODS = ("phone", "visit", "letter", "other")
UNREACHABLE = "unreachable"
# a reached phone call or visit must say how satisfied the person is; a letter may not know
NEEDS_SATISFACTION = frozenset({"phone", "visit"})
COMMENT_MAX = 5000  # the contract's FeedbackItem.comment maxLength


@dataclass(frozen=True)
class Feedback:
    method: str  # phone | visit | letter | other | unreachable
    at: str
    satisfaction: str | None
    event_uuid: str
    sent: bool


@dataclass(frozen=True)
class WorkItem:
    suggestion_id: int
    receipt_no: str
    title: str
    received_at: str
    status: str
    reply_text: str
    replied_at: str  # when HQ's first reply reached the station
    name: str  # masked
    phone: str  # masked
    address: str  # masked
    personal_deleted: bool
    feedback_method: str | None  # how the suggester asked to be told
    due: dt.date
    due_from_hq: bool
    due_estimated: bool  # beyond the official holiday calendar: Mon-Fri assumed
    due_state: DueState
    attempts: int  # contact tries so far (reached or not)
    misses: int  # tries that did not reach the person
    last_attempt_at: str | None
    feedback: Feedback | None  # set once the loop is finished

    @property
    def done(self) -> bool:
        return self.feedback is not None


@dataclass(frozen=True)
class WorklistCounts:
    open: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class OnTimeRate:
    on_time: int
    late: int
    open_overdue: int
    rate: float | None  # on_time / (on_time + late + open_overdue); None when nothing is due


@dataclass(frozen=True)
class ContactResult:
    attempt_id: int
    outcome: str  # feedback_given | unreachable | not_reached
    tries: int  # tries so far, this one included
    limit: int  # tries before "unreachable"
    event_uuid: str | None  # the feedback event queued for HQ


_ITEMS_SQL = """
SELECT s.id, s.receipt_no, s.title, s.received_at, s.status, s.due_date,
       r.reply_text,
       (SELECT min(h.arrived_at) FROM hq_event h
        WHERE h.suggestion_id = s.id AND h.kind = 'reply'),
       p.name, p.phone, p.address, p.purged_at, p.feedback_method,
       f.method, f.at, f.satisfaction, f.event_uuid,
       (SELECT o.sent_at FROM outbox o WHERE o.kind = 'feedback' AND o.ref = f.event_uuid),
       (SELECT count(*) FROM contact_attempt c WHERE c.suggestion_id = s.id),
       (SELECT count(*) FROM contact_attempt c WHERE c.suggestion_id = s.id AND NOT c.reached),
       (SELECT max(c.at) FROM contact_attempt c WHERE c.suggestion_id = s.id)
FROM hq_event r
JOIN suggestion s ON s.id = r.suggestion_id
JOIN suggester p ON p.id = s.suggester_id
LEFT JOIN feedback f ON f.suggestion_id = s.id
WHERE r.kind = 'reply'
  AND r.status_event_id = (SELECT max(h.status_event_id) FROM hq_event h
                           WHERE h.suggestion_id = r.suggestion_id AND h.kind = 'reply')
  AND p.wants_feedback AND s.status != 'withdrawn'
"""


def _policy_days(conn: Connection) -> int:
    row = conn.execute(
        "SELECT value FROM setting WHERE key = ?", (DUE_WORKING_DAYS.key,)
    ).fetchone()
    try:
        value = int(row[0]) if row else DUE_WORKING_DAYS.default
    except ValueError:
        return DUE_WORKING_DAYS.default
    return min(max(value, DUE_WORKING_DAYS.low), DUE_WORKING_DAYS.high)


def _date_of(iso_text: str) -> dt.date:
    return dt.date.fromisoformat(iso_text[:10])


def _due(row: Any, policy_days: int) -> DueDate:
    return due_date(row[5], _date_of(row[7]), policy_days)


def _item(row: Any, policy_days: int, today: dt.date) -> WorkItem:
    due = _due(row, policy_days)
    feedback = (
        Feedback(method=row[13], at=row[14], satisfaction=row[15], event_uuid=row[16],
                 sent=row[17] is not None)
        if row[13] is not None
        else None
    )  # fmt: skip
    return WorkItem(
        suggestion_id=row[0],
        receipt_no=row[1],
        title=row[2],
        received_at=row[3],
        status=row[4],
        reply_text=row[6] or "",
        replied_at=row[7],
        name=mask_name(row[8]),
        phone=mask_phone(row[9]),
        address=mask_address(row[10]),
        personal_deleted=row[11] is not None,
        feedback_method=row[12],
        due=due.day,
        due_from_hq=due.from_hq,
        due_estimated=due.estimated,
        due_state=due_state(due.day, today),
        attempts=row[18],
        misses=row[19],
        last_attempt_at=row[20],
        feedback=feedback,
    )


def _today(station: Station) -> dt.date:
    return station.clock.now().date()


def worklist(station: Station, actor: Operator, *, include_done: bool = False) -> list[WorkItem]:
    """Open items, overdue first then by due date; with `include_done` the finished ones
    follow (latest first). Personal data is masked: `contact_for()` unmasks one item."""
    require(actor, "view_masked")
    today = _today(station)
    sql = _ITEMS_SQL if include_done else _ITEMS_SQL + " AND f.id IS NULL"
    with station.db.read() as s:
        conn = raw(s)
        days = _policy_days(conn)
        items = [_item(r, days, today) for r in conn.execute(sql)]
    open_items = sorted((i for i in items if not i.done), key=lambda i: (i.due, i.receipt_no))
    done = sorted(
        (i for i in items if i.done),
        key=lambda i: (i.feedback.at if i.feedback else "", i.receipt_no),
        reverse=True,
    )
    return open_items + done


def work_item(station: Station, actor: Operator, suggestion_id: int) -> WorkItem | None:
    """One item of the worklist (done or not), or None if it is not on it."""
    require(actor, "view_masked")
    with station.db.read() as s:
        conn = raw(s)
        row = conn.execute(_ITEMS_SQL + " AND s.id = ?", (suggestion_id,)).fetchone()
        return _item(row, _policy_days(conn), _today(station)) if row else None


def contact_for(
    station: Station, actor: Operator, suggestion_id: int, unmask_reason: str
) -> PersonView | None:
    """The suggester's name, phone and address in full, through the one unmasking path
    (admins only, with a reason that goes to the audit log)."""
    return get_detail(station, actor, suggestion_id, unmask_reason=unmask_reason).person


def worklist_counts(station: Station, today: dt.date | None = None) -> WorklistCounts:
    """How many items are open, overdue and due soon (no personal data, no actor)."""
    day = today or _today(station)
    with station.db.read() as s:
        conn = raw(s)
        days = _policy_days(conn)
        states = [
            due_state(_due(r, days).day, day)
            for r in conn.execute(_ITEMS_SQL + " AND f.id IS NULL")
        ]
    return WorklistCounts(
        open=len(states),
        overdue=states.count("overdue"),
        due_soon=states.count("due_soon"),
    )


def on_time_rate(
    station: Station,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> OnTimeRate:
    """Feedback given on or before its due date, over the items due in [since, until]
    (both optional). Given late counts as late; not given and past due counts as
    `open_overdue`; not given and not yet due is left out (it can still be on time).
    "Unreachable" after the tries counts as feedback given on the day it was recorded."""
    day = today or _today(station)
    on_time = late = open_overdue = 0
    with station.db.read() as s:
        conn = raw(s)
        days = _policy_days(conn)
        for r in conn.execute(_ITEMS_SQL):
            due = _due(r, days).day
            if (since and due < since) or (until and due > until):
                continue
            if r[14] is not None:
                if _date_of(r[14]) <= due:
                    on_time += 1
                else:
                    late += 1
            elif due < day:
                open_overdue += 1
    total = on_time + late + open_overdue
    return OnTimeRate(on_time, late, open_overdue, on_time / total if total else None)


# ---- recording contacts -------------------------------------------------------------------


def _contact_time(at: dt.date | dt.datetime, now: dt.datetime) -> dt.datetime:
    """A date alone means: now if it is today, else noon of that day (China time)."""
    if isinstance(at, dt.datetime):
        return at if at.tzinfo else at.replace(tzinfo=now.tzinfo)
    if at == now.date():
        return now
    return dt.datetime.combine(at, dt.time(12, 0), tzinfo=now.tzinfo)


def _validate(
    method: str, satisfaction: str | None, comment: str | None, reached: bool
) -> tuple[str | None, str | None]:
    problems: dict[str, tuple[str, dict[str, Any]]] = {}
    if method not in CONTACT_METHODS:
        problems["method"] = ("followup.bad_method", {})
    sat = satisfaction or None
    if sat is not None and sat not in {s.value for s in Satisfaction}:
        problems["satisfaction"] = ("followup.bad_satisfaction", {})
    elif reached and sat is None and method in NEEDS_SATISFACTION:
        problems["satisfaction"] = ("followup.satisfaction_needed", {})
    elif not reached and sat is not None:
        problems["satisfaction"] = ("followup.satisfaction_unreached", {})
    text = (comment or "").strip() or None
    if text is not None and len(text) > COMMENT_MAX:
        problems["comment"] = ("followup.comment_too_long", {"max": COMMENT_MAX})
    if problems:
        raise ValidationError(problems)
    return sat, text


def record_contact(
    station: Station,
    actor: Operator,
    suggestion_id: int,
    *,
    method: str,
    at: dt.date | dt.datetime,
    satisfaction: str | None = None,
    comment: str | None = None,
    reached: bool,
) -> ContactResult:
    """Record one try to tell the suggester HQ's reply (see the module docstring)."""
    require(actor, "record")
    sat, text = _validate(method, satisfaction, comment, reached)
    now = station.clock.now()
    when = _contact_time(at, now)
    with station.db.write() as s:
        conn = raw(s)
        row = conn.execute(_ITEMS_SQL + " AND s.id = ?", (suggestion_id,)).fetchone()
        if row is None:
            receipt = conn.execute(
                "SELECT receipt_no FROM suggestion WHERE id = ?", (suggestion_id,)
            ).fetchone()
            if receipt is None:
                raise NotFound(what=str(suggestion_id))
            raise StationError("followup.not_on_worklist", receipt_no=receipt[0])
        receipt_no = row[1]
        if row[13] is not None:
            raise StationError("followup.already_done", receipt_no=receipt_no)
        arrived = _date_of(row[7])
        if when.date() > now.date():
            raise ValidationError({"at": ("followup.date_future", {})})
        if when.date() < arrived:
            raise ValidationError({"at": ("followup.date_before_reply", {"day": str(arrived)})})
        limit = int_setting(s, UNREACHABLE_TRIES.key, UNREACHABLE_TRIES.default)
        at_text = iso(when)
        cur = conn.execute(
            "INSERT INTO contact_attempt(suggestion_id, method, at, reached, satisfaction, "
            "comment, operator_id, recorded_at) VALUES (?,?,?,?,?,?,?,?)",
            (suggestion_id, method, at_text, reached, sat, text, actor.id, iso(now)),
        )
        attempt_id = new_id(cur)
        tries, misses = row[18] + 1, row[19] + (0 if reached else 1)
        outcome, event_uuid = "not_reached", None
        if reached or misses >= limit:
            outcome = "feedback_given" if reached else UNREACHABLE
            event_uuid = new_uuid()
            fcur = conn.execute(
                "INSERT INTO feedback(event_uuid, suggestion_id, method, at, satisfaction, "
                "comment, attempts, operator_id) VALUES (?,?,?,?,?,?,?,?)",
                (event_uuid, suggestion_id, method if reached else UNREACHABLE, at_text, sat,
                 text, tries, actor.id),
            )  # fmt: skip
            conn.execute(
                "UPDATE contact_attempt SET feedback_id = ? WHERE id = ?",
                (fcur.lastrowid, attempt_id),
            )
            # payload NULL: outbox.pending_events builds the FeedbackItem from the row
            conn.execute(
                "INSERT INTO outbox(kind, ref, payload_json, created_at) VALUES (?,?,NULL,?)",
                (OutboxKind.FEEDBACK, event_uuid, iso(now)),
            )
            sug = s.get(Suggestion, suggestion_id)
            assert sug is not None
            add_status_in(
                s, station, sug, Status.FEEDBACK_GIVEN, operator_id=actor.id,
                note=None if reached else UNREACHABLE,
            )  # fmt: skip
        audit(
            s, station, actor, "contact", "suggestion", suggestion_id,
            f"method={method};reached={int(reached)};outcome={outcome}",
        )  # fmt: skip
    return ContactResult(attempt_id, outcome, tries, limit, event_uuid)


def undo_contact(station: Station, actor: Operator, attempt_id: int) -> None:
    """Take back a contact recorded by mistake: only the suggestion's latest one, and only
    while its feedback event has not been sent (the sync lock keeps a running sync from
    sending it meanwhile). The history keeps a line saying so; the audit log too."""
    require(actor, "record")
    lock = FileLock(str(station.data.sync_lock), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise StationError("followup.undo_sync_running") from None
    try:
        _undo_locked(station, actor, attempt_id)
    finally:
        lock.release()


def _undo_locked(station: Station, actor: Operator, attempt_id: int) -> None:
    with station.db.write() as s:
        conn = raw(s)
        row = conn.execute(
            "SELECT suggestion_id, feedback_id FROM contact_attempt WHERE id = ?", (attempt_id,)
        ).fetchone()
        if row is None:
            raise NotFound(what=str(attempt_id))
        suggestion_id, feedback_id = row
        latest = conn.execute(
            "SELECT max(id) FROM contact_attempt WHERE suggestion_id = ?", (suggestion_id,)
        ).fetchone()[0]
        if latest != attempt_id:
            raise StationError("followup.undo_not_last")
        if feedback_id is not None:
            event_uuid = conn.execute(
                "SELECT event_uuid FROM feedback WHERE id = ?", (feedback_id,)
            ).fetchone()[0]
            cur = conn.execute(
                "DELETE FROM outbox WHERE kind = ? AND ref = ? AND sent_at IS NULL",
                (OutboxKind.FEEDBACK, event_uuid),
            )
            if cur.rowcount != 1:
                raise StationError("followup.undo_sent")
        conn.execute("DELETE FROM contact_attempt WHERE id = ?", (attempt_id,))
        if feedback_id is not None:
            conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,))
            before = conn.execute(
                "SELECT status FROM status_event WHERE suggestion_id = ? AND id < "
                "(SELECT max(id) FROM status_event WHERE suggestion_id = ? AND status = ?) "
                "ORDER BY id DESC LIMIT 1",
                (suggestion_id, suggestion_id, Status.FEEDBACK_GIVEN),
            ).fetchone()
            sug = s.get(Suggestion, suggestion_id)
            assert sug is not None
            back = before[0] if before else Status.FEEDBACK_DUE
            add_status_in(s, station, sug, back, operator_id=actor.id, note="undo")
        audit(s, station, actor, "undo_contact", "suggestion", suggestion_id, str(attempt_id))
