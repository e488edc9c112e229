"""Seed benchmark: 350,000 pegawai into a fresh PostgreSQL database `ekinerja_bench`.

Usage: python benchmarks/seed_benchmark.py [--pegawai N] [--server postgres://...]
Drops and recreates the database, migrates it, seeds it, prints per-stage and total
timings, row counts and peak RSS. The database is left in place for query benchmarks.
"""

import argparse
import asyncio
import resource
import time

import asyncpg
from tortoise import connections

from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import close_db, init_db, migrate_db
from ekinerja_graphql.seed import seed_database
from ekinerja_graphql.seed.tables import TABLES

DATABASE = "ekinerja_bench"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"


class StageClock:
    """Turns progress(stage, done, total) calls into per-stage wall-clock seconds."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.last = self.started
        self.stages: dict[str, float] = {}
        self._printed = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self.last
        self.last = now
        if now - self._printed > 10 or done == total:
            self._printed = now
            print(f"  {now - self.started:7.1f}s  {stage:8s} {done:>9,}/{total:,}", flush=True)


async def recreate_database(server: str) -> None:
    connection = await asyncpg.connect(f"{server}/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await connection.close()


async def table_counts() -> dict[str, int]:
    connection = connections.get("default")
    counts = {}
    for table in TABLES:
        rows = await connection.execute_query_dict(f"SELECT count(*) AS n FROM {table.name}")
        counts[table.name] = rows[0]["n"]
    return counts


async def main(pegawai: int, server: str) -> None:
    settings = Settings(database_url=f"{server}/{DATABASE}")
    started = time.perf_counter()
    await recreate_database(server)
    await migrate_db(settings)
    await init_db(settings)
    prepared = time.perf_counter()
    print(f"database recreated and migrated in {prepared - started:.1f}s; seeding {pegawai:,}")
    clock = StageClock()
    try:
        summary = await seed_database(pegawai, progress=clock)
        counts = await table_counts()
    finally:
        await close_db()
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("\nstage seconds:", {stage: round(s, 1) for stage, s in clock.stages.items()})
    print(f"seed_database total: {summary.elapsed_seconds:.1f}s; peak RSS {peak_rss_mib:.0f} MiB")
    print("rows:")
    for table, count in counts.items():
        print(f"  {table:22s} {count:>12,}")
    print(f"  {'total':22s} {sum(counts.values()):>12,}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pegawai", type=int, default=350_000)
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL URL without database")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.pegawai, arguments.server))
