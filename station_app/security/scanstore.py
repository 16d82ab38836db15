"""Stored scans: content-addressed by the plaintext's SHA-256, encrypted at rest.

`store_scan(data, key, content) -> sha256` writes `scans/<sha[:2]>/<sha>` once (the same
scan is never stored twice) and `load_scan(data, key, sha256)` gives the bytes back, checked
against their name. The `scan` table row is the caller's (postbox/OCR) business.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from station_app.paths import DataDir
from station_app.security.filecrypt import DecryptError, read_decrypted, write_encrypted
from station_app.security.messages import ScanDamaged


def scan_path(data: DataDir, sha256: str) -> Path:
    sha = sha256.lower()
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError("not a SHA-256 hex digest")
    return data.scans / sha[:2] / sha


def store_scan(data: DataDir, key: bytes, content: bytes) -> str:
    """Encrypt and store `content` (deduplicated); returns its SHA-256 (hex)."""
    sha = hashlib.sha256(content).hexdigest()
    path = scan_path(data, sha)
    if path.exists():
        try:
            load_scan(data, key, sha)
            return sha
        except ScanDamaged:
            pass  # rewrite a damaged copy with the good bytes we have in hand
    write_encrypted(path, content, key, aad=sha.encode("ascii"))
    return sha


def load_scan(data: DataDir, key: bytes, sha256: str) -> bytes:
    """The plaintext of a stored scan (ScanDamaged if it is damaged or of another key)."""
    sha = sha256.lower()
    try:
        content = read_decrypted(scan_path(data, sha), key, aad=sha.encode("ascii"))
    except DecryptError:
        raise ScanDamaged(sha=sha) from None
    if hashlib.sha256(content).hexdigest() != sha:
        raise ScanDamaged(sha=sha)
    return content


def has_scan(data: DataDir, sha256: str) -> bool:
    return scan_path(data, sha256).exists()


def delete_scan_file(data: DataDir, sha256: str) -> bool:
    """Remove a stored scan (ciphertext, so deleting is enough). True if a file was removed."""
    path = scan_path(data, sha256)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def put_station_scan(data: DataDir, key: bytes | None, content: bytes) -> str:
    """Store a scan for a station: encrypted with its data key, or (a station opened without
    a key: an unencrypted development database) as a plain file. Returns the SHA-256."""
    if key is not None:
        return store_scan(data, key, content)
    from station_app.atomic import write_bytes

    sha = hashlib.sha256(content).hexdigest()
    path = scan_path(data, sha)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, content)
    return sha


def get_station_scan(data: DataDir, key: bytes | None, sha256: str) -> bytes:
    """A scan stored by `put_station_scan`."""
    if key is not None:
        return load_scan(data, key, sha256)
    return scan_path(data, sha256).read_bytes()
