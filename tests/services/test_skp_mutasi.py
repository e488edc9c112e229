"""A mutasi (services/skp/mutasi.py, spec/domain.md §2): the pegawai's open SKP of that year
closes the day before, a new DRAFT starts on the day with the new chain, and the history
is kept: the closed SKP keeps its content, realisasi and feedback, and its own chain (the
old penilai) still sees and rates its periods. Only admins of both ends record it."""

from contextlib import suppress
from datetime import date
from decimal import Decimal

import pytest

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.predikat import Rating
from ekinerja_graphql.domain.skp import JenisRhk, NilaiBerakhlak, Pendekatan, StatusSkp
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden, NotFound
from ekinerja_graphql.models import (
    AuditLog,
    Evaluasi,
    IndikatorKinerja,
    Pegawai,
    PerilakuKerja,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
    UmpanBalik,
)
from ekinerja_graphql.services.access import Access
from ekinerja_graphql.services.access.viewer import load_viewer
from ekinerja_graphql.services.evaluasi.penilaian import Penilaian, nilai
from ekinerja_graphql.services.skp import alur, pelaksanaan, perencanaan
from ekinerja_graphql.services.skp.mutasi import Mutasi, catat_mutasi
from ekinerja_graphql.services.skp.pelaksanaan import RealisasiMasukan
from ekinerja_graphql.services.skp.perencanaan import LampiranMasukan, RhkMasukan
from tests.services.skp_support import (
    GRANULARITY,
    TAHUN,
    TODAY,
    Marks,
    actor,
    approve,
    assert_bad_input,
    draft,
    pohon,
    refused,
    stored,
)
from tests.support.kementerian import build_kementerian

MISSING = 2**31 - 1
JULI = date(TAHUN, 7, 1)
TW = JenisPeriode.TRIWULANAN
SESUAI = Rating.SESUAI_EKSPEKTASI


@pytest.fixture
async def k(empty_db):
    return await build_kementerian()


@pytest.fixture
async def world(k):
    """H, P and P2 approved; S3 approved under P's RHK with a realisasi of TW1 and P's
    feedback on its RHK."""
    plans = await pohon(k)
    p2 = await draft(k.p2, plans.h.rhk)
    await approve(k.p2, k.h, p2)
    s3 = await draft(k.s3, plans.p.rhk)
    await approve(k.s3, k.p, s3)
    await pelaksanaan.catat_realisasi(await actor(k.s3), s3.indikator.id, RealisasiMasukan(
        TW, 1, Decimal("30"), bukti=("https://bukti.example/tw1.pdf",)), GRANULARITY)
    await pelaksanaan.tulis_umpan_balik(await actor(k.p), s3.rhk.id, "Pertahankan")
    return k, plans, p2, s3


def pindah(k, **change) -> Mutasi:
    """S3 to Kankemenag U2 as a pelaksana on 1 July."""
    return Mutasi(**{"pegawai_id": k.s3.id, "tanggal": JULI, "unit_id": k.unit2.id,
                     "jabatan_id": k.jabatan_pelaksana.id, **change})  # fmt: skip


async def _content(skp_id: int) -> dict:
    return {
        "rhk": await RencanaHasilKerja.filter(skp_id=skp_id).order_by("id").values(),
        "indikator": await IndikatorKinerja.filter(rhk__skp_id=skp_id).order_by("id").values(),
        "realisasi": await Realisasi.filter(indikator__rhk__skp_id=skp_id).order_by("id").values(),
        "umpan_balik": await UmpanBalik.filter(rhk__skp_id=skp_id).order_by("id").values(),
        "perilaku": await PerilakuKerja.filter(skp_id=skp_id).order_by("id").values(),
    }


