"""Run every `bench/bench_*.py` in turn, each in its own process, and print its output.

    python -m bench                  # all, with each benchmark's defaults
    python -m bench storage startup  # only those whose name contains one of the words
    python -m bench -- --rows 100000 # arguments after `--` go to every benchmark

A benchmark whose imports are missing (e.g. the GUI or OCR extras not installed) is skipped
with one line saying which module is missing.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def missing_imports(path: Path) -> list[str]:
    """Top-level packages this benchmark imports that cannot be found."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return sorted(n for n in names if importlib.util.find_spec(n) is None)


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem
        if argv and not any(word in name for word in argv):
            continue
        print(f"\n######## {name} ########", flush=True)
        missing = missing_imports(path)
        if missing:
            print(f"SKIPPED {name}: missing module(s) {', '.join(missing)}", flush=True)
            continue
        t = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", f"bench.{name}", *extra], cwd=HERE.parent)
        took = time.perf_counter() - t
        print(f"-------- {name}: exit {code}, {took:.0f} s --------", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
