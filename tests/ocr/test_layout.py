"""The orientation evidence and box geometry of `layout.py`, on boxes drawn by hand.

The models themselves are exercised on real pages in test_recognition.py (in worker
processes); here the rules that turn their output into a decision.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from station_app.ocr.layout import axis_evidence, line_skew
from station_app.ocr.prepare import rotate_upright


def _box(x: float, y: float, w: float, h: float, angle: float = 0.0) -> np.ndarray:
    """A w x h rectangle centred at (x, y), turned `angle` degrees counter-clockwise."""
    rad = np.deg2rad(-angle)  # image y points down
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    rot = np.array([[np.cos(rad), -np.sin(rad)], [np.sin(rad), np.cos(rad)]])
    return (corners @ rot.T + [x, y]).astype(np.float32)  # clockwise from the top left


def test_wide_lines_vote_horizontal_and_single_characters_do_not_vote() -> None:
    lines = [_box(400, 100 + 60 * i, 600, 40) for i in range(5)]
    characters = [_box(100 + 50 * i, 700, 40, 40) for i in range(8)]
    wide, tall = axis_evidence(lines + characters)
    assert wide == pytest.approx(5 * 600, rel=0.01) and tall == 0


def test_tall_lines_vote_vertical() -> None:
    wide, tall = axis_evidence([_box(100 + 60 * i, 400, 40, 600) for i in range(4)])
    assert tall == pytest.approx(4 * 600, rel=0.01) and wide == 0


@pytest.mark.parametrize("skew", [-3.0, -0.5, 0.0, 1.2, 2.8])
def test_skew_is_the_median_angle_of_the_lines(skew: float) -> None:
    lines = [_box(500, 100 + 60 * i, 700, 40, skew) for i in range(6)]
    lines.append(_box(500, 600, 300, 40, 25))  # a stamp across: outvoted by the lines
    assert line_skew(lines) == pytest.approx(-skew, abs=0.05)  # the turn that levels them


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_the_finder_looks_at_the_page_the_engine_reads(rotation: int) -> None:
    """Lines found on the finder's upright copy (numpy) are cut from the pipeline's upright
    page (PIL): both must turn the same way, pixel for pixel."""
    page = np.random.default_rng(1).integers(0, 256, (30, 20), dtype=np.uint8)
    finders = np.rot90(page, rotation // 90)
    pipelines = np.asarray(rotate_upright(Image.fromarray(page), rotation))
    assert np.array_equal(finders, pipelines)
