"""Shrink a frozen one-folder build (Linux): strip what carries symbols, then delete the
shared libraries at the top of `_internal/` that nothing left in the build loads.

    python packaging/linux/prune_libs.py build/dist/station-app

PyInstaller copies a system library beside the app when some collected binary needs it;
when the spec then drops that binary (the GTK platform theme, Wayland, EGLFS, a Pillow codec),
the libraries it alone needed stay behind. Here every extension module and Qt plugin is a
root; a library (top of `_internal/`, Qt's lib folder, a wheel's `*.libs` folder) is kept
when a root needs it, directly or through other kept libraries (ELF DT_NEEDED, read with
`readelf -d`), else removed.

Stripping (`strip --strip-unneeded`: debug and local symbols; what the dynamic loader reads
stays) is done on every ELF file that still has a symbol table; a stripped copy replaces the
file only when the loader takes it as it takes the original (see strip_all). `make
package-test` (RapidOCR reading a letter, the window to the login screen) proves the result.
Prints what it saved. Run it with the build's Python (its extension modules load into it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return NEEDED.findall(out)


def has_symtab(path: Path) -> bool:
    out = subprocess.run(
        ["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return ".symtab" in out or ".debug_" in out


def size_of(files: list[Path]) -> int:
    return sum(f.stat().st_size for f in files if not f.is_symlink())


def library_folders(internal: Path) -> list[Path]:
    """Where libraries sit that are loaded only because something needs them: the top of
    `_internal/`, Qt's lib folder and the wheels' auditwheel `*.libs` folders."""
    folders = [internal, internal / "PySide6" / "Qt" / "lib"]
    folders += sorted(p for p in internal.glob("*.libs") if p.is_dir())
    return [f for f in folders if f.is_dir()]


def prune(app: Path) -> tuple[list[Path], int]:
    internal = app / "_internal"
    top = {
        p.name: p
        for folder in library_folders(internal)
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and p.name.startswith("lib") and is_elf(p)
    }
    # extension modules (also the few at the top, e.g. _cffi_backend) are what Python loads
    roots = [
        p
        for p in internal.rglob("*")
        if p.is_file() and not p.is_symlink() and p.name not in top and is_elf(p)
    ]
    roots += [p for p in app.iterdir() if p.is_file() and is_elf(p)]  # the executables
    # libpython is loaded by the executable's bootloader with dlopen, not DT_NEEDED
    keep = {name for name in top if name.startswith("libpython")}
    todo = list(roots) + [top[n] for n in keep]
    seen: set[Path] = set()
    while todo:
        elf = todo.pop()
        if elf in seen:
            continue
        seen.add(elf)
        for name in needed(elf):
            if name in top and name not in keep:
                keep.add(name)
                todo.append(top[name])
    dropped = [top[n] for n in sorted(set(top) - keep)]
    freed = size_of(dropped)
    for lib in dropped:
        # a symlink elsewhere (PySide6/Qt/lib/…) pointing at a dropped file goes too
        lib.unlink()
    for link in internal.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    return dropped, freed


LOAD_CHECK = (
    "import ctypes, sys\n"
    "try:\n    ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL)\nexcept OSError as e:\n"
    "    print(str(e).replace(sys.argv[1], 'X'))\n"
)


def loads(path: Path, libdir: Path) -> str:
    """What the dynamic loader says to loading `path` ('' when it loads)."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(libdir))
    out = subprocess.run(
        [sys.executable, "-c", LOAD_CHECK, str(path)], capture_output=True, text=True, env=env
    )
    return out.stdout.strip() + ("" if out.returncode == 0 else f" (exit {out.returncode})")


def strip_all(app: Path) -> tuple[int, list[Path]]:
    """Strip each ELF file that has symbols and keep the stripped copy only when the loader
    takes it as it takes the original: `strip` on a file that patchelf (auditwheel) rewrote
    can leave segments the loader refuses ("ELF load command address/offset not
    page-aligned"), e.g. numpy's OpenBLAS."""
    internal = app / "_internal"
    files = [
        p
        for p in app.rglob("*")
        if p.is_file() and not p.is_symlink() and is_elf(p) and p.parent != app
    ]
    saved, kept_whole = 0, []
    for f in files:
        if not has_symtab(f):
            continue
        trial = f.with_name(f.name + ".stripped")
        subprocess.run(["strip", "--strip-unneeded", "-o", str(trial), str(f)], check=True)
        if loads(trial, internal).replace(trial.name, f.name) == loads(f, internal):
            saved += f.stat().st_size - trial.stat().st_size
            os.chmod(trial, f.stat().st_mode)
            os.replace(trial, f)
        else:
            trial.unlink()
            kept_whole.append(f)
    return saved, kept_whole


def main(argv: list[str]) -> int:
    app = Path(argv[1]).resolve()
    dropped, freed = prune(app)
    stripped, whole = strip_all(app)
    names = ", ".join(p.name for p in dropped)
    print(f"prune_libs: removed {len(dropped)} unused libraries ({freed / 1e6:.1f} MB): {names}")
    print(f"prune_libs: strip --strip-unneeded saved {stripped / 1e6:.1f} MB")
    if whole:
        print(
            "prune_libs: left unstripped (the loader refused the stripped copy): "
            + ", ".join(p.name for p in whole)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
