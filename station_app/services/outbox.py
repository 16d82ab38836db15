"""What waits to go to HQ, and what happened when it went: the station side of sync.

No HTTP here (that is `sync.client`): these functions read the outbox, build the bodies to
send, and apply HQ's answers to the station's records. Each public function is one
transaction. HQ's address, the enrolment and the last sync's outcome are in `hq_link`.

Outbox rows: `sent_at IS NULL` means waiting; `next_attempt_at` in the future holds a row back
(a rejected item waits for an admin or a later retry); `last_error` is shown as "failed".
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.dbapi import Connection
from station_app.domain import OutboxKind, Status
from station_app.services import policy
from station_app.services.common import get_setting
from station_app.services.hq_body import read_bodies
from station_app.services.hq_link import (
    SETTING_HQ_URL,
    SETTING_LAST_ERROR,
    SETTING_LAST_SUCCESS,
    SETTING_NEEDS_ADMIN,
)
from station_app.services.suggestions import DEMO_PREFIX
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import execute_in, raw

log = logging.getLogger(__name__)

# The app's own timer: one sync every this many minutes while it runs (0 = only by hand).
AUTO_SYNC_MINUTES = policy.IntSetting("sync.auto_minutes", 15, 0, 24 * 60)

# A rejected item (HQ refused its content) is held this long before it is offered again;
# `retry_failed()` (an admin's "send again") releases it at once.
REJECT_HOLD = dt.timedelta(hours=24)
# States a "sent" acknowledgement may move a suggestion out of (never backwards from HQ's).
_BEFORE_SENT = (Status.RECORDED, Status.REOPENED)


@dataclass(frozen=True)
class OutgoingSuggestion:
    """One suggestion ready to send: its outbox row, the exact body, and scans it needs."""

    outbox_id: int
    uuid: str
    body: dict[str, Any]
    scans: list[str]


@dataclass(frozen=True)
class ItemResult:
    """HQ's answer for one item (suggestion or event), as the client read it."""

    ref: str  # suggestion uuid or event uuid
    result: str  # created | already_had | conflict | rejected
    hq_id: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class OutgoingEvent:
    outbox_id: int
    kind: str
    body: dict[str, Any]


@dataclass
class SyncStatus:
    """What the sync page shows."""

    queued: int
    sent: int
    failed: int
    conflicts: int
    last_success_at: str | None
    last_error_key: str | None
    last_error_params: dict[str, Any]
    last_error_at: str | None
    needs_admin: bool
    hq_url: str | None

    def last_error_text(self, lang: str | None = None) -> str | None:
        from station_app.i18n import tr

        if not self.last_error_key:
            return None
        return tr(self.last_error_key, lang=lang, **self.last_error_params)


def _now(station: Station) -> str:
    return iso(station.clock.now())


# ---- settings -----------------------------------------------------------------------------


def auto_sync_minutes(station: Station) -> int:
    return policy.read(station, AUTO_SYNC_MINUTES)


def set_auto_sync_minutes(station: Station, actor: Operator, minutes: int) -> None:
    """An admin sets the in-app sync interval (0 turns the timer off; audited)."""
    policy.change(station, actor, AUTO_SYNC_MINUTES, minutes)


# ---- suggestions going up -----------------------------------------------------------------

_PENDING_SQL = """
SELECT o.id, s.uuid, s.content_hash
FROM outbox o
JOIN suggestion s ON s.uuid = o.ref
WHERE o.kind = ? AND o.sent_at IS NULL AND o.id > ?
  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
  AND substr(s.receipt_no, 1, length(?)) != ?
ORDER BY o.id
LIMIT ?
"""


