"""The paper suggestion form (人民建议征集表): where everything sits, in millimetres.

One layout version ("F1") for two papers: A5 is the A4 layout scaled by 148/210 (the papers
have the same proportions), so a reader needs only the version, the paper and the QR code's
corners to know where every box is. A change to any position is a new version; a form
printed with an older version is still read with its own geometry (`LAYOUTS`).

The QR code carries the layout version, the paper, the station code, the serial and the
category codes printed on that sheet (a station's top categories change over time; the
sheet says which it offered), so a page is read without asking the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LAYOUT_VERSION = "F1"
QR_PREFIX = "RMJY"  # 人民建议: tells our forms from any other QR code on a page
PAPERS: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}
MAX_CATEGORIES = 7  # printed besides 其他
OTHER = "OTH"
FEEDBACK_METHODS = ("phone", "visit", "letter")
PHONE_DIGITS = 11
DATE_DIGITS = 8  # YYYY MM DD
SUGGESTION_RULES = 11  # ruled lines in the suggestion area

ZoneKind = Literal["text", "digits", "tick"]


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres from the page's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    def scaled(self, k: float) -> Box:
        return Box(self.x * k, self.y * k, self.w * k, self.h * k)

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class Zone:
    """One field to read. `boxes`: one for a text zone or a tick box, one per digit box."""

    name: str  # name, phone, address, category:HSG, feedback, feedback:phone, consent, ...
    kind: ZoneKind
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class FormLayout:
    version: str
    paper: str
    width: float
    height: float
    scale: float  # 1.0 for A4
    marks: tuple[Box, Box, Box, Box]  # corner marks: top-left, top-right, bottom-right, bottom-left
    qr: Box
    zones: tuple[Zone, ...]
    categories: tuple[str, ...]  # codes printed, 其他 (OTH) last

    def zone(self, name: str) -> Zone:
        for z in self.zones:
            if z.name == name:
                return z
        raise KeyError(name)

    def mm(self, value: float) -> float:
        """A length of the A4 design on this paper."""
        return value * self.scale


# -- the F1 design, on A4 (mm) ----------------------------------------------------------------

MARK = 7.0
_MARKS = (
    Box(8, 8, MARK, MARK),
    Box(195, 8, MARK, MARK),
    Box(195, 282, MARK, MARK),
    Box(8, 282, MARK, MARK),
)
QR_BOX = Box(170, 19, 25, 25)
LABEL_X = 18.0
FIELD_X = 40.0
NAME_BOX = Box(FIELD_X, 52, 80, 12)
PHONE_Y, DIGIT_W, DIGIT_H, DIGIT_GAP = 70.0, 9.0, 11.0, 1.5
ADDRESS_BOX = Box(FIELD_X, 88, 152, 12)
TICK = 5.0
CATEGORY_Y = (108.0, 117.0)
CATEGORY_X = (FIELD_X, 78.0, 116.0, 154.0)
FEEDBACK_Y = 128.0
FEEDBACK_X = {"feedback": FIELD_X, "phone": 98.0, "visit": 124.0, "letter": 150.0}
CONSENT_Y = 138.0
SUGGESTION_BOX = Box(LABEL_X, 164, 174, 100)
DATE_Y = 268.0
DATE_X = 62.0


def digit_boxes(x: float, y: float, count: int, groups: tuple[int, ...] = ()) -> list[Box]:
    """`count` digit boxes from `x`; a wider gap after each index in `groups` (YYYY|MM|DD)."""
    out, at = [], x
    for i in range(count):
        out.append(Box(at, y, DIGIT_W, DIGIT_H))
        at += DIGIT_W + DIGIT_GAP + (9.0 if i + 1 in groups else 0.0)
    return out


def date_boxes() -> list[Box]:
    return digit_boxes(DATE_X, DATE_Y, DATE_DIGITS, groups=(4, 6))


def category_slots() -> list[tuple[float, float]]:
    return [(x, y) for y in CATEGORY_Y for x in CATEGORY_X]


def _a4_zones(categories: tuple[str, ...]) -> tuple[Zone, ...]:
    zones = [
        Zone("name", "text", (NAME_BOX,)),
        Zone("phone", "digits", tuple(digit_boxes(FIELD_X, PHONE_Y, PHONE_DIGITS))),
        Zone("address", "text", (ADDRESS_BOX,)),
    ]
    for code, (x, y) in zip(categories, category_slots(), strict=False):
        zones.append(Zone(f"category:{code}", "tick", (Box(x, y, TICK, TICK),)))
    for key, x in FEEDBACK_X.items():
        name = "feedback" if key == "feedback" else f"feedback:{key}"
        zones.append(Zone(name, "tick", (Box(x, FEEDBACK_Y, TICK, TICK),)))
    zones.append(Zone("consent", "tick", (Box(LABEL_X, CONSENT_Y, TICK, TICK),)))
    zones.append(Zone("suggestion", "text", (SUGGESTION_BOX,)))
    zones.append(Zone("date", "digits", tuple(date_boxes())))
    return tuple(zones)


def form_layout(
    paper: str, categories: tuple[str, ...], version: str = LAYOUT_VERSION
) -> FormLayout:
    """The layout of `version` on `paper` offering `categories` (其他 added last if missing)."""
    if version not in LAYOUTS:
        raise ValueError(f"unknown form layout {version!r}")
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}")
    cats = tuple(c for c in categories if c != OTHER)[:MAX_CATEGORIES] + (OTHER,)
    k = PAPERS[paper][0] / PAPERS["A4"][0]
    zones = tuple(
        Zone(z.name, z.kind, tuple(b.scaled(k) for b in z.boxes)) for z in _a4_zones(cats)
    )
    marks = tuple(m.scaled(k) for m in _MARKS)
    return FormLayout(
        version=version,
        paper=paper,
        width=PAPERS[paper][0],
        height=PAPERS[paper][1],
        scale=k,
        marks=(marks[0], marks[1], marks[2], marks[3]),
        qr=QR_BOX.scaled(k),
        zones=zones,
        categories=cats,
    )


LAYOUTS = {LAYOUT_VERSION}


# -- what the QR code says ----------------------------------------------------------------------


@dataclass(frozen=True)
class FormId:
    """The QR code's content: `RMJY|F1|A4|PT-CSL01|00000123|HSG.TRF.OTH`."""

    version: str
    paper: str
    station_code: str
    serial: str
    categories: tuple[str, ...]

    def payload(self) -> str:
        cats = ".".join(self.categories)
        return "|".join((QR_PREFIX, self.version, self.paper, self.station_code, self.serial, cats))

    @classmethod
    def parse(cls, text: str) -> FormId | None:
        """The form id in a QR code's text, or None when it is not one of our forms."""
        parts = text.strip().split("|")
        if len(parts) != 6 or parts[0] != QR_PREFIX:
            return None
        _, version, paper, station, serial, cats = parts
        if version not in LAYOUTS or paper not in PAPERS or not serial.isdigit():
            return None
        return cls(version, paper, station, serial, tuple(c for c in cats.split(".") if c))

    @property
    def layout(self) -> FormLayout:
        return form_layout(self.paper, self.categories, self.version)


def serial_text(number: int) -> str:
    return f"{number:08d}"