async def test_the_open_skp_closes_the_day_before_and_a_draft_starts_on_the_day(world):
    k, _, _, s3 = world
    old_id = s3.skp.id
    pegawai_before = await stored(k.s3)
    old_before = await stored(s3.skp)
    content_before = await _content(old_id)
    admin = await actor(k.admin_unit)
    marks = await Marks.take()

    baru = await catat_mutasi(admin, pindah(k))

    lama = await Skp.get(id=old_id)
    assert (lama.periode_awal, lama.periode_akhir, lama.ditutup_pada) == (
        date(TAHUN, 1, 1), date(TAHUN, 6, 30), date(TAHUN, 6, 30))
    assert (lama.status, lama.version) == (StatusSkp.DISETUJUI, old_before["version"] + 1)
    assert (lama.unit_id, lama.pejabat_penilai_id, lama.atasan_pejabat_penilai_id) == (
        k.unit.id, k.p.id, k.h.id)
    assert await _content(old_id) == content_before  # history kept

    row = await Skp.get(id=baru.id)
    assert (row.pegawai_id, row.tahun, row.periode_awal, row.periode_akhir) == (
        k.s3.id, TAHUN, JULI, date(TAHUN, 12, 31))
    assert (row.status, row.version, row.ditutup_pada, row.pendekatan) == (
        StatusSkp.DRAFT, 1, None, Pendekatan.KUANTITATIF)
    assert (row.unit_id, row.jabatan_id) == (k.unit2.id, k.jabatan_pelaksana.id)
    assert (row.pejabat_penilai_id, row.atasan_pejabat_penilai_id) == (k.p2.id, k.h.id)
    assert await RencanaHasilKerja.filter(skp_id=row.id).count() == 0
    assert sorted(await PerilakuKerja.filter(skp_id=row.id).values_list("nilai", flat=True)) == \
        sorted(NilaiBerakhlak)  # fmt: skip

    pegawai = await Pegawai.get(id=k.s3.id)
    assert (pegawai.unit_id, pegawai.jabatan_id, pegawai.pejabat_penilai_id) == (
        k.unit2.id, k.jabatan_pelaksana.id, k.p2.id)
    assert (pegawai.tmt_jabatan, pegawai.version) == (JULI, pegawai_before["version"] + 1)

    # One audit row per record the mutasi changed: the pegawai, the old SKP, the new SKP.
    entries = await marks.new(AuditLog)
    assert [(e.action, e.object_type, e.object_id, e.subject, e.pegawai_id) for e in entries] == [
        ("catatMutasi", "Pegawai", k.s3.id, k.admin_unit.nip, k.s3.id),
        ("catatMutasi", "Skp", old_id, k.admin_unit.nip, k.s3.id),
        ("catatMutasi", "Skp", row.id, k.admin_unit.nip, k.s3.id),
    ]
    assert [e.before for e in entries] == [pegawai_before, old_before, None]
    assert [e.after for e in entries] == [await stored(pegawai), await stored(lama),
                                          await stored(row)]  # fmt: skip
    # A riwayat row on each SKP, by the admin, saying why.
    riwayat = await marks.new(SkpRiwayat)
    assert [(r.skp_id, r.aksi, r.dari_status, r.ke_status, r.oleh, r.catatan)
            for r in riwayat] == [
        (old_id, Aksi.CATAT_MUTASI, StatusSkp.DISETUJUI, StatusSkp.DISETUJUI, k.admin_unit.nip,
         f"ditutup karena mutasi per {JULI}"),
        (row.id, Aksi.CATAT_MUTASI, None, StatusSkp.DRAFT, k.admin_unit.nip,
         f"dibuka karena mutasi per {JULI}"),
    ]  # fmt: skip
    assert all(r.oleh_pegawai_id == k.admin_unit.id and r.pada for r in riwayat)


