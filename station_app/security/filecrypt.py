"""Files at rest: AES-256-GCM with the cryptography package, written atomically.

Format: b"SAF1" | 12-byte nonce | ciphertext with 16-byte tag. The magic and a caller's
context (for scans: the SHA-256 name) are bound as associated data, so a file cannot be
swapped for another without detection. The file key is derived from the data key with HKDF,
so the database key itself is never used by two ciphers.
Writing: temp file in the same folder, fsync, `os.replace`, fsync of the folder.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from station_app.atomic import write_bytes

MAGIC = b"SAF1"
NONCE_BYTES = 12


class DecryptError(Exception):
    """The file is damaged, was made with another key, or is not one of ours."""


def file_key(data_key: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"station-app files v1"
    ).derive(data_key)


def encrypt_bytes(data: bytes, data_key: bytes, aad: bytes = b"") -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(file_key(data_key)).encrypt(nonce, data, MAGIC + aad)


def decrypt_bytes(blob: bytes, data_key: bytes, aad: bytes = b"") -> bytes:
    if blob[: len(MAGIC)] != MAGIC:
        raise DecryptError("not an encrypted station file")
    nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(file_key(data_key)).decrypt(
            nonce, blob[len(MAGIC) + NONCE_BYTES :], MAGIC + aad
        )
    except InvalidTag:
        raise DecryptError("wrong key or damaged file") from None


def write_encrypted(path: Path, data: bytes, key: bytes, *, aad: bytes = b"") -> None:
    """Encrypt `data` into `path` durably and atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, encrypt_bytes(data, key, aad))


def read_decrypted(path: Path, key: bytes, *, aad: bytes = b"") -> bytes:
    """Read and decrypt `path` (DecryptError if damaged or made with another key)."""
    return decrypt_bytes(Path(path).read_bytes(), key, aad)
