"""A simulator on a small ministry generated like `ekinerja seed`, and a client pointed at
it in-process. Each test gets a fresh simulator state (tokens, faults, pushes)."""

from datetime import date

import httpx
import pytest

from ekinerja_graphql.config import Settings
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.simulator.app import Simulator, create_simulator_app
from ekinerja_graphql.siasn.simulator.dataset import SimulatedSiasn
from ekinerja_graphql.siasn.simulator.transport import SimulatorTransport, pointed_at

PEGAWAI = 300
AS_OF = date(2026, 11, 23)
SIM_URL = "http://siasn.test"


@pytest.fixture
def simulator() -> Simulator:
    return Simulator(SimulatedSiasn.from_seed(PEGAWAI, 2026, AS_OF))


@pytest.fixture
def client_settings(test_settings: Settings, simulator: Simulator) -> Settings:
    settings = pointed_at(test_settings, SIM_URL, simulator.credentials)
    return settings.model_copy(update={"siasn_retry_initial_seconds": 0.01,
                                       "siasn_retry_max_seconds": 0.05})  # fmt: skip


def in_process_client(settings: Settings, simulator: Simulator, **options) -> SiasnClient:
    transport = SimulatorTransport(create_simulator_app(simulator))
    return SiasnClient(settings, http=httpx.AsyncClient(transport=transport), **options)


@pytest.fixture
async def client(client_settings, simulator):
    async with in_process_client(client_settings, simulator) as client:
        yield client
