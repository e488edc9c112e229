"""A simulator on a small ministry generated like `ekinerja seed`, and a client pointed at
it in-process. Each test gets a fresh simulator state (tokens, faults, pushes)."""

import os
import socket
import threading
from datetime import date

import httpx
import pytest
import uvicorn

from ekinerja_graphql.config import Settings
from ekinerja_graphql.seed import seed_database
from ekinerja_graphql.services.demo_accounts import find_demo_accounts, grant_demo_admins
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.simulator.app import Simulator, create_simulator_app
from ekinerja_graphql.siasn.simulator.dataset import SimulatedSiasn
from ekinerja_graphql.siasn.simulator.transport import (
    SimulatorTransport,
    pointed_at,
    simulator_settings,
)
from tests.conftest import SEED, truncate_all
from tests.support.workers import running_worker

PEGAWAI = 300
AS_OF = date(2026, 11, 23)
SIM_URL = "http://siasn.test"


@pytest.fixture
def simulator() -> Simulator:
    return Simulator(SimulatedSiasn.from_seed(PEGAWAI, SEED, AS_OF))


@pytest.fixture
def client_settings(test_settings: Settings, simulator: Simulator) -> Settings:
    settings = pointed_at(test_settings, SIM_URL, simulator.credentials)
    # The simulator answers in-process in microseconds: no rate limit worth waiting for.
    return settings.model_copy(update={"siasn_retry_initial_seconds": 0.01,
                                       "siasn_retry_max_seconds": 0.05,
                                       "siasn_requests_per_second": 1000,
                                       "sync_batch_size": 50})  # fmt: skip


def in_process_client(settings: Settings, simulator: Simulator, **options) -> SiasnClient:
    transport = SimulatorTransport(create_simulator_app(simulator))
    return SiasnClient(settings, http=httpx.AsyncClient(transport=transport), **options)


@pytest.fixture
async def client(client_settings, simulator):
    async with in_process_client(client_settings, simulator) as client:
        yield client


@pytest.fixture
def served(simulator):
    """The simulator on 127.0.0.1 over HTTP, for the length of a test."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_simulator_app(simulator), log_level="critical")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.01)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture
async def seeded_like_simulator(database):
    await truncate_all()  # also makes the shared seeded_db reseed after this test
    await seed_database(PEGAWAI, random_seed=SEED, as_of=AS_OF)
    await grant_demo_admins(await find_demo_accounts())


@pytest.fixture
def siasn_worker(redis_settings, served, simulator, database):
    settings = pointed_at(redis_settings, served, simulator.credentials).model_copy(
        update={"siasn_requests_per_second": 1000})  # fmt: skip
    with running_worker(settings) as worker:
        yield worker


@pytest.fixture
def process_env(redis_settings, served, simulator, tmp_path) -> dict[str, str]:
    """The environment of an `ekinerja` process on the test database and Redis, its SIASN
    the served simulator."""
    siasn = {f"EKINERJA_{name.upper()}": value
             for name, value in simulator_settings(served, simulator.credentials).items()}
    return {**os.environ, **siasn, "REDIS_URL": redis_settings.redis_url,
            "EKINERJA_DATABASE_URL": redis_settings.resolved_database_url,
            "EKINERJA_DATA_DIR": str(tmp_path), "EKINERJA_JWT_SECRET": "k" * 40,
            "EKINERJA_SIASN_RETRY_INITIAL_SECONDS": "0.05"}  # fmt: skip
