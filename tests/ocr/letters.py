"""Test letters rendered with a CJK font, and hostile files made on the spot.

Shared by the OCR tests and `bench/bench_ocr.py`. `python -m tests.ocr.letters DIR` writes
the small samples kept in resources/sample_letters/.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

TITLE = "关于小区停车难问题的建议"
BODY = [
    "尊敬的工作站同志：",
    "我住在普陀区长寿路街道，小区里车位很少，",
    "晚上经常有车停在消防通道上，存在安全隐患。",
    "建议在附近空地增设临时停车位，并加强管理。",
    "联系人：张明华  电话：13812345678",
    "地址：上海市普陀区长寿路123弄4号502室",
    "2026年11月3日",
]
LETTER_TEXT = "\n".join([TITLE, *BODY])

SECOND_TITLE = "关于加装电梯的建议"
SECOND_BODY = [
    "我们楼里老人多，上下楼很不方便。",
    "希望街道帮助协调加装电梯的事情，",
    "大家都愿意出一部分费用。",
    "联系人：李秀英  电话：139 0211 2233",
    "地址：上海市静安区西康路88弄12号301室",
    "2026.11.5",
]
SECOND_TEXT = "\n".join([SECOND_TITLE, *SECOND_BODY])


class FontMissing(RuntimeError):
    """No Noto Sans CJK font: install the Debian package fonts-noto-cjk."""


@cache
def cjk_font_path() -> tuple[str, int]:
    """Path and collection index of Noto Sans CJK SC (via fc-match)."""
    if not shutil.which("fc-match"):
        raise FontMissing("fc-match not found: install fontconfig and fonts-noto-cjk")
    out = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}", "Noto Sans CJK SC:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    path, _, index = out.partition("|")
    if "NotoSansCJK" not in path.replace("-", ""):
        raise FontMissing(
            f"Noto Sans CJK SC not found (fc-match gave {path!r}): apt install fonts-noto-cjk"
        )
    return path, int(index or 0)


def render_letter(
    title: str = TITLE, body: list[str] | None = None, width: int = 1000
) -> Image.Image:
    """A printed A4-proportioned letter in grayscale, text near the top."""
    body = BODY if body is None else body
    path, index = cjk_font_path()
    scale = width / 1000
    font = ImageFont.truetype(path, round(30 * scale), index=index)
    title_font = ImageFont.truetype(path, round(38 * scale), index=index)
    img = Image.new("L", (width, round(width * 1.414)), 255)
    draw = ImageDraw.Draw(img)
    x_margin, y = round(80 * scale), round(80 * scale)
    draw.text(((width - draw.textlength(title, font=title_font)) / 2, y), title, 0, title_font)
    y += round(70 * scale)
    for line in body:
        draw.text((x_margin, y), line, 0, font)
        y += round(50 * scale)
    return img


def turned(img: Image.Image, degrees: float) -> Image.Image:
    """The page turned `degrees` counter-clockwise, white where the corners were."""
    return img.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def degraded(
    img: Image.Image, blur: float = 1.2, noise: float = 18.0, seed: int = 7
) -> Image.Image:
    """Blurred, with Gaussian noise and a grey paper tone: a poor scan."""
    arr = np.asarray(img.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float32)
    arr = arr * 0.8 + 30 + np.random.default_rng(seed).normal(0, noise, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A tiny PNG whose header claims width x height (400 MP by default)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1) * 4, 9)  # a few rows: decoding would need GBs
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user_password: bytes = b"secret") -> bytes:
    """A one-page PDF with the standard security handler (RC4 40-bit, R2) and a user password.

    Written by hand because neither pdfium nor PIL can encrypt; the page has no content
    stream, so no object needs encrypting and only the /Encrypt dictionary matters.
    """
    doc_id = hashlib.md5(b"station-app-test").digest()
    owner = (b"owner" + _PAD)[:32]
    user = (user_password + _PAD)[:32]
    o_value = _rc4(hashlib.md5(owner).digest()[:5], user)
    permissions = -44
    key = hashlib.md5(user + o_value + struct.pack("<i", permissions) + doc_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P "
        + str(permissions).encode()
        + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R "
        f"/ID [<{doc_id.hex()}> <{doc_id.hex()}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def save_pdf(pages: list[Image.Image], path: Path, dpi: int = 300) -> None:
    """A PDF with one image per page, sized so that `dpi` rendering gives the same pixels."""
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(path, format="PDF", save_all=True, append_images=rgb[1:], resolution=dpi)


def save_tiff(pages: list[Image.Image], path: Path) -> None:
    """A multi-page TIFF (deflate-compressed)."""
    pages[0].save(
        path,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="tiff_adobe_deflate",
    )


def write_samples(folder: Path) -> list[Path]:
    """The small sample set kept in resources/sample_letters/."""
    folder.mkdir(parents=True, exist_ok=True)
    first = render_letter(width=900)
    second = render_letter(SECOND_TITLE, SECOND_BODY, width=900)
    written = []
    target = folder / "letter_upright.png"
    first.save(target, optimize=True)
    written.append(target)
    target = folder / "letter_upside_down.jpg"
    turned(second, 180).save(target, quality=80)
    written.append(target)
    target = folder / "letter_two_pages.pdf"
    save_pdf([first, turned(second, 90)], target, dpi=150)
    written.append(target)
    (folder / "README.md").write_text(
        "Generated by `python -m tests.ocr.letters resources/sample_letters` "
        "(Noto Sans CJK SC). Known text: tests/ocr/letters.py (LETTER_TEXT, SECOND_TEXT).\n",
        encoding="utf-8",
    )
    return written


if __name__ == "__main__":
    for p in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/sample_letters")):
        print(p, p.stat().st_size)
