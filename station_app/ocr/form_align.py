"""Where a paper form lies on a scanned page: its QR code found at any rotation, then the
homography onto the layout from the four corner marks (`station_app.forms.layout`).

    found = find_form(gray)        # None for a page without one of our forms' codes
    aligned, marks = align(gray, found)

The QR code says which layout and which paper; its corners give a first estimate of where
the page lies (turn, scale, shift), the corner marks (solid squares, looked for around where
that estimate puts them) the exact homography. The page is warped onto the layout's own
frame: `PX` pixels per millimetre of the A4 design, the same frame for both papers.

QR decoding uses zxing-cpp: on the forms bench's turned, skewed, photocopied and noisy pages
it found every code, where OpenCV's QRCodeDetector missed some (`bench/bench_forms.py`
prints both). Runs in OCR worker processes (cv2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from station_app.forms.layout import PAPERS, Box, FormId, FormLayout

PX = 10.0  # pixels per millimetre of the A4 design in the aligned frame
DESIGN = (round(PAPERS["A4"][0] * PX), round(PAPERS["A4"][1] * PX))


@dataclass(frozen=True)
class FoundForm:
    form_id: FormId
    qr_quad: list[tuple[float, float]]  # the code's corners on the page: TL, TR, BR, BL

    def turn(self) -> tuple[int, float]:
        """The quarter turn (0/90/180/270, counter-clockwise) and the skew left (degrees)
        that bring the page upright, from the code's top edge (as the pipeline reports
        them for a free letter)."""
        import math

        (x0, y0), (x1, y1) = self.qr_quad[0], self.qr_quad[1]
        angle = math.degrees(math.atan2(y0 - y1, x1 - x0))  # the top edge, counter-clockwise
        quarter = round(angle / 90) % 4
        skew = angle - quarter * 90
        skew = (skew + 180) % 360 - 180
        return ((4 - quarter) % 4) * 90, round(-skew, 1)


# -- finding the code ---------------------------------------------------------------------------


def decode_qr(gray: Any, decoder: str = "zxing") -> list[tuple[str, list[tuple[float, float]]]]:
    """Every QR code on a gray page: its text and corners (TL, TR, BR, BL of the symbol)."""
    if decoder == "opencv":
        import cv2

        ok, texts, points, _ = cv2.QRCodeDetector().detectAndDecodeMulti(gray)
        if not ok or points is None:
            return []
        return [
            (t, [(float(x), float(y)) for x, y in quad])
            for t, quad in zip(texts, points, strict=True)
            if t
        ]
    import zxingcpp

    out = []
    qr_only = zxingcpp.barcode_formats_from_str("QRCode")
    for r in zxingcpp.read_barcodes(gray, formats=qr_only):
        p = r.position
        quad = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        out.append((r.text, [(float(q.x), float(q.y)) for q in quad]))
    return out


def find_form(gray: Any, decoder: str = "zxing") -> FoundForm | None:
    """The form on a gray page (numpy array), or None (a free letter).

    Looked for on the page halved first (faster; a 200 dpi code still has 3 px modules),
    then at full size."""
    import cv2

    h, w = gray.shape[:2]
    small = cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    for image, k in ((small, 2.0), (gray, 1.0)):
        for text, quad in decode_qr(image, decoder):
            form_id = FormId.parse(text)
            if form_id is not None:
                return FoundForm(form_id, [(x * k, y * k) for x, y in quad])
    return None


# -- aligning ------------------------------------------------------------------------------------


def design_box(b: Box, layout: FormLayout) -> tuple[float, float, float, float]:
    """A box on the paper in the aligned frame's pixels: x0, y0, x1, y1."""
    k = PX / layout.scale
    return (b.x * k, b.y * k, (b.x + b.w) * k, (b.y + b.h) * k)


