"""Page preparation before OCR: grayscale, contrast, quarter turns, deskew (numpy + PIL).

Which way up a page is and how its lines run is decided elsewhere (`layout.py`, from the
engine's own text detector); this module does the pixel work and, for a tesseract-only
install, measures skew from the ink's projection profile (`find_skew`). Each step is
measured against its absence on the bench corpus (`bench/bench_ocr.py`), per engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

_WORK_SIDE = 1000  # long side of the downscaled page used for the projection profile
_MAX_SKEW = 15.0
MIN_SKEW = 1.0  # smaller skews are left alone: resampling costs more than it helps


@dataclass
class Prepared:
    """A page ready for OCR and what was done to it.

    `rotation` is 0, 90, 180 or 270: degrees counter-clockwise the page was turned to be
    upright; `deskew_angle` is the further small counter-clockwise turn (degrees) applied
    to the pixels (0 when the engine reads each line along its own angle).
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


def even_contrast(gray: Image.Image) -> Image.Image:
    """The page divided by its own paper brightness: lighting gradients, vignette and fold
    shadows become white paper again, and ink keeps its contrast against it.

    The paper's brightness is the page cut down eight times, its ink removed by a maximum
    filter (seven cells: wider than a stroke), smoothed and scaled back up. tesseract
    binarises the whole page with one threshold and lost whole regions under a gradient
    (on the bench: CER 27% raw, 4% after this)."""
    if min(gray.size) < 64:
        return gray
    paper = (
        gray.reduce(8)
        .filter(ImageFilter.MaxFilter(7))
        .filter(ImageFilter.GaussianBlur(3))
        .resize(gray.size, Image.Resampling.BILINEAR)
    )
    ratio = np.asarray(gray, np.float32) / np.maximum(np.asarray(paper, np.float32), 1.0)
    return Image.fromarray(np.clip(ratio * 255.0, 0, 255).astype(np.uint8))


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


def _ink_points(gray: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (x, y) of dark pixels on a downscaled copy, centred."""
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
    return xs.astype(np.float32) - small.width / 2, ys.astype(np.float32) - small.height / 2


def _profile_score(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    rad = np.deg2rad(angle)
    proj = -xs * np.sin(rad) + ys * np.cos(rad)
    hist = np.bincount((proj - proj.min()).astype(np.int64))
    return float(np.dot(hist, hist))


def find_skew(gray: Image.Image) -> float:
    """The small counter-clockwise turn (within ±15 degrees) that makes an upright page's
    lines horizontal: the angle whose ink projection profile is sharpest."""
    xs, ys = _ink_points(gray)
    if len(xs) < 50:
        return 0.0
    coarse = np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.5)
    top = float(coarse[int(np.argmax([_profile_score(xs, ys, a) for a in coarse]))])
    fine = np.arange(top - 0.5, top + 0.51, 0.1)
    return round(float(fine[int(np.argmax([_profile_score(xs, ys, a) for a in fine]))]), 1)


def deskewed(gray: Image.Image, skew: float) -> Image.Image:
    """The page turned `skew` degrees counter-clockwise, white where the corners were."""
    if not skew:
        return gray
    return gray.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


def rotate_upright(image: Image.Image, rotation: int) -> Image.Image:
    """Apply a quarter-turn rotation (as reported in `Prepared.rotation`) to another image."""
    ops = {
        90: Image.Transpose.ROTATE_90,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_270,
    }
    return image.transpose(ops[rotation]) if rotation in ops else image
