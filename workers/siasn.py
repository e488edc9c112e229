"""SIASN sync actors: thin, each runs one SyncRun a service started (services/sinkronisasi)."""

import uuid

import dramatiq

from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.services.sinkronisasi.unor import tarik_unor
from workers.broker import broker
from workers.database import uses_database
from workers.siasn_client import siasn_client

UNOR_TIME_LIMIT_MS = 10 * 60 * 1000  # ~16,000 unor in one transaction: seconds


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
