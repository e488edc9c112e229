"""sync_unor through a real Redis broker and a real threaded worker, whose SIASN client
reaches the simulator over a socket; a message delivered twice changes nothing."""

import asyncio
import uuid

import dramatiq
import pytest
from dramatiq import Worker

from ekinerja_graphql.models import SyncDifference, SyncKind, SyncRun, UnitOrganisasi
from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.siasn.simulator.transport import pointed_at
from workers.broker import build_broker, use_broker
from workers.siasn import sync_unor


@pytest.fixture
def siasn_worker(redis_settings, served, simulator, database):
    settings = pointed_at(redis_settings, served, simulator.credentials)
    previous = dramatiq.get_broker()
    broker = use_broker(build_broker(settings, namespace=f"test-{uuid.uuid4().hex}"))
    worker = Worker(broker, worker_timeout=100, worker_threads=2)
    worker.start()
    yield worker
    worker.stop()
    broker.flush_all()
    broker.close()
    use_broker(previous)


def drain(worker: Worker) -> None:
    worker.broker.join(sync_unor.queue_name, timeout=60_000)
    worker.join()


async def test_sync_unor_runs_in_a_worker_and_a_duplicate_changes_nothing(
    seeded_like_simulator, siasn_worker, simulator
):
    data = simulator.data
    kanwil = next(u for u in data.unor.values() if u["NamaUnor"].startswith("Kantor Wilayah"))
    data.rename_unor(kanwil["Id"], "Kantor Wilayah Kementerian Agama Provinsi Contoh")
    run = await runs.mulai(SyncKind.PULL_UNOR, requested_by="test")
    sync_unor.send(run.id)
    sync_unor.send(run.id)  # delivered twice
    await asyncio.to_thread(drain, siasn_worker)
    run = await SyncRun.get(id=run.id)
    assert (run.status, run.updated_count, run.unchanged_count, run.done, run.total) == (
        "SUCCEEDED", 1, len(data.unor) - 1, len(data.unor), len(data.unor))
    assert await SyncDifference.filter(run=run).count() == 1
    renamed = await UnitOrganisasi.get(siasn_id=kanwil["Id"])
    assert renamed.nama == "Kantor Wilayah Kementerian Agama Provinsi Contoh"
