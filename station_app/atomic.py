"""Files written whole or not at all: into a temporary name beside the target, flushed to
disk, then renamed over it (and the folder flushed where the system allows). A crash, a kill
or a full disk leaves the old file or none, never half of the new one."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yields the temporary path to write; on leaving the block it becomes `path`. On an
    error it is removed and the error goes on (a missing folder raises FileNotFoundError
    when the caller first opens the temporary file)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def write_bytes(path: Path, content: bytes) -> None:
    with replacing(path) as tmp:
        tmp.write_bytes(content)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. Windows cannot open a folder this way; there NTFS
    journals the rename itself."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
