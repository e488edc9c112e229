"""One SIASN client per worker process, on the AsyncIO middleware's event loop: tokens
cached and refreshed single-flight in Redis, and the concurrency and rate limits shared
by every worker process through the same Redis."""

import logging

import redis.asyncio as aioredis
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.middleware import Middleware

from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.limits import limiter_for
from ekinerja_graphql.siasn.tokens import RedisTokenCache

_client: SiasnClient | None = None
_settings: Settings | None = None


class SiasnClientLifecycle(Middleware):
    def __init__(self, settings: Settings | None, redis_url: str) -> None:
        self._settings = settings
        self._redis_url = redis_url

    def before_worker_boot(self, broker, worker) -> None:
        settings = self._settings or get_settings()
        get_event_loop_thread().run_coroutine(open_client(settings, self._redis_url))

    def after_worker_shutdown(self, broker, worker) -> None:
        get_event_loop_thread().run_coroutine(close_client())


async def open_client(settings: Settings, redis_url: str) -> None:
    global _client, _settings
    _settings = settings
    # httpx logs every request at INFO: 350,000 lines a full sweep. Failures are logged.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    _client = SiasnClient(
        settings, token_cache=RedisTokenCache(aioredis.from_url(redis_url)),
        limiter=limiter_for(settings, redis_url))


async def close_client() -> None:
    global _client
    if _client is not None:
        await _client.__aexit__(None, None, None)
        _client = None


def siasn_client() -> SiasnClient:
    if _client is None:
        raise RuntimeError("the worker's SIASN client is not open: is SiasnClientLifecycle "
                           "installed?")  # fmt: skip
    return _client


def worker_settings() -> Settings:
    """The settings the worker's client was opened with (batch size, staleness …)."""
    return _settings or get_settings()
