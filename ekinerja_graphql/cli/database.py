import asyncio
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.db import MigrationRefused, database, migrate_db

DEFAULT_PEGAWAI = 2_000
console = Console()


def migrate() -> None:
    """Apply pending database migrations (the only way the schema is created)."""
    settings = get_settings()
    try:
        asyncio.run(migrate_db(settings))
    except MigrationRefused as refused:
        console.print(f"[red]cannot migrate:[/] {refused}")
        raise typer.Exit(1) from None
    console.print(f"[green]migrated[/] {settings.resolved_database_url.split('@')[-1]}")


def seed(
    pegawai: Annotated[int, typer.Option(min=1, help="How many pegawai to generate.")] = (
        DEFAULT_PEGAWAI
    ),
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same data).")] = (
        2026
    ),
    tahun: Annotated[int, typer.Option(help="Performance year of the SKPs.")] = 2026,
    absensi: Annotated[str | None, typer.Option(
        "--absensi", metavar="YYYY-MM",
        help="Also generate this month's daily attendance for every pegawai (replacing the "
        "month's rows); on a seeded database only the month is generated.",
    )] = None,  # fmt: skip
) -> None:
    """Fill an empty, migrated database with a deterministic, realistic ministry; with
    --absensi also a month of daily attendance (only the month on a seeded database)."""
    from ekinerja_graphql.domain.tukin.bulan import parse_bulan
    from ekinerja_graphql.seed import SeedError

    try:
        bulan = parse_bulan(absensi) if absensi is not None else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--absensi") from None
    try:
        if bulan is None:
            asyncio.run(seed_database_with_progress(get_settings(), pegawai, seed, tahun))
        else:
            asyncio.run(seed_absensi_with_progress(get_settings(), bulan, pegawai, seed, tahun))
    except SeedError as error:
        console.print(f"[red]cannot seed:[/] {error}")
        raise typer.Exit(1) from None


async def seed_database_with_progress(
    settings: Settings, pegawai: int, random_seed: int = 2026, tahun: int = 2026
) -> None:
    from ekinerja_graphql.seed import seed_database
    from ekinerja_graphql.services.maintenance import refresh_planner_statistics

    async with database(settings):
        with SeedProgress() as report:
            summary = await seed_database(
                pegawai, random_seed=random_seed, tahun=tahun, as_of=date(tahun, 11, 23),
                progress=report,
            )
        await refresh_planner_statistics()
    console.print(f"[green]seeded[/] {summary}")


async def seed_absensi_with_progress(
    settings: Settings, bulan: date, pegawai: int, random_seed: int = 2026, tahun: int = 2026
) -> None:
    """A month of attendance; an empty database gets the ministry first."""
    from tortoise import connections

    from ekinerja_graphql.seed.absensi import seed_absensi
    from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja

    async with database(settings):
        rows = await connections.get("default").execute_query_dict(
            "SELECT count(*) AS n FROM pegawai"
        )
        seeded = rows[0]["n"]
    if seeded:
        console.print(f"database holds {seeded:,} pegawai: generating only the month")
    else:
        await seed_database_with_progress(settings, pegawai, random_seed, tahun)
    async with database(settings):
        with SeedProgress() as report:
            summary = await seed_absensi(
                bulan, jadwal_kerja(settings), random_seed=random_seed, progress=report
            )
    console.print(f"[green]seeded[/] {summary}")


class SeedProgress:
    """A Rich progress bar with one line per seeding stage; the instance is the callback."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console,
        )
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> "SeedProgress":
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)
