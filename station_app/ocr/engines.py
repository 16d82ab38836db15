"""OCR engines behind one small interface: RapidOCR (default) and tesseract (fallback).

`get_engine(name)` builds one; building RapidOCR loads its ONNX models (and cv2), so do it
only inside an OCR worker process, never in the UI process. Nothing heavy is imported when
this module is imported.
"""

from __future__ import annotations

import importlib.util
import re
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from importlib import metadata
from typing import Any

from PIL import Image

BBox = tuple[int, int, int, int]


@dataclass
class OcrLine:
    """One recognised line: text, confidence 0..1, box (left, top, right, bottom) in pixels."""

    text: str
    confidence: float
    bbox: BBox

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class OcrResult:
    """A page's text (lines joined by newlines) with per-line confidence."""

    text: str
    lines: list[OcrLine] = field(default_factory=list)
    mean_confidence: float = 0.0

    @classmethod
    def from_lines(cls, lines: list[OcrLine]) -> OcrResult:
        """Join lines; the mean confidence is weighted by each line's number of characters."""
        lines = [ln for ln in lines if ln.text.strip()]
        weight = sum(len(ln.text) for ln in lines)
        mean = sum(ln.confidence * len(ln.text) for ln in lines) / weight if weight else 0.0
        return cls("\n".join(ln.text for ln in lines), lines, round(mean, 4))

    @property
    def weight(self) -> float:
        """Confidence times characters: compares two readings of the same page."""
        return sum(ln.confidence * len(ln.text) for ln in self.lines)


class OcrEngine(ABC):
    """Reads text from one upright page image.

    `layout_finder` (`layout.LayoutFinder`, or `layout.OsdLayoutFinder` where RapidOCR is
    not installed) tells the pipeline which way up a page is and where its lines are. An
    engine that `reads_lines` reads those lines directly; the others get the whole page.
    `deskews` and `evens_contrast` say which preparation steps help this engine (measured
    per step on the bench corpus, each against its absence: `bench/bench_ocr.py`).
    """

    name: str = ""
    layout_finder: Any
    reads_lines: bool = False
    deskews: bool = False
    evens_contrast: bool = False

    @property
    @abstractmethod
    def version(self) -> str:
        """Engine and model version, stored with every result."""

    @abstractmethod
    def recognize(self, image: Image.Image) -> OcrResult:
        """Recognise the text of an upright page (grayscale or RGB)."""

    def read_lines(self, gray: Any, boxes: list[Any]) -> OcrResult:
        """Recognise the given line quads of an upright gray page (engines that `reads_lines`)."""
        raise NotImplementedError(f"{self.name} reads whole pages")

    def read_crops(self, crops: list[Any]) -> list[tuple[str, float]]:
        """Text and confidence of each crop (gray arrays), each one line or one character,
        without looking for lines in it (a form's boxes). Engines that can, do it in one
        batch; the others read each crop as a page."""
        out = []
        for crop in crops:
            found = self.recognize(Image.fromarray(crop))
            out.append((found.text.replace("\n", ""), found.mean_confidence))
        return out

    def keep(self, image: Image.Image, result: OcrResult) -> None:
        """A wrapper that keeps the image a page's reading came from (the OCR worker's)
        is told of an image read in parts (a form page, aligned); engines ignore it."""
        del image, result


_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK + full-width
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def join_cjk_words(words: list[str]) -> str:
    """Join tesseract's words: no space next to a Chinese character, one between Latin/digits."""
    return _SPACE_NEAR_CJK.sub("", " ".join(w for w in words if w))


