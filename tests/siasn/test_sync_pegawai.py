"""The pegawai reconcile against the simulator (services/sinkronisasi/{rencana,pegawai,
tarik_pegawai}.py): a full sync fills an empty database, a second finds nothing to change,
an incremental run picks up promotions, transfers, retirements, hires and renamed units,
a batch applied twice changes nothing, and nothing is lost silently."""

from datetime import UTC, date, datetime, timedelta

from ekinerja_graphql.domain.golongan import Golongan
from ekinerja_graphql.domain.kepegawaian import JenisKelamin, StatusPegawai
from ekinerja_graphql.domain.nip import format_nip
from ekinerja_graphql.models import (
    Pegawai,
    SyncBatch,
    SyncDifference,
    SyncFailure,
    SyncKind,
    SyncQuarantine,
    SyncRun,
    UnitOrganisasi,
)
from ekinerja_graphql.services.sinkronisasi import tarik_pegawai
from ekinerja_graphql.services.sinkronisasi.pegawai import proses_batch
from ekinerja_graphql.siasn.formats import format_tanggal
from ekinerja_graphql.siasn.simulator.faults import Fault
from tests.siasn.conftest import AS_OF, PEGAWAI, in_process_client
from tests.siasn.pegawai_support import (
    expected,
    expected_pemimpin,
    load_jabatan_catalogue,
    local_state,
    pemimpin_state,
    plan,
    start,
    sync,
)


def counts(run: SyncRun) -> tuple[int, ...]:
    return (run.created_count, run.updated_count, run.unchanged_count, run.deactivated_count,
            run.quarantined_count, run.failed_count)  # fmt: skip


async def pegawai_differences(run: SyncRun) -> list[tuple[str, str, str | None, str | None]]:
    rows = await SyncDifference.filter(run=run, object_type="Pegawai").order_by("id")
    return [(d.code, d.field, d.old, d.new) for d in rows]


async def test_a_full_sync_fills_an_empty_database_and_a_second_changes_nothing(
    empty_db, client, client_settings, simulator
):
    data = simulator.data
    await load_jabatan_catalogue(PEGAWAI, AS_OF)
    run = await sync(SyncKind.PULL_FULL, client, client_settings, nips=list(data.pns))
    assert (run.status, run.error_summary) == ("SUCCEEDED", None)
    assert counts(run) == (len(data.pns), 0, 0, 0, 0, 0)
    assert (run.done, run.total) == (len(data.pns), len(data.pns))
    assert await local_state() == expected(data)
    assert await pemimpin_state() == expected_pemimpin(data)
    unor_run = await SyncRun.get(id=run.cursor_before["unorRunId"])
    assert (unor_run.kind, unor_run.created_count) == ("PULL_UNOR", len(data.unor))

    again = await sync(SyncKind.PULL_FULL, client, client_settings)
    assert again.status == "SUCCEEDED"
    assert counts(again) == (0, 0, len(data.pns), 0, 0, 0)
    assert await pegawai_differences(again) == []


async def test_a_database_seeded_like_siasn_is_unchanged_by_a_full_sync(
    seeded_like_simulator, client, client_settings, simulator
):
    run = await sync(SyncKind.PULL_FULL, client, client_settings)
    assert await pegawai_differences(run) == []
    assert counts(run) == (0, 0, len(simulator.data.pns), 0, 0, 0)
    assert await Pegawai.filter(last_synced_at__isnull=True).count() == 0


