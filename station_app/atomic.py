"""Files written whole or not at all: into a temporary name beside the target, flushed to
disk, then renamed over it (and the folder flushed where the system allows). A crash, a kill
or a full disk leaves the old file or none, never half of the new one.

Everything the app writes may hold personal data (exports, backups, logs, the database), so
on POSIX it is created owner-only: files 0600, folders 0700 (`private_umask()` at start, and
explicit modes here, whatever the umask). On Windows the files inherit the ACLs of the
user's profile folder (%LOCALAPPDATA%, Documents: the user, SYSTEM and administrators only);
`os.chmod` there only sets the read-only flag, so it is not used.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = os.name == "posix"


def private_umask() -> None:
    """New files and folders of this process are owner-only (POSIX; a no-op on Windows)."""
    if POSIX:
        os.umask(0o077)


def private_file(path: Path) -> None:
    """Create `path` empty and owner-only if it is missing; make an existing one owner-only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    if POSIX:
        os.chmod(path, FILE_MODE)


def private_folder(path: Path) -> None:
    """`mkdir -p` with owner-only folders (the folders it makes; an existing one is left)."""
    path = Path(path)
    if path.is_dir():
        return
    if not path.parent.is_dir():
        private_folder(path.parent)
    path.mkdir(mode=FOLDER_MODE, exist_ok=True)
    if POSIX:
        os.chmod(path, FOLDER_MODE)


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yields the temporary path to write (already created, empty and owner-only, so nobody
    else can read it even while it is written); on leaving the block it becomes `path`.
    On an error it is removed and the error goes on (a missing folder raises
    FileNotFoundError before the block runs)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
        if POSIX:
            os.chmod(tmp, FILE_MODE)
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
