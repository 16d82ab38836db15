"""Scans at rest: AES-GCM, content-addressed, deduplicated, tamper-evident."""

from __future__ import annotations

import hashlib
import os

import pytest

from station_app.paths import DataDir
from station_app.security.filecrypt import DecryptError, read_decrypted, write_encrypted
from station_app.security.messages import ScanDamaged
from station_app.security.scanstore import load_scan, scan_path, store_scan

from .helpers import MARK_NAME


def test_store_and_load_scan(data: DataDir, key: bytes) -> None:
    content = ("信封上写着 " + MARK_NAME).encode("utf-8") * 100
    sha = store_scan(data, key, content)
    assert sha == hashlib.sha256(content).hexdigest()
    path = scan_path(data, sha)
    assert path == data.scans / sha[:2] / sha and path.exists()
    assert MARK_NAME.encode() not in path.read_bytes()
    assert load_scan(data, key, sha) == content
    mtime = path.stat().st_mtime_ns
    assert store_scan(data, key, content) == sha  # deduplicated: not written again
    assert path.stat().st_mtime_ns == mtime
    assert [p.name for p in path.parent.iterdir()] == [sha]  # no temp files left


def test_tampered_or_foreign_scan_is_refused(data: DataDir, key: bytes) -> None:
    sha = store_scan(data, key, b"letter page")
    with pytest.raises(ScanDamaged):
        load_scan(data, os.urandom(32), sha)
    path = scan_path(data, sha)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(ScanDamaged):
        load_scan(data, key, sha)
    assert store_scan(data, key, b"letter page") == sha  # a damaged copy is rewritten
    assert load_scan(data, key, sha) == b"letter page"


def test_file_bound_to_its_context(tmp_path, key: bytes) -> None:
    path = tmp_path / "f.bin"
    write_encrypted(path, b"hello", key, aad=b"a")
    assert read_decrypted(path, key, aad=b"a") == b"hello"
    with pytest.raises(DecryptError):
        read_decrypted(path, key, aad=b"b")
