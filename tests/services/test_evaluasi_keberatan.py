"""Keberatan and finalisation (services/evaluasi/keberatan.py, finalisasi.py; spec §4, PP
30/2019): the pegawai objects within the window after penetapan; the atasan pejabat penilai
decides, finally (DITOLAK keeps the ratings, DITERIMA changes them and keeps the ones
objected to); FINAL queues exactly one SIASN outbox row; without a keberatan the pejabat
penilai finalises only after the window. Stale versions and impossible steps are CONFLICT
and write nothing."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ekinerja_graphql.domain.evaluasi import KeputusanKeberatan
from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.errors import CodedError
from ekinerja_graphql.models import AuditLog, EvaluasiRiwayat, Keberatan, SiasnOutbox
from ekinerja_graphql.services import organisasi_predikat as op
from ekinerja_graphql.services.evaluasi import keberatan
from ekinerja_graphql.services.evaluasi.finalisasi import finalkan
from ekinerja_graphql.services.evaluasi.keberatan import Keputusan
from ekinerja_graphql.services.evaluasi.penetapan import tetapkan
from ekinerja_graphql.services.evaluasi.penilaian import nilai_massal
from ekinerja_graphql.services.skp.mutasi import Mutasi, catat_mutasi
from tests.services.evaluasi_support import (
    ATAS,
    BAWAH,
    SESUAI,
    TAHUN,
    actor,
    build_dunia,
    item,
    jejak,
    reload,
)

DITERIMA, DITOLAK = KeputusanKeberatan.DITERIMA, KeputusanKeberatan.DITOLAK
ALASAN = "  Capaian saya melampaui target yang disepakati  "


@pytest.fixture
async def dunia(empty_db):
    return await build_dunia()


@pytest.fixture
async def fixed(dunia, test_settings):
    """S1's first quarter and year, S2's and S3's year, rated and fixed by P: S1 BAIK
    (Ahli Pertama), S2 BUTUH_PERBAIKAN, S3 BAIK; the unit's year is BAIK (set by H)."""
    p = await actor(dunia.p)
    items = [item(dunia.skp["S1"], "TRIWULANAN", 1), item(dunia.skp["S1"], "TAHUNAN", 1),
             item(dunia.skp["S2"], "TAHUNAN", 1, BAWAH, SESUAI),
             item(dunia.skp["S3"], "TAHUNAN", 1)]  # fmt: skip
    rated = await nilai_massal(p, items, "TRIWULANAN")
    await op.tetapkan(await actor(dunia.h), dunia.unit.id, Periode(TAHUN, "TAHUNAN", 1), "BAIK",
                      None, None)  # fmt: skip
    done = await tetapkan(p, [(e.id, e.version) for e in rated], test_settings)
    return {"tw1": done[0], "tahun": done[1], "S2": done[2], "S3": done[3]}


def _batas(evaluasi, test_settings) -> date:
    """The last day of the window: keberatan_days (14 by default) after the day of penetapan."""
    return evaluasi.ditetapkan_at.astimezone(UTC).date() + timedelta(
        days=test_settings.keberatan_days)


async def _refused(call, code: str, field: str | None = None) -> CodedError:
    before = await jejak()
    with pytest.raises(CodedError) as raised:
        await call
    assert raised.value.code == code, raised.value.message
    assert raised.value.field == field
    assert await jejak() == before
    return raised.value


async def _ajukan(dunia, evaluasi, test_settings, today: date | None = None):
    s1 = await actor(dunia.s1, today or _batas(evaluasi, test_settings))
    return await keberatan.ajukan(s1, evaluasi.id, evaluasi.version, ALASAN,
                                  test_settings.keberatan_days)  # fmt: skip


async def _riwayat(evaluasi) -> list[tuple]:
    return await EvaluasiRiwayat.filter(evaluasi_id=evaluasi.id).order_by("id").values_list(
        "aksi", "dari_status", "ke_status")


def test_the_window_is_fourteen_days_by_default(test_settings):
    assert test_settings.keberatan_days == 14


# --- Filing -------------------------------------------------------------------------------


