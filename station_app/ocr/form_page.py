"""Reading a filled paper form (`station_app.forms.layout`) zone by zone.

    found = find_form(gray)            # (form_align) the form's QR code anywhere on the page, any rotation
    reading, aligned = read_form(engine, gray, found)

The page is aligned onto the layout's frame (`form_align`), where every zone is where the
layout says: tick boxes are read by their share of ink (a box filled in is a tick crossed
out), the phone and date boxes as one row of digits, name, address and each ruled row of
the suggestion by the engine on that zone only, all in one batch. Runs in OCR worker
processes (cv2).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from PIL import Image

from station_app.forms.layout import SUGGESTION_RULES, FormLayout
from station_app.ocr.engines import OcrEngine, OcrResult
from station_app.ocr.form_align import PX, FoundForm, align, design_box

# tick boxes: share of ink inside the box (its printed border left out)
TICK_MIN = 0.045  # below: blank
TICK_CANCELLED = 0.5  # above: filled in, i.e. crossed out ("选错时把方框涂满即为取消")
TICK_SURE = 0.03  # distance from a threshold at which a box is sure
DIGIT_INK = 0.015  # a digit box with less ink than this is empty
DOUBTFUL = 0.75  # a field read with less confidence than this is marked for the reviewer
# ink still there after every stroke is thinned by this much on each side is a blot (a wet
# thumb, a drop of ink): pen strokes are well under 2 mm wide, a blot is not; a field with one
# is marked doubtful, as the recogniser reads what is left around it with full confidence
BLOT_MM = 1.0
BLOT_AREA_MM2 = 1.5  # at least this much of such ink
DIGIT_LOOKALIKES = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "i": "1", "]": "1",
     "[": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "b": "6", "B": "8", "g": "9", "q": "9"}
)  # fmt: skip


@dataclass
class FieldReading:
    value: str
    confidence: float
    doubtful: bool = False


@dataclass
class FormReading:
    """What a form page says. `fields`: name, phone, address, category (a code), feedback
    ("yes"/"no"), feedback_method, consent ("yes"/"no"), suggestion, date (ISO);
    `ticks`: every tick box as blank / ticked / cancelled."""

    version: str
    paper: str
    station_code: str
    serial: str
    fields: dict[str, FieldReading] = field(default_factory=dict)
    ticks: dict[str, str] = field(default_factory=dict)
    marks_found: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def doubtful(self) -> list[str]:
        return [k for k, f in self.fields.items() if f.doubtful]


# -- reading the zones ---------------------------------------------------------------------------


def _evened(aligned: Any) -> Any:
    """Lighting evened out: the page divided by its background (paper white = 255)."""
    import cv2
    import numpy as np

    background = cv2.dilate(aligned, np.ones((31, 31), np.uint8))
    background = cv2.medianBlur(background, 31)
    out = aligned.astype(np.float32) / np.maximum(background.astype(np.float32), 1) * 255
    return np.clip(out, 0, 255).astype(np.uint8)


def _inset(b: tuple[float, float, float, float], by: float) -> tuple[int, int, int, int]:
    return (round(b[0] + by), round(b[1] + by), round(b[2] - by), round(b[3] - by))


def _ink_share(ink: Any, b: tuple[int, int, int, int]) -> float:
    part = ink[b[1] : b[3], b[0] : b[2]]
    return float(part.mean()) / 255.0 if part.size else 0.0


def _blotted(ink: Any, b: tuple[int, int, int, int]) -> bool:
    """Whether the box holds a solid patch of ink wider than any pen stroke."""
    import cv2
    import numpy as np

    part = ink[b[1] : b[3], b[0] : b[2]]
    if not part.size:
        return False
    r = max(1, round(BLOT_MM * PX))
    core = cv2.erode(part, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1)))
    return int(np.count_nonzero(core)) >= BLOT_AREA_MM2 * PX * PX


def _tick(share: float) -> tuple[str, float]:
    if share < TICK_MIN:
        state, margin = "blank", TICK_MIN - share
    elif share < TICK_CANCELLED:
        state, margin = "ticked", min(share - TICK_MIN, TICK_CANCELLED - share)
    else:
        state, margin = "cancelled", share - TICK_CANCELLED
    return state, round(min(1.0, 0.5 + margin / TICK_SURE / 2), 3)


def _crop(page: Any, b: tuple[int, int, int, int], pad: int = 12) -> Any:
    import cv2

    part = page[b[1] : b[3], b[0] : b[2]]
    return cv2.copyMakeBorder(part, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(255,))


def _digit_row(page: Any, ink: Any, boxes: list[Any]) -> tuple[list[int], Any | None]:
    """The boxes with ink in them, and their insides side by side as one line of digits,
    the printed borders left out (a row of digits reads far better than one digit alone:
    the recogniser reads lines)."""
    import numpy as np

    filled = [i for i, b in enumerate(boxes) if _ink_share(ink, _inset(b, 0.9 * PX)) >= DIGIT_INK]
    if not filled:
        return [], None
    parts = []
    gap = np.full((_inset(boxes[0], 0.7 * PX)[3] - _inset(boxes[0], 0.7 * PX)[1], 8), 255, np.uint8)
    for i in filled:
        x0, y0, x1, y1 = _inset(boxes[i], 0.7 * PX)
        part = page[y0:y1, x0:x1]
        parts += [part[: gap.shape[0]], gap]
    row = np.hstack(parts[:-1])
    return filled, _crop(row, (0, 0, row.shape[1], row.shape[0]), pad=16)


def _digits(filled: list[int], answer: tuple[str, float] | None) -> FieldReading:
    """The digits read on the row, when there are as many as boxes written in; otherwise
    what was read, marked doubtful ('?' for a box whose digit is missing)."""
    if not filled or answer is None:
        return FieldReading("", 1.0)
    text, score = answer
    digits = re.sub(r"\D", "", text.translate(DIGIT_LOOKALIKES))
    if len(digits) == len(filled):
        return FieldReading(digits, round(float(score), 3))
    padded = (digits + "?" * len(filled))[: len(filled)]
    return FieldReading(padded, round(min(float(score), 0.4), 3))


def _erase_rules(page: Any, ink: Any, b: tuple[int, int, int, int], rows: int) -> None:
    """Paint out the dotted rules of the suggestion area (their dots, alone or run together
    by a photocopy), leaving the strokes of writing that cross them: read with the text,
    a row of dots comes out as "……"."""
    import cv2

    pitch = (b[3] - b[1]) / rows
    half = round(0.6 * PX)
    for k in range(1, rows):
        y = round(b[1] + k * pitch)
        strip = ink[y - half : y + half + 1, b[0] : b[2]]
        count, labels, stats, _ = cv2.connectedComponentsWithStats(strip, connectivity=8)
        for i in range(1, count):
            x, top, w, h = stats[i, 0], stats[i, 1], stats[i, 2], stats[i, 3]
            touches = top == 0 or top + h >= strip.shape[0]
            if h <= 0.6 * PX and not touches:  # a dot, or dots run into a line
                region = labels[top : top + h, x : x + w] == i
                page[y - half + top : y - half + top + h, b[0] + x : b[0] + x + w][region] = 255
                ink[y - half + top : y - half + top + h, b[0] + x : b[0] + x + w][region] = 0


def _trimmed(page: Any, ink: Any, band: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A row cut to its writing, with a margin (the recogniser scales a line to 48 px high:
    in a crop twice the height of the writing, the characters would come out half size)."""
    import numpy as np

    part = ink[band[1] : band[3], band[0] : band[2]]
    cols = np.flatnonzero(part.any(axis=0))
    rows = np.flatnonzero(part.mean(axis=1) > 0.002 * 255)
    if cols.size == 0 or rows.size == 0:
        return band
    margin, lift = round(3 * PX), round(0.8 * PX)
    return (
        max(band[0], band[0] + int(cols[0]) - margin),
        max(band[1], band[1] + int(rows[0]) - lift),
        min(band[2], band[0] + int(cols[-1]) + margin),
        min(band[3], band[1] + int(rows[-1]) + lift),
    )


