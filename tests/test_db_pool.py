"""The parked connections in front of asyncpg's pool: a clean connection is reused without
asyncpg's release; a waiting acquirer, a transaction left open, a cancelled statement, a
connection the server closed, one used past max_queries or parked too long all go back
to asyncpg, which rolls back, waits, replaces or closes as it always did."""

import asyncio
from contextlib import asynccontextmanager

import asyncpg
import pytest
from tortoise import connections

from ekinerja_graphql.db import is_postgres
from ekinerja_graphql.db_pool import ParkingPool


@pytest.fixture
def postgres_url(test_settings) -> str:
    url = test_settings.resolved_database_url
    if not is_postgres(url):
        pytest.skip("PostgreSQL only")
    return url


@asynccontextmanager
async def parking_pool(url: str, max_size: int = 2, **options):
    inner = await asyncpg.create_pool(url, min_size=1, max_size=max_size,
                                      max_queries=options.get("max_queries", 50_000))
    pool = ParkingPool(inner, **options)
    try:
        yield pool
    finally:
        await asyncio.wait_for(pool.close(), 10)


async def fetch(pool: ParkingPool, sql: str, *args):
    """As Tortoise runs a statement: acquire, fetch, release in `finally`."""
    connection = await pool.acquire()
    try:
        return await connection.fetchval(sql, *args)
    finally:
        await pool.release(connection)


async def test_tortoise_runs_statements_on_one_parked_connection(database):
    if not is_postgres(database.resolved_database_url):
        pytest.skip("PostgreSQL only")
    db = connections.get("default")
    pids = {(await db.execute_query_dict("SELECT pg_backend_pid() AS pid"))[0]["pid"]
            for _ in range(5)}
    assert isinstance(db._pool, ParkingPool) and db._pool.parked >= 1
    assert len(pids) == 1


async def test_every_waiting_acquirer_gets_a_connection(postgres_url):
    async with parking_pool(postgres_url, max_size=2) as pool:
        answers = await asyncio.wait_for(
            asyncio.gather(*(fetch(pool, "SELECT $1::int FROM pg_sleep(0.005)", n)
                             for n in range(40))), 20)
        assert answers == list(range(40))
        assert pool.parked <= 2


async def test_a_transaction_left_open_is_rolled_back_not_parked(postgres_url):
    async with parking_pool(postgres_url) as pool:
        connection = await pool.acquire()
        await connection.execute("BEGIN; CREATE TEMP TABLE left_open (x int)")
        await pool.release(connection)
        assert pool.parked == 0
        assert await fetch(pool, "SELECT to_regclass('pg_temp.left_open') IS NULL") is True


async def test_a_cancelled_statement_does_not_reach_the_next_one(postgres_url):
    async with parking_pool(postgres_url, max_size=1) as pool:
        sleeping = asyncio.create_task(fetch(pool, "SELECT pg_sleep(5)"))
        await asyncio.sleep(0.2)
        sleeping.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sleeping
        assert await asyncio.wait_for(fetch(pool, "SELECT 41 + 1"), 5) == 42


async def test_a_connection_the_server_closed_is_replaced(postgres_url):
    async with parking_pool(postgres_url, max_size=1) as pool:
        first = await fetch(pool, "SELECT pg_backend_pid()")
        killer = await asyncpg.connect(postgres_url)
        try:
            assert await killer.fetchval("SELECT pg_terminate_backend($1)", first)
        finally:
            await killer.close()
        await asyncio.sleep(0.3)  # the closed socket is read by the loop
        second = await asyncio.wait_for(fetch(pool, "SELECT pg_backend_pid()"), 5)
        assert second != first


async def test_past_max_queries_asyncpg_replaces_the_connection(postgres_url):
    async with parking_pool(postgres_url, max_size=1, max_queries=3) as pool:
        pids = [await fetch(pool, "SELECT pg_backend_pid()") for _ in range(6)]
        assert len(set(pids[:3])) == 1 and pids[3] != pids[0]


async def test_connections_parked_too_long_go_back_to_asyncpg(postgres_url):
    async with parking_pool(postgres_url, max_size=2, idle_seconds=0.5) as pool:
        older, newer = await pool.acquire(), await pool.acquire()
        await pool.release(older)
        await asyncio.sleep(0.3)
        await pool.release(newer)
        assert pool.parked == 2 and pool._pool.get_idle_size() == 0
        await asyncio.sleep(0.35)  # older's time is up (0.65 s parked), newer's is not (0.35 s)
        assert pool.parked == 1 and pool._pool.get_idle_size() == 1
        await asyncio.sleep(0.4)  # no traffic at all: the timer hands back the last one
        assert pool.parked == 0 and pool._pool.get_idle_size() == 2


async def test_close_closes_the_parked_connections(postgres_url):
    async with parking_pool(postgres_url) as pool:
        pid = await fetch(pool, "SELECT pg_backend_pid()")
        assert pool.parked == 1
    watcher = await asyncpg.connect(postgres_url)
    try:
        for _ in range(50):
            if not await watcher.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                                          pid):
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail(f"backend {pid} still open after close()")
    finally:
        await watcher.close()