@pytest.mark.parametrize("days_before_the_limit", [1, 0])
async def test_a_keberatan_is_filed_within_the_window(dunia, fixed, test_settings,
                                                      days_before_the_limit):
    tw1 = fixed["tw1"]
    today = _batas(tw1, test_settings) - timedelta(days=days_before_the_limit)
    filed = await _ajukan(dunia, tw1, test_settings, today)
    stored = await reload(filed)
    assert (stored.status, stored.version, stored.predikat) == ("KEBERATAN", 3, "BAIK")
    row = await Keberatan.get(evaluasi_id=tw1.id)
    assert (row.alasan, row.rating_hasil_kerja_semula, row.rating_perilaku_kerja_semula,
            row.predikat_semula, row.keputusan, row.diputus_oleh) == (
        ALASAN.strip(), SESUAI, SESUAI, "BAIK", None, None)
    riwayat = await EvaluasiRiwayat.filter(evaluasi_id=tw1.id).order_by("-id").first()
    assert (riwayat.aksi, riwayat.dari_status, riwayat.ke_status, riwayat.oleh,
            riwayat.catatan) == ("AJUKAN_KEBERATAN", "DITETAPKAN", "KEBERATAN", dunia.s1.nip,
                                 ALASAN.strip())
    entry = await AuditLog.get(action="ajukanKeberatan")
    assert (entry.subject, entry.object_id, entry.pegawai_id, entry.before["status"],
            entry.after["status"]) == (dunia.s1.nip, tw1.id, dunia.s1.id, "DITETAPKAN",
                                       "KEBERATAN")


async def test_a_keberatan_the_day_after_the_limit_is_refused(dunia, fixed, test_settings):
    tw1 = fixed["tw1"]
    batas = _batas(tw1, test_settings)
    error = await _refused(_ajukan(dunia, tw1, test_settings, batas + timedelta(days=1)),
                           "CONFLICT")  # fmt: skip
    assert error.extensions == {"code": "CONFLICT", "currentStatus": "DITETAPKAN"}
    assert f"the keberatan window closed on {batas}" in error.message


async def test_a_keberatan_needs_a_reason(dunia, fixed, test_settings):
    s1 = await actor(dunia.s1, _batas(fixed["tw1"], test_settings))
    for alasan in ("   terlalu   ", "x" * 2001):
        error = await _refused(keberatan.ajukan(s1, fixed["tw1"].id, fixed["tw1"].version,
                                                alasan, 14), "BAD_USER_INPUT", "alasan")
        assert error.message == "alasan must be 10 to 2000 characters saying why"


@pytest.mark.parametrize("who", ["P", "H", "S2", "ADMIN_PUSAT", "ADMIN_UNIT"])
async def test_only_the_pegawai_files_a_keberatan(dunia, fixed, test_settings, who):
    caller = await actor(dunia.everyone[who], _batas(fixed["tw1"], test_settings))
    error = await _refused(keberatan.ajukan(caller, fixed["tw1"].id, fixed["tw1"].version,
                                            ALASAN, 14), "FORBIDDEN")  # fmt: skip
    assert "PEGAWAI" in error.message


async def test_a_keberatan_needs_a_fixed_evaluation_and_its_version(dunia, fixed,
                                                                    test_settings):
    tw1 = fixed["tw1"]
    s1 = await actor(dunia.s1, _batas(tw1, test_settings))
    error = await _refused(keberatan.ajukan(s1, tw1.id, 1, ALASAN, 14), "CONFLICT")
    assert error.extensions["currentVersion"] == 2
    filed = await _ajukan(dunia, tw1, test_settings)
    error = await _refused(keberatan.ajukan(s1, tw1.id, filed.version, ALASAN, 14), "CONFLICT")
    assert error.extensions == {"code": "CONFLICT", "currentStatus": "KEBERATAN",
                                "currentVersion": filed.version}
    (tw2,) = await nilai_massal(await actor(dunia.p), [item(dunia.skp["S1"], "TRIWULANAN", 2)],
                                "TRIWULANAN")  # fmt: skip
    error = await _refused(keberatan.ajukan(s1, tw2.id, tw2.version, ALASAN, 14), "CONFLICT")
    assert error.extensions["currentStatus"] == "DINILAI"
    await _refused(keberatan.ajukan(s1, 2**31 - 1, 1, ALASAN, 14), "NOT_FOUND")