def pending_suggestions(
    station: Station, limit: int, after_id: int = 0
) -> list[OutgoingSuggestion]:
    """The next `limit` suggestions waiting to be sent (outbox order), with their bodies.

    A few queries for the lot (not an ORM read per row): this is the hot path of a big sync.
    The body comes from `hq_body.read_bodies`, the same reading that stamped `content_hash` at
    save time. Demo suggestions are never sent, even if something queued one (they are saved
    unqueued).
    """
    with station.db.read() as s:
        conn = raw(s)
        rows = conn.execute(
            _PENDING_SQL,
            (OutboxKind.SUGGESTION, after_id, _now(station), DEMO_PREFIX, DEMO_PREFIX, limit),
        ).fetchall()
        bodies = read_bodies(conn, [r[1] for r in rows])
    out: list[OutgoingSuggestion] = []
    for outbox_id, uuid, stored_hash in rows:
        got = bodies[uuid]
        if got.content_hash != stored_hash:
            # the body changed after it was stamped (its suggester purged before it went):
            # HQ checks the hash against the body, so the body's own hash goes with it
            log.warning("suggestion %s: body no longer matches its stored hash", uuid)
        out.append(
            OutgoingSuggestion(outbox_id=outbox_id, uuid=uuid, body=got.body, scans=got.scans)
        )
    return out


def apply_suggestion_results(station: Station, results: Sequence[ItemResult]) -> None:
    """Apply HQ's per-item answers to a batch, in one transaction.

    created / already_had: `hq_id` set, status `sent` (with a history event) unless HQ's own
    states have already moved it on; the outbox row is done. conflict: status `conflict` and a
    history event; the row is done (quarantined: never resent, never overwritten).
    rejected: the row stays, with HQ's reason as `last_error`, held for `REJECT_HOLD` (except
    `missing_scan`: the scans are offered again first at the next sync).
    """
    now_dt = station.clock.now()
    now = iso(now_dt)
    hold = iso(now_dt + REJECT_HOLD)
    with station.db.write() as s:
        conn = raw(s)
        for res in results:
            row = conn.execute(
                "SELECT id, status FROM suggestion WHERE uuid = ?", (res.ref,)
            ).fetchone()
            if row is None:
                continue
            sug_id, status = row
            if res.result in ("created", "already_had"):
                conn.execute("UPDATE suggestion SET hq_id = ? WHERE id = ?", (res.hq_id, sug_id))
                if status in _BEFORE_SENT:
                    _move(conn, sug_id, Status.SENT, now, note=res.hq_id)
                _done(conn, res.ref, now, res.result)
            elif res.result == "conflict":
                conn.execute("UPDATE suggestion SET hq_id = ? WHERE id = ?", (res.hq_id, sug_id))
                if status != Status.CONFLICT:
                    _move(conn, sug_id, Status.CONFLICT, now, note=res.detail or "conflict")
                _done(conn, res.ref, now, "conflict")
            else:
                conn.execute(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                    "next_attempt_at = ?, result = 'rejected' "
                    "WHERE kind = ? AND ref = ? AND sent_at IS NULL",
                    (
                        f"rejected: {res.detail or ''}",
                        None if res.detail == "missing_scan" else hold,  # scans go next time
                        OutboxKind.SUGGESTION,
                        res.ref,
                    ),
                )


def _move(conn: Connection, sug_id: int, status: str, now: str, note: str | None) -> None:
    conn.execute(
        "UPDATE suggestion SET status = ?, updated_at = ? WHERE id = ?", (status, now, sug_id)
    )
    conn.execute(
        "INSERT INTO status_event(suggestion_id, status, at, source, note) "
        "VALUES (?, ?, ?, 'station', ?)",
        (sug_id, status, now, note),
    )


def _done(conn: Connection, ref: str, now: str, result: str) -> None:
    conn.execute(
        "UPDATE outbox SET sent_at = ?, result = ?, last_error = NULL, next_attempt_at = NULL "
        "WHERE kind = ? AND ref = ? AND sent_at IS NULL",
        (now, result, OutboxKind.SUGGESTION, ref),
    )


def record_attempt_failure(
    station: Station, outbox_ids: Iterable[int], error: str, *, hold: bool = False
) -> None:
    """A whole request failed. `hold`: HQ refused it (4xx), so do not offer it again before
    `REJECT_HOLD` or an admin's retry; otherwise (HQ unreachable) the next sync tries again."""
    ids = list(outbox_ids)
    if not ids:
        return
    now_dt = station.clock.now()
    until = iso(now_dt + REJECT_HOLD) if hold else None
    with station.db.write() as s:
        execute_in(
            raw(s),
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
            "next_attempt_at = ? WHERE id IN ({marks}) AND sent_at IS NULL",
            ids,
            before=(error[:500], until),
        )


