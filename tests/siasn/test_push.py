"""Pushing fixed evaluations from the outbox to the simulator (services/sinkronisasi/
kirim.py, workers/siasn.py): lands once even when pushed twice or when an answer was lost;
transient failures back off, refusals are DEAD until sent again."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.models import Evaluasi, Pegawai, SiasnOutbox, StatusKiriman
from ekinerja_graphql.services.evaluasi.kiriman import kiriman
from ekinerja_graphql.services.sinkronisasi import kirim
from ekinerja_graphql.siasn.simulator.faults import Fault
from tests.support.graphql import admin_pusat, operation, principal, run
from workers.siasn import push_evaluasi


@pytest.fixture
async def queued(seeded_like_simulator) -> SiasnOutbox:
    """The outbox row of a rated quarterly evaluation."""
    evaluasi = await Evaluasi.filter(jenis_periode="TRIWULANAN", nomor_periode=1,
                                     predikat__isnull=False).order_by("id").first()  # fmt: skip
    row = kiriman(evaluasi)
    await row.save()
    return row


async def pushed_records(simulator, row: SiasnOutbox) -> list[dict]:
    evaluasi = await Evaluasi.get(id=row.evaluasi_id)
    pegawai = await Pegawai.get(id=evaluasi.pegawai_id)
    return simulator.data.rw_kinerja_periodik_of(pegawai.nip)


async def test_an_evaluation_lands_once_with_its_snapshot(queued, client, simulator):
    assert await kirim.kirim(queued.id, client) == StatusKiriman.SENT
    (record,) = await pushed_records(simulator, queued)
    evaluasi = await Evaluasi.get(id=queued.evaluasi_id)
    assert (record["periodikId"], record["bulanMulaiPenilaian"], record["bulanSelesaiPenilaian"],
            record["penilaiNipNrp"]) == (
        "2", 1, 3, evaluasi.pejabat_penilai_nip)  # fmt: skip
    row = await SiasnOutbox.get(id=queued.id)
    assert (row.siasn_id, row.attempts, row.last_error) == (record["id"], 1, None)
    # Sent again (a keberatan changed it, say): the same record is updated.
    await kirim.kirim_ulang(queued.evaluasi_id)
    assert await kirim.kirim(queued.id, client) == StatusKiriman.SENT
    assert [r["id"] for r in await pushed_records(simulator, queued)] == [record["id"]]


async def test_a_lost_answer_does_not_make_a_second_record(queued, client, simulator):
    await kirim.kirim(queued.id, client)
    # As if SIASN stored it but its answer never reached us.
    await SiasnOutbox.filter(id=queued.id).update(status="PENDING", siasn_id=None)
    assert await kirim.kirim(queued.id, client) == StatusKiriman.SENT
    assert len(await pushed_records(simulator, queued)) == 1


async def test_a_transient_failure_backs_off_then_sends(queued, client, simulator):
    simulator.faults.inject(*[Fault.SERVER_ERROR] * 4)
    assert await kirim.kirim(queued.id, client) == StatusKiriman.FAILED
    row = await SiasnOutbox.get(id=queued.id)
    assert row.next_attempt_at > datetime.now(UTC) and "SIASN_UNAVAILABLE" in row.last_error
    assert await kirim.kirim(queued.id, client) is None  # not due yet
    assert await kirim.jatuh_tempo() == []
    await SiasnOutbox.filter(id=queued.id).update(
        next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
    assert await kirim.jatuh_tempo() == [queued.id]
    assert await kirim.kirim(queued.id, client) == StatusKiriman.SENT


async def test_a_refusal_is_dead_until_sent_again(queued, client, simulator):
    evaluasi = await Evaluasi.get(id=queued.evaluasi_id)
    pegawai = await Pegawai.get(id=evaluasi.pegawai_id)
    simulator.data.pns[pegawai.nip]["id"] = "UNKNOWN-TO-SIASN"  # SIASN no longer knows the id
    assert await kirim.kirim(queued.id, client) == StatusKiriman.DEAD
    row = await SiasnOutbox.get(id=queued.id)
    assert row.last_error.startswith("SIASN_REJECTED (ADMIN_INSTANSI_SIASN)")
    assert await kirim.kirim(queued.id, client) is None
    await kirim.kirim_ulang(queued.evaluasi_id)
    simulator.data.pns[pegawai.nip]["id"] = pegawai.siasn_pns_id
    assert await kirim.kirim(queued.id, client) == StatusKiriman.SENT


async def test_pushed_twice_through_the_worker_lands_once(queued, siasn_worker, simulator):
    push_evaluasi.send(queued.id)
    push_evaluasi.send(queued.id)
    await asyncio.to_thread(_drain, siasn_worker)
    assert len(await pushed_records(simulator, queued)) == 1
    row = await SiasnOutbox.get(id=queued.id)
    assert (row.status, row.attempts) == ("SENT", 1)


def _drain(worker) -> None:
    worker.broker.join(push_evaluasi.queue_name, timeout=60_000)
    worker.join()


OPERATIONS = operation("KirimUlangEvaluasi")


async def test_admins_see_the_dead_ones_and_send_one_again(queued, client, simulator,
                                                           siasn_worker, test_settings):
    evaluasi = await Evaluasi.get(id=queued.evaluasi_id)
    pegawai = await Pegawai.get(id=evaluasi.pegawai_id)
    simulator.data.pns[pegawai.nip]["id"] = "UNKNOWN-TO-SIASN"
    await kirim.kirim(queued.id, client)
    admin = await admin_pusat()
    dead = await run(OPERATIONS, admin, test_settings, operation_name="KirimanSiasnMati")
    assert dead.errors is None, dead.errors
    (node,) = [edge["node"] for edge in dead.data["kirimanSiasn"]["edges"]]
    evaluasi_id = to_base64("Evaluasi", evaluasi.id)
    assert (node["evaluasi"], node["attempts"]) == (evaluasi_id, 1)
    simulator.data.pns[pegawai.nip]["id"] = pegawai.siasn_pns_id  # fixed in SIASN
    again = await run(OPERATIONS, admin, test_settings, {"evaluasiId": evaluasi_id},
                      operation_name="KirimUlangEvaluasi")  # fmt: skip
    assert again.data["kirimUlangEvaluasi"]["status"] == "PENDING"
    await asyncio.to_thread(_drain, siasn_worker)
    assert (await SiasnOutbox.get(id=queued.id)).status == "SENT"
    assert len(await pushed_records(simulator, queued)) == 1
    someone = await run(OPERATIONS, principal(pegawai.nip), test_settings,
                        operation_name="KirimanSiasnMati")  # fmt: skip
    assert someone.errors[0].extensions["code"] == "FORBIDDEN"
    other = await Evaluasi.exclude(id=evaluasi.id).first()
    missing = await run(OPERATIONS, admin, test_settings,
                        {"evaluasiId": to_base64("Evaluasi", other.id)},
                        operation_name="KirimUlangEvaluasi")  # fmt: skip
    assert missing.errors[0].extensions["code"] == "NOT_FOUND"
