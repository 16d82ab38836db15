"""The form's layout and its blank page: boxes where the issue lists them, inside the paper
and apart; A5 the A4 design scaled; the QR code's content read back from the drawn page."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from station_app.forms.layout import (
    OTHER,
    PAPERS,
    PHONE_DIGITS,
    FormId,
    form_layout,
    serial_text,
)
from station_app.forms.render import render_blank
from tests.forms.filled import blank_sheet

CATS = ("HSG", "TRF", "ENV", "ELD", "HLT", "URB", "PRK")


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_every_field_of_the_issue_is_boxed_inside_the_paper(paper: str) -> None:
    layout = form_layout(paper, CATS)
    names = [z.name for z in layout.zones]
    assert {"name", "phone", "address", "consent", "suggestion", "date", "feedback"} <= set(names)
    assert {f"feedback:{m}" for m in ("phone", "visit", "letter")} <= set(names)
    assert [n for n in names if n.startswith("category:")] == [f"category:{c}" for c in CATS] + [
        f"category:{OTHER}"
    ]
    assert len(layout.zone("phone").boxes) == PHONE_DIGITS
    w, h = PAPERS[paper]
    boxes = [b for z in layout.zones for b in z.boxes] + list(layout.marks) + [layout.qr]
    for b in boxes:
        assert b.x > 0 and b.x + b.w < w and b.y > 0 and b.y + b.h < h
    for a, b in combinations(boxes, 2):
        apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
        assert apart, (a, b)


def test_a5_is_the_a4_design_scaled() -> None:
    a4, a5 = form_layout("A4", CATS), form_layout("A5", CATS)
    k = 148 / 210
    for z4, z5 in zip(a4.zones, a5.zones, strict=True):
        for b4, b5 in zip(z4.boxes, z5.boxes, strict=True):
            assert b5.x == pytest.approx(b4.x * k) and b5.h == pytest.approx(b4.h * k)


def test_other_is_printed_once_and_categories_are_capped() -> None:
    layout = form_layout("A4", ("HSG", OTHER, *CATS, "ABC", "DEF"))
    assert layout.categories[-1] == OTHER and layout.categories.count(OTHER) == 1
    assert len(layout.categories) == 8


def test_qr_content_round_trip_and_strangers_refused() -> None:
    form_id = FormId("F1", "A5", "PT-CSL01", serial_text(42), (*CATS, OTHER))
    assert FormId.parse(form_id.payload()) == form_id
    for text in ("", "https://example.org", "RMJY|F9|A4|X|00000001|OTH", "RMJY|F1|A3|X|1|OTH",
                 "RMJY|F1|A4|X|12a|OTH", "RMJY|F1|A4|X"):  # fmt: skip
        assert FormId.parse(text) is None, text
    with pytest.raises(ValueError):
        form_layout("A3", CATS)


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_drawn_page_carries_its_code_and_marks(paper: str) -> None:
    import zxingcpp

    sheet = blank_sheet(7, paper)
    page = render_blank(sheet, 200)
    layout = sheet.form_id.layout
    w, h = PAPERS[paper]
    assert page.size == (round(w / 25.4 * 200), round(h / 25.4 * 200))
    [code] = zxingcpp.read_barcodes(np.asarray(page))
    assert FormId.parse(code.text) == sheet.form_id
    px = 200 / 25.4
    gray = np.asarray(page)
    for mark in layout.marks:  # solid black
        inner = gray[
            round((mark.y + 1) * px) : round((mark.y + mark.h - 1) * px),
            round((mark.x + 1) * px) : round((mark.x + mark.w - 1) * px),
        ]
        assert inner.mean() < 10
    for zone in layout.zones:  # every box is empty inside on a blank form (bar the rules)
        for b in zone.boxes:
            inner = gray[
                round((b.y + 1) * px) : round((b.y + b.h - 1) * px),
                round((b.x + 1) * px) : round((b.x + b.w - 1) * px),
            ]
            limit = 0.03 if zone.name == "suggestion" else 0.01
            assert (inner < 128).mean() < limit, zone.name
