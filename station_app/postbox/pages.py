"""Scanned pages after import: listing, grouping into letters, images and text for review.

A page is a `scan_page` row: the original file (`scan`, by SHA-256) and the page's index in
it, and, when it was read, the prepared page image (another `scan` row, which carries the
OCR text, the letter and the page order). Re-exported by `station_app.postbox.imports`.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from natsort import os_sort_keygen
from PIL import Image, ImageOps

from station_app.dbapi import Connection
from station_app.errors import StationError
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)
from station_app.postbox._common import check_collection_open, get_scan, letter_row
from station_app.services.common import audit, require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw, select_in

PAGE_SQL = (
    "SELECT p.id, o.sha256, p.page_index, o.original_name, p.status, i.letter_id, "
    "i.page_order, i.rotation, i.ocr_confidence, i.sha256, p.collection_id, p.error_reason "
    "FROM scan_page p JOIN scan o ON o.id = p.scan_id LEFT JOIN scan i ON i.id = p.image_scan_id"
)


@dataclass(frozen=True)
class PageRef:
    """One page of an imported file. `scan_sha256` names the original file; `page_index` is
    0-based in that file; `letter_id`/`page_order` say where the page sits, if anywhere."""

    page_id: int
    scan_sha256: str
    page_index: int
    file_name: str
    status: str  # "ok" | "error"
    letter_id: int | None
    page_order: int
    rotation: int | None
    mean_confidence: float | None
    image_sha256: str | None = None
    collection_id: int | None = None
    error_reason: str | None = None


@dataclass(frozen=True)
class PageText:
    """What OCR read on one page; `lines` are dicts with text, confidence (0..1) and box."""

    text: str
    lines: list[dict[str, Any]]
    engine: str | None
    engine_version: str | None
    mean_confidence: float | None


def page_ref(row: Any) -> PageRef:
    return PageRef(
        page_id=row[0],
        scan_sha256=row[1],
        page_index=row[2],
        file_name=row[3],
        status=row[4],
        letter_id=row[5],
        page_order=row[6] or 0,
        rotation=row[7],
        mean_confidence=row[8],
        image_sha256=row[9],
        collection_id=row[10],
        error_reason=row[11],
    )


def pages_of_letters(conn: Connection, letter_ids: list[int]) -> dict[int, list[PageRef]]:
    out: dict[int, list[PageRef]] = {}
    sql = PAGE_SQL + " WHERE i.letter_id IN ({marks}) ORDER BY i.letter_id, i.page_order, p.id"
    for row in select_in(conn, sql, letter_ids):
        ref = page_ref(row)
        out.setdefault(ref.letter_id or 0, []).append(ref)
    return out


_NATURAL = os_sort_keygen()


def file_order(pages: list[PageRef]) -> list[PageRef]:
    """Pages in file-name order as a file manager shows them (natural: letter-2 before
    letter-10), each file's pages together and in page order; OCR finishes files in any
    order, so the order they were read in says nothing."""
    first: dict[str, int] = {}
    for page in pages:
        first.setdefault(page.scan_sha256, page.page_id)
    return sorted(
        pages,
        key=lambda p: (_NATURAL(p.file_name), first[p.scan_sha256], p.scan_sha256, p.page_index),
    )


def unassigned_pages(
    station: Station, actor: Operator, collection_id: int | None = None
) -> list[PageRef]:
    """Pages read successfully that belong to no letter yet, in file-name order
    (`file_order`). With a collection: that collection's pages and pages imported without
    one (watched folder)."""
    require(actor, "postbox")
    where = "p.status = 'ok' AND i.letter_id IS NULL AND i.purged_at IS NULL"
    params: tuple[Any, ...] = ()
    if collection_id is not None:
        where += " AND (p.collection_id = ? OR p.collection_id IS NULL)"
        params = (collection_id,)
    with station.db.read() as s:
        rows = raw(s).execute(f"{PAGE_SQL} WHERE {where} ORDER BY p.id", params).fetchall()
    return file_order([page_ref(r) for r in rows])


def get_page(station: Station, actor: Operator, page_id: int) -> PageRef:
    require(actor, "postbox")
    with station.db.read() as s:
        row = raw(s).execute(f"{PAGE_SQL} WHERE p.id = ?", (page_id,)).fetchone()
    if row is None:
        raise StationError("postbox.error.page_not_found", id=page_id)
    return page_ref(row)


def assign_pages(
    station: Station, actor: Operator, letter_id: int, page_ids_in_order: list[int]
) -> list[PageRef]:
    """Make `page_ids_in_order` the pages of a pending letter, in that order (pages may come
    from several files, and from another pending letter). Pages the letter had before and
    that are not in the list go back to the unassigned pages. Returns the letter's pages."""
    require(actor, "postbox")
    with station.db.write() as s:
        conn = raw(s)
        letter = letter_row(conn, letter_id)
        check_collection_open(conn, letter[1])
        if letter[3] != "pending":
            raise StationError("postbox.error.letter_decided", outcome=_outcome(letter[3]))
        images: list[int] = []
        originals: set[int] = set()
        seen: set[int] = set()
        for page_id in page_ids_in_order:
            if page_id in seen:
                raise StationError("postbox.error.page_twice", id=page_id)
            seen.add(page_id)
            row = conn.execute(
                "SELECT p.status, p.image_scan_id, p.scan_id, i.letter_id, i.purged_at, "
                "l.outcome, c.closed_at FROM scan_page p LEFT JOIN scan i ON i.id = "
                "p.image_scan_id LEFT JOIN letter l ON l.id = i.letter_id LEFT JOIN "
                "postbox_collection c ON c.id = l.collection_id WHERE p.id = ?",
                (page_id,),
            ).fetchone()
            if row is None:
                raise StationError("postbox.error.page_not_found", id=page_id)
            status, image_id, scan_id, other, purged, outcome, closed = row
            moving_ok = other in (None, letter_id) or (outcome == "pending" and closed is None)
            if status != "ok" or image_id is None or purged is not None or not moving_ok:
                raise StationError("postbox.error.page_not_usable", id=page_id)
            images.append(image_id)
            originals.add(scan_id)
        # the files whose pages were in this letter before may lose their whole-file link
        for (scan_id,) in conn.execute(
            "SELECT DISTINCT p.scan_id FROM scan_page p JOIN scan i ON i.id = p.image_scan_id "
            "WHERE i.letter_id = ?",
            (letter_id,),
        ).fetchall():
            originals.add(scan_id)
        conn.execute(
            "UPDATE scan SET letter_id = NULL, page_order = 0 WHERE letter_id = ?", (letter_id,)
        )
        for order, image_id in enumerate(images):
            conn.execute(
                "UPDATE scan SET letter_id = ?, page_order = ? WHERE id = ?",
                (letter_id, order, image_id),
            )
        if page_ids_in_order:
            marks = ",".join("?" * len(page_ids_in_order))
            conn.execute(
                f"UPDATE scan_page SET collection_id = ? WHERE id IN ({marks})",
                (letter[1], *page_ids_in_order),
            )
        for scan_id in originals:
            link_original(conn, scan_id)
        audit(
            s,
            station,
            actor,
            "assign_pages",
            "letter",
            letter_id,
            ",".join(str(p) for p in page_ids_in_order),
        )
        rows = conn.execute(
            f"{PAGE_SQL} WHERE i.letter_id = ? ORDER BY i.page_order, p.id", (letter_id,)
        ).fetchall()
    return [page_ref(r) for r in rows]