# --- The decision -------------------------------------------------------------------------


async def test_ditolak_keeps_the_ratings_and_sends_nothing_new(dunia, fixed, test_settings):
    filed = await _ajukan(dunia, fixed["tw1"], test_settings)
    await SiasnOutbox.filter(evaluasi_id=filed.id).update(status="SENT", attempts=1)
    decided = await keberatan.putuskan(await actor(dunia.h), filed.id, filed.version,
                                       Keputusan(DITOLAK, "  Bukti dukung tidak cukup  "))
    stored = await reload(decided)
    assert (stored.status, stored.version, stored.rating_hasil_kerja,
            stored.rating_perilaku_kerja, stored.predikat, stored.angka_kredit) == (
        "FINAL", filed.version + 1, SESUAI, SESUAI, "BAIK", Decimal("3.125"))
    assert abs(stored.final_at - datetime.now(UTC)) < timedelta(minutes=5)
    row = await Keberatan.get(evaluasi_id=filed.id)
    assert (row.keputusan, row.catatan_keputusan, row.diputus_oleh, row.predikat_semula) == (
        "DITOLAK", "Bukti dukung tidak cukup", dunia.h.nip, "BAIK")
    assert row.diputus_at is not None
    # SIASN has had the predikat since penetapan, and it stands.
    outbox = await SiasnOutbox.filter(evaluasi_id=filed.id).values_list(
        "jenis", "status", "attempts")  # fmt: skip
    assert outbox == [("KINERJA_PERIODIK", "SENT", 1)]
    assert await _riwayat(filed) == [
        ("NILAI_EVALUASI", None, "DINILAI"), ("TETAPKAN_EVALUASI", "DINILAI", "DITETAPKAN"),
        ("AJUKAN_KEBERATAN", "DITETAPKAN", "KEBERATAN"),
        ("PUTUSKAN_KEBERATAN", "KEBERATAN", "FINAL")]
    last = await EvaluasiRiwayat.filter(evaluasi_id=filed.id).order_by("-id").first()
    assert (last.oleh, last.catatan) == (dunia.h.nip, "DITOLAK: Bukti dukung tidak cukup")
    entry = await AuditLog.get(action="putuskanKeberatan")
    assert (entry.subject, entry.before["status"], entry.after["status"]) == (
        dunia.h.nip, "KEBERATAN", "FINAL")


async def test_diterima_changes_the_ratings_and_keeps_the_ones_objected_to(dunia, fixed,
                                                                           test_settings):
    filed = await _ajukan(dunia, fixed["tahun"], test_settings)
    await SiasnOutbox.filter(evaluasi_id=filed.id).update(status="SENT", attempts=1)
    decided = await keberatan.putuskan(
        await actor(dunia.h), filed.id, filed.version,
        Keputusan(DITERIMA, "Bukti dukung lengkap", ATAS, ATAS))
    stored = await reload(decided)
    # A year of Ahli Pertama at SANGAT_BAIK: 12/12 × 150% × 12.5
    assert (stored.status, stored.rating_hasil_kerja, stored.rating_perilaku_kerja,
            stored.predikat, stored.angka_kredit, stored.bulan_dinilai) == (
        "FINAL", ATAS, ATAS, "SANGAT_BAIK", Decimal("18.75"), 12)
    row = await Keberatan.get(evaluasi_id=filed.id)
    assert (row.keputusan, row.rating_hasil_kerja_semula, row.rating_perilaku_kerja_semula,
            row.predikat_semula) == ("DITERIMA", SESUAI, SESUAI, "BAIK")
    # The decided predikat goes to SIASN again.
    assert await SiasnOutbox.filter(evaluasi_id=filed.id).values_list(
        "jenis", "status", "attempts") == [("SKP22", "PENDING", 0)]  # fmt: skip