def merge_rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Reading order: pieces on one visual row (tesseract splits rows into blocks) are joined
    left to right, rows top to bottom."""
    pieces = sorted((ln for ln in lines if ln.text), key=lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2)
    rows: list[list[OcrLine]] = []
    for ln in pieces:
        centre = (ln.bbox[1] + ln.bbox[3]) / 2
        if rows:
            last = rows[-1][-1]
            height = max(1, min(last.bbox[3] - last.bbox[1], ln.bbox[3] - ln.bbox[1]))
            if abs(centre - (last.bbox[1] + last.bbox[3]) / 2) < 0.5 * height:
                rows[-1].append(ln)
                continue
        rows.append([ln])
    merged = []
    for row in rows:
        row.sort(key=lambda ln: ln.bbox[0])
        if len(row) == 1:
            merged.append(row[0])
            continue
        weight = sum(len(ln.text) for ln in row)
        conf = sum(ln.confidence * len(ln.text) for ln in row) / weight
        bbox = (
            min(ln.bbox[0] for ln in row),
            min(ln.bbox[1] for ln in row),
            max(ln.bbox[2] for ln in row),
            max(ln.bbox[3] for ln in row),
        )
        text = join_cjk_words([ln.text for ln in row])
        merged.append(OcrLine(text, round(conf, 4), bbox))
    return merged


class TesseractEngine(OcrEngine):
    """tesseract through pytesseract (Debian: tesseract-ocr, tesseract-ocr-chi-sim)."""

    name = "tesseract"
    # one global threshold: a lighting gradient or a fold hid whole regions from it, and
    # on pages skewed 2-3 degrees it read half as many errors from a levelled page
    evens_contrast = True
    deskews = True

    def __init__(self, lang: str = "chi_sim+eng", config: str = "--psm 3") -> None:
        import pytesseract

        self._tess = pytesseract
        self.lang = lang
        self.config = config
        self._version = f"tesseract {pytesseract.get_tesseract_version()} {lang}"
        self.layout_finder = _tesseract_layout_finder(pytesseract)

    @property
    def version(self) -> str:
        return self._version

    def recognize(self, image: Image.Image) -> OcrResult:
        data = self._tess.image_to_data(
            image, lang=self.lang, config=self.config, output_type=self._tess.Output.DICT
        )
        groups: dict[tuple[int, int, int], list[int]] = {}
        for i, word in enumerate(data["text"]):
            if word and word.strip() and float(data["conf"][i]) >= 0:
                key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
                groups.setdefault(key, []).append(i)
        lines = []
        for idx in groups.values():
            text = join_cjk_words([data["text"][i].strip() for i in idx])
            confs = [float(data["conf"][i]) / 100 for i in idx]
            left = min(data["left"][i] for i in idx)
            top = min(data["top"][i] for i in idx)
            right = max(data["left"][i] + data["width"][i] for i in idx)
            bottom = max(data["top"][i] + data["height"][i] for i in idx)
            conf = sum(confs) / len(confs)
            lines.append(OcrLine(text, round(conf, 4), (left, top, right, bottom)))
        return OcrResult.from_lines(merge_rows(lines))


class RapidOcrEngine(OcrEngine):
    """RapidOCR (rapidocr-onnxruntime): PP-OCRv4 ONNX models inside the wheel, offline.

    In the pipeline a page is detected once, small, by `layout.LayoutFinder` (orientation,
    skew, lines) and its lines are then read from the full-resolution page (`read_lines`):
    RapidOCR's own call would detect again on a copy cut down to 2000 px. Each line is shown
    to the recogniser alone, at its working height and `REC_SQUEEZE` of its width (`rec_input`).
    `recognize()` is that plain call (the raw engine, for comparison). The line-direction
    classifier is used only for the orientation check, never per line while reading: on a
    page read as it is it would hide an upside-down page by reading it in reversed line order.
    """

    name = "rapidocr"
    reads_lines = True

    def __init__(self, threads: int = 1) -> None:
        import cv2  # lazy: worker processes only
        from rapidocr_onnxruntime import RapidOCR

        from station_app.ocr.layout import LayoutFinder

        cv2.setNumThreads(threads)
        self._ocr = RapidOCR(
            intra_op_num_threads=threads, inter_op_num_threads=1, rec_batch_num=REC_BATCH
        )
        self.layout_finder = LayoutFinder(self._ocr)
        self._version = "rapidocr-onnxruntime {} (onnxruntime {}, PP-OCRv4)".format(
            metadata.version("rapidocr-onnxruntime"), metadata.version("onnxruntime")
        )

    @property
    def version(self) -> str:
        return self._version

    def recognize(self, image: Image.Image) -> OcrResult:
        import numpy as np

        arr = np.asarray(image.convert("RGB"))[:, :, ::-1].copy()  # RapidOCR expects BGR
        found, _elapsed = self._ocr(arr, use_cls=False)
        lines = []
        for box, text, score in found or []:
            lines.append(_line(text, score, box))
        return OcrResult.from_lines(merge_rows(lines))

    def read_lines(self, gray: Any, boxes: list[Any]) -> OcrResult:
        """Recognise the given line quads (full-resolution, upright frame) of a gray page."""
        import cv2

        from station_app.ocr.layout import widen_line

        if not boxes:
            return OcrResult("")
        height, width = gray.shape[:2]
        crops = self._ocr.get_crop_img_list(gray, [widen_line(b, width, height) for b in boxes])
        crops = [cv2.cvtColor(rec_input(c), cv2.COLOR_GRAY2BGR) for c in crops]
        answers, _elapsed = self._ocr.text_rec(crops)
        lines = []
        for box, (text, score) in zip(boxes, answers, strict=True):
            text = str(text).strip().strip(EDGE_MARKS)
            if text and float(score) >= self._ocr.text_score:  # as RapidOCR filters its own
                lines.append(_line(text, score, box))
        return OcrResult.from_lines(merge_rows(lines))

    def read_crops(self, crops: list[Any]) -> list[tuple[str, float]]:
        import cv2

        if not crops:
            return []
        answers, _elapsed = self._ocr.text_rec([cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops])
        return [(str(text).strip(), float(score)) for text, score in answers]


# lines are recognised one at a time: on one CPU thread the recogniser reads the same lines
# 15-25% faster one by one than in RapidOCR's batches of 6 (each batch is padded to its
# widest line, and a wide batch leaves the cache), with the same text (`bench/bench_ocr.py`)
REC_BATCH = 1
# A line is shown to the recogniser at its working height (48 px) and 0.85 of its width:
# reading the same lines, that costs 15% less and read the bench corpus no worse (clean
# 0.13% vs 0.11%, hard 0.31% vs 0.39%) nor a set of phone numbers, dates and Latin words
# with runs of the same digit or letter (0.84% both); at 0.7 those lost letters and digits
# (1.39%). Scaled down here with area averaging, not by RapidOCR's bilinear resize, which
# skips rows when it halves a full-resolution crop.
REC_HEIGHT = 48
REC_SQUEEZE = 0.85


def rec_input(crop: Any) -> Any:
    """A line crop (gray) scaled to the recogniser's height and `REC_SQUEEZE` of its width."""
    import cv2

    h, w = crop.shape[:2]
    width = max(1, round(w * REC_HEIGHT / max(1, h) * REC_SQUEEZE))
    shrink = h > REC_HEIGHT
    return cv2.resize(
        crop,
        (width, REC_HEIGHT),
        interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR,
    )


