"""`ekinerja scheduler`: sends the periodic work: every few minutes the outbox sweep, the
resumption of sync and tukin runs whose worker died and the recomputation of stale tukin
months; nightly the incremental pegawai sync (which pulls ref-unor first). Running two
schedulers is harmless: outbox rows and batches are claimed by one worker each, and a run
is refused while one of its kind and scope is going."""

import asyncio
import logging
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import database
from ekinerja_graphql.errors import Conflict
from ekinerja_graphql.models import SyncKind
from ekinerja_graphql.services.sinkronisasi import runs

logger = logging.getLogger(__name__)
TICK_SECONDS = 5.0


def next_daily(after: datetime, at: time) -> datetime:
    """The first moment at `at` (local clock) strictly after `after`."""
    candidate = after.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > after else candidate + timedelta(days=1)


@dataclass
class Jadwal:
    sweep_every: timedelta
    sync_at: time
    next_sweep: datetime
    next_sync: datetime

    @classmethod
    def starting(cls, now: datetime, settings: Settings) -> "Jadwal":
        sync_at = time.fromisoformat(settings.siasn_sync_at)
        return cls(timedelta(seconds=settings.outbox_sweep_seconds), sync_at, now,
                   next_daily(now, sync_at))  # fmt: skip

    def due(self, now: datetime) -> tuple[bool, bool]:
        """(sweep now, sync now), and the next times moved on."""
        sweep, sync = now >= self.next_sweep, now >= self.next_sync
        if sweep:
            self.next_sweep = now + self.sweep_every
        if sync:
            self.next_sync = next_daily(now, self.sync_at)
        return sweep, sync


async def start_nightly_sync() -> int | None:
    """A PULL_INCREMENTAL run queued for the workers, or None while one is going."""
    from workers.siasn import sync_pegawai

    try:
        run = await runs.mulai(SyncKind.PULL_INCREMENTAL, requested_by="scheduler")
    except Conflict as going:
        logger.info("nightly incremental sync skipped: %s", going.message)
        return None
    await asyncio.to_thread(sync_pegawai.send, run.id)
    return run.id


async def run_scheduler(settings: Settings, stop: asyncio.Event) -> None:
    from workers.siasn import resume_stalled_runs, sweep_outbox
    from workers.tukin import hitung_ulang_tukin, resume_stalled_tukin_runs

    jadwal = Jadwal.starting(datetime.now(), settings)
    async with database(settings):
        while not stop.is_set():
            sweep, sync = jadwal.due(datetime.now())
            try:
                if sweep:
                    await asyncio.to_thread(sweep_outbox.send)
                    await asyncio.to_thread(resume_stalled_runs.send)
                    await asyncio.to_thread(resume_stalled_tukin_runs.send)
                    await asyncio.to_thread(hitung_ulang_tukin.send)
                if sync:
                    await start_nightly_sync()
            except Exception:  # Redis or the database away: try again next tick
                logger.exception("scheduler tick failed")
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), TICK_SECONDS)
