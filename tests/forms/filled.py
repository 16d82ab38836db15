"""Filled paper forms, made in code: the forms tests' and `bench/bench_forms.py`'s pages.

A blank form is drawn by the app's own renderer (`station_app.forms.render`), then filled in
the Kai font of fonts-arphic-ukai with the corpus's per-character jitter (`tests/ocr/corpus.py`),
digits one per box, pen-like ticks (a two-stroke check of varying size and slant, some
reaching well outside the box, some crossed out by filling the box in), and then
photocopied (darker, toner specks), skewed up to 5 degrees, scanned with the corpus's effects
(lighting, blur, noise, JPEG) and turned. Every page carries its truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from station_app.forms.layout import OTHER, FormId, serial_text
from station_app.forms.render import FormSheet, render_blank
from tests.ocr.corpus import NAMES, SENTENCES, STREETS, PageSpec, _draw_line, finish_scan

CATEGORY_NAMES = {
    "HSG": "住房与物业",
    "TRF": "交通出行",
    "ENV": "生态环境",
    "ELD": "养老服务",
    "HLT": "医疗卫生",
    "URB": "城市建设与管理",
    "PRK": "停车管理",
}
CONSENT = (
    "个人信息告知书（第1版）\n您在本工作站提出建议时留下的姓名、电话和地址，仅用于就您的建议与您联系、"
    "向您反馈办理结果。这些信息在本机加密保存，不用于其他目的。"
)
STATION_NAME = "长寿路街道人民建议征集工作站"


@dataclass(frozen=True)
class FormSpec:
    """One filled form and what happened to it. `turn` as in the corpus (counter-clockwise)."""

    name: str
    seed: int
    paper: str = "A4"
    dpi: int = 300
    turn: int = 0
    skew: float = 0.0  # degrees, the page on the scanner bed
    photocopy: bool = False
    hard: bool = True  # the corpus's scan effects (lighting, blur, noise, JPEG)
    cancel: bool = True  # one tick crossed out (the box filled in)
    outside: bool = True  # ticks reaching outside their box
    station: str = "PT-CSL01"  # the station that printed it
    smudge: str = ""  # a zone ("phone", "name", "date") blotted with ink after filling in


@dataclass
class FormTruth:
    serial: str
    name: str
    phone: str
    address: str
    ticks: dict[str, str]  # zone -> "ticked" | "cancelled" | "blank"
    suggestion: str
    date: str  # YYYYMMDD
    categories: tuple[str, ...] = ()

    @property
    def ticked(self) -> dict[str, bool]:
        return {zone: state == "ticked" for zone, state in self.ticks.items()}


@dataclass
class FilledForm:
    spec: FormSpec
    image: Image.Image
    data: bytes
    truth: FormTruth
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def suffix(self) -> str:
        return ".jpg" if self.data[:2] == b"\xff\xd8" else ".png"


def blank_sheet(serial: int, paper: str = "A4", station: str = "PT-CSL01") -> FormSheet:
    cats = (*CATEGORY_NAMES, OTHER)
    form_id = FormId("F1", paper, station, serial_text(serial), cats)
    return FormSheet(form_id, STATION_NAME, CATEGORY_NAMES, CONSENT, "v1")


def _tick(
    draw: ImageDraw.ImageDraw, box: tuple[float, ...], px: float, rng: Any, out: bool
) -> None:
    """A pen tick (✓) in a box (x0, y0, x1, y1 px); with `out`, most of it above-right of it."""
    x0, y0, x1, y1 = box
    w = x1 - x0
    scale = rng.uniform(0.7, 1.0) * (1.5 if out else 1.0)
    ox = x0 + w * rng.uniform(0.1, 0.25) + (w * 0.35 if out else 0)
    oy = y0 + w * rng.uniform(0.15, 0.3) - (w * 0.45 if out else 0)
    a = (ox, oy + w * 0.35 * scale)
    b = (ox + w * 0.25 * scale, oy + w * 0.65 * scale)
    c = (ox + w * 0.75 * scale, oy - w * 0.05 * scale)
    pen = max(2, round(px * rng.uniform(0.35, 0.55)))
    ink = int(rng.integers(20, 70))
    draw.line([a, b, c], fill=ink, width=pen, joint="curve")


def _fill_in(draw: ImageDraw.ImageDraw, box: tuple[float, ...], px: float, rng: Any) -> None:
    """A tick crossed out: the box scribbled over until it is (nearly) black."""
    x0, y0, x1, y1 = box
    pen = max(2, round(px * 0.6))
    ink = int(rng.integers(20, 60))
    y = y0 + pen / 2
    while y < y1:
        draw.line([(x0 + rng.uniform(0, 2), y), (x1 - rng.uniform(0, 2), y + pen * 0.8)], ink, pen)
        y += pen * 0.7


def render_filled(spec: FormSpec) -> FilledForm:
    rng = np.random.default_rng(spec.seed)
    sheet = blank_sheet(spec.seed, spec.paper, spec.station)
    layout = sheet.form_id.layout
    img = render_blank(sheet, spec.dpi)
    px_mm = spec.dpi / 25.4
    hand = PageSpec(name=spec.name, kind="form", seed=spec.seed, font="kai", jitter=True)

    def px_box(zone: str, i: int = 0) -> tuple[float, float, float, float]:
        b = layout.zone(zone).boxes[i]
        return (b.x * px_mm, b.y * px_mm, (b.x + b.w) * px_mm, (b.y + b.h) * px_mm)

    def write(zone: str, text: str, size_mm: float) -> None:
        x0, y0, _x1, y1 = px_box(zone)
        size = round(size_mm * layout.scale * px_mm)
        _draw_line(img, (x0 + 2 * px_mm, (y0 + y1 - size) / 2), text, size, hand, rng)

    name = NAMES[rng.integers(len(NAMES))]
    phone = "1" + str(rng.integers(3, 10)) + "".join(str(d) for d in rng.integers(0, 10, 9))
    address = "上海市" + STREETS[rng.integers(len(STREETS))]
    write("name", name, 6.5)
    write("address", address, 5.8)
    for zone, digits in (("phone", phone), ("date", None)):
        if digits is None:
            month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
            digits = f"2026{month:02d}{day:02d}"
            date = digits
        for i, d in enumerate(digits):
            x0, y0, x1, y1 = px_box(zone, i)
            size = round((y1 - y0) * rng.uniform(0.62, 0.75))
            cx = (x0 + x1) / 2 - size * 0.28 + rng.normal(0, px_mm * 0.4)
            cy = (y0 + y1) / 2 - size / 2 + rng.normal(0, px_mm * 0.4)
            _draw_line(img, (cx, cy), d, size, hand, rng)

    draw = ImageDraw.Draw(img)
    if spec.smudge:  # a wet thumb or a drop of ink across the middle of what was written
        x0, y0, x1, y1 = (
            px_box(spec.smudge)
            if spec.smudge not in ("phone", "date")
            else (*px_box(spec.smudge, 3)[:2], *px_box(spec.smudge, 5)[2:])
        )
        w = x1 - x0
        blot = (x0 + w * 0.05, y0 + (y1 - y0) * 0.1, x0 + w * 0.45, y1 - (y1 - y0) * 0.1)
        draw.ellipse(blot, fill=int(rng.integers(25, 60)))
    ticks: dict[str, str] = {}
    tick_zones = [z.name for z in layout.zones if z.kind == "tick"]
    chosen_cat = layout.categories[rng.integers(len(layout.categories))]
    method = ["phone", "visit", "letter"][rng.integers(3)]
    wants = bool(rng.integers(0, 4))  # three in four want a reply
    for zone in tick_zones:
        on = (
            zone == f"category:{chosen_cat}"
            or zone == "consent"
            or (zone == "feedback" and wants)
            or (zone == f"feedback:{method}" and wants)
        )
        ticks[zone] = "ticked" if on else "blank"
    if spec.cancel:  # one wrong tick, crossed out by filling the box
        blanks = [z for z, s in ticks.items() if s == "blank" and z.startswith("category:")]
        ticks[blanks[rng.integers(len(blanks))]] = "cancelled"
    ticked = [z for z, s in ticks.items() if s == "ticked"]
    outside = set()
    if spec.outside and ticked:
        outside.add(ticked[rng.integers(len(ticked))])
    for zone, state in ticks.items():
        pen = px_mm * layout.scale
        if state == "ticked":
            _tick(draw, px_box(zone), pen, rng, zone in outside)
        elif state == "cancelled":
            _tick(draw, px_box(zone), pen, rng, False)
            _fill_in(draw, px_box(zone), pen, rng)

    area = layout.zone("suggestion").boxes[0]
    pitch_mm = area.h / 11
    per_line = int((area.w - 8 * layout.scale) / (5.2 * layout.scale * 1.15))
    paragraph = "".join(SENTENCES[i] for i in rng.permutation(len(SENTENCES))[:3])
    lines = [paragraph[i : i + per_line] for i in range(0, len(paragraph), per_line)][:7]
    size = round(5.2 * layout.scale * px_mm)
    for k, line in enumerate(lines):
        y = (area.y + k * pitch_mm + pitch_mm * 0.22) * px_mm
        _draw_line(img, ((area.x + 3) * px_mm, y), line, size, hand, rng)

    if spec.photocopy:
        img = _photocopy(img, rng)
    if spec.skew:
        img = img.rotate(spec.skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    scan_spec = _scan_spec(spec)
    scan, data = finish_scan(img, scan_spec)
    truth = FormTruth(
        serial=sheet.form_id.serial,
        name=name,
        phone=phone,
        address=address,
        ticks=ticks,
        suggestion="".join(lines),
        date=date,
        categories=layout.categories,
    )
    return FilledForm(spec, scan, data, truth)


def _photocopy(img: Image.Image, rng: Any) -> Image.Image:
    """A photocopy of the page: darker and harder, a little soft, with toner specks."""
    arr = np.asarray(img, dtype=np.float32) / 255.0
    arr = 255.0 * np.clip((arr - 0.08) / 0.84, 0, 1) ** 1.6
    specks = rng.random(arr.shape) < 0.0006
    arr[specks] = rng.uniform(0, 90, int(specks.sum()))
    out = Image.fromarray(arr.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))
    return out


def _scan_spec(spec: FormSpec) -> PageSpec:
    base = PageSpec(name=spec.name, kind="form", seed=spec.seed, paper=spec.paper, dpi=spec.dpi)
    if not spec.hard:
        return replace(base, turn=spec.turn)
    rng = np.random.default_rng(spec.seed + 7)
    return replace(
        base,
        lighting=float(rng.uniform(0.15, 0.35)),
        vignette=float(rng.uniform(0.1, 0.25)),
        blur=float(rng.uniform(0.5, 1.0)),
        noise=float(rng.uniform(8, 16)),
        jpeg=int(rng.integers(45, 75)),
        turn=spec.turn,
    )


def form_set(count: int, first_seed: int = 1000) -> list[FormSpec]:
    """`count` forms: A4 and A5, 200/250/300 dpi, every quarter turn, skew within 5 degrees,
    every other one photocopied; all with the scan effects, crossed-out and outside ticks."""
    out = []
    for i in range(count):
        rng = np.random.default_rng(first_seed + i)
        out.append(
            FormSpec(
                name=f"form-{i + 1}",
                seed=first_seed + i,
                paper=["A4", "A5"][i % 2],
                dpi=[300, 250, 200][i % 3],
                turn=[0, 90, 180, 270][i // 2 % 4],
                skew=round(float(rng.uniform(-5, 5)), 2),
                photocopy=i % 2 == 1,
            )
        )
    return out


# -- reading forms in a spawned process (cv2 and the engines stay out of the test process) --


def read_forms(
    engine_name: str,
    specs: list[FormSpec],
    as_letter: bool = False,
    decoders: tuple[str, ...] = (),
) -> dict[str, dict]:
    """Read each form as the import does (`pipeline.process_page`'s form path) and score it
    against its truth; with `as_letter`, also time the same page read as a free letter; for
    each of `decoders` ("zxing", "opencv"), whether it found the code. Run it in a spawned
    process.

    Per form: found, serial_ok, ticks_ok, ticks, tick_errors, phone_ok, name_ok, address_ok,
    date_ok, suggestion_cer, seconds, and letter_seconds / found_<decoder> when asked."""
    import os
    import time

    os.environ["OMP_THREAD_LIMIT"] = "1"  # as in the OCR workers
    from station_app.ocr.engines import get_engine
    from station_app.ocr.form_align import find_form
    from station_app.ocr.form_page import read_form
    from station_app.ocr.metrics import char_error_rate
    from station_app.ocr.pipeline import read_page
    from station_app.ocr.prepare import to_gray

    engine = get_engine(engine_name, threads=1)
    out: dict[str, dict] = {}
    for spec in specs:
        form = render_filled(spec)
        truth = form.truth
        started = time.perf_counter()
        gray = np.asarray(to_gray(form.image))
        found = find_form(gray)
        row: dict[str, Any] = {"found": found is not None, "paper": spec.paper, "dpi": spec.dpi}
        if found is not None:
            reading, _ = read_form(engine, gray, found)
            row["seconds"] = time.perf_counter() - started
            f = {k: v.value for k, v in reading.fields.items()}
            errors = {z: (reading.ticks.get(z), s) for z, s in truth.ticks.items()}
            errors = {z: v for z, v in errors.items() if v[0] != v[1]}
            date = truth.date
            row.update(
                serial_ok=reading.serial == truth.serial,
                ticks=len(truth.ticks),
                ticks_ok=len(truth.ticks) - len(errors),
                tick_errors=errors,
                phone_ok=f["phone"] == truth.phone,
                name_ok=f["name"] == truth.name,
                address_ok=f["address"] == truth.address,
                date_ok=f["date"] == f"{date[:4]}-{date[4:6]}-{date[6:]}",
                suggestion_cer=char_error_rate(f["suggestion"], truth.suggestion),
                doubtful=reading.doubtful,
                marks=reading.marks_found,
            )
        if as_letter:
            started = time.perf_counter()
            read_page(engine, form.image)
            row["letter_seconds"] = time.perf_counter() - started
        for decoder in decoders:
            started = time.perf_counter()
            row[f"found_{decoder}"] = find_form(gray, decoder) is not None
            row[f"seconds_{decoder}"] = time.perf_counter() - started
        out[spec.name] = row
    return out