async def test_an_incremental_run_picks_up_promotion_transfer_retirement_hire_and_rename(
    seeded_like_simulator, client, client_settings, simulator
):
    data, today = simulator.data, datetime.now(UTC).date()
    await Pegawai.all().update(last_synced_at=datetime.now(UTC))  # all fresh
    pns = sorted(nip for nip, p in data.pns.items()
                 if p["kedudukanPnsId"] == "01" and p["golRuangAkhirId"] == "32")  # fmt: skip
    promoted, transferred, retired = pns[:3]
    data.promote(promoted, Golongan.III_C, today.replace(day=1))
    other = next(u for u in data.unor.values() if u["Id"] != data.pns[transferred]["unorId"]
                 and u["DiatasanId"])  # fmt: skip
    data.transfer(transferred, other["Id"], data.pns[transferred]["jabatanNama"], today)
    # No feed lists a transfer: staleness brings it (sync_stale_days).
    await Pegawai.filter(nip=transferred).update(
        last_synced_at=datetime.now(UTC) - timedelta(days=client_settings.sync_stale_days + 1))
    data.retire(retired, today)
    hire = format_nip(date(1999, 5, 17), date(today.year, 1, 1), JenisKelamin.PEREMPUAN, 7)
    template = data.pns[promoted]
    data.hire({**template, "nipBaru": hire, "nama": "Siti Rahmawati", "nipLama": None,
               "nik": None, "golRuangAkhirId": "31", "statusPegawai": "CPNS",
               "tglLahir": format_tanggal(date(1999, 5, 17)), "kedudukanPnsId": "01"},
              today.year)  # fmt: skip
    renamed = other["Id"]
    data.rename_unor(renamed, "Kantor Kementerian Agama Kabupaten Contoh")

    run = await sync(SyncKind.PULL_INCREMENTAL, client, client_settings)

    assert (run.status, run.error_summary, run.total) == ("SUCCEEDED", None, 4)  # 3 feeds, 1 stale
    assert counts(run) == (1, 2, 0, 1, 0, 0)
    local = {p.nip: p for p in await Pegawai.filter(nip__in=[promoted, transferred, retired,
                                                                 hire])}  # fmt: skip
    unit = await UnitOrganisasi.get(siasn_id=other["Id"])
    assert local[promoted].golongan == Golongan.III_C
    assert local[transferred].unit_id == unit.id
    assert local[retired].status == StatusPegawai.PENSIUN
    assert (local[hire].nama, local[hire].jenis, local[hire].golongan, local[hire].unit_id) == (
        "Siti Rahmawati", "CPNS", Golongan.III_A, (await UnitOrganisasi.get(
            siasn_id=template["unorId"])).id)  # fmt: skip
    assert unit.nama == "Kantor Kementerian Agama Kabupaten Contoh"
    found = {(d[0], d[1]) for d in await pegawai_differences(run)}
    assert found == {("PEGAWAI_GOLONGAN_CHANGED", "golongan"), ("PEGAWAI_UNIT_CHANGED",
                     "unit_id"), ("PEGAWAI_DEACTIVATED", "status"), ("PEGAWAI_ADDED", "nip"),
                     ("PEGAWAI_JABATAN_CHANGED", "tmt_jabatan")}  # fmt: skip
    unor_run = await SyncRun.get(id=run.cursor_before["unorRunId"])
    assert unor_run.updated_count == 1
    assert await local_state() == expected(data)


async def test_a_batch_delivered_twice_changes_nothing(
    seeded_like_simulator, client, client_settings, simulator
):
    data = simulator.data
    nip = sorted(data.pns)[0]
    data.pns[nip]["nama"] = "Nama Baru Dari SIASN"
    run = await start(SyncKind.PULL_FULL)
    batches = await plan(run, client, client_settings)
    assert await proses_batch(run.id, batches[0], client, "first-task")
    after_first = (await SyncRun.get(id=run.id), await SyncDifference.filter(run=run).count(),
                   await Pegawai.get(nip=nip))  # fmt: skip
    assert not await proses_batch(run.id, batches[0], client, "first-task")
    assert not await proses_batch(run.id, batches[0], client, "second-task")
    after_second = await SyncRun.get(id=run.id)
    assert counts(after_second) == counts(after_first[0])
    assert after_second.done == after_first[0].done == client_settings.sync_batch_size == 50
    assert await SyncDifference.filter(run=run).count() == after_first[1]
    assert (await Pegawai.get(nip=nip)).version == after_first[2].version


async def test_a_batch_taken_over_from_a_live_task_is_left_to_it(
    seeded_like_simulator, client, client_settings
):
    run = await start(SyncKind.PULL_FULL)
    batches = await plan(run, client, client_settings)
    await SyncBatch.filter(run=run, nomor=batches[0]).update(
        claimed_by="a-live-task", claimed_at=datetime.now(UTC))  # fmt: skip
    assert not await proses_batch(run.id, batches[0], client, "second-task")
    assert (await SyncRun.get(id=run.id)).done == 0


async def test_pegawai_siasn_no_longer_knows_are_deactivated_never_deleted(
    seeded_like_simulator, client, client_settings, simulator
):
    data = simulator.data
    active = sorted(nip for nip, p in data.pns.items() if p["kedudukanPnsId"] == "01")
    gone, flaky = active[0], active[1]
    del data.pns[gone]
    simulator.faults.inject(Fault.NOT_FOUND)  # one spurious 404 on the first read
    before = await Pegawai.all().count()
    run = await sync(SyncKind.PULL_FULL, client, client_settings)
    assert counts(run)[3] == 1  # deactivated
    assert await Pegawai.all().count() == before
    assert (await Pegawai.get(nip=gone)).status == StatusPegawai.NONAKTIF
    assert (await Pegawai.get(nip=flaky)).status == StatusPegawai.AKTIF
    assert await pegawai_differences(run) == [("PEGAWAI_NOT_IN_SIASN", "status", "AKTIF",
                                               "NONAKTIF")]  # fmt: skip


