"""Chain of custody for postbox letters: one collection per opening of a red postbox.

A collection records which postbox, when it was opened, by whom and with which witness,
and how many letters were in it. The letters 1..n are created as pending; each ends as a
suggestion (review.confirm_letter) or is marked as not one with a reason, so the count
always reconciles before the collection can be closed. Every change is audit-logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from station_app.clock import CHINA_TZ, iso
from station_app.dbapi import Connection, new_id
from station_app.errors import StationError
from station_app.i18n import tr
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)
from station_app.postbox._common import check_collection_open, letter_row
from station_app.postbox.pages import (
    PageRef,
    assign_pages,
    file_order,
    pages_of_letters,
    unassigned_pages,
)
from station_app.services.common import audit, require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw
from station_app.validation import Problems, clean_text

MAX_LETTERS = 500
NOT_SUGGESTION_REASONS = ("blank", "duplicate", "other_channel", "other")


@dataclass(frozen=True)
class CollectionInfo:
    id: int
    postbox_code: str
    opened_at: str
    opened_by_name: str
    witness: str
    letter_count: int
    note: str | None
    closed_at: str | None
    recorded: int
    not_suggestion: int
    pending: int

    @property
    def reconciled(self) -> bool:
        """Every letter decided (a suggestion or not one, with a reason)."""
        return self.pending == 0 and self.recorded + self.not_suggestion == self.letter_count

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class LetterInfo:
    id: int
    collection_id: int
    seq: int
    outcome: str  # "pending" | "suggestion" | "not_suggestion"
    reason_code: str | None
    reason_note: str | None
    suggestion_id: int | None
    receipt_no: str | None
    pages: list[PageRef] = field(default_factory=list)


_COLLECTION_SQL = (
    "SELECT c.id, c.postbox_code, c.opened_at, o.name, c.witness, c.letter_count, c.note, "
    "c.closed_at, "
    "(SELECT count(*) FROM letter l WHERE l.collection_id = c.id AND l.outcome = 'suggestion'), "
    "(SELECT count(*) FROM letter l WHERE l.collection_id = c.id "
    "AND l.outcome = 'not_suggestion'), "
    "(SELECT count(*) FROM letter l WHERE l.collection_id = c.id AND l.outcome = 'pending') "
    "FROM postbox_collection c JOIN operator o ON o.id = c.opened_by"
)


def _info(row: Any) -> CollectionInfo:
    return CollectionInfo(*row)


def _collection(conn: Connection, collection_id: int) -> CollectionInfo:
    row = conn.execute(f"{_COLLECTION_SQL} WHERE c.id = ?", (collection_id,)).fetchone()
    if row is None:
        raise StationError("postbox.error.collection_not_found", id=collection_id)
    return _info(row)


def open_collection(
    station: Station,
    actor: Operator,
    *,
    postbox_code: str,
    opened_at: dt.datetime,
    witness: str,
    letter_count: int,
    note: str | None = None,
) -> CollectionInfo:
    """Record an opening of a postbox and create its letters 1..letter_count as pending."""
    require(actor, "postbox")
    p = Problems()
    code = clean_text(
        p, "postbox_code", tr("postbox.label.postbox_code"), postbox_code, required=True
    )
    who = clean_text(p, "witness", tr("postbox.label.witness"), witness, required=True)
    clean_note = clean_text(p, "note", tr("postbox.label.note"), note or "", multiline=True)
    if who and who.replace(" ", "") == actor.name.replace(" ", ""):
        p.add("witness", "postbox.error.witness_is_opener")
    if not isinstance(letter_count, int) or not 0 <= letter_count <= MAX_LETTERS:
        p.add("letter_count", "postbox.error.count_range", max=MAX_LETTERS)
    when = opened_at if opened_at.tzinfo else opened_at.replace(tzinfo=CHINA_TZ)
    if when > station.clock.now():
        p.add("opened_at", "postbox.error.opened_in_future")
    p.raise_if_any()
    with station.db.write() as s:
        conn = raw(s)
        cid = new_id(
            conn.execute(
                "INSERT INTO postbox_collection(postbox_code, opened_at, opened_by, witness, "
                "letter_count, note) VALUES (?,?,?,?,?,?)",
                ((code or "").upper(), iso(when), actor.id, who, letter_count, clean_note),
            )
        )
        conn.executemany(
            "INSERT INTO letter(collection_id, seq, outcome) VALUES (?, ?, 'pending')",
            [(cid, seq) for seq in range(1, letter_count + 1)],
        )
        audit(
            s, station, actor, "postbox_open", "postbox_collection", cid, f"letters={letter_count}"
        )
        return _collection(conn, cid)


def list_collections(
    station: Station, actor: Operator, *, open_only: bool = False
) -> list[CollectionInfo]:
    """Collections, newest opening first."""
    require(actor, "postbox")
    where = " WHERE c.closed_at IS NULL" if open_only else ""
    with station.db.read() as s:
        rows = raw(s).execute(f"{_COLLECTION_SQL}{where} ORDER BY c.opened_at DESC, c.id DESC")
        return [_info(r) for r in rows]


def get_collection(station: Station, actor: Operator, collection_id: int) -> CollectionInfo:
    require(actor, "postbox")
    with station.db.read() as s:
        return _collection(raw(s), collection_id)


def letters(station: Station, actor: Operator, collection_id: int) -> list[LetterInfo]:
    """The letters of a collection in order, with their outcome and pages."""
    require(actor, "postbox")
    with station.db.read() as s:
        conn = raw(s)
        _collection(conn, collection_id)
        rows = conn.execute(
            "SELECT l.id, l.collection_id, l.seq, l.outcome, l.reason_code, l.reason, "
            "g.id, g.receipt_no FROM letter l LEFT JOIN suggestion g ON g.letter_id = l.id "
            "WHERE l.collection_id = ? ORDER BY l.seq",
            (collection_id,),
        ).fetchall()
        pages = pages_of_letters(conn, [r[0] for r in rows])
    return [_letter_info(r, pages.get(r[0], [])) for r in rows]


def get_letter(station: Station, actor: Operator, letter_id: int) -> LetterInfo:
    require(actor, "postbox")
    with station.db.read() as s:
        conn = raw(s)
        return _letter(conn, letter_id)


def _letter(conn: Connection, letter_id: int) -> LetterInfo:
    row = conn.execute(
        "SELECT l.id, l.collection_id, l.seq, l.outcome, l.reason_code, l.reason, "
        "g.id, g.receipt_no FROM letter l LEFT JOIN suggestion g ON g.letter_id = l.id "
        "WHERE l.id = ?",
        (letter_id,),
    ).fetchone()
    if row is None:
        raise StationError("postbox.error.letter_not_found", id=letter_id)
    return _letter_info(row, pages_of_letters(conn, [letter_id]).get(letter_id, []))


def _letter_info(row: Sequence[Any], pages: list[PageRef]) -> LetterInfo:
    """A row of the letter queries above (l.id ... g.receipt_no), by name."""
    return LetterInfo(
        id=row[0],
        collection_id=row[1],
        seq=row[2],
        outcome=row[3],
        reason_code=row[4],
        reason_note=row[5],
        suggestion_id=row[6],
        receipt_no=row[7],
        pages=pages,
    )


def mark_not_suggestion(
    station: Station,
    actor: Operator,
    letter_id: int,
    reason_code: str,
    note: str | None = None,
) -> LetterInfo:
    """Record that a pending letter is not a suggestion, and why ("other" needs a note)."""
    require(actor, "postbox")
    if reason_code not in NOT_SUGGESTION_REASONS:
        choices = "、".join(tr(f"postbox.reason.{c}") for c in NOT_SUGGESTION_REASONS)
        raise StationError("postbox.error.bad_reason", choices=choices)
    p = Problems()
    clean_note = clean_text(p, "note", tr("postbox.label.note"), note or "", multiline=True)
    p.raise_if_any()
    if reason_code == "other" and not clean_note:
        raise StationError("postbox.error.note_required")
    with station.db.write() as s:
        conn = raw(s)
        letter = letter_row(conn, letter_id)
        check_collection_open(conn, letter[1])
        if letter[3] != "pending":
            raise StationError("postbox.error.letter_decided", outcome=_outcome(letter[3]))
        conn.execute(
            "UPDATE letter SET outcome = 'not_suggestion', reason_code = ?, reason = ?, "
            "decided_by = ?, decided_at = ? WHERE id = ?",
            (reason_code, clean_note, actor.id, iso(station.clock.now()), letter_id),
        )
        audit(s, station, actor, "letter_not_suggestion", "letter", letter_id, reason_code)
        return _letter(conn, letter_id)


def reopen_letter(station: Station, actor: Operator, letter_id: int) -> LetterInfo:
    """Undo `mark_not_suggestion` while the collection is still open."""
    require(actor, "postbox")
    with station.db.write() as s:
        conn = raw(s)
        letter = letter_row(conn, letter_id)
        check_collection_open(conn, letter[1])
        if letter[3] == "suggestion":
            receipt = conn.execute(
                "SELECT receipt_no FROM suggestion WHERE letter_id = ?", (letter_id,)
            ).fetchone()
            raise StationError(
                "postbox.error.letter_is_suggestion", receipt_no=receipt[0] if receipt else ""
            )
        conn.execute(
            "UPDATE letter SET outcome = 'pending', reason_code = NULL, reason = NULL, "
            "decided_by = NULL, decided_at = NULL WHERE id = ?",
            (letter_id,),
        )
        audit(s, station, actor, "letter_reopen", "letter", letter_id)
        return _letter(conn, letter_id)


def add_letter(station: Station, actor: Operator, collection_id: int) -> LetterInfo:
    """A letter found later (stuck in the box, between pages): the count goes up by one."""
    require(actor, "postbox")
    with station.db.write() as s:
        conn = raw(s)
        check_collection_open(conn, collection_id)
        seq = conn.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM letter WHERE collection_id = ?",
            (collection_id,),
        ).fetchone()[0]
        conn.execute(
            "UPDATE postbox_collection SET letter_count = letter_count + 1 WHERE id = ?",
            (collection_id,),
        )
        letter_id = new_id(
            conn.execute(
                "INSERT INTO letter(collection_id, seq, outcome) VALUES (?, ?, 'pending')",
                (collection_id, seq),
            )
        )
        audit(s, station, actor, "letter_add", "postbox_collection", collection_id, f"seq={seq}")
        return _letter(conn, letter_id)


def close_collection(station: Station, actor: Operator, collection_id: int) -> CollectionInfo:
    """Close the collection; refused unless every letter is decided."""
    require(actor, "postbox")
    with station.db.write() as s:
        conn = raw(s)
        check_collection_open(conn, collection_id)
        info = _collection(conn, collection_id)
        if not info.reconciled:
            pending = max(info.pending, info.letter_count - info.recorded - info.not_suggestion)
            raise StationError("postbox.error.not_reconciled", pending=pending)
        conn.execute(
            "UPDATE postbox_collection SET closed_at = ? WHERE id = ?",
            (iso(station.clock.now()), collection_id),
        )
        audit(s, station, actor, "postbox_close", "postbox_collection", collection_id)
        return _collection(conn, collection_id)


@dataclass(frozen=True)
class FileLetter:
    """What `one_letter_per_file` did: letter `seq` got the pages of `file_name`."""

    letter_id: int
    seq: int
    file_name: str
    pages: int


def one_letter_per_file(
    station: Station, actor: Operator, collection_id: int, pages: list[PageRef] | None = None
) -> list[FileLetter]:
    """Each file's unassigned pages (or those of `pages`) to the next pending letter that
    has no pages yet, files in file-name order (letter-2 before letter-10), so that letter 1
    is the first file as the scanner named them, whatever order OCR finished in. Files left
    over when the empty letters run out stay unassigned."""
    require(actor, "postbox")
    found = unassigned_pages(station, actor, collection_id) if pages is None else pages
    groups: dict[str, list[PageRef]] = {}
    for page in file_order(found):
        groups.setdefault(page.scan_sha256, []).append(page)
    free = [lt for lt in letters(station, actor, collection_id) if lt.outcome == "pending"]
    free = [lt for lt in free if not lt.pages]
    done = []
    for letter, file_pages in zip(free, groups.values(), strict=False):
        assign_pages(station, actor, letter.id, [p.page_id for p in file_pages])
        done.append(FileLetter(letter.id, letter.seq, file_pages[0].file_name, len(file_pages)))
    return done


def _outcome(outcome: str) -> str:
    return tr(f"postbox.outcome.{outcome}")
