"""The data key: created at setup, kept in the OS keyring, recoverable with a recovery key.

- The data key is 32 random bytes. SQLCipher uses it raw for the database; scans use a
  subkey derived from it (`filecrypt`).
- The keyring entry is named by a hash of the data folder's path, so several data folders on
  one PC each have their own key.
- `keyinfo.json` in the data folder holds no secret: the key's id (an HMAC, to tell a wrong
  key from a missing one without touching the database) and the data key wrapped with a key
  derived from the recovery key (scrypt, then AES-GCM). With the recovery key, `recover()`
  unwraps the data key on a new PC and stores it in that PC's keyring.
- The recovery key is shown once after setup: `pending_recovery_key()` returns it (it waits
  in the keyring, next to the data key) until `acknowledge_recovery_key()` is called.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from filelock import FileLock

from station_app.atomic import replacing
from station_app.paths import DataDir
from station_app.security import dbcrypt, keystore
from station_app.security.messages import KeyMissing, KeyWrong, NoKeyHeader, RecoveryKeyWrong

HEADER_NAME = "keyinfo.json"
HEADER_FORMAT = "station-app-key/1"
KEY_BYTES = 32
RECOVERY_BYTES = 20  # 160 bits: 32 Crockford characters, 8 groups of 4
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_WRAP_AAD = b"station-app data key v1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def header_path(data: DataDir) -> Path:
    return data.root / HEADER_NAME


def keyring_user(data: DataDir) -> str:
    """The keyring entry's name for this data folder (a hash: the path itself stays private)."""
    digest = hashlib.sha256(str(data.root.resolve()).encode("utf-8")).hexdigest()
    return f"data-{digest[:24]}"


def key_id(key: bytes) -> str:
    return hmac.new(key, b"station-app key id", hashlib.sha256).hexdigest()[:32]


# ---- recovery key text ------------------------------------------------------------------


def format_recovery_key(raw: bytes) -> str:
    bits = int.from_bytes(raw, "big")
    chars = len(raw) * 8 // 5
    text = "".join(_CROCKFORD[(bits >> (5 * (chars - 1 - i))) & 31] for i in range(chars))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Crockford base32, forgiving: any case, dashes/spaces ignored, O=0, I/L=1."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(ch not in _CROCKFORD for ch in cleaned):
        raise RecoveryKeyWrong()
    bits = 0
    for ch in cleaned:
        bits = (bits << 5) | _CROCKFORD.index(ch)
    return bits.to_bytes(RECOVERY_BYTES, "big")


