"""station_app must import no Qt and no HTTP library (the ui and sync packages sit on it).

The direction itself is an import-linter contract (pyproject.toml, `make lint`); these tests
add what it cannot say: what importing every module really loads, and that the OCR engines
are imported only inside functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import station_app

FORBIDDEN = (
    "PySide6",
    "PyQt5",
    "PyQt6",
    "requests",
    "httpx",
    "urllib3",
    "fastapi",
    "uvicorn",
    "ui",
    "sync",
    "cv2",
    "rapidocr_onnxruntime",
    "onnxruntime",
)
ROOT = Path(station_app.__file__).parent
# The OCR engines may import cv2/onnxruntime, but only inside worker functions (lazily).
LAZY_OK = {"cv2", "rapidocr_onnxruntime", "onnxruntime"}


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(module, at_top_level) for every import in the file."""
    found: list[tuple[str, bool]] = []
    top = set(map(id, getattr(tree, "body", [])))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name.split(".")[0], id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module.split(".")[0], id(node) in top))
    return found


def test_ocr_engines_are_imported_only_inside_worker_functions() -> None:
    """cv2 and the engines sit in worker processes only (the import contracts in
    pyproject.toml, checked by lint-imports, hold the rest of the direction)."""
    bad = []
    for path in ROOT.rglob("*.py"):
        for module, top_level in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module in LAZY_OK and top_level:
                bad.append(f"{path.relative_to(ROOT.parent)} imports {module} at import time")
    assert bad == []


def test_importing_every_module_loads_no_qt_or_http() -> None:
    code = (
        "import pkgutil, importlib, sys, station_app\n"
        "for m in pkgutil.walk_packages(station_app.__path__, 'station_app.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
