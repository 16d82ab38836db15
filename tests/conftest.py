"""Shared fixtures: a real station (SQLite file) in a temp folder, a fixed clock."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# every test runs without a display and without touching the user's real data or keyring:
# the keyring backend (the one outside thing we replace) is a throwaway 0600 file per run,
# inherited by the CLI and app processes the tests start
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("STATION_APP_DATA", None)
_KEYS = tempfile.mkdtemp(prefix="station-test-keys-")
atexit.register(shutil.rmtree, _KEYS, True)
os.environ["STATION_APP_KEY_FILE"] = os.path.join(_KEYS, "keys.json")
os.environ["PYTHON_KEYRING_BACKEND"] = "station_app.security.keystore.ConfigFileKeyring"

from station_app.clock import CHINA_TZ, FixedClock  # noqa: E402
from station_app.domain import Role  # noqa: E402
from station_app.services.operators import add_operator  # noqa: E402
from station_app.services.setup import init_station  # noqa: E402
from station_app.store import Station  # noqa: E402
from station_app.store.models import Operator  # noqa: E402


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=CHINA_TZ))


@pytest.fixture
def station(tmp_path: Path, clock: FixedClock) -> Iterator[Station]:
    st = Station.open(tmp_path / "data", clock=clock)
    yield st
    st.close()


def set_up_test_station(station: Station) -> Operator:
    """The station every test sets up: PT-CSL01 with its administrator 王管理 (PIN 2468)."""
    return init_station(
        station,
        code="PT-CSL01",
        name="长寿路街道人民建议征集工作站",
        district="普陀区",
        street="长寿路街道",
        phone="021-62761234",
        admin_name="王管理",
        admin_pin="2468",
    )


@pytest.fixture
def admin(station: Station) -> Operator:
    return set_up_test_station(station)


@pytest.fixture
def volunteer(station: Station, admin: Operator) -> Operator:
    return add_operator(station, admin, "李志愿", Role.VOLUNTEER, "1357")


@pytest.fixture
def scanner(station: Station, admin: Operator) -> Operator:
    return add_operator(station, admin, "赵扫描", Role.SCANNER, "2580")


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """The offscreen screen is a station's 1366x768 laptop (Qt's default is 800x800), so
    windows are sized and checked as they would be there (`-platform` wins over the
    environment; on a real display the tests keep that display)."""
    args = ["station-app-tests"]
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        screen = Path(__file__).with_name("screen-1366x768.json")
        args += ["-platform", f"offscreen:configfile={screen}"]
    return args
