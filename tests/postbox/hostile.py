"""Hostile files as they were met by trying: made here, byte by byte, for the import tests.

Each function returns bytes (or makes the thing in a folder): a PDF whose page tree loops, a
PDF whose one content stream inflates to hundreds of megabytes, a JPEG whose header claims
7000x8000 pixels over random data, a GIF named .png, and the non-file things a folder can
hold (a pipe, links to /dev/zero and /dev/null).
"""

from __future__ import annotations

import io
import os
import random
import zlib
from pathlib import Path

from PIL import Image


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF with `objects` numbered from 1 (object 1 the catalogue), xref and trailer."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def looping_pdf() -> bytes:
    """The page tree's second node lists the first as its kid: a loop."""
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def content_bomb_pdf(inflated: int = 400_000_000) -> bytes:
    """One A4 page whose content stream (line drawings) inflates to `inflated` bytes; the
    file is under 1 MB."""
    chunk = b"0 0 m 100 100 l S\n" * 2000
    packer = zlib.compressobj(9)
    parts = [packer.compress(chunk) for _ in range(inflated // len(chunk))]
    data = b"".join(parts) + packer.flush()
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        ]
    )


def lying_jpeg(width: int = 7000, height: int = 8000, garbage: int = 20_000) -> bytes:
    """A real JPEG header rewritten to claim `width` x `height`, then random bytes."""
    buf = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buf, format="JPEG")
    data = bytearray(buf.getvalue())
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    data[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    sos = data.find(b"\xff\xda")
    header_end = sos + 2 + int.from_bytes(data[sos + 2 : sos + 4], "big")
    noise = random.Random(7).randbytes(garbage)
    return bytes(data[:header_end]) + noise + b"\xff\xd9"


def gif_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.convert("P").save(buf, format="GIF")
    return buf.getvalue()


def make_specials(folder: Path) -> dict[str, Path]:
    """A pipe named like a scan, one with no suffix, and links to /dev/zero and /dev/null."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {"fifo.png": folder / "fifo.png", "fifo": folder / "fifo"}
    for path in out.values():
        os.mkfifo(path)
    for name, target in (("zero.png", "/dev/zero"), ("null.jpg", "/dev/null")):
        (folder / name).symlink_to(target)
        out[name] = folder / name
    return out


def bytes_name(folder: Path, raw: bytes) -> Path:
    """A path whose last part is `raw` (not valid UTF-8), as Linux allows."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))
