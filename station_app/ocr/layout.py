"""Where the text lines are and which way is up, from RapidOCR's own models (worker only).

A page is looked at small: its gray copy, scaled so its short side is the text
detector's working size (736 px), goes through PP-OCR's line detector. The boxes give

- the text axis: a line of horizontal text is a wide box, a page turned 90 or 270 degrees
  gives tall ones. Each box longer than twice its height votes with its length; the page is
  taken as turned only when tall boxes outweigh wide ones `AXIS_MARGIN` times over and at
  least two of them get a confident answer from the classifier below;
- upright or upside down: the longest lines are cut from the full page and shown to PP-OCR's
  0/180 line classifier (shipped in the rapidocr wheel). A confident vote counts; the page is
  turned only when the upside-down votes outnumber the upright ones `FLIP_MARGIN` times
  (a turned page must pick one of two sides, and takes the better-supported one);
- the skew: the length-weighted median angle of the long boxes;
- and the lines themselves, in full-page coordinates, which RapidOCR then reads without
  detecting again (`RapidOcrEngine.read_lines`), each started earlier by `LINE_START_PAD`
  of its height (`widen_line`): a box found on the small copy starts at the first stroke the
  small copy still shows and lost a line-leading comma on a hard page. The start only: a
  longer end, or a longer pad, picked up ruled lines and form borders (read as "_" and "|";
  `engines.EDGE_MARKS` strips those from a line's ends) and read the corpus worse. A turned page is detected once more, small,
  once upright: lines found on a sideways page were cut less well (on the bench one
  handwriting-like page read 18% CER from them, 0.7% from its upright twin).

Noise, lighting gradients, vignette, folds and the rules of letter paper or forms change
none of this much: the detector was trained on photographed text and does not take rules
or shading for text lines. The ink projection profile used before did not survive them:
it turned upright hard pages by 90 degrees (as in the issue's test). `LayoutFinder` runs cv2 and onnxruntime: use it only inside an OCR worker
process (importing this module loads neither).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

DETECT_SIDE = 736  # the detector's own minimum short side (rapidocr config: limit_side_len)
AXIS_MARGIN = 3.0  # tall-box length must outweigh wide-box length this many times to turn
FLIP_MARGIN = 3.0  # upside-down votes must outnumber upright ones this many times to flip
CLS_CONFIDENT = 0.9  # a line's 0/180 answer counts as a vote from this probability on
MIN_ELONGATION = 2.0  # a box longer than this times its height is a line (votes on the axis)
CHECK_LINES = 12  # lines shown to the 0/180 classifier
LINE_START_PAD = 0.5  # a line box grows at its start by this share of its height before reading


@dataclass
class Layout:
    """A page's orientation evidence and its text lines (full-resolution quads, upright frame).

    `rotation` is the counter-clockwise quarter turn (0/90/180/270) that makes the page
    upright; `skew` the further small counter-clockwise turn that levels its lines (degrees);
    `wide`/`tall` the summed lengths of line boxes on each axis (in detector pixels);
    `upright_votes`/`flipped_votes` the classifier's confident answers on the chosen axis.
    """

    rotation: int = 0
    skew: float = 0.0
    wide: float = 0.0
    tall: float = 0.0
    upright_votes: int = 0
    flipped_votes: int = 0
    boxes: list[np.ndarray] = field(default_factory=list)

    @property
    def evidence(self) -> str:
        """One line for logs and the bench (no page content)."""
        return (
            f"wide {self.wide:.0f} tall {self.tall:.0f} "
            f"upright {self.upright_votes} flipped {self.flipped_votes}"
        )


def _box_geometry(box: np.ndarray) -> tuple[float, float, float]:
    """Long side, short side and the long side's direction in degrees [0, 180)."""
    e1 = box[1] - box[0]
    e2 = box[3] - box[0]
    l1, l2 = float(np.hypot(*e1)), float(np.hypot(*e2))
    long_edge = e1 if l1 >= l2 else e2
    angle = float(np.degrees(np.arctan2(long_edge[1], long_edge[0]))) % 180.0
    return max(l1, l2), min(l1, l2), angle


def axis_evidence(boxes: list[np.ndarray]) -> tuple[float, float]:
    """Summed length of wide (horizontal) and tall (vertical) line boxes."""
    wide = tall = 0.0
    for box in boxes:
        long_side, short_side, angle = _box_geometry(box)
        if long_side < MIN_ELONGATION * max(short_side, 1.0):
            continue  # a single character or a blot: no direction
        off_horizontal = min(angle, 180.0 - angle)
        if off_horizontal <= 30:
            wide += long_side
        elif off_horizontal >= 60:
            tall += long_side
    return wide, tall


def line_skew(boxes: list[np.ndarray]) -> float:
    """The counter-clockwise turn (degrees) that levels the lines: minus the length-weighted
    median angle of the long horizontal boxes."""
    angles, weights = [], []
    for box in boxes:
        long_side, short_side, angle = _box_geometry(box)
        if long_side < 3 * max(short_side, 1.0):
            continue
        signed = angle if angle < 90 else angle - 180.0  # image y points down: clockwise
        if abs(signed) <= 15:
            angles.append(signed)  # a clockwise tilt is levelled by as much counter-clockwise
            weights.append(long_side)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = np.asarray(angles)[order][int(np.searchsorted(cumulative, cumulative[-1] / 2))]
    return round(float(median), 2)


