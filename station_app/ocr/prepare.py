"""Page preparation before OCR: grayscale, contrast, upright rotation and deskew.

Both engines fail on a page turned 90 or 180 degrees, and tesseract's OSD is unreliable on
scanned letters, so orientation is found in two steps (pure numpy + PIL, no cv2):

1. Text-line axis and skew together: the ink pixels of a downscaled binarised page are
   projected onto the vertical axis for candidate angles in [-15, 15] and [75, 105] degrees;
   the angle whose profile is sharpest (highest sum of squared bin counts) makes the text lines
   horizontal. That decides 0/180 against 90/270 and the skew at once.
2. Upright against upside down is decided by the engine's own confidence: the page is read
   as it is and, only if that reading is poor, again turned 180 degrees; the better reading
   wins (`station_app.ocr.pipeline.read_page`). An upright page costs no extra OCR pass.

`prepare_page()` returns the prepared image with the rotation and deskew angle it applied;
for an engine that reads faster that way (RapidOCR) it is cut down to the written part of
the page plus a white margin (`crop_to_ink`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

_WORK_SIDE = 1000  # long side of the downscaled page used for the layout analysis
_MAX_SKEW = 15.0


@dataclass
class Prepared:
    """A page ready for OCR and what was done to it.

    `rotation` is 0, 90, 180 or 270: degrees counter-clockwise the page was turned to be
    upright; `deskew_angle` is the further small counter-clockwise turn (degrees).
    `rotation + deskew_angle` is the total turn applied to the original page.
    """

    image: Image.Image
    rotation: int
    deskew_angle: float


def to_gray(image: Image.Image) -> Image.Image:
    """8-bit grayscale (alpha flattened on white)."""
    if image.mode == "L":
        return image
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    return image.convert("L")


def normalise_contrast(gray: Image.Image, low: float = 0.5, high: float = 99.5) -> Image.Image:
    """Stretch gray levels so the `low`/`high` percentiles map to black/white."""
    hist = np.asarray(gray.histogram()[:256], dtype=np.float64)
    cumulative = np.cumsum(hist) / max(1.0, hist.sum())
    lo = int(np.searchsorted(cumulative, low / 100))
    hi = int(np.searchsorted(cumulative, high / 100))
    if hi - lo < 16:  # a blank or flat page: stretching would only amplify noise
        return gray
    lut = [min(255, max(0, round((v - lo) * 255 / (hi - lo)))) for v in range(256)]
    return gray.point(lut)


def otsu_threshold(arr: np.ndarray) -> int:
    """Otsu's threshold of an 8-bit array."""
    hist = np.bincount(arr.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weight_bg = np.cumsum(hist)
    mean_cum = np.cumsum(hist * np.arange(256))
    weight_fg = total - weight_bg
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_cum[-1] * weight_bg / total - mean_cum) ** 2 / (weight_bg * weight_fg)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def _ink_points(gray: Image.Image) -> tuple[np.ndarray, np.ndarray, float]:
    """Coordinates (x, y) of dark pixels on a downscaled copy, centred, and the scale used."""
    scale = min(1.0, _WORK_SIDE / max(gray.size))
    small = gray.resize(
        (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
        Image.Resampling.BOX,
    )
    arr = np.asarray(small, dtype=np.uint8)
    threshold = otsu_threshold(arr)
    ys, xs = np.nonzero(arr < min(threshold, 200))
    if len(xs) > 120_000:  # subsample evenly: enough for a stable profile, fast to bin
        step = len(xs) // 120_000 + 1
        xs, ys = xs[::step], ys[::step]
    return (
        xs.astype(np.float32) - small.width / 2,
        ys.astype(np.float32) - small.height / 2,
        scale,
    )


def _profile_score(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    rad = np.deg2rad(angle)
    proj = -xs * np.sin(rad) + ys * np.cos(rad)
    hist = np.bincount((proj - proj.min()).astype(np.int64))
    return float(np.dot(hist, hist))


def find_text_angle(gray: Image.Image) -> tuple[float, float]:
    """The CCW angle that makes the text lines horizontal, and its profile-sharpness ratio.

    The angle is within ±15 of 0 or 90 degrees. The ratio compares the best score on the
    chosen axis with the best on the other axis (>1; near 1 means the axis is uncertain).
    """
    xs, ys, _ = _ink_points(gray)
    if len(xs) < 50:
        return 0.0, 1.0
    best: dict[int, tuple[float, float]] = {}
    for base in (0, 90):
        coarse = np.arange(base - _MAX_SKEW, base + _MAX_SKEW + 0.01, 0.5)
        scores = [_profile_score(xs, ys, a) for a in coarse]
        top = float(coarse[int(np.argmax(scores))])
        fine = np.arange(top - 0.5, top + 0.51, 0.1)
        fine_scores = [_profile_score(xs, ys, a) for a in fine]
        i = int(np.argmax(fine_scores))
        best[base] = (float(fine[i]), fine_scores[i])
    winner = max(best, key=lambda b: best[b][1])
    other = best[90 - winner][1]
    return round(best[winner][0], 1), best[winner][1] / max(other, 1.0)


def prepare_page(
    image: Image.Image,
    *,
    deskew: bool = True,
    min_skew: float = 1.0,
    crop: bool = False,
) -> Prepared:
    """Grayscale, contrast, turn upright and deskew one page (and with `crop`, cut it down
    to its ink).

    This fixes the text-line axis and skew; whether the result is upside down is left to
    `pipeline.read_page()`, which asks the engine (see the module docstring).
    Skews smaller than `min_skew` degrees are left alone (resampling costs more than it helps).
    """
    gray = normalise_contrast(to_gray(image))
    angle, _ratio = find_text_angle(gray)
    base = 90 if abs(angle - 90) <= _MAX_SKEW + 0.5 else 0
    skew = angle - base if deskew else 0.0
    if abs(skew) < min_skew:
        skew = 0.0
    turned = _rotate(gray, base, skew)
    if crop:
        turned = crop_to_ink(turned)
    return Prepared(turned, base, round(skew, 1))


def crop_to_ink(gray: Image.Image, dark: int = 128) -> Image.Image:
    """The page cut down to its ink plus a white margin (5% of the long side, at least 16 px).

    RapidOCR spends time and memory on every pixel, and a deskewed page grows by its turned
    corners: on letters with the usual margins it read half as many pages again a minute,
    with two thirds of the memory.
    Specks and scanner edges count as ink, so at worst nothing is cut."""
    arr = np.asarray(gray)
    rows = np.flatnonzero((arr < dark).any(axis=1))
    if rows.size == 0:
        return gray
    cols = np.flatnonzero((arr[rows[0] : rows[-1] + 1] < dark).any(axis=0))
    margin = max(16, round(max(gray.size) * 0.05))
    box = (
        max(0, int(cols[0]) - margin),
        max(0, int(rows[0]) - margin),
        min(gray.width, int(cols[-1]) + 1 + margin),
        min(gray.height, int(rows[-1]) + 1 + margin),
    )
    return gray if box == (0, 0, gray.width, gray.height) else gray.crop(box)


def _rotate(gray: Image.Image, base: int, skew: float) -> Image.Image:
    if base == 90:
        gray = gray.transpose(Image.Transpose.ROTATE_90)
    if skew:
        gray = gray.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    return gray


def rotate_upright(image: Image.Image, rotation: int) -> Image.Image:
    """Apply a quarter-turn rotation (as reported in `Prepared.rotation`) to another image."""
    ops = {
        90: Image.Transpose.ROTATE_90,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_270,
    }
    return image.transpose(ops[rotation]) if rotation in ops else image
