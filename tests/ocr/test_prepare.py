"""Preparation without OCR: text axis and skew from the projection profile, contrast."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from station_app.ocr.prepare import crop_to_ink, find_text_angle, normalise_contrast, prepare_page
from tests.ocr import letters


@pytest.mark.parametrize("quarter", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 4.0, -3.5])
def test_axis_and_skew_found(letter: Image.Image, quarter: int, skew: float) -> None:
    angle, ratio = find_text_angle(letters.turned(letter, quarter + skew))
    expected = -skew if quarter in (0, 180) else 90 - skew
    assert angle == pytest.approx(expected, abs=0.4)
    assert ratio > 1.5


def test_axis_found_on_a_poor_scan(letter: Image.Image) -> None:
    angle, _ = find_text_angle(letters.degraded(letters.turned(letter, 93)))
    assert angle == pytest.approx(87, abs=0.5)


def test_prepare_turns_sideways_page_and_deskews(letter: Image.Image) -> None:
    prepared = prepare_page(letters.turned(letter, 274))
    assert prepared.rotation == 90
    assert prepared.deskew_angle == pytest.approx(-4, abs=0.4)
    assert prepared.image.mode == "L"
    angle, _ = find_text_angle(prepared.image)  # its lines now run across
    assert angle == pytest.approx(0, abs=0.4)


def test_page_is_cut_to_its_ink_with_a_margin() -> None:
    page = np.full((1400, 1000), 255, np.uint8)
    page[300:420, 150:800] = 0  # the letter's text block
    page[1250, 900] = 40  # a speck low on the right: still kept
    out = np.asarray(crop_to_ink(Image.fromarray(page)))
    margin = 70  # 5% of the long side
    assert out.shape == (1250 - 300 + 1 + 2 * margin, 900 - 150 + 1 + 2 * margin)
    assert (out < 128).sum() == (page < 128).sum()  # no ink lost
    assert out[:margin].min() == 255 and out[:, :margin].min() == 255


def test_contrast_is_stretched() -> None:
    arr = np.full((50, 50), 150, np.uint8)
    arr[20:30, 10:40] = 110
    out = np.asarray(normalise_contrast(Image.fromarray(arr)))
    assert out.min() == 0 and out.max() == 255


def test_blank_page_is_left_alone() -> None:
    blank = Image.new("L", (300, 400), 240)
    prepared = prepare_page(blank)
    assert prepared.rotation == 0 and prepared.deskew_angle == 0
