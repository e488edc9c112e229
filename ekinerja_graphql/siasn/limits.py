"""How fast we call SIASN: at most `siasn_max_concurrency` calls in flight and
`siasn_requests_per_second` started per second. No limit is documented (spec §3), so ours
is configured, and shared: every worker process counts against the same Redis keys."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from dramatiq.rate_limits import ConcurrentRateLimiter, WindowRateLimiter
from dramatiq.rate_limits.backends import RedisBackend

from ekinerja_graphql.config import Settings

POLL_SECONDS = 0.02  # between attempts at a shared slot
SLOT_TTL_MS = 120_000  # a crashed holder's concurrency slot frees itself after this


def slot_ttl_ms(settings: Settings) -> int:
    """How long a slot may be held: a token fetch and the call, each at most a connect and
    a read timeout, and a margin. A worker killed mid-call frees its slots after this."""
    longest_call = settings.siasn_connect_timeout_seconds + settings.siasn_read_timeout_seconds
    return int((2 * longest_call + 10) * 1000)


class RequestLimiter(Protocol):
    def slot(self) -> AbstractAsyncContextManager[None]: ...


class LocalLimiter:
    """Within one process: a semaphore, and starts spaced 1/rps apart."""

    def __init__(self, max_concurrency: int, requests_per_second: int) -> None:
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._interval = 1 / requests_per_second
        self._next_start = 0.0
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._semaphore:
            async with self._lock:
                now = time.monotonic()
                wait = self._next_start - now
                self._next_start = max(now, self._next_start) + self._interval
            if wait > 0:
                await asyncio.sleep(wait)
            yield


class SharedLimiter:
    """Across processes: dramatiq's Redis rate limiters (a concurrent one and a one-second
    window), driven from a thread since their backend is synchronous."""

    def __init__(self, redis_url: str, max_concurrency: int, requests_per_second: int,
                 key: str = "ekinerja:siasn", ttl_ms: int = SLOT_TTL_MS) -> None:  # fmt: skip
        # Waiters in this process queue here first, so at most the limit of them poll Redis.
        self._local = asyncio.Semaphore(max_concurrency)
        backend = RedisBackend(url=redis_url)
        self._concurrent = ConcurrentRateLimiter(backend, f"{key}:concurrent",
                                                 limit=max_concurrency, ttl=ttl_ms)
        self._window = WindowRateLimiter(backend, f"{key}:window", limit=requests_per_second,
                                         window=1)  # fmt: skip

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._local:
            held = await self._take(self._concurrent)
            try:
                window = await self._take(self._window)
                await asyncio.to_thread(window.__exit__, None, None, None)
                yield
            finally:
                await asyncio.to_thread(held.__exit__, None, None, None)

    @staticmethod
    async def _take(limiter):
        while True:
            attempt = limiter.acquire(raise_on_failure=False)
            if await asyncio.to_thread(attempt.__enter__):
                return attempt
            await asyncio.to_thread(attempt.__exit__, None, None, None)
            await asyncio.sleep(POLL_SECONDS)


def limiter_for(settings: Settings, redis_url: str | None) -> LocalLimiter | SharedLimiter:
    if redis_url:
        return SharedLimiter(redis_url, settings.siasn_max_concurrency,
                             settings.siasn_requests_per_second,
                             ttl_ms=slot_ttl_ms(settings))  # fmt: skip
    return LocalLimiter(settings.siasn_max_concurrency, settings.siasn_requests_per_second)
