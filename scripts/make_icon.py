"""Draws the app icon (packaging/station-app.png and .ico): a postbox-red rounded square with
the character 议 (suggestion) in white. Run again only to change the icon; the files are kept
in the repo so that a package build needs no font."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "packaging"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
RED = (200, 16, 46, 255)


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 6, fill=RED)
    # a postbox slot across the top
    d.rounded_rectangle(
        (size * 0.28, size * 0.17, size * 0.72, size * 0.23), radius=size // 40, fill="white"
    )
    font = ImageFont.truetype(FONT, int(size * 0.55), index=2)  # index 2: SC (simplified)
    d.text((size / 2, size * 0.6), "议", font=font, fill="white", anchor="mm")
    return img


def main() -> int:
    img = draw()
    img.save(OUT / "station-app.png")
    img.save(OUT / "station-app.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (256, 256)])
    print(OUT / "station-app.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
