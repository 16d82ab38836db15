"""Blank forms drawn with Pillow, page by page, and written as one PDF.

Why Pillow pages and not a vector PDF library: the form is drawn once, by this module, for
every use: the PDF the CLI and the window write, the page the print dialog prints (the UI
paints the same image on its QPrinter), and the blank pages the tests fill in and read. What
the reader expects is then exactly what was printed. Pillow draws the Noto CJK fonts (OTF/CFF
outlines, which reportlab cannot embed), is already a dependency, and works on Windows. At
300 dpi in black and white the printed text is as sharp as a laser printer makes it, and a
page is about 100 KB in the PDF.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from station_app.forms.layout import (
    DATE_Y,
    FEEDBACK_Y,
    LABEL_X,
    OTHER,
    PHONE_Y,
    SUGGESTION_RULES,
    Box,
    FormId,
    FormLayout,
    date_boxes,
)

FONT_QUERIES = ("Noto Sans CJK SC:style=Regular", "Source Han Sans SC", "WenQuanYi Zen Hei")
WINDOWS_FONTS = ("msyh.ttc", "simhei.ttf", "simsun.ttc")
FEEDBACK_LABELS = {"phone": "电话", "visit": "上门", "letter": "信函"}


class FontMissing(RuntimeError):
    """No Chinese font to print with (install fonts-noto-cjk)."""


@cache
def chinese_font_file() -> tuple[str, int]:
    """A Chinese sans font: Noto Sans CJK by fontconfig, or Microsoft YaHei/SimHei on Windows."""
    windir = os.environ.get("WINDIR")
    if windir:
        for name in WINDOWS_FONTS:
            candidate = Path(windir) / "Fonts" / name
            if candidate.is_file():
                return str(candidate), 0
    if shutil.which("fc-match"):
        for query in FONT_QUERIES:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}|%{index}", f"{query}:lang=zh-cn"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            found, _, index = out.partition("|")
            if found and any(k in found for k in ("CJK", "Han", "wqy", "Noto")):
                return found, int(index or 0)
    raise FontMissing("no Chinese font found: install fonts-noto-cjk")


@cache
def _font(px: int) -> ImageFont.FreeTypeFont:
    path, index = chinese_font_file()
    return ImageFont.truetype(path, px, index=index)


@dataclass(frozen=True)
class FormSheet:
    """What one printed sheet shows besides the layout: whose form it is."""

    form_id: FormId
    station_name: str
    category_names: dict[str, str]  # code -> Chinese name
    consent_text: str
    consent_version: str


class _Canvas:
    def __init__(self, layout: FormLayout, dpi: int) -> None:
        self.layout = layout
        self.px_per_mm = dpi / 25.4
        self.image = Image.new("L", (self.px(layout.width), self.px(layout.height)), 255)
        self.draw = ImageDraw.Draw(self.image)

    def px(self, mm: float) -> int:
        return round(mm * self.px_per_mm)

    def at(self, x: float, y: float) -> tuple[int, int]:
        """A point of the A4 design, on this paper."""
        k = self.layout.scale
        return (self.px(x * k), self.px(y * k))

    def box(self, b: Box, width_mm: float = 0.35, fill: int | None = None) -> None:
        """A box already on this paper (layout zones are scaled)."""
        x0, y0 = self.px(b.x), self.px(b.y)
        x1, y1 = self.px(b.x + b.w), self.px(b.y + b.h)
        width = max(1, self.px(width_mm * self.layout.scale))
        self.draw.rectangle([x0, y0, x1, y1], outline=0, width=width, fill=fill)

    def text(self, x: float, y: float, text: str, size: float, fill: int = 0) -> float:
        """Text with its top-left at (x, y) of the A4 design, `size` mm high; its width in mm."""
        font = _font(max(6, self.px(size * self.layout.scale)))
        self.draw.text(self.at(x, y), text, fill=fill, font=font)
        return font.getlength(text) / self.px_per_mm / self.layout.scale

    def text_mid(self, x: float, y_mid: float, text: str, size: float) -> float:
        """Text vertically centred on `y_mid` (A4 design mm)."""
        return self.text(x, y_mid - size * 0.55, text, size)


def render_blank(sheet: FormSheet, dpi: int = 300) -> Image.Image:
    """One blank form as a gray page image at `dpi`."""
    import segno

    layout = sheet.form_id.layout
    c = _Canvas(layout, dpi)
    for mark in layout.marks:
        c.box(mark, fill=0)
    title = "人民建议征集表"
    c.text(105 - _width(c, title, 8) / 2, 14, title, 8)
    c.text(LABEL_X + 8, 28, sheet.station_name, 4.5)
    c.text(LABEL_X + 8, 35, "您的建议，我们用心倾听；请如实填写，字迹工整。", 3.4)
    qr = segno.make(sheet.form_id.payload(), error="m", micro=False)
    buf = io.BytesIO()
    modules = qr.symbol_size(border=0)[0]
    scale = max(1, c.px(layout.qr.w) // modules)
    qr.save(buf, kind="png", scale=scale, border=0)
    buf.seek(0)
    qr_img = Image.open(buf).convert("L").resize((c.px(layout.qr.w), c.px(layout.qr.h)), 0)
    c.image.paste(qr_img, (c.px(layout.qr.x), c.px(layout.qr.y)))
    c.text(170, 45.5, f"编号 {sheet.form_id.serial}", 3.2)

    name, phone, address = layout.zone("name"), layout.zone("phone"), layout.zone("address")
    c.text_mid(LABEL_X, 58, "姓　　名", 4.2)
    c.box(name.boxes[0])
    c.text_mid(LABEL_X, PHONE_Y + 5.5, "手机号码", 4.2)
    for b in phone.boxes:
        c.box(b)
    c.text_mid(LABEL_X, 94, "联系地址", 4.2)
    c.box(address.boxes[0])

    c.text_mid(LABEL_X, 110.5, "建议类别", 4.2)
    for code in layout.categories:
        b = layout.zone(f"category:{code}").boxes[0]
        c.box(b)
        label = "其他" if code == OTHER else sheet.category_names.get(code, code)
        c.text_mid(b.x / layout.scale + 7, b.center[1] / layout.scale, label[:7], 3.8)

    c.text_mid(LABEL_X, FEEDBACK_Y + 2.5, "是否回复", 4.2)
    b = layout.zone("feedback").boxes[0]
    c.box(b)
    c.text_mid(b.x / layout.scale + 7, FEEDBACK_Y + 2.5, "需要回复　　回复方式：", 3.8)
    for key, label in FEEDBACK_LABELS.items():
        b = layout.zone(f"feedback:{key}").boxes[0]
        c.box(b)
        c.text_mid(b.x / layout.scale + 7, FEEDBACK_Y + 2.5, label, 3.8)

    b = layout.zone("consent").boxes[0]
    c.box(b)
    c.text_mid(LABEL_X + 7, b.center[1] / layout.scale, _consent_heading(sheet), 3.8)
    y = 145.0
    for line in _wrap(_consent_body(sheet.consent_text), 60)[:3]:
        c.text(LABEL_X + 7, y, line, 2.8, fill=40)
        y += 4.3

    c.text(LABEL_X, 158.5, "建议内容（请写在横线上）", 4.2)
    area = layout.zone("suggestion").boxes[0]
    c.box(area)
    # dotted rules: they survive black-and-white printing and photocopying as a light line,
    # and are too thin and broken to be read as strokes of writing
    pitch = area.h / SUGGESTION_RULES
    dot, step = max(1, c.px(0.3 * layout.scale)), c.px(1.2 * layout.scale)
    for k in range(1, SUGGESTION_RULES):
        yy = c.px(area.y + k * pitch)
        for xx in range(c.px(area.x + 3), c.px(area.x + area.w - 3), step):
            c.draw.rectangle([xx, yy, xx + dot - 1, yy + dot - 1], fill=0)

    c.text_mid(LABEL_X, DATE_Y + 5.5, "填表日期", 4.2)
    boxes = date_boxes()
    for b in layout.zone("date").boxes:
        c.box(b)
    for index, word in ((3, "年"), (5, "月"), (7, "日")):
        right = boxes[index].x + boxes[index].w
        c.text_mid(right + 2.2, DATE_Y + 5.5, word, 4.2)
    c.text(
        LABEL_X + 8,
        283,
        "填写说明：请用黑色或蓝色笔；每格写一个数字；在□内打✓选择，选错时把方框涂满即为取消。",
        2.8,
        fill=40,
    )
    return c.image


def _width(c: _Canvas, text: str, size: float) -> float:
    font = _font(max(6, c.px(size * c.layout.scale)))
    return font.getlength(text) / c.px_per_mm / c.layout.scale


def _consent_heading(sheet: FormSheet) -> str:
    number = sheet.consent_version.lstrip("v")
    return f"本人已阅读并同意《个人信息告知书》（第{number}版）：姓名、电话、地址仅用于联系和反馈。"


def _consent_body(text: str) -> str:
    """The notice without its heading line, as one paragraph."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return "".join(lines[1:] if len(lines) > 1 else lines)


def _wrap(text: str, per_line: int) -> list[str]:
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def write_pdf(path: Path, pages: list[Image.Image], dpi: int = 300) -> Path:
    """Write `pages` as one PDF (black and white, `dpi`), whole or not at all."""
    from station_app.atomic import replacing

    if not pages:
        raise ValueError("no pages")
    bw = [p.convert("1", dither=Image.Dither.NONE) for p in pages]
    with replacing(Path(path)) as tmp:
        bw[0].save(tmp, format="PDF", resolution=dpi, save_all=True, append_images=bw[1:])
    return Path(path)
