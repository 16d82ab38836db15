"""Fixtures for the data-protection tests: an in-memory keyring (the one thing mocked) and
encrypted stations in temp folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

from station_app.clock import FixedClock
from station_app.domain import Role
from station_app.paths import DataDir
from station_app.security.keys import ensure_key
from station_app.services.operators import add_operator
from station_app.store import Station
from station_app.store.models import Operator
from tests.conftest import set_up_test_station


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A test keyring: a dict, priority above any real one."""

    priority = 20  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def test_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("STATION_APP_KEY_FILE", str(tmp_path / "user-config" / "keys.json"))
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def data(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture
def key(data: DataDir) -> bytes:
    k = ensure_key(data)
    assert k is not None
    return k


@pytest.fixture
def sstation(data: DataDir, key: bytes, clock: FixedClock) -> Iterator[Station]:
    st = Station.open(data.root, clock=clock, key=key)
    yield st
    st.close()


@pytest.fixture
def sadmin(sstation: Station) -> Operator:
    return set_up_test_station(sstation)


@pytest.fixture
def svolunteer(sstation: Station, sadmin: Operator) -> Operator:
    return add_operator(sstation, sadmin, "李志愿", Role.VOLUNTEER, "1357")


@pytest.fixture
def sscanner(sstation: Station, sadmin: Operator) -> Operator:
    return add_operator(sstation, sadmin, "赵扫描", Role.SCANNER, "8642")
