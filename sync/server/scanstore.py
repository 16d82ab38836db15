"""Scans on disk, named by SHA-256; partial uploads in ``partial/`` until verified.

Complete scans live at ``<scan_dir>/<sha[:2]>/<sha>`` and appear only by ``os.replace`` after
the hash was checked, so a file under that name is always whole and correct. A partial is
``partial/<sha>-<total>.part``; its size is the upload offset.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - HQ runs on Linux; Windows gets no cross-worker lock
    fcntl = None  # type: ignore[assignment]


class ScanStore:
    def __init__(self, scan_dir: Path) -> None:
        self.root = Path(scan_dir)
        self.partial_dir = self.root / "partial"
        self.partial_dir.mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def size(self, sha: str) -> int | None:
        try:
            return self.path(sha).stat().st_size
        except FileNotFoundError:
            return None

    def partial(self, sha: str) -> tuple[Path, int, int] | None:
        """(path, offset, total) of a partial upload, if there is one."""
        for p in self.partial_dir.glob(f"{sha}-*.part"):
            try:
                total = int(p.name[len(sha) + 1 : -len(".part")])
                return p, p.stat().st_size, total
            except (ValueError, FileNotFoundError):
                continue
        return None

    def partial_path(self, sha: str, total: int) -> Path:
        return self.partial_dir / f"{sha}-{total}.part"

    def discard_partials(self, sha: str) -> None:
        for p in self.partial_dir.glob(f"{sha}-*.part"):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    @contextlib.contextmanager
    def locked(self, sha: str) -> Iterator[None]:
        """Serialise uploads of one scan across workers."""
        lock_path = self.partial_dir / f"{sha}.lock"
        with open(lock_path, "a+b") as fh:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def finish(self, sha: str, part: Path) -> bool:
        """Verify a complete partial; move it into place if the hash matches, else delete."""
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha:
            part.unlink(missing_ok=True)
            return False
        final = self.path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, final)
        _fsync_dir(final.parent)
        return True


def append_fsync(path: Path, chunks: list[bytes]) -> int:
    """Append ``chunks`` to ``path`` durably; return the new size."""
    with open(path, "ab") as fh:
        for chunk in chunks:
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())
        return fh.tell()


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
