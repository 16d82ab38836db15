"""Scans on disk, named by SHA-256; partial uploads in ``partial/`` until verified.

Complete scans live at ``<scan_dir>/<sha[:2]>/<sha>`` and appear only by ``os.replace`` after
the hash was checked, so a file under that name is always whole and correct. A partial belongs
to the station sending it: ``partial/<station>-<sha>-<total>.part``; its size is the upload
offset. Which station may see and link a complete scan is in the database (``StationScan``).
Folders are created 0700 and files 0600: letters carry names and addresses.
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
        for folder in (self.root, self.partial_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.chmod(0o700)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def size(self, sha: str) -> int | None:
        try:
            return self.path(sha).stat().st_size
        except FileNotFoundError:
            return None

    def partial(self, station_id: int, sha: str) -> tuple[Path, int, int] | None:
        """(path, offset, total) of this station's partial upload, if there is one."""
        prefix = f"{station_id}-{sha}-"
        for p in self.partial_dir.glob(f"{prefix}*.part"):
            try:
                total = int(p.name[len(prefix) : -len(".part")])
                return p, p.stat().st_size, total
            except (ValueError, FileNotFoundError):
                continue
        return None

    def partial_path(self, station_id: int, sha: str, total: int) -> Path:
        return self.partial_dir / f"{station_id}-{sha}-{total}.part"

    def discard_partials(self, station_id: int, sha: str) -> None:
        for p in self.partial_dir.glob(f"{station_id}-{sha}-*.part"):
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
        final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.replace(part, final)
        _fsync_dir(final.parent)
        return True


def append_fsync(path: Path, chunks: list[bytes]) -> int:
    """Append ``chunks`` to ``path`` durably (created 0600); return the new size."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    with open(fd, "ab") as fh:
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
