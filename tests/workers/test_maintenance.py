"""analyze_database through a real Redis broker and a real (threaded) dramatiq worker."""

import asyncio
import time

import pytest
from dramatiq import Worker
from tortoise.connection import get_connection

from ekinerja_graphql.db import is_postgres
from workers.maintenance import analyze_database

JOIN_TIMEOUT_MS = 60_000


async def last_analyze_of_pegawai():
    rows = await get_connection("default").execute_query_dict(
        "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'pegawai'"
    )
    return rows[0]["last_analyze"] if rows else None


async def sqlite_stat1_exists() -> bool:
    rows = await get_connection("default").execute_query_dict(
        "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"
    )
    return bool(rows)


def run_through_worker(worker: Worker, messages: int = 1) -> None:
    # No retries: a failing actor should fail the test now, not after minutes of backoff.
    for _ in range(messages):
        analyze_database.send_with_options(max_retries=0)
    worker.broker.join(analyze_database.queue_name, timeout=JOIN_TIMEOUT_MS)
    worker.join()


async def test_analyze_database_refreshes_postgres_statistics(worker, database):
    if not is_postgres(database.resolved_database_url):
        pytest.skip("PostgreSQL only")
    before = await last_analyze_of_pegawai()
    started = time.time()
    await asyncio.to_thread(run_through_worker, worker)
    # PostgreSQL publishes a backend's statistics up to a second after its transaction.
    for _ in range(50):
        after = await last_analyze_of_pegawai()
        if after is not None and after != before and after.timestamp() >= started - 1:
            return
        await asyncio.sleep(0.2)
    pytest.fail(f"pegawai was not analyzed: last_analyze {before} -> {after}")


async def test_analyze_database_writes_sqlite_statistics(worker, database):
    if is_postgres(database.resolved_database_url):
        pytest.skip("SQLite only")
    if await sqlite_stat1_exists():
        await get_connection("default").execute_script("DROP TABLE sqlite_stat1")
    await asyncio.to_thread(run_through_worker, worker)
    assert await sqlite_stat1_exists()


async def test_concurrent_actors_each_keep_their_own_database_context(worker, outcomes):
    """Six messages at once on three threads share the worker's event loop: each runs in
    the worker's database context and leaves it without touching the others'."""
    await asyncio.to_thread(run_through_worker, worker, 6)
    assert outcomes.seen == [None] * 6