def _longest(boxes: list[np.ndarray], count: int) -> list[np.ndarray]:
    scored = []
    for box in boxes:
        long_side, short_side, _ = _box_geometry(box)
        if long_side >= MIN_ELONGATION * max(short_side, 1.0):
            scored.append((long_side, box))
    scored.sort(key=lambda item: -item[0])
    return [box for _, box in scored[:count]]


def widen_line(box: np.ndarray, width: int, height: int) -> np.ndarray:
    """A line quad (corners clockwise from top left) started `LINE_START_PAD` times its height
    earlier, along its own direction, kept inside a `width` x `height` page."""
    quad = np.asarray(box, np.float32).copy()
    along = quad[1] - quad[0]
    length = float(np.hypot(*along))
    tall = float(np.hypot(*(quad[3] - quad[0])))
    if length < tall or length == 0.0:  # not a line lying along its first edge: as found
        return quad
    quad[[0, 3]] -= along / length * tall * LINE_START_PAD
    return np.clip(quad, [0, 0], [width - 1, height - 1]).astype(np.float32)


class LayoutFinder:
    """PP-OCR's line detector and 0/180 classifier from a loaded `RapidOCR` object."""

    def __init__(self, rapid: Any) -> None:
        self._rapid = rapid

    def detect(self, gray: np.ndarray) -> tuple[list[np.ndarray], float]:
        """Line quads of the full page, found on a copy scaled to the detector's size."""
        import cv2

        h, w = gray.shape[:2]
        scale = min(1.0, DETECT_SIDE / max(1, min(h, w)))
        small = (
            cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
            if scale < 1.0
            else gray
        )
        found, _ = self._rapid.text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
        boxes = [] if found is None else [np.asarray(b, np.float32) / scale for b in found]
        return boxes, scale

    def flip_votes(self, gray: np.ndarray, boxes: list[np.ndarray]) -> tuple[int, int]:
        """Confident upright and upside-down answers of the classifier on the longest lines,
        as the lines lie in `gray` (crops of tall boxes are turned a quarter CCW first)."""
        import cv2

        lines = _longest(boxes, CHECK_LINES)
        if not lines:
            return 0, 0
        crops = self._rapid.get_crop_img_list(gray, lines)
        crops = [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops]
        _, answers, _ = self._rapid.text_cls(crops)
        upright = flipped = 0
        for label, score in answers:
            if score >= CLS_CONFIDENT:
                if "180" in str(label):
                    flipped += 1
                else:
                    upright += 1
        return upright, flipped

    def find(self, gray: np.ndarray) -> Layout:
        """Orientation, skew and line quads of a page (quads in the upright page's frame)."""
        boxes, _scale = self.detect(gray)
        wide, tall = axis_evidence(boxes)
        layout = Layout(wide=wide, tall=tall)
        if not boxes:
            return layout
        if tall > AXIS_MARGIN * wide:
            # crops of tall boxes come out turned a quarter counter-clockwise, as the page
            # would be by a 90 degree turn: upright crops mean 90, upside-down ones 270
            axis_boxes = [b for b in boxes if 45 < _box_geometry(b)[2] < 135]
            upright, flipped = self.flip_votes(gray, axis_boxes)
            rotation = 270 if flipped > upright else 90
            if upright + flipped < 2:  # one unsure line (a stamp, a margin note) turns nothing
                rotation = 0
        else:
            upright, flipped = self.flip_votes(gray, boxes)
            rotation = 180 if flipped >= 2 and flipped >= FLIP_MARGIN * upright else 0
        layout.rotation = rotation
        layout.upright_votes, layout.flipped_votes = upright, flipped
        if rotation:  # the detector draws turned lines less well: look again, upright
            boxes, _scale = self.detect(np.ascontiguousarray(np.rot90(gray, rotation // 90)))
        layout.boxes = boxes
        layout.skew = line_skew(boxes)
        return layout


OSD_CONFIDENT = 1.0  # tesseract's orientation confidence from which its answer is taken


class OsdLayoutFinder:
    """For a tesseract-only install: tesseract's own orientation detection (OSD), trusted
    only from `OSD_CONFIDENT` on (on the bench corpus its wrong answers came at 0.16-0.4,
    its right ones mostly above 1), and the skew from the ink's projection profile.
    It finds no lines: tesseract reads the whole page."""

    def __init__(self, tess: Any) -> None:
        self._tess = tess

    def find(self, gray: np.ndarray) -> Layout:
        import re

        from PIL import Image

        from station_app.ocr.prepare import find_skew, rotate_upright

        page = Image.fromarray(gray)
        rotation = 0
        try:
            osd = self._tess.image_to_osd(page, config="--psm 0 -c min_characters_to_try=10")
        except Exception:  # too little text to tell: leave the page as it is
            osd = ""
        turn = re.search(r"Rotate: (\d+)", osd)
        confidence = re.search(r"Orientation confidence: ([\d.]+)", osd)
        if turn and confidence and float(confidence.group(1)) >= OSD_CONFIDENT:
            rotation = (360 - int(turn.group(1))) % 360  # OSD says clockwise
        return Layout(rotation=rotation, skew=find_skew(rotate_upright(page, rotation)))
