"""The orientation evidence and box geometry of `layout.py`, on boxes drawn by hand.

The models themselves are exercised on real pages in test_recognition.py (in worker
processes); here the rules that turn their output into a decision.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from station_app.ocr.layout import axis_evidence, line_skew, order_clockwise, turn_boxes
from station_app.ocr.prepare import rotate_upright


def _box(x: float, y: float, w: float, h: float, angle: float = 0.0) -> np.ndarray:
    """A w x h rectangle centred at (x, y), turned `angle` degrees counter-clockwise."""
    rad = np.deg2rad(-angle)  # image y points down
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    rot = np.array([[np.cos(rad), -np.sin(rad)], [np.sin(rad), np.cos(rad)]])
    return order_clockwise((corners @ rot.T + [x, y]).astype(np.float32))


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
def test_boxes_follow_the_page_when_it_is_turned(rotation: int) -> None:
    page = np.full((300, 200), 255, np.uint8)
    page[40:60, 20:170] = 0  # one dark line of "text"
    box = order_clockwise(np.array([[20, 40], [170, 40], [170, 60], [20, 60]], np.float32))
    turned_page = np.asarray(rotate_upright(Image.fromarray(page), rotation))
    (moved,) = turn_boxes([box], rotation, width=200, height=300)
    x0, y0 = moved.min(axis=0).astype(int)
    x1, y1 = moved.max(axis=0).astype(int)
    assert turned_page[y0:y1, x0:x1].max() == 0  # the box still covers exactly the ink
    assert (turned_page == 0).sum() == (x1 - x0) * (y1 - y0)
    assert np.array_equal(moved[0], moved.min(axis=0))  # still starts at the top left