def _corners(b: Box, layout: FormLayout) -> list[tuple[float, float]]:
    x0, y0, x1, y1 = design_box(b, layout)
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _find_mark(gray: Any, center: tuple[float, float], side: float) -> tuple[float, float] | None:
    """The centre of a solid square about `side` px wide near `center`, or None."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    r = side * 2.5
    x0, y0 = max(0, int(center[0] - r)), max(0, int(center[1] - r))
    x1, y1 = min(w, int(center[0] + r)), min(h, int(center[1] + r))
    if x1 - x0 < side or y1 - y0 < side:
        return None
    window = gray[y0:y1, x0:x1]
    _, ink = cv2.threshold(window, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, _labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    best, best_d = None, float("inf")
    area = side * side
    for i in range(1, count):
        bw, bh, a = stats[i, 2], stats[i, 3], stats[i, 4]
        if not (0.55 * area <= a <= 1.6 * area) or not (0.7 <= bw / max(bh, 1) <= 1.4):
            continue
        if a / float(bw * bh) < 0.7:
            continue
        cx, cy = centroids[i]
        d = float(np.hypot(cx + x0 - center[0], cy + y0 - center[1]))
        if d < best_d:
            best, best_d = (float(cx + x0), float(cy + y0)), d
    return best


def _pts(points: Any) -> Any:
    """Points as cv2 wants them: float32."""
    import numpy as np

    return np.asarray(points, dtype=np.float32)


def align(gray: Any, found: FoundForm) -> tuple[Any, int]:
    """The page warped onto the layout's frame (DESIGN size), and how many corner marks
    were found (4 normally; a mark lost off the edge of the scan leaves the QR corners).

    The QR corners give a similarity transform (turn, scale, shift: a flatbed scan has no
    perspective, and over a code 25 mm wide a perspective fit would swing wildly at the far
    edge); the marks are looked for around where it puts them, then again around where the
    marks found so far put the missing ones."""
    import cv2
    import numpy as np

    layout = found.form_id.layout
    qr_design = _pts(_corners(layout.qr, layout))
    qr_page = _pts(found.qr_quad)
    similar, _ = cv2.estimateAffinePartial2D(qr_design, qr_page)
    matrix = np.vstack([similar, [0, 0, 1]]) if similar is not None else None
    if matrix is None:
        matrix = cv2.getPerspectiveTransform(qr_design, qr_page)
    scale = float(np.hypot(matrix[0][0], matrix[1][0]))
    centres, side = [], 0.0
    for mark in layout.marks:
        x0, y0, x1, y1 = design_box(mark, layout)
        centres.append(((x0 + x1) / 2, (y0 + y1) / 2))
        side = x1 - x0
    hits: dict[int, tuple[float, float]] = {}
    for _round in range(2):
        for i, centre in enumerate(centres):
            if i in hits:
                continue
            guess = cv2.perspectiveTransform(_pts([[centre]]), matrix)[0][0]
            hit = _find_mark(gray, (float(guess[0]), float(guess[1])), side * scale)
            if hit is not None:
                hits[i] = hit
        if len(hits) == 4:
            break
        src = [centres[i] for i in hits] + [tuple(p) for p in qr_design]
        dst = [hits[i] for i in hits] + [tuple(p) for p in qr_page]
        if len(hits) >= 2:
            fit, _ = cv2.estimateAffine2D(_pts(src), _pts(dst))
            if fit is not None:
                matrix = np.vstack([fit, [0, 0, 1]])
    if len(hits) == 4:
        order = sorted(hits)
        matrix = cv2.getPerspectiveTransform(
            _pts([centres[i] for i in order]), _pts([hits[i] for i in order])
        )
    elif len(hits) >= 2:
        src = [centres[i] for i in hits] + [tuple(p) for p in qr_design]
        dst = [hits[i] for i in hits] + [tuple(p) for p in qr_page]
        fit, _ = cv2.estimateAffine2D(_pts(src), _pts(dst))
        if fit is not None:
            matrix = np.vstack([fit, [0, 0, 1]])
    aligned = cv2.warpPerspective(
        gray,
        matrix,
        DESIGN,
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(255,),
    )
    return aligned, len(hits)
