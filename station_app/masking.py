"""Masks for personal data on screen and in exports: 139****5678, 张*."""

from __future__ import annotations


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    digits = phone.replace("-", "")
    if len(digits) >= 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * len(digits)


def mask_name(name: str | None) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_address(address: str | None) -> str:
    if not address:
        return ""
    keep = min(6, max(1, len(address) // 3))
    return address[:keep] + "***"
