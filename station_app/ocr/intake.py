"""Safe loading of scanned files (PNG, JPEG, TIFF, PDF) into pages.

Limits are enforced before anything is decoded: file size, pixels per page (read from the
image header), PDF page count and PDF page size. The format comes from the file's magic
bytes, never its extension. Every failure is an `IntakeError` with a machine `reason` code
and a message in Chinese and English, so that a batch can list it and go on.

`probe()` reads only headers (cheap; tells how many pages a file has); `load_page()` decodes
one page; `load_pages()` does both for every page.
"""

from __future__ import annotations

import hashlib
import os
import stat
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from PIL import Image, ImageFile, ImageOps

from station_app.errors import os_reason

Format = Literal["png", "jpeg", "tiff", "pdf"]

REASONS: dict[str, tuple[str, str]] = {
    "zero_byte": ("文件是空的（0 字节）。", "The file is empty (0 bytes)."),
    "unsupported_format": (
        "不支持的文件格式，请提供 PNG、JPEG、TIFF 或 PDF 扫描件。",
        "Unsupported file format; use a PNG, JPEG, TIFF or PDF scan.",
    ),
    "corrupt_image": (
        "图片已损坏或不完整，无法读取。请重新扫描。",
        "The image is damaged or incomplete and cannot be read. Please scan it again.",
    ),
    "too_large": (
        "文件或图片尺寸过大（可能是恶意文件），为安全起见未打开。",
        "The file or image is too large (possibly a malicious file) and was not opened.",
    ),
    "pdf_invalid": (
        "这不是有效的 PDF 文件，或 PDF 已损坏。",
        "This is not a valid PDF file, or the PDF is damaged.",
    ),
    "pdf_encrypted": (
        "PDF 设有密码保护，无法读取。请提供未加密的文件。",
        "The PDF is password-protected and cannot be read. Please provide an unencrypted file.",
    ),
    "too_many_pages": (
        "文件页数过多（超过 {limit} 页）。",
        "The file has too many pages (over {limit}).",
    ),
    "unreadable": ("无法读取文件：{detail}", "The file cannot be read: {detail}"),
    "not_a_file": (
        "这不是普通文件（{kind}），未读取。请提供扫描件文件本身。",
        "This is not an ordinary file ({kind}) and was not read. Please give the scan file itself.",
    ),
}

# what a thing that is not a regular file is called in the message (Chinese, English)
FILE_KINDS: dict[str, tuple[str, str]] = {
    "fifo": ("管道", "a pipe"),
    "char_device": ("设备", "a device"),
    "block_device": ("磁盘设备", "a disk device"),
    "socket": ("套接字", "a socket"),
    "directory": ("文件夹", "a folder"),
    "other": ("特殊文件", "a special file"),
}

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff"}


@dataclass(frozen=True)
class Limits:
    """Caps applied before decoding; the defaults suit A4 scans up to 600 dpi."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_pixels: int = 60_000_000
    max_pages: int = 50
    pdf_dpi: int = 300
    max_pdf_page_inches: float = 50.0
    # address space of one OCR worker (RLIMIT_AS, POSIX): RapidOCR peaks near 1.2 GB on an
    # A4 page at 300 dpi; an 800 KB PDF whose content inflates to 400 MB wanted 8 GB
    worker_memory_mb: int = 2048


DEFAULT_LIMITS = Limits()


class IntakeError(Exception):
    """A file (or one page of it) cannot be read; `reason` is a stable machine code."""

    def __init__(self, reason: str, **params: object) -> None:
        self.reason = reason
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh_CN") -> str:
        """Human message; `lang` is "zh_CN" (default) or "en"."""
        zh, en = REASONS.get(reason := self.reason, REASONS["unreadable"])
        english = lang.startswith("en")
        text = en if english else zh
        params = dict(self.params)
        if "kind" in params:
            kinds = FILE_KINDS.get(str(params["kind"]), FILE_KINDS["other"])
            params["kind"] = kinds[1] if english else kinds[0]
        try:
            return text.format(**params)
        except (KeyError, IndexError):
            return text if reason in REASONS else text.format(detail=reason)

    def bilingual(self) -> str:
        """Chinese and English in one line, for logs of the user's own view and the CLI."""
        return f"{self.message('zh_CN')} / {self.message('en')}"


@dataclass(frozen=True)
class FileInfo:
    """What `probe()` learns from headers only."""

    path: Path
    format: Format
    sha256: str
    size: int
    page_count: int


@dataclass
class Page:
    """One decoded page: EXIF orientation applied, pixels in `image` (RGB or L)."""

    source: Path
    index: int
    page_count: int
    sha256: str
    format: Format
    image: Image.Image


