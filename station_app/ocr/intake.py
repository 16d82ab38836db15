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
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageFile, ImageOps

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
        text = en if lang.startswith("en") else zh
        try:
            return text.format(**self.params)
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


def sha256_file(path: Path) -> str:
    """SHA-256 (hex) of the file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_file(path: Path, limits: Limits) -> tuple[Format, int]:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise IntakeError("unreadable", detail=exc.strerror or type(exc).__name__) from exc
    if size == 0:
        raise IntakeError("zero_byte")
    if size > limits.max_file_bytes:
        raise IntakeError("too_large")
    fmt = sniff_format(head)
    if fmt is None:
        suffix = path.suffix.lower()
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


def _pdf_scale(page: object, limits: Limits) -> float:
    width_pt, height_pt = page.get_size()  # type: ignore[attr-defined]
    if width_pt <= 0 or height_pt <= 0:
        raise IntakeError("pdf_invalid")
    if max(width_pt, height_pt) / 72 > limits.max_pdf_page_inches:
        raise IntakeError("too_large")
    scale = limits.pdf_dpi / 72
    pixels = width_pt * height_pt * scale * scale
    if pixels > limits.max_pixels:  # a big page renders at a lower dpi, not at all if absurd
        scale *= (limits.max_pixels / pixels) ** 0.5 * 0.999
    return scale


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
                page = doc[i]  # type: ignore[index]
                try:
                    _pdf_scale(page, limits)
                finally:
                    page.close()
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
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
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
            scale = _pdf_scale(page, limits)
            bitmap = page.render(scale=scale, grayscale=True)
            return bitmap.to_pil().convert("L")
        finally:
            page.close()
    except IntakeError:
        raise
    except Exception as exc:  # pdfium raises its own errors for broken page trees
        raise IntakeError("pdf_invalid") from exc
    finally:
        doc.close()  # type: ignore[attr-defined]


def load_pages(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Page]:
    """Probe `path` and decode every page. Raises IntakeError for the first failure."""
    info = probe(path, limits)
    return [load_page(info, i, limits) for i in range(info.page_count)]
