"""Retention: personal data is purged locally once HQ has it and the feedback is closed.

A suggestion is *closed for retention* when
  1. HQ acknowledged it: `hq_id` is set and its status is past draft/recorded/conflict, and
  2. its feedback is closed: either its status is `closed`, or nobody asked for feedback
     (no suggester, or `wants_feedback` false) and its status is a final one from HQ
     (replied, an outcome, implemented, not accepted, merged) or feedback_given.
Its *closing time* is when it entered its current status (latest status event of that
status). `retention.days` (default 180) after that, the suggester's name, phone and address
are set to NULL (`purged_at` set), the letter's scans are deleted from disk (`scan.purged_at`
set, OCR text cleared) and the purge is written to the audit log by id.
A scan shared by a suggestion that is not yet due is kept until that one is due too.
A group session's signed sign-in sheet (names and signatures, kept only at the station) is
deleted the same way once the session was held `retention.days` ago and every suggestion
made at it is due, or was withdrawn.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlmodel import Session

from station_app.clock import iso
from station_app.dbapi import Connection
from station_app.domain import Status
from station_app.security import scanstore
from station_app.services import policy
from station_app.services.common import audit, get_setting, require, set_setting
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw

FINAL_WITHOUT_FEEDBACK = frozenset(
    {
        Status.REPLIED,
        Status.ADOPTED,
        Status.PARTIALLY_ADOPTED,
        Status.FOR_REFERENCE,
        Status.NOT_ADOPTED,
        Status.IMPLEMENTED,
        Status.NOT_ACCEPTED,
        Status.MERGED_DUPLICATE,
        Status.FEEDBACK_GIVEN,
        Status.CLOSED,
    }
)
NOT_ACKNOWLEDGED = frozenset({Status.DRAFT, Status.RECORDED, Status.CONFLICT})
LAST_RUN_KEY = "retention.last_run"


@dataclass
class PurgeReport:
    dry_run: bool
    cutoff: str
    suggestion_ids: list[int] = field(default_factory=list)
    scan_hashes: list[str] = field(default_factory=list)


def is_closed_for_retention(status: str, hq_id: str | None, wants_feedback: bool) -> bool:
    if not hq_id or status in NOT_ACKNOWLEDGED or status == Status.WITHDRAWN:
        return False
    if status == Status.CLOSED:
        return True
    return not wants_feedback and status in FINAL_WITHOUT_FEEDBACK


# what retention asks of a suggestion `s` (suggester `p`): status, HQ id, feedback wanted,
# and when it entered its current status (its closing time)
_CLOSING = (
    "s.status, s.hq_id, coalesce(p.wants_feedback, 0), "
    "(SELECT max(e.at) FROM status_event e WHERE e.suggestion_id = s.id AND e.status = s.status) "
    "FROM suggestion s LEFT JOIN suggester p ON p.id = s.suggester_id"
)


def _closed_by(
    cutoff: dt.datetime, status: str, hq_id: str | None, wants: int, closed_at: str | None
) -> bool:
    """Closed for retention, and closed at or before `cutoff` (one row of `_CLOSING`)."""
    if not closed_at or not is_closed_for_retention(status, hq_id, bool(wants)):
        return False
    return dt.datetime.fromisoformat(closed_at) <= cutoff


def _due(session: Session, cutoff: dt.datetime) -> tuple[list[int], list[str]]:
    conn = raw(session)
    rows = conn.execute(
        f"SELECT s.id, s.letter_id, {_CLOSING} "
        "WHERE s.hq_id IS NOT NULL AND s.status NOT IN ('draft','recorded','conflict',"
        "'withdrawn') AND ((p.id IS NOT NULL AND p.purged_at IS NULL) OR EXISTS "
        "(SELECT 1 FROM scan c WHERE c.letter_id = s.letter_id AND c.purged_at IS NULL)) "
        "ORDER BY s.id"
    ).fetchall()
    ids: list[int] = []
    letters: set[int] = set()
    for sid, letter_id, *closing in rows:
        if _closed_by(cutoff, *closing):
            ids.append(sid)
            if letter_id:
                letters.add(letter_id)
    hashes: list[str] = []
    due = set(ids)
    for letter_id in sorted(letters):
        others = conn.execute(
            "SELECT id, status FROM suggestion WHERE letter_id = ?", (letter_id,)
        ).fetchall()
        if all(i in due or st == Status.WITHDRAWN for i, st in others):
            hashes += [
                r[0]
                for r in conn.execute(
                    "SELECT sha256 FROM scan WHERE letter_id = ? AND purged_at IS NULL",
                    (letter_id,),
                )
            ]
    return ids, hashes + _sheets_due(conn, cutoff, due)


def _sheets_due(conn: Connection, cutoff: dt.datetime, due: set[int]) -> list[str]:
    """Signed sign-in sheets of group sessions held before `cutoff` whose every speaker's
    suggestion is due now, was closed for retention before `cutoff`, or was withdrawn (the
    sheet stays at the station; HQ has the count from the speakers' bodies)."""
    sheets = conn.execute(
        "SELECT g.id, c.sha256, g.held_at FROM group_session g "
        "JOIN scan c ON c.id = g.sheet_scan_id WHERE c.purged_at IS NULL"
    ).fetchall()
    hashes = []
    for session_id, sha, held_at in sheets:
        if dt.datetime.fromisoformat(held_at) > cutoff:  # offsets may differ: not as text
            continue
        speakers = conn.execute(
            f"SELECT s.id, {_CLOSING} WHERE s.session_id = ?", (session_id,)
        ).fetchall()
        if all(
            sid in due or status == Status.WITHDRAWN or _closed_by(cutoff, status, *rest)
            for sid, status, *rest in speakers
        ):
            hashes.append(sha)
    return hashes


def erase_personal_in(session: Session, now: str, suggestion_id: int) -> None:
    """NULL the suggester's personal fields and clear stored copies of the sent body."""
    conn = raw(session)
    conn.execute(
        "UPDATE suggester SET name = NULL, phone = NULL, address = NULL, purged_at = ? "
        "WHERE id = (SELECT suggester_id FROM suggestion WHERE id = ?) AND purged_at IS NULL",
        (now, suggestion_id),
    )
    conn.execute(
        "UPDATE outbox SET payload_json = NULL WHERE kind = 'suggestion' AND sent_at IS NOT NULL "
        "AND ref = (SELECT uuid FROM suggestion WHERE id = ?)",
        (suggestion_id,),
    )


def erase_scans_in(session: Session, now: str, hashes: list[str]) -> None:
    conn = raw(session)
    for sha in hashes:
        conn.execute(
            "UPDATE scan SET purged_at = ?, ocr_text = NULL, ocr_lines_json = NULL, "
            "original_name = '' WHERE sha256 = ?",
            (now, sha),
        )


def delete_purged_files(station: Station) -> int:
    """Delete files of scans marked purged (also finishes a purge cut short by a crash)."""
    with station.db.read() as s:
        hashes = [
            r[0] for r in raw(s).execute("SELECT sha256 FROM scan WHERE purged_at IS NOT NULL")
        ]
    return sum(scanstore.delete_scan_file(station.data, sha) for sha in hashes)


def _run(station: Station, actor: Operator | None, dry_run: bool) -> PurgeReport:
    now_dt = station.clock.now()
    cutoff = now_dt - dt.timedelta(days=policy.retention_days(station))
    report = PurgeReport(dry_run=dry_run, cutoff=iso(cutoff))
    if dry_run:
        with station.db.read() as s:
            report.suggestion_ids, report.scan_hashes = _due(s, cutoff)
        return report
    now = iso(now_dt)
    with station.db.write() as s:
        report.suggestion_ids, report.scan_hashes = _due(s, cutoff)
        for sid in report.suggestion_ids:
            erase_personal_in(s, now, sid)
            audit(s, station, actor, "purge", "suggestion", sid, "retention")
        erase_scans_in(s, now, report.scan_hashes)
        set_setting(s, LAST_RUN_KEY, now)
        if report.suggestion_ids:
            detail = json.dumps(
                {"suggestions": len(report.suggestion_ids), "scans": len(report.scan_hashes)}
            )
            audit(s, station, actor, "purge_run", "retention", None, detail)
    delete_purged_files(station)
    return report


def purge(station: Station, actor: Operator, *, dry_run: bool = False) -> PurgeReport:
    """An admin purges what is due now (`dry_run`: only list it)."""
    require(actor, "purge")
    return _run(station, actor, dry_run)


def scheduled_purge(
    station: Station, *, every: dt.timedelta = dt.timedelta(days=1)
) -> PurgeReport | None:
    """The app calls this at start and on a daily timer: purges if the last run is older than
    `every` (or never ran). Runs as the system (no operator) by the retention policy."""
    with station.db.read() as s:
        last = get_setting(s, LAST_RUN_KEY)
    if last and station.clock.now() - dt.datetime.fromisoformat(last) < every:
        return None
    return _run(station, None, False)
