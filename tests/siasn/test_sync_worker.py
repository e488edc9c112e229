"""sync_unor through a real Redis broker and a real threaded worker, whose SIASN client
reaches the simulator over a socket; a message delivered twice changes nothing."""

import asyncio

from ekinerja_graphql.models import SyncDifference, SyncKind, SyncRun, UnitOrganisasi
from ekinerja_graphql.services.sinkronisasi import runs
from tests.support.workers import drain
from workers.siasn import sync_unor


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