async def test_what_does_not_parse_is_quarantined_and_what_cannot_be_placed_is_reported(
    seeded_like_simulator, client, client_settings, simulator
):
    data = simulator.data
    bad, placeless, unknown, someone_else = sorted(data.pns)[:4]
    data.pns[bad]["nipBaru"] = "not-a-nip"
    data.pns[someone_else] = {**data.pns[someone_else], "nipBaru": sorted(data.pns)[5]}
    data.pns[placeless]["unorId"] = "F" * 32
    data.pns[unknown]["kedudukanPnsId"] = "15"  # PNS kena hukuman disiplin
    extra = format_nip(date(1990, 1, 1), date(2015, 1, 1), JenisKelamin.LAKI_LAKI, 999)
    run = await sync(SyncKind.PULL_FULL, client, client_settings, nips=[extra])
    assert run.status == "FAILED"
    assert counts(run) == (0, 0, len(data.pns) - 4, 0, 2, 3)
    assert (run.done, run.total) == (len(data.pns) + 1, len(data.pns) + 1)
    quarantined = {q.source: q for q in await SyncQuarantine.filter(run=run)}
    assert quarantined.keys() == {f"data-utama {bad}", f"data-utama {someone_else}"}
    assert quarantined[f"data-utama {bad}"].payload["nipBaru"] == "not-a-nip"
    assert "answered for NIP" in quarantined[f"data-utama {someone_else}"].reason
    failures = {(f.code, f.penanggung, f.key) for f in await SyncFailure.filter(run=run)}
    assert failures == {("PEGAWAI_UNOR_UNKNOWN", "OPERATOR", placeless),
                        ("PEGAWAI_KEDUDUKAN_UNMAPPED", "ADMIN_UNIT", unknown),
                        ("PEGAWAI_NOT_IN_SIASN", "ADMIN_INSTANSI_SIASN", extra)}  # fmt: skip
    assert run.error_summary.startswith("3 failed: PEGAWAI_KEDUDUKAN_UNMAPPED 1")


async def test_faults_and_token_expiries_lose_nothing(empty_db, client_settings, simulator):
    data = simulator.data
    await load_jabatan_catalogue(PEGAWAI, AS_OF)
    simulator.faults.inject(Fault.APIM_EXPIRED, None, Fault.SSO_EXPIRED, None,
                            Fault.SSO_MISMATCH)  # fmt: skip
    simulator.faults.rates = {Fault.SERVER_ERROR: 0.05, Fault.RESET: 0.05}
    settings = client_settings.model_copy(update={"siasn_attempts": 8})
    async with in_process_client(settings, simulator) as client:
        run = await sync(SyncKind.PULL_FULL, client, settings, nips=list(data.pns))
    assert not simulator.faults.queued and simulator.requests["api"] > len(data.pns)
    assert run.error_summary is None
    assert (run.status, counts(run)) == ("SUCCEEDED", (len(data.pns), 0, 0, 0, 0, 0))
    assert await local_state() == expected(data)


async def test_a_run_ends_once_however_many_tasks_see_its_last_batch(
    seeded_like_simulator, client, client_settings
):
    run = await start(SyncKind.PULL_FULL)
    for nomor in await plan(run, client, client_settings):
        await proses_batch(run.id, nomor, client, "t")
    assert await tarik_pegawai.mungkin_selesai(run.id, client)
    assert not await tarik_pegawai.mungkin_selesai(run.id, client)
    assert (await SyncRun.get(id=run.id)).status == "SUCCEEDED"


async def test_refused_credentials_stop_the_run_with_nothing_applied(
    seeded_like_simulator, client, client_settings, simulator
):
    data = simulator.data
    data.pns[sorted(data.pns)[0]]["nama"] = "Tidak Akan Diterapkan"
    run = await start(SyncKind.PULL_FULL)
    batches = await plan(run, client, client_settings)
    simulator.credentials.consumer_secret = "rotated-at-bkn"
    simulator.apim_tokens.clear()
    assert await proses_batch(run.id, batches[0], client, "t")
    assert not await proses_batch(run.id, batches[1], client, "t")  # the run is over
    run = await SyncRun.get(id=run.id)
    assert (run.status, run.done) == ("FAILED", 0)
    assert run.error_summary.startswith("SIASN_AUTH_REJECTED")
    failure = await SyncFailure.get(run=run)
    assert (failure.code, failure.penanggung) == ("SIASN_AUTH_REJECTED", "OPERATOR")
    assert await pegawai_differences(run) == []


async def test_a_feed_that_drifts_while_paged_gives_each_nip_once(
    seeded_like_simulator, client, client_settings, simulator
):
    data, today = simulator.data, datetime.now(UTC).date()
    await Pegawai.all().update(last_synced_at=datetime.now(UTC))
    promoted = sorted(nip for nip, p in data.pns.items()
                      if p["golRuangAkhirId"] and p["golRuangAkhirId"] < "41")  # fmt: skip
    assert len(promoted) > 100  # more than a page (rencana.PAGE)
    for nip in promoted:
        data.promote(nip, Golongan.IV_A, today.replace(day=1))
    simulator.faults.page_drift = 7  # page 2 repeats the last 7 items of page 1
    run = await sync(SyncKind.PULL_INCREMENTAL, client, client_settings)
    assert (run.status, run.total, run.updated_count) == ("SUCCEEDED", len(promoted),
                                                          len(promoted))  # fmt: skip
    assert await Pegawai.filter(nip__in=promoted, golongan=Golongan.IV_A).count() == len(promoted)