async def test_the_old_penilai_still_sees_and_rates_the_closed_skps_periods(world):
    k, _, _, s3 = world
    await catat_mutasi(await actor(k.admin_unit), pindah(k))

    old_penilai = await load_viewer(k.p.nip, frozenset(), TODAY)
    seen = await Pegawai.filter(old_penilai.condition(Access.RECORDS)).values_list("id",
                                                                                   flat=True)
    assert k.s3.id in seen  # though no longer their direct bawahan:
    assert (await Pegawai.get(id=k.s3.id)).pejabat_penilai_id == k.p2.id

    penilai = await actor(k.p)
    marks = await Marks.take()
    for nomor in (1, 2):
        evaluasi = await nilai(penilai, Penilaian(s3.skp.id, TW, nomor, SESUAI, SESUAI),
                               GRANULARITY)  # fmt: skip
        assert (evaluasi.status, evaluasi.predikat, evaluasi.pejabat_penilai_id) == (
            "DINILAI", "BAIK", k.p.id)
        assert (evaluasi.unit_id, evaluasi.skp_id) == (k.unit.id, s3.skp.id)  # as it was then
    assert await Evaluasi.filter(skp_id=s3.skp.id).count() == 2
    assert len(await marks.new(AuditLog)) == 2

    # Not the quarters after the mutasi: they belong to the new SKP.
    error = await refused(BadUserInput, nilai(penilai, Penilaian(s3.skp.id, TW, 3, SESUAI,
                                                                 SESUAI), GRANULARITY))
    assert_bad_input(error, "input.nomorPeriode", f"within the SKP's {TAHUN}-01-01 to "
                     f"{TAHUN}-06-30")  # fmt: skip
    # The new penilai does not rate the old SKP.
    await refused(Forbidden, nilai(await actor(k.p2), Penilaian(s3.skp.id, TW, 1, SESUAI,
                                                                SESUAI, version=1), GRANULARITY))
    # Feedback and realisasi still go to the closed SKP (its months are lived).
    feedback = await pelaksanaan.tulis_umpan_balik(penilai, s3.rhk.id, "Catatan akhir")
    assert (await UmpanBalik.get(id=feedback.id)).penulis_id == k.p.id
    tw2 = await pelaksanaan.catat_realisasi(await actor(k.s3), s3.indikator.id,
                                            RealisasiMasukan(TW, 2, Decimal("60")), GRANULARITY)
    assert (await Realisasi.get(id=tw2.id)).nilai == Decimal("60")
    error = await refused(BadUserInput, pelaksanaan.catat_realisasi(
        await actor(k.s3), s3.indikator.id, RealisasiMasukan(TW, 3, Decimal("90")), GRANULARITY))
    assert_bad_input(error, "input.nomorPeriode", f"{TAHUN}-06-30")


async def test_a_closed_skp_is_no_longer_planned_or_moved_along(world):
    k, plans, _, s3 = world
    await catat_mutasi(await actor(k.admin_unit), pindah(k))
    lama = await Skp.get(id=s3.skp.id)
    pegawai = await actor(k.s3)
    # A revisi would reopen it: refused although DISETUJUI -> DRAFT is a step.
    error = await refused(Conflict, alur.revisi(pegawai, lama.id, lama.version, "Ubah"))
    assert "closed by a mutasi" in error.message
    assert error.extensions["currentStatus"] == StatusSkp.DISETUJUI
    # The new SKP is the one to plan, cascading from the new penilai's SKP.
    baru = await Skp.get(pegawai_id=k.s3.id, ditutup_pada=None)
    error = await refused(BadUserInput, perencanaan.tambah_rhk(pegawai, baru.id, RhkMasukan(
        JenisRhk.UTAMA, "Layanan", plans.p.rhk.id)))
    assert_bad_input(error, "input.rhkAtasanId", f"pejabat penilai's SKP for {TAHUN}")


