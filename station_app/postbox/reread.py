"""Reading a page again, turned as the reviewer says, when the app's orientation was wrong.

    page = reread_page(station, actor, page_id, turn=90)   # blocks: call it off the UI thread

The stored prepared page (upright as the app judged it) is decrypted in memory, turned by
`turn` degrees clockwise (as the reviewer turned it on screen), and read by an OCR worker
as it is, without another orientation guess. The new image (encrypted) and its reading
replace the old ones in one transaction; the page keeps its letter and its place in it, and
its `rotation` becomes the total turn from the original scan. Only a page of a pending
letter (or of none) can be read again: a recorded suggestion's scans do not change.
"""

from __future__ import annotations

import io
import json

from PIL import Image

from station_app.errors import StationError
from station_app.ocr.intake import DEFAULT_LIMITS
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)
from station_app.postbox._common import get_scan, put_scan
from station_app.postbox.pages import PageRef, get_page
from station_app.security.scanstore import delete_scan_file
from station_app.services.common import audit, require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw

TURNS = {
    90: Image.Transpose.ROTATE_270,  # PIL turns counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def turned_png(png: bytes, turn: int) -> bytes:
    """The PNG turned `turn` degrees clockwise (90, 180 or 270), in memory."""
    with Image.open(io.BytesIO(png)) as img:
        out = img.transpose(TURNS[turn])
    buf = io.BytesIO()
    out.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


def reread_page(
    station: Station,
    actor: Operator,
    page_id: int,
    turn: int,
    *,
    engine: str | None = None,
    timeout: float = 180.0,
) -> PageRef:
    """Turn page `page_id` by `turn` degrees clockwise and read it again (see the module)."""
    from station_app.ocr.pool import OcrJob
    from station_app.postbox.imports import tag_png

    require(actor, "postbox")
    turn %= 360
    if turn not in TURNS:
        raise StationError("postbox.error.turn_invalid", turn=turn)
    with station.db.read() as s:
        row = (
            raw(s)
            .execute(
                "SELECT i.id, i.sha256, i.rotation, i.ocr_engine, l.outcome, o.sha256, "
                "p.page_index FROM scan_page p JOIN scan o ON o.id = p.scan_id "
                "JOIN scan i ON i.id = p.image_scan_id LEFT JOIN letter l ON l.id = i.letter_id "
                "WHERE p.id = ? AND p.status = 'ok' AND i.purged_at IS NULL",
                (page_id,),
            )
            .fetchone()
        )
    if row is None:
        raise StationError("postbox.error.page_not_found", id=page_id)
    image_id, old_sha, rotation, old_engine, outcome, source_sha, index = row
    if outcome not in (None, "pending"):
        raise StationError("postbox.error.page_not_usable", id=page_id)
    png = turned_png(get_scan(station, old_sha), turn)
    kept: list[bytes] = []
    job = OcrJob(
        [],
        engine=engine or old_engine,
        workers=1,
        page_timeout=timeout,
        images=[png],
        on_image=lambda _r, image: kept.append(image),
        scratch_dir=station.data.tmp,
        limits=DEFAULT_LIMITS,
    )
    (result,) = job.run().results
    if result.status != "ok":
        raise StationError("postbox.error.reread_failed", message=result.message or "")
    new_rotation = ((rotation or 0) - turn) % 360  # stored counter-clockwise, as prepare.py
    image = tag_png(
        kept[0] if kept else png,
        f"station-app source={source_sha} page={index + 1} rotation={new_rotation}",
    )
    new_sha = put_scan(station, image)
    with station.db.write() as s:
        conn = raw(s)
        conn.execute(
            "UPDATE scan SET sha256 = ?, size = ?, ocr_text = ?, ocr_confidence = ?, "
            "ocr_lines_json = ?, ocr_engine = ?, ocr_engine_version = ?, rotation = ? "
            "WHERE id = ?",
            (
                new_sha,
                len(image),
                result.text,
                result.mean_confidence,
                json.dumps(result.lines, ensure_ascii=False),
                result.engine,
                result.engine_version,
                new_rotation,
                image_id,
            ),
        )
        conn.execute(
            "UPDATE scan SET prepared_sha256 = ? WHERE prepared_sha256 = ?", (new_sha, old_sha)
        )
        audit(s, station, actor, "reread_page", "scan_page", page_id, f"turn={turn}")
    if new_sha != old_sha:
        delete_scan_file(station.data, old_sha)  # ciphertext: removing it is enough
    return get_page(station, actor, page_id)