def link_original(conn: Connection, scan_id: int) -> None:
    """An original file goes with a letter (to HQ, to retention) only when every page of it
    that was read belongs to that one letter: a batch scan holding several people's letters
    must not travel with any single one of them."""
    rows = conn.execute(
        "SELECT i.letter_id, i.page_order FROM scan_page p JOIN scan i ON i.id = p.image_scan_id "
        "WHERE p.scan_id = ? AND p.status = 'ok'",
        (scan_id,),
    ).fetchall()
    letters = {r[0] for r in rows}
    if len(letters) == 1 and None not in letters:
        order = min(r[1] for r in rows)
        conn.execute(
            "UPDATE scan SET letter_id = ?, page_order = ? WHERE id = ?",
            (rows[0][0], order, scan_id),
        )
    else:
        conn.execute("UPDATE scan SET letter_id = NULL, page_order = 0 WHERE id = ?", (scan_id,))


def _outcome(outcome: str) -> str:
    from station_app.i18n import tr

    return tr(f"postbox.outcome.{outcome}")


def page_image(station: Station, actor: Operator, page_id: int, *, prepared: bool = True) -> bytes:
    """The page's image as PNG or JPEG bytes (decrypted): the prepared (upright, deskewed)
    page, or the original page (`prepared=False`; TIFF frames and PDF pages become PNG)."""
    require(actor, "postbox")
    with station.db.read() as s:
        row = (
            raw(s)
            .execute(
                "SELECT o.sha256, o.mime, o.purged_at, p.page_index, i.sha256, i.purged_at "
                "FROM scan_page p JOIN scan o ON o.id = p.scan_id "
                "LEFT JOIN scan i ON i.id = p.image_scan_id WHERE p.id = ?",
                (page_id,),
            )
            .fetchone()
        )
    if row is None:
        raise StationError("postbox.error.page_not_found", id=page_id)
    orig_sha, mime, orig_purged, index, image_sha, image_purged = row
    if prepared and image_sha and image_purged is None:
        return get_scan(station, image_sha)
    if orig_purged is not None:
        raise StationError("postbox.error.page_not_found", id=page_id)
    content = get_scan(station, orig_sha)
    try:
        return original_page_png(content, mime, index)
    except Exception as exc:  # a page the viewer cannot draw: say so, never crash the screen
        raise StationError("postbox.error.image_unreadable", id=page_id) from exc