def _kek(recovery: bytes, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **_SCRYPT).derive(recovery)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def wrap(key: bytes, recovery: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapped = AESGCM(_kek(recovery, salt)).encrypt(nonce, key, _WRAP_AAD)
    return {
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }


def unwrap(blob: dict[str, Any], recovery: bytes) -> bytes:
    salt, nonce = base64.b64decode(blob["salt"]), base64.b64decode(blob["nonce"])
    kek = Scrypt(salt=salt, length=32, n=blob["n"], r=blob["r"], p=blob["p"]).derive(recovery)
    try:
        return AESGCM(kek).decrypt(nonce, base64.b64decode(blob["wrapped"]), _WRAP_AAD)
    except InvalidTag:
        raise RecoveryKeyWrong() from None


# ---- header file ------------------------------------------------------------------------


def read_header(data: DataDir) -> dict[str, Any] | None:
    try:
        header: dict[str, Any] = json.loads(header_path(data).read_text(encoding="utf-8"))
        return header
    except FileNotFoundError:
        return None


def _write_header(data: DataDir, key: bytes, recovery: bytes) -> None:
    header = {
        "format": HEADER_FORMAT,
        "cipher": "sqlcipher4 raw key; scans aes-256-gcm (hkdf subkey)",
        "key_id": key_id(key),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "recovery": wrap(key, recovery),
    }
    with replacing(header_path(data)) as tmp:
        tmp.write_text(json.dumps(header, indent=1), encoding="utf-8")


def is_folder_key(root: Path, key: bytes) -> bool:
    """Whether the key header in the data folder `root` names `key` (then a file it cannot
    open is damaged, not locked with another key)."""
    try:
        header = json.loads((root / HEADER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return hmac.compare_digest(key_id(key), str(header.get("key_id", "")))


# ---- keyring entries --------------------------------------------------------------------


def _keyring_key(data: DataDir) -> bytes | None:
    secret = keystore.get_secret(keyring_user(data))
    if not secret:
        return None
    raw = base64.b64decode(secret.removeprefix("v1:"))
    return raw if len(raw) == KEY_BYTES else None


def _store_key(data: DataDir, key: bytes) -> None:
    keystore.set_secret(keyring_user(data), "v1:" + _b64(key))


def pending_recovery_key(data: DataDir) -> str | None:
    """The recovery key to show once after setup (or after a new one was made), else None."""
    return keystore.get_secret(keyring_user(data) + ":recovery")


def acknowledge_recovery_key(data: DataDir) -> None:
    """The user has written the recovery key down: forget it here for good."""
    keystore.delete_secret(keyring_user(data) + ":recovery")


def _new_pending_recovery(data: DataDir) -> bytes:
    existing = pending_recovery_key(data)
    if existing:  # a set-up that was interrupted: keep the key the user may already have seen
        return parse_recovery_key(existing)
    recovery = secrets.token_bytes(RECOVERY_BYTES)
    keystore.set_secret(keyring_user(data) + ":recovery", format_recovery_key(recovery))
    return recovery


# ---- the key for a data folder ----------------------------------------------------------


def ensure_key(data: DataDir) -> bytes:
    """The data key of this folder, creating it (new folder) or encrypting an old
    unencrypted database first. Raises KeyMissing / KeyWrong and changes nothing when this
    PC cannot open the data."""
    header = read_header(data)
    if header is not None:
        key = _keyring_key(data)
        if key is None:
            raise KeyMissing()
        if not hmac.compare_digest(key_id(key), header["key_id"]):
            raise KeyWrong()
        if dbcrypt.file_state(data.database) == "plain":  # a migration interrupted before
            with FileLock(str(data.root / ".keyinfo.lock"), timeout=60):
                if dbcrypt.file_state(data.database) == "plain":
                    dbcrypt.encrypt_in_place(data.database, key)
        dbcrypt.remove_leftovers(data.database)
        return key
    data.root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(data.root / ".keyinfo.lock"), timeout=60):
        if read_header(data) is not None:  # another process set it up meanwhile
            return ensure_key(data)
        state = dbcrypt.file_state(data.database)
        key = _keyring_key(data)
        if state == "encrypted":
            # header lost but the keyring still has the key: check it, then write a new header
            if key is None:
                raise KeyMissing()
            if not dbcrypt.opens_with(data.database, key):
                raise KeyWrong()
        if key is None:
            key = secrets.token_bytes(KEY_BYTES)
            _store_key(data, key)  # keyring first: a crash now leaves a usable key behind
        _write_header(data, key, _new_pending_recovery(data))
        if state == "plain":
            dbcrypt.encrypt_in_place(data.database, key)
        return key


def recover(data: DataDir, recovery_key: str) -> bytes:
    """On a new PC: unwrap the data key with the recovery key and store it in the keyring."""
    header = read_header(data)
    if header is None:
        raise NoKeyHeader(path=str(header_path(data)))
    key = unwrap(header["recovery"], parse_recovery_key(recovery_key))
    if not hmac.compare_digest(key_id(key), header["key_id"]):
        raise RecoveryKeyWrong()
    # the key header names this key, so it is the right one: a file it cannot open is
    # damaged, not locked with another key (salvage and restore then need this key)
    _store_key(data, key)
    return key


def new_recovery_key(data: DataDir, key: bytes) -> str:
    """Replace the recovery key (the old one stops working); returns the new one to show."""
    header = read_header(data)
    if header is None or not hmac.compare_digest(key_id(key), header["key_id"]):
        raise KeyWrong()
    recovery = secrets.token_bytes(RECOVERY_BYTES)
    _write_header(data, key, recovery)
    acknowledge_recovery_key(data)
    return format_recovery_key(recovery)
