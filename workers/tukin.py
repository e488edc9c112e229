"""Tukin actors: thin, each calls services/tukin (a run's plan, one batch, the stale sweep)."""

import asyncio
import uuid

import dramatiq

from ekinerja_graphql.services.tukin import runs
from ekinerja_graphql.services.tukin.hitung_ulang import hitung_ulang_stale
from workers.broker import broker
from workers.database import uses_database
from workers.siasn_client import worker_settings

# A batch of 5,000 pegawai takes seconds; past the staleness (5 min) another task may take
# it over, and only one of the two applies it.
BATCH_TIME_LIMIT_MS = 10 * 60 * 1000


@dramatiq.actor(broker=broker, queue_name="tukin", max_retries=5)
@uses_database
async def hitung_tukin(run_id: int) -> None:
    """A run's first message (and a resumed one's): the plan, then one message per batch."""
    for nomor in await runs.rencanakan(run_id, worker_settings()):
        await asyncio.to_thread(hitung_tukin_batch.send, run_id, nomor)


@dramatiq.actor(broker=broker, queue_name="tukin", max_retries=5,
                time_limit=BATCH_TIME_LIMIT_MS)  # fmt: skip
@uses_database
async def hitung_tukin_batch(run_id: int, nomor: int) -> None:
    await runs.proses_batch(run_id, nomor, uuid.uuid4().hex, worker_settings())


@dramatiq.actor(broker=broker, queue_name="tukin", max_retries=3,
                time_limit=BATCH_TIME_LIMIT_MS)  # fmt: skip
@uses_database
async def hitung_ulang_tukin() -> None:
    """Recomputes stale months a batch at a time (an import or a final predikat marks
    them); sends itself again while some remain. One sweep at a time: a lock in Redis, so
    the sweeps every change and every scheduler tick send do not redo the same rows."""
    current = hitung_ulang_tukin.broker  # the worker's (tests move actors to their own)
    lock = current.client.lock(f"{current.namespace}:tukin-hitung-ulang",
                               timeout=BATCH_TIME_LIMIT_MS / 1000)  # fmt: skip
    if not await asyncio.to_thread(lock.acquire, blocking=False):
        return  # the sweep going now sends the next one
    try:
        _, more = await hitung_ulang_stale(worker_settings())
    finally:
        await asyncio.to_thread(lock.release)
    if more:
        await asyncio.to_thread(hitung_ulang_tukin.send)


@dramatiq.actor(broker=broker, queue_name="tukin", max_retries=0)
@uses_database
async def resume_stalled_tukin_runs() -> None:
    """Sends again the first message of every run whose worker died (the scheduler sends
    this); the resumed run computes only its pending batches."""
    for run_id in await runs.macet():
        await asyncio.to_thread(hitung_tukin.send, run_id)
