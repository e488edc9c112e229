"""What the HTTP benchmarks share: an API process on the benchmark database, and the
ADMIN_PUSAT account they sign in as (granted through admin_assignment, like production)."""

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import httpx

from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.organisasi import JenisUnit
from ekinerja_graphql.models import AdminAssignment, Pegawai, UnitOrganisasi
from ekinerja_graphql.services.admin_assignments import AdminGrant, active_on, grant_admin

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ekinerja_bench"
# Benchmarks only: the API processes they start verify tokens with it.
BENCH_SECRET = "benchmark-secret-not-for-production-0123456789"


def bench_settings(database: str) -> Settings:
    return Settings(database_url=database, jwt_secret=BENCH_SECRET)


async def admin_token(settings: Settings) -> str:
    """A token of the Sekretaris Jenderal (the head of the first eselon I unit: the ministry
    itself is led by the Menteri, no pegawai), made ADMIN_PUSAT if not already (Tortoise
    open)."""
    setjen = await UnitOrganisasi.filter(jenis=JenisUnit.UNIT_ESELON_I).order_by("id").first()
    leader = await Pegawai.get(id=setjen.pemimpin_id)
    held = AdminAssignment.filter(active_on(date.today()), pegawai_id=leader.id,
                                  role=Peran.ADMIN_PUSAT)
    if not await held.exists():
        grant = AdminGrant(leader.nip, Peran.ADMIN_PUSAT, None, date.today(), None, "benchmark")
        await grant_admin(grant, frozenset())
    return mint_token(leader.nip, settings)


def start_server(database: str, port: int, workers: int = 1, **environment: str):
    env = {**os.environ, "DATABASE_URL": database, "EKINERJA_JWT_SECRET": BENCH_SECRET,
           "EKINERJA_LOG_LEVEL": "WARNING", "EKINERJA_GRAPHIQL": "false", **environment}
    command = [sys.executable, "-m", "uvicorn", "--factory", "ekinerja_graphql.app:create_app",
               "--port", str(port), "--workers", str(workers), "--log-level", "warning",
               "--no-access-log"]
    return subprocess.Popen(command, env=env)


async def wait_healthy(base: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(100):
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("API did not become healthy")


@asynccontextmanager
async def running_api(
    database: str, port: int, workers: int = 1
) -> AsyncIterator[subprocess.Popen]:
    """An API process, healthy, for the duration of the block; its `.base` is the URL."""
    server = start_server(database, port, workers)
    server.base = f"http://127.0.0.1:{port}"
    try:
        await wait_healthy(server.base)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)