def sniff_format(head: bytes) -> Format | None:
    """The format from the first bytes of a file, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


# formats a user may well send that are not scans we read: named .png or .jpg they are still
# "unsupported", not "damaged" (a GIF saved as letter.png)
_OTHER_FORMATS = (
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"\x00\x00\x01\x00",  # ICO
    b"8BPS",  # Photoshop
    b"PK\x03\x04",  # zip: docx, xlsx, odt
    b"\xd0\xcf\x11\xe0",  # old Office documents
    b"{\\rtf",
    b"%!PS",
    b"\x00\x00\x00\x0cjP  ",  # JPEG 2000
)


def other_format(head: bytes) -> bool:
    """True if the first bytes are a known format that is not a scan we read."""
    if head.startswith(_OTHER_FORMATS):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head[4:8] == b"ftyp"  # HEIC/AVIF photos from a phone, MP4


def file_kind(mode: int) -> str | None:
    """None for a regular file, else a FILE_KINDS key."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode):
        return "char_device"
    if stat.S_ISBLK(mode):
        return "block_device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "directory"
    return "other"


def check_regular(path: Path) -> os.stat_result:
    """The file's stat (links followed) if it is a regular file; IntakeError otherwise.

    A pipe would block a read forever and a device (a link to /dev/zero) never ends, so
    nothing is opened before this says yes."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise IntakeError("unreadable", detail=os_reason(exc)) from exc
    kind = file_kind(st.st_mode)
    if kind is not None:
        raise IntakeError("not_a_file", kind=kind)
    return st


@contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """Open a regular file for reading, never blocking on a pipe swapped in after a check.

    The type is checked before opening and again on the open descriptor (O_NONBLOCK where
    the platform has it, so opening a FIFO returns at once instead of waiting for a writer).
    Raises IntakeError("not_a_file") or ("unreadable")."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise IntakeError("unreadable", detail=os_reason(exc)) from exc
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise IntakeError("not_a_file", kind=kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_regular(path: Path) -> bytes:
    """All bytes of a regular file (IntakeError for anything else)."""
    try:
        with open_regular(path) as fh:
            return fh.read()
    except OSError as exc:
        raise IntakeError("unreadable", detail=os_reason(exc)) from exc


def sha256_file(path: Path) -> str:
    """SHA-256 (hex) of the file's bytes, read in chunks (IntakeError if not a regular file)."""
    digest = hashlib.sha256()
    try:
        with open_regular(path) as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise IntakeError("unreadable", detail=os_reason(exc)) from exc
    return digest.hexdigest()


def display_name(name: str | os.PathLike[str]) -> str:
    """A file name safe to print, log, store as text or put in JSON: bytes that are not
    UTF-8 (a Linux name from another system) become \\xNN, control characters \\xNN too,
    so a name cannot garble a terminal or abort an import."""
    text = os.fspath(name)
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return "".join(
        ch
        if ch.isprintable() or ch == " "
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 256
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def _check_file(path: Path, limits: Limits) -> tuple[Format, int]:
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(1024)
    except OSError as exc:
        raise IntakeError("unreadable", detail=os_reason(exc)) from exc
    if size == 0:
        raise IntakeError("zero_byte")
    if size > limits.max_file_bytes:
        raise IntakeError("too_large")
    fmt = sniff_format(head)
    if fmt is None:
        suffix = path.suffix.lower()
        if other_format(head):
            raise IntakeError("unsupported_format")
        if suffix == ".pdf":
            raise IntakeError("pdf_invalid")
        # the user meant an image, so "damaged" tells them more than "unsupported"
        raise IntakeError("corrupt_image" if suffix in IMAGE_SUFFIXES else "unsupported_format")
    return fmt, size


def _open_image(path: Path, limits: Limits) -> Image.Image:
    """Open lazily (header only) with decompression-bomb checks turned into errors."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise IntakeError("too_large") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise IntakeError("corrupt_image") from exc


def _check_frame(img: Image.Image, limits: Limits) -> None:
    width, height = img.size
    if width <= 0 or height <= 0:
        raise IntakeError("corrupt_image")
    if width * height > limits.max_pixels:
        raise IntakeError("too_large")


def _pdf_open(path: Path) -> object:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise IntakeError("pdf_encrypted") from exc
        raise IntakeError("pdf_invalid") from exc


def _pdf_scale(size: tuple[float, float], limits: Limits) -> float:
    width_pt, height_pt = size
    if width_pt <= 0 or height_pt <= 0:
        raise IntakeError("pdf_invalid")
    if max(width_pt, height_pt) / 72 > limits.max_pdf_page_inches:
        raise IntakeError("too_large")
    scale = limits.pdf_dpi / 72
    pixels = width_pt * height_pt * scale * scale
    if pixels > limits.max_pixels:  # a big page renders at a lower dpi, not at all if absurd
        scale *= (limits.max_pixels / pixels) ** 0.5 * 0.999
    return scale


def _check_jpeg_data(img: Image.Image, size: int) -> None:
    """A JPEG holds at least one bit per 8x8 block of its brightness: a header that claims
    7000x8000 pixels over 20 KB of anything is damaged (the decoder would fill the missing
    part with grey and call it a page)."""
    width, height = img.size
    if size * 8 < (width // 8) * (height // 8):
        raise IntakeError("corrupt_image")


def probe(path: Path, limits: Limits = DEFAULT_LIMITS) -> FileInfo:
    """Check a file against the limits from its headers only and count its pages."""
    path = Path(path)
    fmt, size = _check_file(path, limits)
    if fmt == "pdf":
        doc = _pdf_open(path)
        try:
            count = len(doc)  # type: ignore[arg-type]
            if count == 0:
                raise IntakeError("pdf_invalid")
            if count > limits.max_pages:
                raise IntakeError("too_many_pages", limit=limits.max_pages)
            for i in range(count):
                # the size from the page tree alone: loading the page would parse its
                # content, which is where a PDF bomb goes off
                try:
                    page_size = doc.get_page_size(i)  # type: ignore[attr-defined]
                except Exception as exc:  # a page tree that loops or points nowhere
                    raise IntakeError("pdf_invalid") from exc
                _pdf_scale(page_size, limits)
        finally:
            doc.close()  # type: ignore[attr-defined]
    else:
        with _open_image(path, limits) as img:
            count = 0
            try:
                while True:
                    _check_frame(img, limits)
                    count += 1
                    if count > limits.max_pages:
                        raise IntakeError("too_many_pages", limit=limits.max_pages)
                    if fmt != "tiff":
                        break
                    img.seek(count)
            except EOFError:
                pass
            except (OSError, SyntaxError, ValueError) as exc:
                raise IntakeError("corrupt_image") from exc
            if fmt == "jpeg":
                _check_jpeg_data(img, size)
    return FileInfo(path, fmt, sha256_file(path), size, count)


def load_page(info: FileInfo, index: int, limits: Limits = DEFAULT_LIMITS) -> Page:
    """Decode page `index` of a probed file (EXIF orientation applied)."""
    if not 0 <= index < info.page_count:
        raise IndexError(index)
    if info.format == "pdf":
        image = _render_pdf_page(info.path, index, limits)
    else:
        with _open_image(info.path, limits) as img:
            try:
                img.seek(index)
                _check_frame(img, limits)
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    img.load()
                    image = ImageOps.exif_transpose(img)
                image = _normalise_mode(image)
            except IntakeError:
                raise
            except (
                Image.DecompressionBombError,
                Image.DecompressionBombWarning,
                MemoryError,
            ) as exc:
                raise IntakeError("too_large") from exc
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise IntakeError("corrupt_image") from exc
    return Page(info.path, index, info.page_count, info.sha256, info.format, image)


def _normalise_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "L"):
        return image.copy()
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("1", "I;16", "I;16B", "I;16L", "I", "F"):
        return ImageOps.autocontrast(image.convert("I").point(lambda v: v / 256).convert("L"))
    return image.convert("RGB")


def _render_pdf_page(path: Path, index: int, limits: Limits) -> Image.Image:
    doc = _pdf_open(path)
    try:
        page = doc[index]  # type: ignore[index]
        try:
            scale = _pdf_scale(page.get_size(), limits)
            bitmap = page.render(scale=scale, grayscale=True)
            image: Image.Image = bitmap.to_pil().convert("L")
            return image
        finally:
            page.close()
    except IntakeError:
        raise
    except MemoryError as exc:  # the worker's memory cap (pool.py) met a content bomb
        raise IntakeError("too_large") from exc
    except Exception as exc:  # pdfium raises its own errors for broken page trees
        raise IntakeError("pdf_invalid") from exc
    finally:
        doc.close()  # type: ignore[attr-defined]


def image_from_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Image.Image:
    """A PNG or JPEG page handed over in memory (a stored page to read again), decoded with
    the same limits as a file; grayscale or RGB."""
    import io

    if sniff_format(data[:1024]) not in ("png", "jpeg"):
        raise IntakeError("unsupported_format")
    if len(data) > limits.max_file_bytes:
        raise IntakeError("too_large")
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                _check_frame(img, limits)
                img.load()
                return _normalise_mode(img)
    except IntakeError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError) as exc:
        raise IntakeError("too_large") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise IntakeError("corrupt_image") from exc


def load_pages(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Page]:
    """Probe `path` and decode every page. Raises IntakeError for the first failure."""
    info = probe(path, limits)
    return [load_page(info, i, limits) for i in range(info.page_count)]