def _line_crops(page: Any, ink: Any, b: tuple[int, int, int, int], rows: int) -> list[Any]:
    """A text zone as line crops: one for a one-line box, one per ruled row of the
    suggestion area (the writing on or between the rules), rows without ink left out.
    Reading known lines needs no line detector, which on a small crop would take most of
    the time (it enlarges the crop to 736 px at least)."""
    pitch = (b[3] - b[1]) / rows
    out = []
    for k in range(rows):
        top = b[1] + k * pitch - (0.15 * pitch if k else 0)
        bottom = b[1] + (k + 1) * pitch + (0.1 * pitch if k + 1 < rows else 0)
        band = (b[0], round(top), b[2], round(bottom))
        core = (b[0], round(b[1] + (k + 0.15) * pitch), b[2], round(b[1] + (k + 0.9) * pitch))
        if rows == 1 or _ink_share(ink, core) > 0.004:
            out.append(_crop(page, _trimmed(page, ink, band), pad=12))
    return out


_HAN = "\u3400-\u9fff"
_GAP = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
_DOT = re.compile(rf"(?<=[{_HAN}])\s*[·.…]+\s*(?=[{_HAN}]|$)")


_RUN = re.compile("[，。]{2,}")


def handwritten_punctuation(text: str) -> str:
    """Chinese handwriting has no spaces: a gap between two characters is a comma the
    recogniser saw as nothing, a dot after a character is a full stop."""
    text = _GAP.sub("，", _DOT.sub("。", text.strip())).replace(" ", "")
    return _RUN.sub(lambda m: "。" if "。" in m.group(0) else "，", text)


def _joined(answers: list[tuple[str, float]]) -> FieldReading:
    texts = [(handwritten_punctuation(t), float(c)) for t, c in answers if t.strip()]
    value = "".join(t for t, _ in texts)
    if not value:
        return FieldReading("", 1.0)
    weight = sum(len(t) for t, _ in texts)
    return FieldReading(value, round(sum(c * len(t) for t, c in texts) / weight, 3))


