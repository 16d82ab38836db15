"""Preparation without OCR: skew from the projection profile, quarter turns, even lighting,
and the corpus generator's promises (sizes, fonts, the turned page's upright twin)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from station_app.ocr.prepare import (
    deskewed,
    even_contrast,
    find_skew,
    rotate_upright,
    to_gray,
)
from tests.ocr import corpus, letters


@pytest.mark.parametrize("skew", [0.0, 2.5, -3.0, 6.0])
def test_skew_is_found(letter: Image.Image, skew: float) -> None:
    assert find_skew(letters.turned(letter, skew)) == pytest.approx(-skew, abs=0.3)


def test_deskewing_makes_the_lines_level(letter: Image.Image) -> None:
    page = letters.degraded(letters.turned(letter, 3))
    assert find_skew(deskewed(page, find_skew(page))) == pytest.approx(0, abs=0.3)


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_rotation_undoes_a_turn(letter: Image.Image, turn: int) -> None:
    page = letter.transpose({90: 2, 180: 3, 270: 4}[turn])  # PIL's ROTATE_90/180/270
    back = rotate_upright(page, (360 - turn) % 360)
    assert np.array_equal(np.asarray(back), np.asarray(letter))


def test_lighting_gradient_and_fold_shadow_become_white_paper() -> None:
    ys, xs = np.mgrid[0:1200, 0:900]
    paper = 240 - 110 * xs / 900  # light falls off to one side
    paper -= 60 * np.exp(-(((ys - 600) / 20.0) ** 2))  # a fold's shadow across the page
    page = paper.copy()
    for row in range(100, 1100, 80):  # lines of "ink" at a quarter of the paper's brightness
        page[row : row + 30, 100:800] = paper[row : row + 30, 100:800] * 0.25
    out = np.asarray(even_contrast(Image.fromarray(page.astype(np.uint8))))
    ink = page < paper * 0.5
    assert np.percentile(out[~ink], 5) >= 235  # the dim side and the fold are paper again
    assert out[ink].max() <= 90  # ink stays dark everywhere
    assert np.asarray(Image.fromarray(page.astype(np.uint8)))[~ink].min() < 80  # it was dim


def test_blank_page_is_left_alone() -> None:
    blank = Image.new("L", (300, 400), 240)
    assert find_skew(blank) == 0.0
    assert np.asarray(even_contrast(blank)).min() == 255


def test_colour_scan_becomes_gray() -> None:
    rgba = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    assert to_gray(rgba).mode == "L" and np.asarray(to_gray(rgba)).min() == 255


def test_corpus_pages_are_real_paper_sizes_and_twins_match() -> None:
    spec = next(s for s in corpus.standard_corpus() if s.name == "hard-2")
    assert spec.turn == 90 and spec.paper == "A5" and spec.dpi == 200
    page = corpus.render_page(spec)
    twin = corpus.render_page(spec.upright())
    assert twin.image.size == (1165, 1654)  # A5 at 200 dpi, upright
    assert page.image.size == twin.image.size[::-1]
    assert page.text == twin.text and "联系人" in page.text and "电话" in page.text
    gray = np.asarray(to_gray(page.image), dtype=np.int16)
    assert gray.std() > 14  # noise, lighting and folds are there
    assert page.data[:3] == b"\xff\xd8\xff"  # a JPEG, as the spec's quality asks


def test_corpus_covers_every_kind_and_turn() -> None:
    specs = corpus.standard_corpus()
    kinds = {s.kind for s in specs}
    assert kinds == {"clean printed", "hard printed", "hard handwriting", "hard form"}
    assert {s.turn for s in specs} == {0, 90, 180, 270}
    assert {s.font for s in specs} == {"sans", "serif", "kai"}
    assert {s.layout for s in specs} == {"plain", "ruled", "form"}
    hard = [s for s in specs if s.kind != "clean printed"]
    assert all(14 <= s.noise <= 21 and 25 <= s.jpeg <= 55 and abs(s.skew) <= 3 for s in hard)
    assert all(s.blur <= 1.4 and s.folds and s.lighting and s.vignette for s in hard)
    assert {s.paper for s in specs} == {"A4", "A5"} and {s.dpi for s in specs} == {200, 250, 300}
