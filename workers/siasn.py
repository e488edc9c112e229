"""SIASN sync actors: thin, each runs one SyncRun a service started (services/sinkronisasi)."""

import asyncio
import uuid

import dramatiq

from ekinerja_graphql.models import SyncKind
from ekinerja_graphql.services.sinkronisasi import kirim, runs, tarik_pegawai
from ekinerja_graphql.services.sinkronisasi.pegawai import proses_batch
from ekinerja_graphql.services.sinkronisasi.unor import tarik_unor
from workers.broker import broker
from workers.database import uses_database
from workers.siasn_client import siasn_client, worker_settings

UNOR_TIME_LIMIT_MS = 10 * 60 * 1000  # ~16,000 unor in one transaction: seconds
# A batch: 100 NIPs at 10 requests/s take 10 s; past the run's staleness (5 min) another
# task may take the batch over, and only one of the two applies it.
BATCH_TIME_LIMIT_MS = 10 * 60 * 1000
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


@dramatiq.actor(broker=broker, queue_name="siasn", max_retries=5, time_limit=UNOR_TIME_LIMIT_MS)
@uses_database
async def sync_pegawai(run_id: int) -> None:
    """A pegawai run's first task (and a resumed one's): the unit tree, the plan, and one
    sync_pegawai_batch message per pending batch."""

    async def send_batch(run: int, nomor: int) -> None:
        await asyncio.to_thread(sync_pegawai_batch.send, run, nomor)

    await tarik_pegawai.jalankan(run_id, siasn_client(), worker_settings(), send_batch)


@dramatiq.actor(broker=broker, queue_name="siasn", max_retries=5, time_limit=BATCH_TIME_LIMIT_MS)
@uses_database
async def sync_pegawai_batch(run_id: int, nomor: int) -> None:
    """One batch; a batch done, or taken by a live task, is left alone (a duplicate)."""
    if await proses_batch(run_id, nomor, siasn_client(), uuid.uuid4().hex):
        await tarik_pegawai.mungkin_selesai(run_id, siasn_client())


@dramatiq.actor(broker=broker, queue_name="siasn", max_retries=0)
@uses_database
async def resume_stalled_runs() -> None:
    """Sends again the first message of every run whose worker died (the scheduler sends
    this); a resumed run skips what it had done."""
    for run in await runs.macet():
        await asyncio.to_thread(actor_for(run.kind).send, run.id)


def actor_for(kind: SyncKind) -> dramatiq.Actor:
    """The actor that starts (or resumes) a run of this kind."""
    return sync_unor if kind is SyncKind.PULL_UNOR else sync_pegawai
