"""The follow-up side of HQ's change feed, called by `services.hq_updates.apply_changes`
inside its transaction (no HTTP, plain SQL on the transaction's connection).

- Each applied HQ event is kept in `hq_event` with its kind, the reply text on its own, and
  when it reached the station: the worklist and the outcomes screen read it from there.
- A reply for a suggester who wants feedback moves the suggestion to `feedback_due`.
- Once the station has given feedback (feedback_given, closed), HQ's later events (an
  outcome, an award) no longer move the status: they are still recorded in the history and
  shown on the outcomes screen. Before that, HQ's states win (an outcome after the reply
  shows as the outcome); the worklist does not depend on the status, only on the reply and
  the feedback rows.
- `feedback_given` becomes `closed` once HQ has acknowledged the feedback event: that is what
  retention calls "feedback closed" (personal data is purged `retention.days` later).
"""

from __future__ import annotations

from typing import Any

from station_app.dbapi import Connection
from station_app.domain import OutboxKind, Status

FEEDBACK_DONE_STATES = frozenset({Status.FEEDBACK_GIVEN, Status.CLOSED})
_ACKNOWLEDGED = ("created", "already_had", "conflict")


def after_hq_event(
    conn: Connection,
    status_event_id: int,
    suggestion_id: int,
    ev: dict[str, Any],
    current: str,
    new: str,
    now: str,
) -> str:
    """Keep the event's details and return the status the suggestion moves to (a move into
    feedback_due gets its own history line)."""
    record_hq_event(conn, status_event_id, suggestion_id, ev, now)
    status = status_after(conn, suggestion_id, ev, current, new)
    if status == Status.FEEDBACK_DUE and current != Status.FEEDBACK_DUE:
        conn.execute(
            "INSERT INTO status_event(suggestion_id, status, at, source, note) "
            "VALUES (?, ?, ?, 'station', NULL)",
            (suggestion_id, Status.FEEDBACK_DUE, now),
        )
    return status


def record_hq_event(
    conn: Connection, status_event_id: int, suggestion_id: int, ev: dict[str, Any], now: str
) -> None:
    conn.execute(
        "INSERT INTO hq_event(status_event_id, suggestion_id, kind, reply_text, note, due_date, "
        "arrived_at) VALUES (?,?,?,?,?,?,?)",
        (
            status_event_id,
            suggestion_id,
            str(ev.get("kind") or "status"),
            ev.get("reply_text"),
            ev.get("note"),
            ev.get("due_date"),
            now,
        ),
    )


def status_after(
    conn: Connection, suggestion_id: int, ev: dict[str, Any], current: str, new: str
) -> str:
    """The suggestion's status after HQ's event: `new` (what HQ says) unless the station's
    feedback loop owns it; a reply for someone who wants feedback makes it `feedback_due`."""
    if current in FEEDBACK_DONE_STATES:
        return current
    if current == Status.WITHDRAWN or new == Status.WITHDRAWN:
        return new
    if ev.get("kind") == "reply" and _wants_feedback(conn, suggestion_id):
        return Status.FEEDBACK_DUE
    return new


def _wants_feedback(conn: Connection, suggestion_id: int) -> bool:
    row = conn.execute(
        "SELECT p.wants_feedback, "
        "EXISTS (SELECT 1 FROM feedback f WHERE f.suggestion_id = s.id) "
        "FROM suggestion s JOIN suggester p ON p.id = s.suggester_id WHERE s.id = ?",
        (suggestion_id,),
    ).fetchone()
    return row is not None and bool(row[0]) and not row[1]


def close_acknowledged(conn: Connection, now: str) -> int:
    """feedback_given -> closed for every suggestion whose feedback HQ has acknowledged."""
    rows = conn.execute(
        "SELECT DISTINCT s.id FROM suggestion s JOIN feedback f ON f.suggestion_id = s.id "
        "JOIN outbox o ON o.kind = ? AND o.ref = f.event_uuid "
        f"WHERE s.status = ? AND o.sent_at IS NOT NULL AND o.result IN {_ACKNOWLEDGED}",
        (OutboxKind.FEEDBACK, Status.FEEDBACK_GIVEN),
    ).fetchall()
    for (sid,) in rows:
        conn.execute(
            "UPDATE suggestion SET status = ?, updated_at = ? WHERE id = ?",
            (Status.CLOSED, now, sid),
        )
        conn.execute(
            "INSERT INTO status_event(suggestion_id, status, at, source, note) "
            "VALUES (?, ?, ?, 'station', ?)",
            (sid, Status.CLOSED, now, "feedback acknowledged by HQ"),
        )
    return len(rows)
