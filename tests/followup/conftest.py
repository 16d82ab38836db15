"""Follow-up fixtures: the sync tests' loopback HQ server and enrolled station (imported, not
copied), with a volunteer at the station."""

from __future__ import annotations

import pytest

from station_app.domain import Role
from station_app.services.operators import add_operator
from station_app.store.models import Operator
from tests.sync.client.conftest import StationUnderTest, hq, sut  # noqa: F401  (fixtures)


@pytest.fixture
def helper(sut: StationUnderTest) -> Operator:  # noqa: F811
    return add_operator(sut.station, sut.admin, "李志愿", Role.VOLUNTEER, "1357")
