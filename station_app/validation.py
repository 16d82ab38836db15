"""Field checks with clear messages: lengths, phone numbers, control characters, choices."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from station_app.errors import ValidationError

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# landline with area code (021-62345678, 0571 8888 8888, extension allowed) or a local 7-8 digits
LANDLINE = re.compile(r"^(0\d{2,3})?[2-9]\d{6,7}(-\d{1,6})?$")

LIMITS = {
    "title": (2, 100),
    "content": (2, 5000),
    "location": (0, 200),
    "name": (0, 50),
    "address": (0, 200),
}


class Problems:
    """Collects field problems; raises one ValidationError listing all of them."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[str, dict[str, Any]]] = {}

    def add(self, field: str, key: str, **params: Any) -> None:
        self.items.setdefault(field, (key, params))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


def _has_control(text: str) -> bool:
    for ch in text:
        if ch in "\n\t":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") or (cat == "Cf" and ch not in "\u200d\ufe0f"):
            return True
    return False


def clean_text(
    problems: Problems,
    field: str,
    label: str,
    value: str | None,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str | None:
    """NFC-normalize and trim; check control characters and length. Emoji are allowed."""
    text = unicodedata.normalize("NFC", value or "").strip()
    if not multiline:
        text = " ".join(text.split())
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        if required:
            problems.add(field, "field.required", label=label)
        return None
    if _has_control(text):
        problems.add(field, "field.control_chars", label=label)
        return None
    low, high = LIMITS.get(field, (0, 10_000))
    if len(text) > high:
        problems.add(field, "field.too_long", label=label, max=high, length=len(text))
    elif len(text) < low:
        problems.add(field, "field.too_short", label=label, min=low)
    return text


def normalize_phone(value: str) -> str:
    """Strip spaces, dashes between groups, full-width digits and a +86 prefix."""
    text = unicodedata.normalize("NFKC", value).strip()
    text = re.sub(r"[\s()（）]", "", text)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    digits = text.replace("-", "")
    if MOBILE.match(digits):
        return digits
    # keep one dash between area code and number for landlines; 010 and 02x are the
    # three-digit area codes (Beijing, Shanghai, Guangzhou...), all others have four digits
    if "-" not in text and text.startswith("0"):
        cut = 3 if text[1] in "12" else 4
        text = f"{text[:cut]}-{text[cut:]}"
    m = re.match(r"^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$", text)
    if m:
        return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
    return digits


def is_valid_phone(phone: str) -> bool:
    digits = phone.replace("-", "")
    return bool(MOBILE.match(digits) or LANDLINE.match(digits) or LANDLINE.match(phone))


def check_pin(problems: Problems, pin: str) -> None:
    if not re.fullmatch(r"\d{4,12}", pin or ""):
        problems.add("pin", "field.bad_pin")


def check_choice(problems: Problems, field: str, label: str, value: str, allowed: Any) -> None:
    if value not in {str(a) for a in allowed}:
        problems.add(field, "field.bad_choice", label=label, value=value)
