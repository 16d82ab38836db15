"""Intake: formats by magic bytes, limits before decoding, typed errors, multi-page files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from station_app.ocr.intake import IntakeError, Limits, load_pages, probe, sniff_format
from tests.ocr import letters


@pytest.mark.parametrize(
    "reason",
    [
        "corrupt_image",
        "corrupt_image_random",
        "zero_byte",
        "too_large",
        "pdf_invalid",
        "pdf_encrypted",
        "unsupported_format",
    ],
)
def test_bad_input_gives_its_reason(bad_files: dict[str, Path], reason: str) -> None:
    with pytest.raises(IntakeError) as err:
        load_pages(bad_files[reason])
    assert err.value.reason == reason.removesuffix("_random")
    zh, en = err.value.message("zh_CN"), err.value.message("en")
    assert zh and en and zh != en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_bomb_is_refused_from_its_header_alone(bad_files: dict[str, Path]) -> None:
    # the header claims 20000 x 20000; probe must refuse without decoding anything
    with pytest.raises(IntakeError) as err:
        probe(bad_files["too_large"])
    assert err.value.reason == "too_large"


def test_file_size_cap(tmp_path: Path, letter: Image.Image) -> None:
    path = tmp_path / "big.png"
    letter.save(path)
    with pytest.raises(IntakeError) as err:
        probe(path, Limits(max_file_bytes=1000))
    assert err.value.reason == "too_large"


def test_format_comes_from_magic_bytes_not_extension(tmp_path: Path, letter: Image.Image) -> None:
    path = tmp_path / "scan.pdf"  # really a PNG
    letter.save(path, format="PNG")
    info = probe(path)
    assert info.format == "png" and info.page_count == 1
    assert sniff_format(b"%PDF-1.7\n") == "pdf"
    assert sniff_format(b"GIF89a") is None


def test_multipage_tiff(tmp_path: Path, letter: Image.Image, second_letter: Image.Image) -> None:
    path = tmp_path / "batch.tif"
    letters.save_tiff([letter, second_letter, letter], path)
    pages = load_pages(path)
    assert [p.index for p in pages] == [0, 1, 2]
    assert all(p.page_count == 3 and p.format == "tiff" for p in pages)
    assert pages[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdf_pages_render_at_300_dpi(tmp_path: Path, letter: Image.Image) -> None:
    path = tmp_path / "two.pdf"
    letters.save_pdf([letter, letter.rotate(90, expand=True)], path, dpi=300)
    pages = load_pages(path)
    assert len(pages) == 2
    assert abs(pages[0].image.width - letter.width) <= 2
    assert pages[1].image.width > pages[1].image.height


def test_pdf_page_count_cap(tmp_path: Path, letter: Image.Image) -> None:
    path = tmp_path / "many.pdf"
    small = letter.resize((100, 141))
    letters.save_pdf([small] * 4, path)
    with pytest.raises(IntakeError) as err:
        probe(path, Limits(max_pages=3))
    assert err.value.reason == "too_many_pages"
    assert "3" in err.value.message("en")


def test_pdf_large_page_renders_within_pixel_cap(tmp_path: Path, letter: Image.Image) -> None:
    path = tmp_path / "poster.pdf"
    letters.save_pdf([letter], path, dpi=30)  # 33 x 47 inches: 140 MP at 300 dpi
    (page,) = load_pages(path, Limits(max_pixels=4_000_000))
    assert page.image.width * page.image.height <= 4_000_000


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = Image.new("L", (200, 100), 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned: viewers rotate 90 degrees clockwise
    path = tmp_path / "phone.jpg"
    img.save(path, exif=exif)
    (page,) = load_pages(path)
    assert page.image.size == (100, 200)


def test_sample_letters_load() -> None:
    folder = Path(__file__).resolve().parents[2] / "resources" / "sample_letters"
    counts = {p.name: len(load_pages(p)) for p in sorted(folder.iterdir()) if p.suffix != ".md"}
    assert counts == {
        "letter_two_pages.pdf": 2,
        "letter_upright.png": 1,
        "letter_upside_down.jpg": 1,
    }
