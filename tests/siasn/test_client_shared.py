"""The client over a real socket (uvicorn serving the simulator), and several clients, as
several worker processes would be, sharing tokens and the concurrency limit in Redis."""

import asyncio

import pytest
import redis.asyncio as aioredis
import uvicorn

from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.limits import SharedLimiter
from ekinerja_graphql.siasn.simulator.faults import Fault
from ekinerja_graphql.siasn.simulator.transport import pointed_at
from ekinerja_graphql.siasn.tokens import RedisTokenCache
from tests.siasn.conftest import in_process_client


@pytest.fixture
def socket_settings(client_settings, served, simulator):
    return pointed_at(client_settings, served, simulator.credentials)


def some_nip(simulator) -> str:
    return sorted(simulator.data.pns)[7]


async def test_a_reset_and_a_slow_answer_over_a_socket_are_retried(socket_settings, simulator):
    settings = socket_settings.model_copy(update={"siasn_read_timeout_seconds": 0.3})
    simulator.faults.latency_seconds = 1.0
    simulator.faults.inject(Fault.RESET, Fault.LATENCY)
    async with SiasnClient(settings) as client:
        found = await client.data_utama(some_nip(simulator))
    assert found.nip_baru == some_nip(simulator)
    assert simulator.requests["api"] == 3


@pytest.fixture
async def shared_redis(redis_settings):
    client = aioredis.from_url(redis_settings.redis_url)
    prefix = f"test-siasn-{id(client)}"
    yield client, prefix
    keys = [key async for key in client.scan_iter(f"{prefix}:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_workers_share_one_token_fetch_and_one_concurrency_limit(
    client_settings, simulator, shared_redis, redis_settings
):
    redis_client, prefix = shared_redis
    simulator.faults.base_latency_seconds = 0.05
    settings = client_settings.model_copy(update={"siasn_max_concurrency": 2})
    clients = [in_process_client(
        settings, simulator, token_cache=RedisTokenCache(redis_client, prefix),
        limiter=SharedLimiter(redis_settings.redis_url, 2, 1000, key=prefix))
        for _ in range(3)]  # fmt: skip
    nips = sorted(simulator.data.pns)[:30]
    found = await asyncio.gather(*(clients[n % 3].data_utama(nip) for n, nip in enumerate(nips)))
    for client in clients:
        await client.__aexit__(None, None, None)
    assert [pns.nip_baru for pns in found] == nips
    assert (len(simulator.apim_tokens), len(simulator.sso_tokens)) == (1, 1)
    assert 1 <= simulator.most_in_flight <= 2  # 30 calls from 3 clients at once


async def test_the_siasn_sim_command_serves_what_it_prints(monkeypatch, client_settings):
    from typer.testing import CliRunner

    from ekinerja_graphql.cli import app

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app, **options))
    result = CliRunner().invoke(app, ["siasn-sim", "--pegawai", "100", "--port", "8912"])
    assert result.exit_code == 0, result.output
    printed = dict(line.strip().split("=", 1) for line in result.output.splitlines()[1:])
    assert printed["EKINERJA_SIASN_API_URL"] == "http://127.0.0.1:8912/apisiasn/1.0"
    assert served["port"] == 8912
    simulator = served["app"].state.simulator
    assert len(simulator.data.pns) == 100
    async with in_process_client(client_settings, simulator) as client:
        assert (await client.ref_unor()).items
