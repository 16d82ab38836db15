"""Shared OCR fixtures: rendered letters (session scope) and a folder of test files.

OCR engines run through `OcrJob` (worker processes) or `corpus.read_pages` in a spawned
process, never in the pytest process, so that cv2 never loads next to Qt when pytest-xdist
puts UI tests in the same process.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.ocr import letters


@pytest.fixture(scope="session")
def letter() -> Image.Image:
    try:
        return letters.render_letter()
    except letters.FontMissing as exc:
        pytest.fail(f"CJK font missing: {exc}")


@pytest.fixture(scope="session")
def second_letter() -> Image.Image:
    try:
        return letters.render_letter(letters.SECOND_TITLE, letters.SECOND_BODY)
    except letters.FontMissing as exc:
        pytest.fail(f"CJK font missing: {exc}")


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory, letter: Image.Image) -> dict[str, Path]:
    """One file per bad-input case, keyed by the reason code it must give."""
    folder = tmp_path_factory.mktemp("bad")
    good = letters.png_bytes(letter.resize((300, 424)))
    files = {
        "corrupt_image": ("truncated.png", good[: len(good) // 2]),
        "corrupt_image_random": ("random.jpg", bytes(range(256)) * 40),
        "zero_byte": ("empty.png", b""),
        "too_large": ("bomb.png", letters.bomb_png()),
        "pdf_invalid": ("not_a.pdf", b"<html>this is not a PDF</html>\n" * 10),
        "pdf_encrypted": ("locked.pdf", letters.encrypted_pdf()),
        "unsupported_format": ("notes.txt", "这是一封信的文字。".encode()),
    }
    out = {}
    for reason, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        out[reason] = path
    return out
