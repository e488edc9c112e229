"""SIASN sync actors: thin, each runs one SyncRun a service started (services/sinkronisasi)."""

import asyncio
import uuid

import dramatiq

from ekinerja_graphql.services.sinkronisasi import kirim, runs
from ekinerja_graphql.services.sinkronisasi.unor import tarik_unor
from workers.broker import broker
from workers.database import uses_database
from workers.siasn_client import siasn_client

UNOR_TIME_LIMIT_MS = 10 * 60 * 1000  # ~16,000 unor in one transaction: seconds
PUSH_TIME_LIMIT_MS = 5 * 60 * 1000  # the outbox lease: past it another worker may send


@dramatiq.actor(broker=broker, queue_name="siasn", max_retries=3, time_limit=UNOR_TIME_LIMIT_MS)
@uses_database
async def sync_unor(run_id: int) -> None:
    """Pulls ref-unor into the unit tree. A run finished or taken by another task is left
    alone, so a message delivered twice changes nothing."""
    run = await runs.klaim(run_id, uuid.uuid4().hex)
    if run is None:
        return
    try:
        await tarik_unor(run, siasn_client())
    except BaseException:
        await runs.lepas(run)
        raise


@dramatiq.actor(broker=broker, queue_name="siasn", max_retries=0, time_limit=PUSH_TIME_LIMIT_MS)
@uses_database
async def push_evaluasi(outbox_id: int) -> None:
    """Sends one outbox row; its own backoff (next_attempt_at) and the sweep retry it, so
    the message is not retried, and a second delivery finds the row claimed."""
    await kirim.kirim(outbox_id, siasn_client())


@dramatiq.actor(broker=broker, queue_name="siasn", max_retries=0)
@uses_database
async def sweep_outbox() -> None:
    """Queues every outbox row that is due (the scheduler sends this)."""
    for outbox_id in await kirim.jatuh_tempo():
        await asyncio.to_thread(push_evaluasi.send, outbox_id)
