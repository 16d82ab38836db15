"""Review: a letter's pages beside their text, proposed fields, and confirmation.

`confirm_letter` is the one place a postbox letter becomes a recorded suggestion: one
transaction records the suggestion (channel postbox, linked to the letter and so to its
scans), marks the letter, and marks its scans verified by the reviewer.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.domain import Channel
from station_app.errors import StationError
from station_app.i18n import tr
from station_app.ocr.extract import best_fields
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)
from station_app.postbox._common import check_collection_open, letter_row
from station_app.postbox.collections import LetterInfo, get_letter
from station_app.postbox.form_review import form_proposals
from station_app.postbox.form_serials import FormOnLetter, form_of_pages
from station_app.postbox.pages import PageRef, audit_view
from station_app.services.common import audit, require
from station_app.services.forms import SuggestionForm, validate_form
from station_app.services.suggestions import Recorded, insert_suggestion_in, known_codes
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw

LOW_CONFIDENCE = 0.6
PAGE_JOIN = "\n"


@dataclass(frozen=True)
class ReviewItem:
    letter: LetterInfo
    pages: list[PageRef]
    text: str
    proposed: dict[str, str]
    low_confidence: list[tuple[int, int]]
    form: FormOnLetter | None = None  # the letter is a paper form: its fields as read


def review_item(station: Station, actor: Operator, letter_id: int) -> ReviewItem:
    """The letter, its pages in order, their text joined, proposed fields (name, phone,
    landline, address, date, as found) and the spans of `text` read with low confidence."""
    require(actor, "postbox")
    letter = get_letter(station, actor, letter_id)
    image_ids = [p.image_sha256 for p in letter.pages]
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    with station.db.read() as s:
        conn = raw(s)
        for sha in image_ids:
            row = conn.execute(
                "SELECT ocr_text, ocr_lines_json FROM scan WHERE sha256 = ?", (sha,)
            ).fetchone()
            page = (row[0] if row else None) or ""
            lines = json.loads(row[1]) if row and row[1] else []
            spans += _low_spans(page, lines, offset)
            texts.append(page)
            offset += len(page) + len(PAGE_JOIN)
        form = form_of_pages(conn, image_ids)
    text = PAGE_JOIN.join(texts)
    proposed = {name: cand.value for name, cand in best_fields(text).items()}
    if form is not None:
        proposed.update(form_proposals(form))
    audit_view(station, actor, letter_id)
    return ReviewItem(letter, list(letter.pages), text, proposed, spans, form)


def _low_spans(page: str, lines: list[dict[str, Any]], offset: int) -> list[tuple[int, int]]:
    out = []
    cursor = 0
    for line in lines:
        piece = str(line.get("text", ""))
        if not piece:
            continue
        at = page.find(piece, cursor)
        if at < 0:
            continue
        cursor = at + len(piece)
        if float(line.get("confidence", 1.0)) < LOW_CONFIDENCE:
            out.append((offset + at, offset + cursor))
    return out


def confirm_letter(
    station: Station, actor: Operator, letter_id: int, form: SuggestionForm
) -> Recorded:
    """Record the reviewed letter as a suggestion (channel postbox), in one transaction."""
    require(actor, "postbox")
    form = dataclasses.replace(form, channel=Channel.POSTBOX)
    with station.db.write() as s:
        conn = raw(s)
        letter = letter_row(conn, letter_id)
        check_collection_open(conn, letter[1])
        if letter[3] != "pending":
            raise StationError(
                "postbox.error.letter_decided", outcome=tr(f"postbox.outcome.{letter[3]}")
            )
        pages = conn.execute(
            "SELECT count(*) FROM scan_page p JOIN scan i ON i.id = p.image_scan_id "
            "WHERE i.letter_id = ?",
            (letter_id,),
        ).fetchone()[0]
        if not pages:
            raise StationError("postbox.error.letter_no_pages")
        if not form.received_at:
            opened = conn.execute(
                "SELECT opened_at FROM postbox_collection WHERE id = ?", (letter[1],)
            ).fetchone()[0]
            form = dataclasses.replace(form, received_at=opened)
        cats, camps = known_codes(s)
        clean = validate_form(form, cats, camps)
        rec = insert_suggestion_in(s, station, actor, clean, letter_id=letter_id)
        now = iso(station.clock.now())
        conn.execute(
            "UPDATE letter SET outcome = 'suggestion', reason_code = NULL, reason = NULL, "
            "decided_by = ?, decided_at = ? WHERE id = ?",
            (actor.id, now, letter_id),
        )
        conn.execute(
            "UPDATE scan SET verified_by = ?, verified_at = ?, status = 'reviewed' "
            "WHERE letter_id = ?",
            (actor.id, now, letter_id),
        )
        audit(s, station, actor, "letter_confirmed", "letter", letter_id, f"suggestion={rec.id}")
        return rec
