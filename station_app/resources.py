"""Files shipped in resources/: seed categories, consent notices, fonts for printing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
CONSENT_VERSION = "v1"


def seed_categories() -> dict[str, Any]:
    seed: dict[str, Any] = json.loads((RESOURCES / "categories.json").read_text(encoding="utf-8"))
    return seed


def consent_text(lang: str = "zh_CN", version: str = CONSENT_VERSION) -> str:
    return (RESOURCES / "consent" / f"{version}.{lang}.txt").read_text(encoding="utf-8")