@pytest.mark.parametrize(("keputusan", "field"), [
    (Keputusan(DITOLAK, "Tetap", ATAS, ATAS), "input.ratingHasilKerja"),
    (Keputusan(DITOLAK, "Tetap", None, ATAS), "input.ratingHasilKerja"),
    (Keputusan(DITERIMA, "Diterima"), "input.ratingHasilKerja"),
    (Keputusan(DITERIMA, "Diterima", ATAS, None), "input.ratingHasilKerja"),
    (Keputusan(DITERIMA, "Sama saja", SESUAI, SESUAI), "input.ratingHasilKerja"),
    (Keputusan(DITOLAK, "   "), "input.catatan"),
    (Keputusan(DITOLAK, "x" * 2001), "input.catatan"),
])
async def test_an_impossible_decision_names_the_field(dunia, fixed, test_settings, keputusan,
                                                      field):
    filed = await _ajukan(dunia, fixed["tw1"], test_settings)
    await _refused(keberatan.putuskan(await actor(dunia.h), filed.id, filed.version, keputusan),
                   "BAD_USER_INPUT", field)


@pytest.mark.parametrize("who", ["P", "S1", "P2", "ADMIN_UNIT", "ADMIN_PUSAT"])
async def test_only_the_atasan_pejabat_penilai_decides(dunia, fixed, test_settings, who):
    filed = await _ajukan(dunia, fixed["tw1"], test_settings)
    error = await _refused(keberatan.putuskan(await actor(dunia.everyone[who]), filed.id,
                                              filed.version, Keputusan(DITOLAK, "Tetap")),
                           "FORBIDDEN")  # fmt: skip
    assert "ATASAN_PENILAI" in error.message


async def test_admin_pusat_decides_for_a_menteri_who_is_the_atasan(dunia, test_settings):
    # P is rated by H; P's atasan pejabat penilai is the Menteri.
    h = await actor(dunia.h)
    (rated,) = await nilai_massal(h, [item(dunia.skp["P"], "TRIWULANAN", 1)], "TRIWULANAN")
    (fixed,) = await tetapkan(h, [(rated.id, rated.version)], test_settings)
    p = await actor(dunia.p, _batas(fixed, test_settings))
    filed = await keberatan.ajukan(p, fixed.id, fixed.version, ALASAN, 14)
    await _refused(keberatan.putuskan(h, filed.id, filed.version, Keputusan(DITOLAK, "Tetap")),
                   "FORBIDDEN")
    decided = await keberatan.putuskan(await actor(dunia.admin_pusat), filed.id, filed.version,
                                       Keputusan(DITOLAK, "Tetap"))  # fmt: skip
    assert decided.status == "FINAL"
    assert (await Keberatan.get(evaluasi_id=fixed.id)).diputus_oleh == dunia.admin_pusat.nip


