"""Blank forms drawn for printing: numbered and recorded (`form_serials.print_forms`), then
drawn page by page (`forms.render`). The CLI writes them as a PDF; the window prints the same
page images through its print dialog or saves the same PDF."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from station_app.errors import StationError
from station_app.forms.render import FontMissing, FormSheet, render_blank, write_pdf
from station_app.postbox.form_serials import print_forms
from station_app.store import Station
from station_app.store.models import Operator

PRINT_DPI = 300


def form_pages(
    station: Station, actor: Operator, paper: str, count: int, dpi: int = PRINT_DPI
) -> tuple[list[FormSheet], list[Image.Image]]:
    """Number, record and draw `count` blank forms (gray page images at `dpi`)."""
    try:
        from station_app.forms.render import chinese_font_file

        chinese_font_file()
    except FontMissing as exc:
        raise StationError("forms.error.no_font") from exc
    sheets = print_forms(station, actor, paper, count)
    return sheets, [render_blank(sheet, dpi) for sheet in sheets]


def write_forms_pdf(
    station: Station, actor: Operator, path: Path, paper: str = "A4", count: int = 1
) -> list[FormSheet]:
    """`count` blank forms on `paper` as one PDF at `path` (written whole or not at all)."""
    sheets, pages = form_pages(station, actor, paper, count)
    write_pdf(path, pages, PRINT_DPI)
    return sheets
