"""The scheduler's clock (next nightly time, sweep interval) and its nightly start, which
queues one run and skips while one of the kind is going."""

import uuid
from datetime import datetime, time, timedelta

import dramatiq

from ekinerja_graphql.models import SyncRun
from workers.broker import build_broker, use_broker
from workers.scheduler import Jadwal, next_daily, start_nightly_sync


def test_next_daily_is_strictly_after():
    at = time(2, 0)
    assert next_daily(datetime(2026, 12, 3, 1, 59), at) == datetime(2026, 12, 3, 2, 0)
    assert next_daily(datetime(2026, 12, 3, 2, 0), at) == datetime(2026, 12, 4, 2, 0)
    assert next_daily(datetime(2026, 12, 31, 23, 0), at) == datetime(2027, 1, 1, 2, 0)


def test_the_sweep_runs_at_once_then_every_interval_and_the_sync_nightly(test_settings):
    start = datetime(2026, 12, 3, 1, 0)
    jadwal = Jadwal.starting(start, test_settings.model_copy(
        update={"outbox_sweep_seconds": 300, "siasn_sync_at": "02:00"}))  # fmt: skip
    assert jadwal.due(start) == (True, False)
    assert jadwal.due(start + timedelta(seconds=299)) == (False, False)
    assert jadwal.due(start + timedelta(seconds=300)) == (True, False)
    assert jadwal.due(datetime(2026, 12, 3, 2, 0)) == (True, True)
    assert jadwal.due(datetime(2026, 12, 3, 2, 1)) == (False, False)
    assert jadwal.next_sync == datetime(2026, 12, 4, 2, 0)


async def test_the_nightly_start_queues_one_run_and_skips_a_going_one(empty_db, redis_settings):
    previous = dramatiq.get_broker()
    broker = use_broker(build_broker(redis_settings, namespace=f"test-{uuid.uuid4().hex}"))
    try:
        first = await start_nightly_sync()
        assert await start_nightly_sync() is None  # the first is still going
        queued = broker.client.llen(f"{broker.namespace}:siasn")
    finally:
        broker.flush_all()
        use_broker(previous)
    run = await SyncRun.get(id=first)
    assert (run.kind, run.requested_by, run.status) == ("PULL_INCREMENTAL", "scheduler", "RUNNING")
    assert queued == 1