async def test_a_draft_closed_by_a_mutasi_is_finished_and_approved_by_its_own_chain(k):
    plans = await pohon(k)
    s2 = await draft(k.s2, plans.p.rhk)
    await catat_mutasi(await actor(k.admin_pusat), pindah(k, pegawai_id=k.s2.id))
    lama = await Skp.get(id=s2.skp.id)
    assert (lama.status, lama.ditutup_pada) == (StatusSkp.DRAFT, date(TAHUN, 6, 30))
    # Its months were lived: the plan is still completed, submitted and approved by the
    # penilai it names (not the new one), so they can be rated.
    pegawai = await actor(k.s2)
    lama = await perencanaan.ubah_lampiran(pegawai, lama.id, lama.version, LampiranMasukan(
        ("Anggaran",), (), ()))
    submitted = await alur.ajukan(pegawai, lama.id, lama.version)
    await refused(Forbidden, alur.setujui(await actor(k.p2), lama.id, submitted.version))
    approved = await alur.setujui(await actor(k.p), lama.id, submitted.version)
    assert (approved.status, approved.ditutup_pada) == (StatusSkp.DISETUJUI, date(TAHUN, 6, 30))
    evaluasi = await nilai(await actor(k.p), Penilaian(lama.id, TW, 2, SESUAI, SESUAI),
                           GRANULARITY)  # fmt: skip
    assert evaluasi.pejabat_penilai_id == k.p.id
    # Once approved it is not reopened.
    error = await refused(Conflict, alur.revisi(pegawai, lama.id, approved.version, "Ubah"))
    assert "closed by a mutasi" in error.message
    # The new DRAFT is approved by the new penilai, and only by them.
    p2 = await draft(k.p2, plans.h.rhk)
    await approve(k.p2, k.h, p2)
    baru = await Skp.get(pegawai_id=k.s2.id, ditutup_pada=None)
    rencana = await _plan(k.s2, baru, p2.rhk.id)
    submitted = await alur.ajukan(pegawai, baru.id, rencana.version)
    await refused(Forbidden, alur.setujui(await actor(k.p), baru.id, submitted.version))
    approved = await alur.setujui(await actor(k.p2), baru.id, submitted.version)
    assert approved.status is StatusSkp.DISETUJUI
    # Its realisasi start with its own period.
    indikator = await IndikatorKinerja.get(rhk__skp_id=baru.id)
    error = await refused(BadUserInput, pelaksanaan.catat_realisasi(
        pegawai, indikator.id, RealisasiMasukan(TW, 2, Decimal("1")), GRANULARITY))
    assert_bad_input(error, "input.nomorPeriode", f"within the SKP's {JULI} to {TAHUN}-12-31")
    tw3 = await pelaksanaan.catat_realisasi(pegawai, indikator.id,
                                            RealisasiMasukan(TW, 3, Decimal("1")), GRANULARITY)
    assert (await Realisasi.get(id=tw3.id)).indikator_id == indikator.id


async def _plan(pegawai, skp, rhk_atasan_id) -> Skp:
    who = await actor(pegawai)
    rhk = await perencanaan.tambah_rhk(who, skp.id, RhkMasukan(JenisRhk.UTAMA, "Layanan",
                                                               rhk_atasan_id))  # fmt: skip
    await perencanaan.tambah_indikator(who, rhk.id, perencanaan.IndikatorMasukan(
        "KUANTITAS", "Jumlah", Decimal("5"), "layanan"))
    return await Skp.get(id=skp.id)


async def test_mutasi_after_mutasi_keeps_every_period(world):
    k, _, _, s3 = world
    admin = await actor(k.admin_pusat)
    juli = await catat_mutasi(admin, pindah(k))
    error = await refused(BadUserInput, catat_mutasi(admin, pindah(
        k, tanggal=date(TAHUN, 6, 1), unit_id=k.unit.id)))
    assert_bad_input(error, "input.tanggal", f"after {JULI}, the start of the open SKP")
    oktober = await catat_mutasi(admin, pindah(k, tanggal=date(TAHUN, 10, 1), unit_id=k.unit.id))
    periods = await Skp.filter(pegawai_id=k.s3.id).order_by("periode_awal").values_list(
        "id", "periode_awal", "periode_akhir", "ditutup_pada", "pejabat_penilai_id")
    assert periods == [
        (s3.skp.id, date(TAHUN, 1, 1), date(TAHUN, 6, 30), date(TAHUN, 6, 30), k.p.id),
        (juli.id, JULI, date(TAHUN, 9, 30), date(TAHUN, 9, 30), k.p2.id),
        (oktober.id, date(TAHUN, 10, 1), date(TAHUN, 12, 31), None, k.p.id),
    ]
    # Both old penilai still see the pegawai; the new one as a direct bawahan.
    for penilai in (k.p, k.p2):
        viewer = await load_viewer(penilai.nip, frozenset(), TODAY)
        assert k.s3.id in await Pegawai.filter(viewer.condition(Access.RECORDS)).values_list(
            "id", flat=True)