async def test_a_decision_is_final_and_needs_the_current_version(dunia, fixed, test_settings):
    h = await actor(dunia.h)
    tw1 = fixed["tw1"]
    error = await _refused(keberatan.putuskan(h, tw1.id, tw1.version,
                                              Keputusan(DITOLAK, "Tetap")), "CONFLICT")
    assert error.extensions["currentStatus"] == "DITETAPKAN"  # nothing to decide yet
    filed = await _ajukan(dunia, tw1, test_settings)
    error = await _refused(keberatan.putuskan(h, filed.id, filed.version - 1,
                                              Keputusan(DITOLAK, "Tetap")), "CONFLICT")
    assert error.extensions["currentVersion"] == filed.version
    decided = await keberatan.putuskan(h, filed.id, filed.version, Keputusan(DITOLAK, "Tetap"))
    error = await _refused(keberatan.putuskan(h, filed.id, decided.version,
                                              Keputusan(DITERIMA, "Ubah", ATAS, ATAS)),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["currentStatus"] == "FINAL"
    s1 = await actor(dunia.s1, _batas(fixed["tw1"], test_settings))
    error = await _refused(keberatan.ajukan(s1, filed.id, decided.version, ALASAN, 14),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["currentStatus"] == "FINAL"
    assert await SiasnOutbox.all().count() == len(fixed)  # one each, since penetapan


async def test_a_decision_after_a_later_transfer_keeps_the_snapshot(dunia, fixed,
                                                                    test_settings):
    filed = await _ajukan(dunia, fixed["tahun"], test_settings)
    # A mutasi dated 1 July is recorded late: S1's SKP of the year now ends on 30 June.
    await catat_mutasi(await actor(dunia.admin_unit), Mutasi(
        dunia.s1.id, date(TAHUN, 7, 1), dunia.unit2.id, dunia.jabatan_pelaksana.id))
    decided = await keberatan.putuskan(
        await actor(dunia.h), filed.id, filed.version,
        Keputusan(DITERIMA, "Bukti dukung lengkap", ATAS, ATAS))
    stored = await reload(decided)
    # The snapshot says 12 months of Ahli Pertama: 12/12 × 150% × 12.5
    assert (stored.bulan_dinilai, stored.jenjang) == (12, "AHLI_PERTAMA")
    assert stored.angka_kredit == Decimal("18.75")


# --- Finalisation without a keberatan -----------------------------------------------------


async def test_the_penilai_finalises_after_the_window_only(dunia, fixed, test_settings):
    tw1 = fixed["tw1"]
    batas = _batas(tw1, test_settings)
    on_the_limit = await actor(dunia.p, batas)
    error = await _refused(finalkan(on_the_limit, tw1.id, tw1.version, 14), "CONFLICT")
    assert error.extensions == {"code": "CONFLICT", "currentStatus": "DITETAPKAN"}
    assert f"until {batas}" in error.message
    after = await actor(dunia.p, batas + timedelta(days=1))
    done = await finalkan(after, tw1.id, tw1.version, 14)
    stored = await reload(done)
    assert (stored.status, stored.version, stored.predikat) == ("FINAL", 3, "BAIK")
    assert abs(stored.final_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert (await _riwayat(tw1))[-1] == ("FINALKAN_EVALUASI", "DITETAPKAN", "FINAL")
    entry = await AuditLog.get(action="finalkanEvaluasi")
    assert (entry.subject, entry.object_id, entry.after["status"]) == (
        dunia.p.nip, tw1.id, "FINAL")
    # Once FINAL: not again. SIASN has had it since penetapan: nothing new to send.
    error = await _refused(finalkan(after, tw1.id, stored.version, 14), "CONFLICT")
    assert error.extensions["currentStatus"] == "FINAL"
    assert await SiasnOutbox.all().count() == len(fixed)


@pytest.mark.parametrize("who", ["S1", "H", "ADMIN_PUSAT", "ADMIN_UNIT"])
async def test_only_the_penilai_finalises(dunia, fixed, test_settings, who):
    caller = await actor(dunia.everyone[who], _batas(fixed["tw1"], test_settings) + timedelta(1))
    await _refused(finalkan(caller, fixed["tw1"].id, fixed["tw1"].version, 14), "FORBIDDEN")


async def test_finalisation_needs_a_fixed_evaluation_and_its_version(dunia, fixed,
                                                                     test_settings):
    tw1 = fixed["tw1"]
    after = await actor(dunia.p, _batas(tw1, test_settings) + timedelta(days=1))
    error = await _refused(finalkan(after, tw1.id, tw1.version + 5, 14), "CONFLICT")
    assert error.extensions["currentVersion"] == tw1.version
    filed = await _ajukan(dunia, tw1, test_settings)
    error = await _refused(finalkan(after, filed.id, filed.version, 14), "CONFLICT")
    assert error.extensions["currentStatus"] == "KEBERATAN"
    (tw2,) = await nilai_massal(await actor(dunia.p), [item(dunia.skp["S1"], "TRIWULANAN", 2)],
                                "TRIWULANAN")  # fmt: skip
    error = await _refused(finalkan(after, tw2.id, tw2.version, 14), "CONFLICT")
    assert error.extensions["currentStatus"] == "DINILAI"
    assert await SiasnOutbox.filter(evaluasi_id=tw2.id).count() == 0
