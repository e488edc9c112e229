"""`ekinerja demo`: everything on one machine with nothing installed but Python.

SQLite in data_dir, an embedded Redis (unless REDIS_URL is set), one dramatiq
worker process and the API, stopped together on Ctrl-C or SIGTERM.
"""

import asyncio
import os
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated

import typer
import uvicorn

from ekinerja_graphql.auth import installation_secret
from ekinerja_graphql.cli import processes
from ekinerja_graphql.cli.banner import print_banner
from ekinerja_graphql.cli.database import (
    DEFAULT_PEGAWAI,
    console,
    seed_absensi_with_progress,
    seed_database_with_progress,
)
from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.db import MigrationRefused, database, migrate_db
from ekinerja_graphql.services.demo_accounts import (
    DemoAccount,
    find_demo_accounts,
    grant_demo_admins,
)
from ekinerja_graphql.siasn.simulator.app import Credentials
from ekinerja_graphql.siasn.simulator.transport import simulator_settings

HOST = "127.0.0.1"
DEMO_BULAN = date(2026, 10, 1)  # the seed's last whole month (its SKPs are of 2026)


def demo(
    port: Annotated[int, typer.Option(help="TCP port of the API on 127.0.0.1.")] = 8000,
    pegawai: Annotated[
        int, typer.Option(min=1, help="Pegawai to seed when the database is empty.")
    ] = DEFAULT_PEGAWAI,
) -> None:
    """Migrate and seed a local database, start Redis, a worker and the API."""
    processes.exit_on_sigterm()
    settings = with_demo_secret(get_settings())
    if "EKINERJA_GRAPHIQL" not in os.environ:
        settings = settings.model_copy(update={"graphiql": True})  # the demo is for exploring
    try:
        accounts, seeded = asyncio.run(prepare_database(settings, pegawai))
        simulator_port = processes.free_port()
        simulator = processes.start_simulator(seeded, simulator_port)
        with processes.redis_for(settings) as redis_url:
            settings = share_redis_url(settings, redis_url)
            grace_ms = processes.worker_grace_ms()
            worker = None
            try:
                processes.wait_for_port(simulator_port, simulator)
                settings = share_simulator(settings, f"http://{HOST}:{simulator_port}")
                console.print(f"SIASN simulator on http://{HOST}:{simulator_port} "
                              "(mulaiSinkronisasi pulls from it)")  # fmt: skip
                worker = processes.start_dramatiq(redis_url, processes=1, threads=2,
                                                  shutdown_grace_ms=grace_ms)  # fmt: skip
                request_planner_statistics()
                asyncio.run(request_tukin(settings))
                asyncio.run(serve(settings, port, accounts))
            finally:
                console.print("stopping the worker, the SIASN simulator and Redis ...")
                if worker is not None:
                    processes.stop(worker, grace_ms / 1000)
                processes.stop(simulator)
    except KeyboardInterrupt:
        pass
    except MigrationRefused as refused:
        console.print(f"[red]cannot migrate the demo database:[/] {refused}")
        raise typer.Exit(1) from None
    console.print("demo stopped")


async def prepare_database(settings: Settings, pegawai: int) -> tuple[list[DemoAccount], int]:
    """The demo accounts, and how many pegawai the database was seeded with (the simulator
    generates the same ministry)."""
    await migrate_db(settings)
    async with database(settings):
        from ekinerja_graphql.models import Pegawai

        empty = not await Pegawai.exists()
    if empty:
        console.print(f"seeding {pegawai:,} pegawai into {settings.resolved_database_url}")
        await seed_database_with_progress(settings, pegawai)
        await seed_absensi_with_progress(settings, DEMO_BULAN, pegawai)
    async with database(settings):
        accounts = await find_demo_accounts()
        await grant_demo_admins(accounts)
        return accounts, await Pegawai.all().count()


def with_demo_secret(settings: Settings) -> Settings:
    """The installation's own random secret (data_dir/jwt-secret) unless one is configured;
    exported so that the worker child verifies the same tokens."""
    if settings.jwt_secret or settings.jwt_public_key:
        return settings
    os.environ["EKINERJA_JWT_SECRET"] = secret = installation_secret(settings.data_dir)
    get_settings.cache_clear()
    return settings.model_copy(update={"jwt_secret": secret})


def share_redis_url(settings: Settings, redis_url: str) -> Settings:
    """The worker child, the broker and any later get_settings() use the same Redis."""
    os.environ["REDIS_URL"] = redis_url
    get_settings.cache_clear()
    return settings.model_copy(update={"redis_url": redis_url})


def share_simulator(settings: Settings, base_url: str) -> Settings:
    """The API and the worker child reach SIASN at the demo's simulator."""
    update = simulator_settings(base_url, Credentials())
    os.environ.update({f"EKINERJA_{name.upper()}": value for name, value in update.items()})
    get_settings.cache_clear()
    return settings.model_copy(update=update)


async def request_tukin(settings: Settings) -> None:
    """The demo month's tukin, computed by the worker once (Pegawai.tukin reads it)."""
    from ekinerja_graphql.errors import Conflict
    from ekinerja_graphql.models import Tukin
    from ekinerja_graphql.services.access.peran import Actor
    from ekinerja_graphql.services.access.viewer import operator_viewer
    from ekinerja_graphql.services.tukin import runs
    from workers.tukin import hitung_tukin

    async with database(settings):
        if await Tukin.filter(bulan=DEMO_BULAN).exists():
            return
        try:
            run = await runs.mulai(Actor(operator_viewer("demo"), date.today()), DEMO_BULAN, None)
        except Conflict:
            return  # a run of the month is going already
    hitung_tukin.send(run.id)
    month = f"{DEMO_BULAN:%Y-%m}"
    console.print(f"tukin of {month} queued for the worker (TukinRun {run.id}); read it with "
                  f'{{ me {{ tukin(bulan: "{month}") {{ jumlah rincian {{ uraian }} }} }} }}')


def request_planner_statistics() -> None:
    # Imported late: the broker reads REDIS_URL when it is first imported.
    from workers.maintenance import analyze_database

    analyze_database.send()


class AnnouncingServer(uvicorn.Server):
    """Prints the banner once the socket listens, so every URL in it already answers."""

    def __init__(self, config: uvicorn.Config, announce: Callable[[], None]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets)
        if self.started:
            self._announce()


async def serve(settings: Settings, port: int, accounts: list[DemoAccount]) -> None:
    from ekinerja_graphql.app import create_app

    config = uvicorn.Config(
        create_app(settings), host=HOST, port=port, log_level=settings.log_level.lower()
    )
    announce = partial(print_banner, f"http://{HOST}:{port}", accounts, settings)
    await AnnouncingServer(config, announce).serve()