def original_page_png(content: bytes, mime: str, index: int) -> bytes:
    """PNG/JPEG single pages as they are; a TIFF frame or PDF page drawn to PNG in memory
    (no decrypted copy ever touches the disk)."""
    if mime in ("image/png", "image/jpeg") and index == 0:
        return content
    if mime == "application/pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(content)
        try:
            page = doc[index]
            try:
                image = page.render(scale=150 / 72, grayscale=True).to_pil()
            finally:
                page.close()
        finally:
            doc.close()
    else:
        with Image.open(io.BytesIO(content)) as img:
            img.seek(index)
            image = ImageOps.exif_transpose(img)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def page_text(station: Station, actor: Operator, page_id: int) -> PageText:
    require(actor, "postbox")
    with station.db.read() as s:
        row = (
            raw(s)
            .execute(
                "SELECT i.ocr_text, i.ocr_lines_json, i.ocr_engine, i.ocr_engine_version, "
                "i.ocr_confidence FROM scan_page p LEFT JOIN scan i ON i.id = p.image_scan_id "
                "WHERE p.id = ?",
                (page_id,),
            )
            .fetchone()
        )
    if row is None:
        raise StationError("postbox.error.page_not_found", id=page_id)
    return PageText(
        text=row[0] or "",
        lines=lines_from_json(row[1]),
        engine=row[2],
        engine_version=row[3],
        mean_confidence=row[4],
    )


def lines_from_json(text: str | None) -> list[dict[str, Any]]:
    out = []
    for line in json.loads(text) if text else []:
        item: dict[str, Any] = {
            "text": line.get("text", ""),
            "confidence": float(line.get("confidence", 0.0)),
        }
        box = line.get("bbox") or line.get("box")
        if box:
            item["box"] = tuple(box)
        out.append(item)
    return out


def audit_view(station: Station, actor: Operator, letter_id: int) -> None:
    with station.db.write() as s:
        audit(s, station, actor, "view", "letter", letter_id)