async def test_without_an_open_skp_only_the_pegawai_moves(k):
    admin = await actor(k.admin_unit)
    before = await stored(k.s3)
    marks = await Marks.take()
    assert await catat_mutasi(admin, pindah(k)) is None
    pegawai = await Pegawai.get(id=k.s3.id)
    assert (pegawai.unit_id, pegawai.pejabat_penilai_id) == (k.unit2.id, k.p2.id)
    (entry,) = await marks.new(AuditLog)
    assert (entry.action, entry.object_type, entry.before, entry.after) == (
        "catatMutasi", "Pegawai", before, await stored(pegawai))
    assert await marks.new(Skp) == [] and await marks.new(SkpRiwayat) == []
    # Their next SKP starts with the new position.
    skp = await perencanaan.buat_skp(await actor(k.s3), TAHUN, Pendekatan.KUANTITATIF)
    assert ((await Skp.get(id=skp.id)).periode_awal, skp.pejabat_penilai_id) == (JULI, k.p2.id)


async def test_the_penilai_can_be_named_and_defaults_to_the_head_of_the_new_unit(k):
    admin = await actor(k.admin_pusat)
    await perencanaan.buat_skp(await actor(k.s1), TAHUN, Pendekatan.KUANTITATIF)
    named = await catat_mutasi(admin, pindah(k, pegawai_id=k.s1.id, pejabat_penilai_id=k.h.id))
    assert (named.pejabat_penilai_id, named.atasan_pejabat_penilai_id) == (k.h.id, None)
    assert named.atasan_pejabat_penilai_negara_id == k.menteri.id
    # Moved to the Kanwil: rated by its head; to the root, led by the Menteri: by the Menteri.
    await catat_mutasi(admin, pindah(k, pegawai_id=k.s2.id, unit_id=k.kanwil.id))
    assert (await Pegawai.get(id=k.s2.id)).pejabat_penilai_id == k.h.id
    await catat_mutasi(admin, pindah(k, pegawai_id=k.s2.id, unit_id=k.root.id,
                                     tanggal=date(TAHUN, 8, 1)))  # fmt: skip
    moved = await Pegawai.get(id=k.s2.id)
    assert (moved.pejabat_penilai_id, moved.pejabat_penilai_negara_id) == (None, k.menteri.id)


@pytest.mark.parametrize(("change", "field", "allowed"), [
    ({"unit_id": MISSING}, "input.unitId", "an existing unit organisasi"),
    ({"jabatan_id": MISSING}, "input.jabatanId", "an existing jabatan"),
    ({"pejabat_penilai_id": "self"}, "input.pejabatPenilaiId", "someone other than the pegawai"),
    ({"pejabat_penilai_id": MISSING}, "input.pejabatPenilaiId", "an AKTIF pegawai"),
    ({"unit_id": "same"}, "input.unitId", "another unit, or input.jabatanId another jabatan"),
    ({"tanggal": date(TAHUN - 2, 12, 31)}, "input.tanggal", f"a date from {TAHUN - 1}-01-01"),
    ({"tanggal": date(TAHUN, 1, 1)}, "input.tanggal", f"after {TAHUN}-01-01, the start of "
     "the open SKP it closes"),
])  # fmt: skip
async def test_bad_mutasi_input_names_the_field_and_writes_nothing(world, change, field,
                                                                   allowed):
    k, _, _, _ = world
    if change.get("pejabat_penilai_id") == "self":
        change = {"pejabat_penilai_id": k.s3.id}
    if change.get("unit_id") == "same":  # and the same jabatan: nothing moves
        change = {"unit_id": k.s3.unit_id, "jabatan_id": k.s3.jabatan_id}
    error = await refused(BadUserInput, catat_mutasi(await actor(k.admin_pusat),
                                                     pindah(k, **change)))  # fmt: skip
    assert_bad_input(error, field, allowed)


