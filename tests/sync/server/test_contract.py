"""Contract conformance: schemathesis drives the server from the served /openapi.json.

Bounded (few examples per operation, no shrinking) so the whole module takes seconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, settings

from sync import CONTRACT_PATH
from sync.server.testing import HQServer


@pytest.fixture(scope="module")
def contract_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    server = HQServer(tmp_path_factory.mktemp("hq-contract"), test_faults=False)
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def station_token(contract_server: HQServer) -> str:
    return contract_server.enrol("CONTRACT")


# Loaded from the file the server serves (checked below), so pytest can collect it early.
schema = schemathesis.openapi.from_path(CONTRACT_PATH)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_conforms_to_contract(
    case: schemathesis.Case, contract_server: HQServer, station_token: str
) -> None:
    case.call_and_validate(
        base_url=contract_server.url,
        headers={"Authorization": f"Bearer {station_token}"},
        timeout=10,
        # Schema-valid but semantically wrong requests (random cursor, a body that does not
        # hash to the sha256 in the path, a Content-Range that does not fit) are refused by
        # design, so "positive data must be accepted" does not hold for this API.
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )


def test_served_contract_is_the_yaml(contract_server: HQServer) -> None:
    import requests

    served = requests.get(contract_server.url + "/openapi.json", timeout=10).json()
    assert served == yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
    assert served["openapi"].startswith("3.1")