def read_form(engine: OcrEngine, gray: Any, found: FoundForm) -> tuple[FormReading, Image.Image]:
    """Read every zone of the form on `gray`; returns the reading and the aligned page.

    The crops (the phone and date rows, the name and address lines, the suggestion's rows)
    go to the engine in one batch."""
    import cv2

    form_id = found.form_id
    layout = form_id.layout
    aligned, marks = align(gray, found)
    page = _evened(aligned)
    _, ink = cv2.threshold(page, 150, 255, cv2.THRESH_BINARY_INV)
    reading = FormReading(
        form_id.version, form_id.paper, form_id.station_code, form_id.serial, marks_found=marks
    )
    sure: dict[str, float] = {}
    crops: list[Any] = []
    owner: list[str] = []  # the zone of each crop
    filled: dict[str, list[int]] = {}
    blotted: set[str] = set()
    for zone in layout.zones:
        boxes = [design_box(b, layout) for b in zone.boxes]
        if zone.kind != "tick" and any(_blotted(ink, _inset(b, 0.7 * PX)) for b in boxes):
            blotted.add(zone.name)
        if zone.kind == "tick":
            state, conf = _tick(_ink_share(ink, _inset(boxes[0], 0.9 * PX)))
            reading.ticks[zone.name] = state
            sure[zone.name] = conf
        elif zone.kind == "digits":
            filled[zone.name], row = _digit_row(page, ink, boxes)
            if row is not None:
                crops.append(row)
                owner.append(zone.name)
        else:
            rows = SUGGESTION_RULES if zone.name == "suggestion" else 1
            if rows > 1:
                _erase_rules(page, ink, _inset(boxes[0], 0), rows)
            for crop in _line_crops(page, ink, _inset(boxes[0], 0.8 * PX), rows):
                crops.append(crop)
                owner.append(zone.name)
    answers = engine.read_crops(crops)
    for zone in layout.zones:
        mine = [a for name, a in zip(owner, answers, strict=True) if name == zone.name]
        if zone.kind == "digits":
            reading.fields[zone.name] = _digits(filled[zone.name], mine[0] if mine else None)
        elif zone.kind == "text":
            reading.fields[zone.name] = _joined(mine)
        if zone.name in blotted:  # read around the blot: the reviewer looks at the paper
            field = reading.fields[zone.name]
            field.confidence = min(field.confidence, 0.3)
    _choices(reading, layout, sure)
    _finish(reading)
    # the reviewer sees the page as scanned, only turned and straightened onto the layout
    shown = Image.fromarray(aligned)
    engine.keep(shown, OcrResult(page_text(reading), [], mean_confidence(reading)))
    return reading, shown


def _choices(reading: FormReading, layout: FormLayout, sure: dict[str, float]) -> None:
    """Category, feedback, method and consent from the tick boxes."""
    ticks = reading.ticks
    cats = [c for c in layout.categories if ticks.get(f"category:{c}") == "ticked"]
    conf = min(sure[f"category:{c}"] for c in layout.categories)
    reading.fields["category"] = FieldReading(
        cats[0] if cats else "", conf if len(cats) == 1 else min(conf, 0.5)
    )
    methods = [m for m in ("phone", "visit", "letter") if ticks.get(f"feedback:{m}") == "ticked"]
    wants = ticks.get("feedback") == "ticked" or bool(methods)
    conf = min(sure[k] for k in sure if k.startswith("feedback"))
    agree = ticks.get("feedback") == "ticked" or not methods
    reading.fields["feedback"] = FieldReading("yes" if wants else "no", conf if agree else 0.5)
    reading.fields["feedback_method"] = FieldReading(
        methods[0] if methods else "", conf if len(methods) <= 1 else 0.5
    )
    reading.fields["consent"] = FieldReading(
        "yes" if ticks.get("consent") == "ticked" else "no", sure["consent"]
    )


def _finish(reading: FormReading) -> None:
    """Digits into values (a phone of 11, a date), and every field's doubt."""
    phone = reading.fields["phone"]
    if phone.value and (len(phone.value) != 11 or "?" in phone.value):
        phone.confidence = min(phone.confidence, 0.5)
    date = reading.fields["date"]
    raw = date.value
    if len(raw) == 8 and raw.isdigit():
        date.value = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
        if not (1 <= int(raw[4:6]) <= 12 and 1 <= int(raw[6:]) <= 31):
            date.confidence = min(date.confidence, 0.5)
    elif raw:
        date.confidence = min(date.confidence, 0.5)
    for f in reading.fields.values():
        f.doubtful = f.confidence < DOUBTFUL


def page_text(reading: FormReading) -> str:
    """The page's text for the letter: what the suggester wrote in the suggestion area."""
    return reading.fields["suggestion"].value


def mean_confidence(reading: FormReading) -> float:
    values = [f.confidence for f in reading.fields.values()]
    return round(sum(values) / len(values), 4) if values else 0.0
