"""The one place the OS keyring is touched.

A real OS keyring (Windows Credential Locker, macOS Keychain, Secret Service/KWallet) is used
when one is available. Where there is none (a headless Linux box, CI) the secrets go to a
small JSON file in the user's config folder with 0600 permissions: never inside the data
folder, so a copied or stolen data folder alone opens nothing.
`PYTHON_KEYRING_BACKEND` (keyring's own setting) still chooses a backend explicitly.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import platformdirs

from station_app.atomic import replacing

SERVICE = "station-app"
ENV_KEY_FILE = "STATION_APP_KEY_FILE"


def key_file_path() -> Path:
    """Where the fallback file lives ($STATION_APP_KEY_FILE overrides, e.g. for a service)."""
    if os.environ.get(ENV_KEY_FILE):
        return Path(os.environ[ENV_KEY_FILE]).expanduser()
    return Path(platformdirs.user_config_dir("station-app", appauthor=False)) / "keys.json"


class ConfigFileKeyring(keyring.backend.KeyringBackend):
    """Secrets in a 0600 JSON file in the user's config folder (fallback only)."""

    priority = 0.2  # below every real keyring

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's own is untyped

    def _load(self) -> dict[str, dict[str, str]]:
        path = key_file_path()
        try:
            secrets: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
            return secrets
        except FileNotFoundError:
            return {}

    def _save(self, content: dict[str, dict[str, str]]) -> None:
        path = key_file_path()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with replacing(path) as tmp:
            tmp.touch(mode=0o600)  # never readable by others, not even for a moment
            os.chmod(tmp, 0o600)  # exactly 0600, whatever the umask
            tmp.write_text(json.dumps(content), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        content = self._load()
        content.setdefault(service, {})[username] = password
        self._save(content)

    def delete_password(self, service: str, username: str) -> None:
        content = self._load()
        if username not in content.get(service, {}):
            raise keyring.errors.PasswordDeleteError(username)
        del content[service][username]
        self._save(content)


def backend() -> keyring.backend.KeyringBackend:
    """The OS keyring if there is a real one, else the 0600 file."""
    chosen = keyring.get_keyring()
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return chosen
    # keyring's chainer reports a high priority of its own: judge the backends it chains
    members = getattr(chosen, "backends", None) or [chosen]
    priority = max((_priority(b) for b in members), default=0.0)
    # keyrings.alt's plaintext file and keyring's "fail" backend sit below 1: prefer our own
    # file, whose permissions we control
    return chosen if priority >= 1 else ConfigFileKeyring()


def _priority(candidate: keyring.backend.KeyringBackend) -> float:
    try:
        return float(candidate.priority)
    except Exception:  # a backend that cannot even say how good it is: not usable
        return 0.0


def get_secret(username: str) -> str | None:
    chosen = backend()
    secret = chosen.get_password(SERVICE, username)
    if secret is None and isinstance(chosen, ConfigFileKeyring):
        # a key stored earlier by keyring's own fallback (keyrings.alt's file): still valid
        try:
            secret = keyring.get_keyring().get_password(SERVICE, username)
        except keyring.errors.KeyringError:
            secret = None
    return secret


def set_secret(username: str, secret: str) -> None:
    backend().set_password(SERVICE, username, secret)


def delete_secret(username: str) -> None:
    chosen = backend()
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        chosen.delete_password(SERVICE, username)
    if isinstance(chosen, ConfigFileKeyring):
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.get_keyring().delete_password(SERVICE, username)
