"""Print one dependency's requirement as pyproject.toml states it, e.g.
`python scripts/requirement.py opencv-python-headless` -> `opencv-python-headless>=4.9,<4.12`:
bootstrap.sh and build_package.sh reinstall that package and take its bounds from here."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirement(name: str) -> str:
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    for dep in deps:
        if re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0].lower() == name.lower():
            return dep
    raise SystemExit(f"{name} is not among pyproject.toml's dependencies")


if __name__ == "__main__":
    print(requirement(sys.argv[1]))
