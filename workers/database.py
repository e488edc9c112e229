"""Tortoise inside a dramatiq worker.

dramatiq's AsyncIO middleware runs every async actor on one event-loop thread
per worker process; the worker threads only wait for their coroutine. So the
process opens one Tortoise context (and one connection pool) on that loop at
worker boot and closes it at shutdown, and each async actor runs inside it.

Tortoise tracks its context in a ContextVar, and each message's coroutine is
scheduled from a worker thread with that thread's context, so `uses_database`
sets the worker's context explicitly in each message's task. It keeps the token
itself: `with context:` keeps it on the shared TortoiseContext, where concurrent
messages overwrite each other's and fail on leaving ("created in a different
Context").
"""

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from dramatiq.asyncio import get_event_loop_thread
from dramatiq.middleware import Middleware
from tortoise.context import TortoiseContext
from tortoise.context import _current_context as current_tortoise_context  # no public setter

from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.db import settings_config

P = ParamSpec("P")
R = TypeVar("R")

_worker_context: TortoiseContext | None = None


class TortoiseLifecycle(Middleware):
    """Must come after dramatiq's AsyncIO middleware: it needs the running event loop."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings

    def before_worker_boot(self, broker, worker) -> None:
        settings = self._settings or get_settings()
        settings.require_token_key()  # the worker serves the same installation as the API
        get_event_loop_thread().run_coroutine(open_worker_database(settings))

    def after_worker_shutdown(self, broker, worker) -> None:
        get_event_loop_thread().run_coroutine(close_worker_database())


async def open_worker_database(settings: Settings) -> None:
    global _worker_context
    context = TortoiseContext()
    # Entered, so that init binds the models to this context and never to a context
    # the booting thread happens to carry (the API's or a test's, in the same process).
    with context:
        await context.init(config=settings_config(settings))
    _worker_context = context


async def close_worker_database() -> None:
    global _worker_context
    if _worker_context is not None:
        with _worker_context:
            await _worker_context.close_connections()
        _worker_context = None


def uses_database(function: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Runs an async actor body with the worker's Tortoise connections."""

    @functools.wraps(function)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if _worker_context is None:
            raise RuntimeError("the worker's database is not open: is TortoiseLifecycle installed?")
        token = current_tortoise_context.set(_worker_context)
        try:
            return await function(*args, **kwargs)
        finally:
            current_tortoise_context.reset(token)

    return wrapper
