"""One page through the pipeline: load, prepare, orient, recognise, into a `PageResult`.

`process_page()` is what an OCR worker runs per page; it never raises for a bad page (the
error becomes a `PageResult` with status "error" and a reason code). `read_page()` is the
prepare-and-recognise core, usable in-process (bench, tests).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PIL import Image

from station_app.ocr.engines import OcrEngine, OcrResult
from station_app.ocr.intake import DEFAULT_LIMITS, FileInfo, IntakeError, Limits, load_page

if TYPE_CHECKING:  # numpy comes with prepare: loaded where pages are read, not by every screen
    from station_app.ocr.prepare import Prepared


@dataclass
class PageResult:
    """The outcome for one page (or for a whole file that could not be opened: page 0).

    `page` is 0-based. `status` is "ok" or "error"; for errors `reason` is a machine code
    (zero_byte, unsupported_format, corrupt_image, too_large, pdf_invalid, pdf_encrypted,
    too_many_pages, unreadable, timeout, worker_crashed, engine_error) and `message` a
    Chinese / English sentence for the user. `rotation` (0/90/180/270) and `deskew_angle`
    are the counter-clockwise turns applied; `lines` holds dicts of OcrLine.
    """

    file: str
    page: int
    status: Literal["ok", "error"]
    sha256: str | None = None
    page_count: int | None = None
    reason: str | None = None
    message: str | None = None
    engine: str | None = None
    engine_version: str | None = None
    rotation: int | None = None
    deskew_angle: float | None = None
    mean_confidence: float | None = None
    text: str = ""
    lines: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    form: dict[str, Any] | None = None  # a paper form's reading (`form_page.FormReading`)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        """One JSON object on one line (non-ASCII kept), as `import-scans --json` prints."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def failed(
        cls, file: Path | str, page: int, reason: str, message: str, **extra: Any
    ) -> PageResult:
        return cls(
            file=str(file), page=page, status="error", reason=reason, message=message, **extra
        )

    @classmethod
    def from_intake_error(
        cls, file: Path | str, page: int, error: IntakeError, **extra: Any
    ) -> PageResult:
        return cls.failed(file, page, error.reason, error.bilingual(), **extra)


def read_page(
    engine: OcrEngine,
    image: Image.Image,
    *,
    prepare: bool = True,
    deskew: bool | None = None,
    contrast: bool | None = None,
) -> tuple[Prepared, OcrResult]:
    """Prepare and recognise one page; with `prepare=False` the raw engine on the page as is.

    Orientation and lines come from the engine's layout finder (`layout.py`): the page is
    turned upright losslessly, then RapidOCR reads the lines found, each along its own
    angle; tesseract reads the page deskewed with its lighting evened. `deskew` and
    `contrast` override the engine's defaults (the bench measures each step against its
    absence).
    """
    import numpy as np

    from station_app.ocr.prepare import (
        MIN_SKEW,
        Prepared,
        deskewed,
        even_contrast,
        rotate_upright,
        to_gray,
    )

    if not prepare:
        return Prepared(to_gray(image), 0, 0.0), engine.recognize(image)
    gray = to_gray(image)
    deskew = engine.deskews if deskew is None else deskew
    contrast = engine.evens_contrast if contrast is None else contrast
    layout = engine.layout_finder.find(np.asarray(gray))
    upright = rotate_upright(gray, layout.rotation)
    skew = layout.skew if deskew and abs(layout.skew) >= MIN_SKEW else 0.0
    upright = deskewed(upright, skew)
    if contrast:
        upright = even_contrast(upright)
    if engine.reads_lines and layout.boxes and not skew:
        result = engine.read_lines(np.asarray(upright), layout.boxes)
    else:  # tesseract; lines no longer where the finder saw them; or none seen small
        result = engine.recognize(upright)
    return Prepared(upright, layout.rotation, round(skew, 1)), result


def page_png(image: Image.Image) -> bytes:
    """A gray page as PNG bytes, for the worker to hand the prepared page to the parent.

    Deflate without string matching (Huffman only, through cv2 in the worker): a scan's
    noise does not compress by matching anyway; on a 300 dpi A4 page this encodes in about
    half the time of Pillow's encoder, and a smaller file."""
    import cv2
    import numpy as np

    params = [cv2.IMWRITE_PNG_COMPRESSION, 1]
    params += [cv2.IMWRITE_PNG_STRATEGY, cv2.IMWRITE_PNG_STRATEGY_HUFFMAN_ONLY]
    ok, data = cv2.imencode(".png", np.asarray(image.convert("L")), params)
    if not ok:
        raise OSError("PNG encoding failed")
    return data.tobytes()


def process_page(
    engine: OcrEngine,
    info: FileInfo,
    index: int,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> PageResult:
    """Load, prepare and recognise page `index` of a probed file; errors become results."""
    started = time.perf_counter()
    common: dict[str, Any] = {
        "sha256": info.sha256,
        "page_count": info.page_count,
        "engine": engine.name,
        "engine_version": engine.version,
    }
    try:
        page = load_page(info, index, limits)
    except IntakeError as exc:
        return PageResult.from_intake_error(info.path, index, exc, **common)
    form = _form_result(engine, page.image, info, index, common, started)
    if form is not None:
        return form
    try:
        prepared, result = read_page(engine, page.image)
    except Exception as exc:  # an engine failure on one page must not stop the batch
        return PageResult.failed(
            info.path,
            index,
            "engine_error",
            f"识别出错：{type(exc).__name__} / Recognition failed: {type(exc).__name__}",
            **common,
        )
    return PageResult(
        file=str(info.path),
        page=index,
        status="ok",
        rotation=prepared.rotation,
        deskew_angle=prepared.deskew_angle,
        mean_confidence=result.mean_confidence,
        text=result.text,
        lines=[ln.to_dict() for ln in result.lines],
        seconds=round(time.perf_counter() - started, 3),
        **common,
    )


def _form_result(
    engine: OcrEngine,
    image: Image.Image,
    info: FileInfo,
    index: int,
    common: dict[str, Any],
    started: float,
) -> PageResult | None:
    """The page read as a paper form, when it carries one of our forms' QR codes; None for
    any other page (it is read as a free letter). A form that cannot be read zone by zone
    (its marks torn off, say) is read as a free letter too."""
    import numpy as np

    from station_app.ocr.form_align import find_form
    from station_app.ocr.form_page import mean_confidence, page_text, read_form
    from station_app.ocr.prepare import to_gray

    gray = np.asarray(to_gray(image))
    try:
        found = find_form(gray)
        if found is None:
            return None
        reading, _aligned = read_form(engine, gray, found)
    except Exception:  # noqa: BLE001  (the free-letter path still reads the page)
        return None
    rotation, skew = found.turn()
    return PageResult(
        file=str(info.path),
        page=index,
        status="ok",
        rotation=rotation,
        deskew_angle=skew,
        mean_confidence=mean_confidence(reading),
        text=page_text(reading),
        lines=[],
        seconds=round(time.perf_counter() - started, 3),
        form=reading.to_dict(),
        **common,
    )
