"""Sending work to the dramatiq workers from a resolver: a Redis that cannot be reached is
SERVICE_UNAVAILABLE (503, retry), never a 500."""

import asyncio

from ekinerja_graphql.api.errors import ServiceUnavailable


async def send(actor, *args) -> None:
    try:
        await asyncio.to_thread(actor.send, *args)
    except Exception as error:  # redis' and dramatiq's connection errors alike
        raise ServiceUnavailable("the job queue (Redis) is unreachable; retry shortly") from error