# a rule under a line or a form's border beside it, read at a line's ends: not writing
EDGE_MARKS = "|_｜＿"


def _line(text: str, score: float, box: Any) -> OcrLine:
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    bbox = (int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))
    return OcrLine(text.strip(), round(float(score), 4), bbox)


def _tesseract_layout_finder(pytesseract: Any) -> Any:
    """RapidOCR's detector and line classifier where installed, else tesseract's OSD."""
    from station_app.ocr.layout import LayoutFinder, OsdLayoutFinder

    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        return OsdLayoutFinder(pytesseract)
    from rapidocr_onnxruntime import RapidOCR

    return LayoutFinder(RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1))


ENGINES: dict[str, type[OcrEngine]] = {"rapidocr": RapidOcrEngine, "tesseract": TesseractEngine}


def available_engines() -> list[str]:
    """Names of the engines installed here, default first (no heavy import is done)."""
    found = []
    if importlib.util.find_spec("rapidocr_onnxruntime") is not None:
        found.append("rapidocr")
    import shutil

    if importlib.util.find_spec("pytesseract") is not None and shutil.which("tesseract"):
        found.append("tesseract")
    return found


def default_engine_name() -> str:
    """ "rapidocr" where installed, else "tesseract"."""
    engines = available_engines()
    return engines[0] if engines else "tesseract"


def get_engine(name: str, threads: int = 1) -> OcrEngine:
    """Build engine `name` (loads models: call this in a worker process)."""
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r}; choose one of {sorted(ENGINES)}")
    if name == "rapidocr":
        return RapidOcrEngine(threads=threads)
    return TesseractEngine()