async def test_a_missing_pegawai_is_not_found(k):
    await refused(NotFound, catat_mutasi(await actor(k.admin_pusat),
                                         pindah(k, pegawai_id=MISSING)))  # fmt: skip


@pytest.mark.parametrize(("who", "to"), [
    ("s3", "unit2"), ("p", "unit2"), ("p2", "unit2"), ("h", "unit2"),
    ("admin_unit", "root"),  # an ADMIN_UNIT administers both ends or records nothing
])
async def test_only_admins_of_both_ends_record_a_mutasi(world, who, to):
    k, _, _, _ = world
    error = await refused(Forbidden, catat_mutasi(await actor(getattr(k, who)),
                                                  pindah(k, unit_id=getattr(k, to).id)))
    assert "CATAT_MUTASI" in error.message and "ADMIN_UNIT" in error.message


@pytest.mark.parametrize("status", [StatusPegawai.CLTN, StatusPegawai.TUGAS_BELAJAR])
async def test_a_mutasi_opens_no_skp_for_a_pegawai_who_may_have_none(world, status):
    k, _, _, _ = world
    await Pegawai.filter(id=k.s3.id).update(status=status)
    with suppress(Conflict):  # refusing the move outright is fine too
        await catat_mutasi(await actor(k.admin_pusat), pindah(k))
    assert not await Skp.exists(pegawai_id=k.s3.id, periode_awal=JULI)
    assert await Skp.filter(pegawai_id=k.s3.id).count() == 1


async def test_a_mutasi_does_not_take_realisasi_of_later_periods_from_the_closed_skp(world):
    k, _, _, s3 = world
    await pelaksanaan.catat_realisasi(await actor(k.s3), s3.indikator.id, RealisasiMasukan(
        TW, 2, Decimal("31")), GRANULARITY)  # fmt: skip
    admin = await actor(k.admin_pusat)
    error = await refused(Conflict, catat_mutasi(admin, pindah(k, tanggal=date(TAHUN, 4, 1))))
    assert "TRIWULANAN 2" in error.message
    # Dated after the second quarter began, TW2 stays on the closed SKP.
    assert await catat_mutasi(admin, pindah(k, tanggal=date(TAHUN, 4, 2))) is not None


async def test_the_new_penilai_is_not_someone_the_pegawai_rates(world):
    k, _, _, _ = world
    await Pegawai.filter(id=k.s2.id).update(pejabat_penilai_id=k.s3.id)
    error = await refused(BadUserInput, catat_mutasi(await actor(k.admin_pusat), pindah(
        k, pejabat_penilai_id=k.s2.id)))  # fmt: skip
    assert_bad_input(error, "input.pejabatPenilaiId", "someone other than the pegawai and "
                     "those the pegawai rates")  # fmt: skip


async def test_an_admin_does_not_record_their_own_mutasi(world):
    k, _, _, _ = world
    own = Mutasi(k.admin_unit.id, JULI, k.unit2.id, k.jabatan_pelaksana.id)
    error = await refused(Forbidden, catat_mutasi(await actor(k.admin_unit), own))
    assert "CATAT_MUTASI" in error.message
    assert await catat_mutasi(await actor(k.admin_pusat), own) is None  # another admin may
