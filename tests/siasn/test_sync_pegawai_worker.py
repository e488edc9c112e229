"""The pegawai sync through a real Redis broker and real workers, the simulator over a
socket: messages delivered twice change nothing, and a worker killed with SIGKILL mid-run
leaves a run that another worker resumes to the state an uninterrupted run reaches."""

import asyncio
import time

import dramatiq
import pytest

from ekinerja_graphql.models import SyncDifference, SyncKind, SyncRun
from tests.siasn.conftest import AS_OF, PEGAWAI
from tests.siasn.pegawai_support import (
    expected,
    expected_pemimpin,
    load_jabatan_catalogue,
    local_state,
    pemimpin_state,
    start,
)
from tests.support.worker_process import kill_9, start_worker, stop
from tests.support.workers import drain
from workers.broker import build_broker, use_broker
from workers.siasn import resume_stalled_runs, sync_pegawai, sync_pegawai_batch

WAIT_SECONDS = 120



async def test_a_run_and_its_batches_delivered_twice_change_nothing(
    seeded_like_simulator, siasn_worker, simulator
):
    data = simulator.data
    nip = sorted(data.pns)[5]
    data.pns[nip]["gelarBelakang"] = "S.Ag., M.Pd."
    run = await start(SyncKind.PULL_FULL)
    sync_pegawai.send(run.id)
    sync_pegawai.send(run.id)  # delivered twice
    await asyncio.to_thread(drain, siasn_worker)
    done = await SyncRun.get(id=run.id)
    assert (done.status, done.updated_count, done.unchanged_count, done.done) == (
        "SUCCEEDED", 1, len(data.pns) - 1, len(data.pns))  # fmt: skip
    sync_pegawai_batch.send(run.id, 0)  # a batch delivered again after the run ended
    await asyncio.to_thread(drain, siasn_worker)
    again = await SyncRun.get(id=run.id)
    assert (again.updated_count, again.unchanged_count, again.done) == (
        done.updated_count, done.unchanged_count, done.done)  # fmt: skip
    assert await SyncDifference.filter(run=run, object_type="Pegawai").count() == 1


# --- A worker killed mid-run ------------------------------------------------------------------


@pytest.fixture
def worker_env(process_env) -> dict[str, str]:
    return {**process_env, "EKINERJA_SYNC_BATCH_SIZE": "20", "EKINERJA_SYNC_STALE_SECONDS": "3",
            "EKINERJA_SIASN_MAX_CONCURRENCY": "2", "EKINERJA_SIASN_REQUESTS_PER_SECOND": "100",
            # The killed worker's shared slots free themselves after 2 × (1 + 2) + 10 s.
            "EKINERJA_SIASN_CONNECT_TIMEOUT_SECONDS": "1",
            "EKINERJA_SIASN_READ_TIMEOUT_SECONDS": "2"}  # fmt: skip


async def wait_for(run_id: int, ready, resume_every: float = 0) -> SyncRun:
    deadline = time.monotonic() + WAIT_SECONDS
    next_resume = time.monotonic() + resume_every
    while True:
        run = await SyncRun.get(id=run_id)
        if ready(run):
            return run
        assert time.monotonic() < deadline, f"stuck: {run.status} {run.done}/{run.total}"
        if resume_every and time.monotonic() > next_resume:
            await asyncio.to_thread(resume_stalled_runs.send)
            next_resume = time.monotonic() + resume_every
        await asyncio.sleep(0.05)


async def test_a_worker_killed_mid_run_is_resumed_to_the_uninterrupted_state(
    empty_db, redis_settings, simulator, worker_env, tmp_path
):
    data = simulator.data
    simulator.faults.base_latency_seconds = 0.05
    await load_jabatan_catalogue(PEGAWAI, AS_OF)
    previous = dramatiq.get_broker()
    broker = use_broker(build_broker(redis_settings, namespace="dramatiq"))
    log = tmp_path / "workers.log"
    first = start_worker(worker_env, log)
    second = None
    try:
        run = await start(SyncKind.PULL_FULL, nips=list(data.pns))
        await asyncio.to_thread(sync_pegawai.send, run.id)
        await wait_for(run.id, lambda r: r.done >= 60)
        kill_9(first)
        killed = await SyncRun.get(id=run.id)
        assert killed.status == "RUNNING" and killed.done < killed.total == len(data.pns)

        second = start_worker(worker_env, log)
        # The second worker takes the queued batches; those the first had taken are
        # orphans until the run falls silent (EKINERJA_SYNC_STALE_SECONDS) and the
        # scheduler's tick, played here every second, resumes it.
        run = await wait_for(run.id, lambda r: r.status != "RUNNING", resume_every=1.0)
    except AssertionError:
        print(log.read_text(errors="replace")[-6000:])
        raise
    finally:
        stop(first)
        stop(second)
        broker.flush_all()
        use_broker(previous)
    assert (run.status, run.error_summary) == ("SUCCEEDED", None)
    # Each NIP applied once: a batch cut by the kill was rolled back whole and redone.
    assert (run.created_count, run.done, run.total) == (len(data.pns),) * 3
    assert await local_state() == expected(data)
    assert await pemimpin_state() == expected_pemimpin(data)