def retry_failed(station: Station) -> int:
    """An admin's "send again": release every held row now. Returns how many."""
    with station.db.write() as s:
        cur = raw(s).execute(
            "UPDATE outbox SET next_attempt_at = NULL WHERE sent_at IS NULL "
            "AND next_attempt_at IS NOT NULL"
        )
        return cur.rowcount


# ---- feedback and withdrawals going up ----------------------------------------------------


def pending_events(
    station: Station, kind: str, limit: int, after_id: int = 0
) -> list[OutgoingEvent]:
    """Feedback or withdrawal rows waiting to be sent, with the contract's item body."""
    with station.db.read() as s:
        conn = raw(s)
        rows = conn.execute(
            "SELECT id, ref, payload_json FROM outbox WHERE kind = ? AND sent_at IS NULL "
            "AND id > ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
            "ORDER BY id LIMIT ?",
            (kind, after_id, _now(station), limit),
        ).fetchall()
        out: list[OutgoingEvent] = []
        for outbox_id, ref, payload in rows:
            body = json.loads(payload) if payload else _feedback_body(conn, ref)
            if body is not None:
                out.append(OutgoingEvent(outbox_id=outbox_id, kind=kind, body=body))
    return out


def _feedback_body(conn: Connection, event_uuid: str) -> dict[str, Any] | None:
    """A feedback row queued without a payload: the contract's FeedbackItem from the table."""
    row = conn.execute(
        "SELECT f.event_uuid, s.uuid, f.method, f.at, f.satisfaction, f.comment, f.attempts "
        "FROM feedback f JOIN suggestion s ON s.id = f.suggestion_id WHERE f.event_uuid = ?",
        (event_uuid,),
    ).fetchone()
    if row is None:
        return None
    keys = ("event_uuid", "suggestion_uuid", "method", "at", "satisfaction", "comment", "attempts")
    return dict(zip(keys, row, strict=True))


def apply_event_results(station: Station, kind: str, results: Sequence[ItemResult]) -> None:
    """HQ's answers to feedback/withdrawal items: done, or held with the reason shown."""
    now_dt = station.clock.now()
    now, hold = iso(now_dt), iso(now_dt + REJECT_HOLD)
    with station.db.write() as s:
        conn = raw(s)
        for res in results:
            if res.result in ("created", "already_had", "conflict"):
                conn.execute(
                    "UPDATE outbox SET sent_at = ?, result = ?, last_error = NULL "
                    "WHERE kind = ? AND ref = ? AND sent_at IS NULL",
                    (now, res.result, kind, res.ref),
                )
            else:
                conn.execute(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                    "next_attempt_at = ?, result = 'rejected' "
                    "WHERE kind = ? AND ref = ? AND sent_at IS NULL",
                    (f"rejected: {res.detail or ''}", hold, kind, res.ref),
                )


# ---- the sync page ------------------------------------------------------------------------


def sync_status(station: Station) -> SyncStatus:
    """Queued, sent and failed counts, the last success and the last error (pure DB)."""
    with station.db.read() as s:
        conn = raw(s)
        queued, failed = conn.execute(
            "SELECT count(*), count(last_error) FROM outbox WHERE sent_at IS NULL"
        ).fetchone()
        sent = conn.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL "
            "AND result IN ('created', 'already_had')"
        ).fetchone()[0]
        conflicts = conn.execute(
            "SELECT count(*) FROM suggestion WHERE status = ?", (Status.CONFLICT,)
        ).fetchone()[0]
        err_raw = get_setting(s, SETTING_LAST_ERROR)
        err = json.loads(err_raw) if err_raw else {}
        return SyncStatus(
            queued=queued,
            sent=sent,
            failed=failed,
            conflicts=conflicts,
            last_success_at=get_setting(s, SETTING_LAST_SUCCESS) or None,
            last_error_key=err.get("key"),
            last_error_params=err.get("params", {}),
            last_error_at=err.get("at"),
            needs_admin=get_setting(s, SETTING_NEEDS_ADMIN) == "1",
            hq_url=get_setting(s, SETTING_HQ_URL) or None,
        )
