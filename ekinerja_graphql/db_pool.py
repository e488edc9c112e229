"""asyncpg's pool with a stack of idle connections in front of it: Tortoise's asyncpg engine
plus that stack.

Every statement acquires and releases a connection, and asyncpg's release runs a shielded
task and a loop iteration: about 40 µs of CPU, more than a small statement takes on a held
connection (benchmarks/RESULTS.md, sixth stop). Here a clean released connection
is parked, and the next acquire takes it back without an await. asyncpg's pool still opens,
counts and closes the connections: it gets one back whenever somebody waits in it, when
the connection is not clean, and when it has been parked for `idle_seconds` (a timer).
"""

import asyncio
import logging
import time
from collections import deque
from typing import Any

from asyncpg import InterfaceError
from tortoise.backends.asyncpg.client import AsyncpgDBClient

logger = logging.getLogger(__name__)

MAX_QUERIES = 50_000  # asyncpg's default: past it, its pool replaces the connection
IDLE_SECONDS = 60.0  # then asyncpg's own idle timer (300 s) closes it


class ParkingPool:
    """What Tortoise calls on a pool (acquire, release, expire_connections, close,
    terminate), over an `asyncpg.Pool` that only this object uses."""

    def __init__(self, pool: Any, max_queries: int = MAX_QUERIES,
                 idle_seconds: float = IDLE_SECONDS) -> None:
        self._pool = pool
        self._max_queries = max_queries
        self._idle_seconds = idle_seconds
        self._parked: deque[tuple[Any, float]] = deque()  # (connection, parked at), newest last
        self._waiting = 0  # acquirers inside asyncpg's pool: the next release is theirs
        self._sweep: asyncio.TimerHandle | None = None  # hands idle ones back to asyncpg
        self._releasing: set[asyncio.Task] = set()

    @property
    def parked(self) -> int:
        return len(self._parked)

    async def acquire(self) -> Any:
        while self._parked:
            connection, _ = self._parked.pop()
            if self._clean(connection):
                return connection
            await self._pool.release(connection)  # asyncpg closes or replaces it
        self._waiting += 1
        try:
            return await self._pool.acquire()
        finally:
            self._waiting -= 1

    async def release(self, connection: Any) -> None:
        if self._waiting or not self._clean(connection):
            await self._pool.release(connection)
            return
        self._parked.append((connection, time.monotonic()))
        if self._sweep is None:
            self._sweep = asyncio.get_running_loop().call_later(self._idle_seconds,
                                                                self._hand_back_idle)

    async def expire_connections(self) -> None:
        await self._unpark()
        await self._pool.expire_connections()

    async def close(self) -> None:
        await self._unpark()
        await self._pool.close()

    def terminate(self) -> None:
        self._stop_sweep()
        self._parked.clear()
        self._pool.terminate()

    async def _unpark(self) -> None:
        self._stop_sweep()
        while self._parked:
            await self._pool.release(self._parked.popleft()[0])

    def _hand_back_idle(self) -> None:
        """Timer: the connections parked for idle_seconds go back to asyncpg, so a server
        with no traffic shrinks to asyncpg's minimum as it would without the stack."""
        self._sweep = None
        now = time.monotonic()
        while self._parked and now - self._parked[0][1] >= self._idle_seconds:
            task = asyncio.ensure_future(self._pool.release(self._parked.popleft()[0]))
            self._releasing.add(task)
            task.add_done_callback(self._released)
        if self._parked:
            delay = self._parked[0][1] + self._idle_seconds - now
            self._sweep = asyncio.get_running_loop().call_later(delay, self._hand_back_idle)

    def _released(self, task: asyncio.Task) -> None:
        self._releasing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # asyncpg has terminated the connection; the pool opens another when needed.
            logger.info("a parked connection failed its release: %r", task.exception())

    def _stop_sweep(self) -> None:
        if self._sweep is not None:
            self._sweep.cancel()
            self._sweep = None

    def _clean(self, connection: Any) -> bool:
        """Open, outside a transaction and under max_queries, which is an asyncpg internal
        read as its pool reads it (if it moves, nothing is parked). The cancel of a timed-out
        statement needs no check: asyncpg waits for it before the connection's next one."""
        try:
            return not (connection.is_closed() or connection.is_in_transaction()
                        or connection._protocol.queries_count >= self._max_queries)
        except (InterfaceError, AttributeError):  # asyncpg took it back when the server closed it
            return False


class ParkingAsyncpgClient(AsyncpgDBClient):
    async def create_pool(self, **kwargs: Any) -> ParkingPool:
        pool = await super().create_pool(**kwargs)
        return ParkingPool(pool, kwargs.get("max_queries", MAX_QUERIES))


client_class = ParkingAsyncpgClient  # how Tortoise finds an engine's client
