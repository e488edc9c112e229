"""SKP planning (services/skp/perencanaan.py, spec/domain.md §2): drafting an SKP, its RHK
cascade, indicators, the pimpinan's ekspektasi and the lampiran. Each bad input names its
field and what is allowed; a refused write leaves every row (audit log included) as it was;
a successful one writes exactly one audit row."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ekinerja_graphql.domain.kepegawaian import StatusPegawai, StatusPenilai
from ekinerja_graphql.domain.skp import (
    MAKS_INDIKATOR,
    MAKS_LAMPIRAN,
    MAKS_RHK,
    PANJANG_URAIAN,
    AspekIndikator,
    JenisJabatanSkp,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    StatusSkp,
)
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden, NotFound
from ekinerja_graphql.models import (
    AuditLog,
    IndikatorKinerja,
    Pegawai,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
)
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.access.viewer import load_viewer
from ekinerja_graphql.services.skp import alur, perencanaan
from ekinerja_graphql.services.skp.perencanaan import (
    IndikatorMasukan,
    LampiranMasukan,
    RhkMasukan,
)
from tests.services.skp_support import (
    TAHUN,
    TODAY,
    Marks,
    actor,
    assert_bad_input,
    draft,
    one_audit,
    pohon,
    refused,
    stored,
)
from tests.support.kementerian import build_kementerian

MISSING = 2**31 - 1


@pytest.fixture
async def k(empty_db):
    return await build_kementerian()


@pytest.fixture
async def tree(k):
    """H and P approved; S1 (JF) and S2 (JA) have empty drafts of this year."""
    plans = await pohon(k)
    s1 = await perencanaan.buat_skp(await actor(k.s1), TAHUN, Pendekatan.KUANTITATIF)
    s2 = await perencanaan.buat_skp(await actor(k.s2), TAHUN, Pendekatan.KUANTITATIF)
    return k, plans, s1, s2


def rhk(uraian="Terlaksananya penyuluhan agama", jenis=JenisRhk.UTAMA, atasan=None,
        perspektif=None, urutan=None) -> RhkMasukan:  # fmt: skip
    return RhkMasukan(jenis, uraian, atasan, perspektif, urutan)


KUANTITAS = IndikatorMasukan(AspekIndikator.KUANTITAS, "Jumlah kelompok binaan", Decimal("12"),
                             "kelompok")  # fmt: skip


# --- buatSkp ---------------------------------------------------------------------------


async def test_a_new_skp_takes_its_chain_position_and_values_from_the_data(k):
    who = await actor(k.s1)
    marks = await Marks.take()
    skp = await perencanaan.buat_skp(who, TAHUN, Pendekatan.KUANTITATIF)

    row = await Skp.get(id=skp.id)
    assert (row.pegawai_id, row.unit_id, row.jabatan_id, row.tahun) == (
        k.s1.id, k.unit.id, k.s1.jabatan_id, TAHUN)
    assert (row.periode_awal, row.periode_akhir) == (date(TAHUN, 1, 1), date(TAHUN, 12, 31))
    assert (row.status, row.version, row.jenis_jabatan) == (StatusSkp.DRAFT, 1,
                                                            JenisJabatanSkp.JF)  # fmt: skip
    assert (row.pejabat_penilai_id, row.atasan_pejabat_penilai_id) == (k.p.id, k.h.id)
    assert row.status_penilai is StatusPenilai.ASN and row.ditutup_pada is None
    perilaku = await PerilakuKerja.filter(skp_id=skp.id).values_list("nilai", flat=True)
    assert sorted(perilaku) == sorted(NilaiBerakhlak)
    (riwayat,) = await marks.new(SkpRiwayat)
    assert (riwayat.skp_id, riwayat.aksi, riwayat.dari_status, riwayat.ke_status) == (
        skp.id, Aksi.BUAT_SKP, None, StatusSkp.DRAFT)
    assert (riwayat.oleh, riwayat.oleh_pegawai_id, riwayat.catatan) == (k.s1.nip, k.s1.id, None)
    assert riwayat.pada is not None
    entry = await one_audit(marks, who, "buatSkp", row, before=None)
    assert entry.pegawai_id == k.s1.id


async def test_the_skp_of_a_jpt_rated_by_the_menteri_is_non_asn(k):
    skp = await perencanaan.buat_skp(await actor(k.h), TAHUN, Pendekatan.KUALITATIF)
    row = await Skp.get(id=skp.id)
    assert (row.jenis_jabatan, row.status_penilai) == (JenisJabatanSkp.JPT, StatusPenilai.NON_ASN)
    assert (row.pejabat_penilai_id, row.pejabat_penilai_negara_id) == (None, k.menteri.id)
    assert row.pendekatan is Pendekatan.KUALITATIF
    s2 = await perencanaan.buat_skp(await actor(k.s2), TAHUN, Pendekatan.KUANTITATIF)
    assert (await Skp.get(id=s2.id)).jenis_jabatan is JenisJabatanSkp.JA


async def test_an_skp_starts_with_a_position_taken_this_year(k):
    await Pegawai.filter(id=k.s2.id).update(tmt_jabatan=date(TAHUN, 3, 15))
    skp = await perencanaan.buat_skp(await actor(k.s2), TAHUN, Pendekatan.KUANTITATIF)
    assert (await Skp.get(id=skp.id)).periode_awal == date(TAHUN, 3, 15)


@pytest.mark.parametrize("tahun", [TAHUN - 2, TAHUN + 2, 0, 32767])
async def test_the_year_is_last_this_or_next(k, tahun):
    error = await refused(BadUserInput, perencanaan.buat_skp(await actor(k.s1), tahun,
                                                             Pendekatan.KUANTITATIF))
    assert_bad_input(error, "tahun", f"{TAHUN - 1} to {TAHUN + 1}")


@pytest.mark.parametrize("tahun", [TAHUN - 1, TAHUN + 1])
async def test_last_and_next_year_are_allowed(k, tahun):
    skp = await perencanaan.buat_skp(await actor(k.s1), tahun, Pendekatan.KUANTITATIF)
    assert (await Skp.get(id=skp.id)).periode_akhir == date(tahun, 12, 31)


async def test_one_open_skp_per_pegawai_and_year(k):
    who = await actor(k.s1)
    await perencanaan.buat_skp(who, TAHUN, Pendekatan.KUANTITATIF)
    error = await refused(Conflict, perencanaan.buat_skp(who, TAHUN, Pendekatan.KUALITATIF))
    assert "already have an open SKP" in error.message and error.extensions["code"] == "CONFLICT"


@pytest.mark.parametrize("status", [StatusPegawai.CLTN, StatusPegawai.DIBERHENTIKAN_SEMENTARA,
                                    StatusPegawai.MPP, StatusPegawai.TUGAS_BELAJAR])
async def test_nobody_gets_an_skp_while_away(k, status):
    who = await actor(k.s2)
    await Pegawai.filter(id=k.s2.id).update(status=status)
    error = await refused(Conflict, perencanaan.buat_skp(who, TAHUN, Pendekatan.KUANTITATIF))
    assert error.extensions["currentStatus"] == status


async def test_a_service_account_has_no_skp(k):
    viewer = await load_viewer("siasn-sync", frozenset({"siasn-sync"}), TODAY)
    service = Actor(viewer, TODAY, "req-svc")
    await refused(Forbidden, perencanaan.buat_skp(service, TAHUN, Pendekatan.KUANTITATIF))


# --- RHK -------------------------------------------------------------------------------


async def test_an_rhk_is_added_with_one_audit_row_and_no_riwayat(tree):
    k, plans, s1, _ = tree
    who = await actor(k.s1)
    marks = await Marks.take()
    added = await perencanaan.tambah_rhk(who, s1.id, rhk("  Terbinanya kelompok  ",
                                                         atasan=plans.p.rhk.id))  # fmt: skip
    row = await RencanaHasilKerja.get(id=added.id)
    assert (row.skp_id, row.jenis, row.uraian, row.rhk_atasan_id, row.urutan, row.version) == (
        s1.id, JenisRhk.UTAMA, "Terbinanya kelompok", plans.p.rhk.id, 1, 1)
    await one_audit(marks, who, "tambahRhk", row, before=None)
    assert await marks.new(SkpRiwayat) == []
    second = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    assert second.urutan == 2


async def test_a_jpt_rhk_carries_a_perspektif(k):
    who = await actor(k.h)
    skp = await perencanaan.buat_skp(who, TAHUN, Pendekatan.KUANTITATIF)
    added = await perencanaan.tambah_rhk(who, skp.id, rhk(perspektif=PerspektifJpt.ANGGARAN))
    assert (await RencanaHasilKerja.get(id=added.id)).perspektif is PerspektifJpt.ANGGARAN


async def _other_year_rhk(k) -> int:
    """An RHK of P's SKP of next year: the right penilai, the wrong year."""
    who = await actor(k.p)
    skp = await perencanaan.buat_skp(who, TAHUN + 1, Pendekatan.KUANTITATIF)
    return (await perencanaan.tambah_rhk(who, skp.id, rhk(jenis=JenisRhk.TAMBAHAN))).id


ATASAN = f"an RHK of your pejabat penilai's SKP for {TAHUN}"


@pytest.mark.parametrize(("masukan", "field", "allowed"), [
    (rhk(""), "input.uraian", f"1 to {PANJANG_URAIAN} characters"),
    (rhk(" \t\n "), "input.uraian", f"1 to {PANJANG_URAIAN} characters"),
    (rhk("x" * (PANJANG_URAIAN + 1)), "input.uraian", f"1 to {PANJANG_URAIAN} characters"),
    (rhk(urutan=0), "input.urutan", f"1 to {MAKS_RHK}"),
    (rhk(urutan=MAKS_RHK + 1), "input.urutan", f"1 to {MAKS_RHK}"),
    (rhk(perspektif=PerspektifJpt.PROSES_BISNIS), "input.perspektif", "only a JPT's RHK"),
    (rhk(jenis=JenisRhk.TAMBAHAN, atasan="p"), "input.rhkAtasanId", "a TAMBAHAN RHK"),
    (rhk(atasan="h"), "input.rhkAtasanId", ATASAN),  # the atasan's, not the penilai's
    (rhk(atasan="missing"), "input.rhkAtasanId", ATASAN),
    (rhk(atasan="s2"), "input.rhkAtasanId", ATASAN),  # a colleague's
    (rhk(atasan="own"), "input.rhkAtasanId", ATASAN),
    (rhk(atasan="next year"), "input.rhkAtasanId", ATASAN),
])  # fmt: skip
async def test_bad_rhk_input_names_the_field_and_writes_nothing(tree, masukan, field, allowed):
    k, plans, s1, s2 = tree
    own = await perencanaan.tambah_rhk(await actor(k.s1), s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    s2_rhk = await perencanaan.tambah_rhk(await actor(k.s2), s2.id, rhk(atasan=plans.p.rhk.id))
    ids = {"p": plans.p.rhk.id, "h": plans.h.rhk.id, "missing": MISSING, "s2": s2_rhk.id,
           "own": own.id, None: None}  # fmt: skip
    if masukan.rhk_atasan_id == "next year":
        ids["next year"] = await _other_year_rhk(k)
    masukan = replace(masukan, rhk_atasan_id=ids[masukan.rhk_atasan_id])
    who = await actor(k.s1)
    error = await refused(BadUserInput, perencanaan.tambah_rhk(who, s1.id, masukan))
    assert_bad_input(error, field, allowed)
    # The same rules hold when an RHK is changed.
    error = await refused(BadUserInput, perencanaan.ubah_rhk(who, own.id, own.version, masukan))
    assert_bad_input(error, field, allowed)


async def test_at_most_maks_rhk_per_skp(tree):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    for n in range(MAKS_RHK):
        await perencanaan.tambah_rhk(who, s1.id, rhk(f"RHK {n}", jenis=JenisRhk.TAMBAHAN))
    error = await refused(BadUserInput, perencanaan.tambah_rhk(who, s1.id, rhk("Satu lagi")))
    assert_bad_input(error, "skpId", f"fewer than {MAKS_RHK} RHK")
    assert await RencanaHasilKerja.filter(skp_id=s1.id).count() == MAKS_RHK


async def test_an_rhk_is_changed_at_its_version_and_audited_before_and_after(tree):
    k, plans, s1, _ = tree
    who = await actor(k.s1)
    added = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    before = await stored(added)
    marks = await Marks.take()
    changed = await perencanaan.ubah_rhk(who, added.id, 1, rhk("Diubah", atasan=plans.p.rhk.id,
                                                               urutan=3))  # fmt: skip
    row = await RencanaHasilKerja.get(id=added.id)
    assert (row.version, row.uraian, row.jenis, row.rhk_atasan_id, row.urutan) == (
        2, "Diubah", JenisRhk.UTAMA, plans.p.rhk.id, 3)
    assert changed.version == 2
    await one_audit(marks, who, "ubahRhk", row, before=before)
    assert await marks.new(SkpRiwayat) == []

    error = await refused(Conflict, perencanaan.ubah_rhk(who, added.id, 1, rhk("Basi")))
    assert error.extensions["currentVersion"] == 2 and "changed since you read it" in error.message


async def test_an_rhk_is_deleted_with_its_indicators_at_its_version(tree):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    added = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    await perencanaan.tambah_indikator(who, added.id, KUANTITAS)
    before = await stored(added)
    error = await refused(Conflict, perencanaan.hapus_rhk(who, added.id, 2))
    assert error.extensions["currentVersion"] == 1
    marks = await Marks.take()
    await perencanaan.hapus_rhk(who, added.id, 1)
    await one_audit(marks, who, "hapusRhk", added, before=before, deleted=True)
    assert not await IndikatorKinerja.exists(rhk_id=added.id)


async def test_an_rhk_cascaded_to_cannot_be_deleted(k):
    p = await draft(k.p)  # P's own draft (its RHK without atasan: fine while a draft)
    s1 = await draft(k.s1, p.rhk)
    error = await refused(Conflict, perencanaan.hapus_rhk(await actor(k.p), p.rhk.id, 1))
    assert "cascaded to" in error.message
    assert await RencanaHasilKerja.get(id=s1.rhk.id)


# --- indicators ------------------------------------------------------------------------


async def test_an_indicator_is_added_changed_and_deleted_with_one_audit_row_each(tree):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    parent = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    marks = await Marks.take()
    added = await perencanaan.tambah_indikator(who, parent.id, replace(
        KUANTITAS, uraian="  Jumlah kelompok  "))
    row = await IndikatorKinerja.get(id=added.id)
    assert (row.aspek, row.uraian, row.target_nilai, row.target_satuan, row.urutan) == (
        AspekIndikator.KUANTITAS, "Jumlah kelompok", Decimal("12"), "kelompok", 1)
    await one_audit(marks, who, "tambahIndikator", row, before=None)

    before = await stored(row)
    marks = await Marks.take()
    await perencanaan.ubah_indikator(who, row.id, 1, IndikatorMasukan(
        AspekIndikator.WAKTU, "Tepat waktu", Decimal("12.5"), "bulan", "Setiap bulan"))
    row = await IndikatorKinerja.get(id=added.id)
    assert (row.version, row.aspek, row.target_nilai, row.target_deskripsi) == (
        2, AspekIndikator.WAKTU, Decimal("12.50"), "Setiap bulan")
    await one_audit(marks, who, "ubahIndikator", row, before=before)

    error = await refused(Conflict, perencanaan.ubah_indikator(who, row.id, 1, KUANTITAS))
    assert error.extensions["currentVersion"] == 2
    error = await refused(Conflict, perencanaan.hapus_indikator(who, row.id, 1))
    assert error.extensions["currentVersion"] == 2
    before = await stored(row)
    marks = await Marks.take()
    await perencanaan.hapus_indikator(who, row.id, 2)
    await one_audit(marks, who, "hapusIndikator", row, before=before, deleted=True)


async def test_one_indicator_per_aspek_and_at_most_maks_indikator(tree):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    parent = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    first = await perencanaan.tambah_indikator(who, parent.id, KUANTITAS)
    error = await refused(BadUserInput, perencanaan.tambah_indikator(who, parent.id, KUANTITAS))
    assert_bad_input(error, "input.aspek", "one per aspek", "not KUANTITAS")
    for aspek in (AspekIndikator.KUALITAS, AspekIndikator.WAKTU, AspekIndikator.BIAYA):
        await perencanaan.tambah_indikator(who, parent.id, replace(KUANTITAS, aspek=aspek))
    assert await IndikatorKinerja.filter(rhk_id=parent.id).count() == MAKS_INDIKATOR
    for aspek in AspekIndikator:
        error = await refused(BadUserInput, perencanaan.tambah_indikator(
            who, parent.id, replace(KUANTITAS, aspek=aspek)))
        assert_bad_input(error, "input.aspek", "an aspek this RHK has no indikator for yet")
    # Changing one to an aspek another indicator has is refused too.
    error = await refused(BadUserInput, perencanaan.ubah_indikator(
        who, first.id, 1, replace(KUANTITAS, aspek=AspekIndikator.BIAYA)))
    assert_bad_input(error, "input.aspek", "an aspek the RHK has no other indikator for")


@pytest.mark.parametrize(("change", "field", "allowed"), [
    ({"uraian": ""}, "input.uraian", f"1 to {PANJANG_URAIAN} characters"),
    ({"uraian": "  "}, "input.uraian", f"1 to {PANJANG_URAIAN} characters"),
    ({"uraian": "u" * (PANJANG_URAIAN + 1)}, "input.uraian", f"1 to {PANJANG_URAIAN}"),
    ({"target_nilai": Decimal("-0.01")}, "input.targetNilai", "a number from 0 to below"),
    ({"target_nilai": Decimal("1000000000000")}, "input.targetNilai", "below 1000000000000"),
    ({"target_nilai": Decimal("Infinity")}, "input.targetNilai", "below 1000000000000"),
    ({"target_nilai": Decimal("1.005")}, "input.targetNilai", "at most 2 decimals"),
    ({"target_satuan": "s" * 61}, "input.targetSatuan", "1 to 60 characters"),
    ({"target_deskripsi": "d" * (PANJANG_URAIAN + 1)}, "input.targetDeskripsi",
     f"at most {PANJANG_URAIAN} characters"),
])  # fmt: skip
async def test_bad_indicator_input_names_the_field_and_writes_nothing(tree, change, field,
                                                                      allowed):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    parent = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    existing = await perencanaan.tambah_indikator(who, parent.id, replace(
        KUANTITAS, aspek=AspekIndikator.WAKTU))
    masukan = replace(KUANTITAS, **change)
    error = await refused(BadUserInput, perencanaan.tambah_indikator(who, parent.id, masukan))
    assert_bad_input(error, field, allowed)
    error = await refused(BadUserInput, perencanaan.ubah_indikator(
        who, existing.id, 1, replace(masukan, aspek=AspekIndikator.WAKTU)))
    assert_bad_input(error, field, allowed)


async def test_a_target_that_is_not_a_number_is_bad_input(tree):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    parent = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    error = await refused(BadUserInput, perencanaan.tambah_indikator(
        who, parent.id, replace(KUANTITAS, target_nilai=Decimal("NaN"))))
    assert_bad_input(error, "input.targetNilai", "a number from 0 to below")


@pytest.mark.parametrize("satuan", ["", "   "])
async def test_a_blank_satuan_is_no_satuan(tree, satuan):
    # Stored as none, so that submitting a quantitative SKP asks for it.
    k, _, s1, _ = tree
    who = await actor(k.s1)
    parent = await perencanaan.tambah_rhk(who, s1.id, rhk(jenis=JenisRhk.TAMBAHAN))
    indikator = await perencanaan.tambah_indikator(who, parent.id, replace(
        KUANTITAS, target_satuan=satuan, uraian="  Jumlah layanan  "))
    stored = await IndikatorKinerja.get(id=indikator.id)
    assert (stored.target_satuan, stored.uraian) == (None, "Jumlah layanan")


# --- who may edit, and when ------------------------------------------------------------


@pytest.mark.parametrize("who", ["p", "h", "s2", "admin_pusat", "admin_unit"])
async def test_only_the_pegawai_edits_their_draft(tree, who):
    k, plans, s1, _ = tree
    own = await perencanaan.tambah_rhk(await actor(k.s1), s1.id, rhk(atasan=plans.p.rhk.id))
    ind = await perencanaan.tambah_indikator(await actor(k.s1), own.id, KUANTITAS)
    caller = await actor(getattr(k, who))
    calls = [
        perencanaan.tambah_rhk(caller, s1.id, rhk(jenis=JenisRhk.TAMBAHAN)),
        perencanaan.ubah_rhk(caller, own.id, 1, rhk(atasan=plans.p.rhk.id)),
        perencanaan.hapus_rhk(caller, own.id, 1),
        perencanaan.tambah_indikator(caller, own.id, replace(KUANTITAS,
                                                             aspek=AspekIndikator.BIAYA)),
        perencanaan.ubah_indikator(caller, ind.id, 1, KUANTITAS),
        perencanaan.hapus_indikator(caller, ind.id, 1),
        perencanaan.ubah_lampiran(caller, s1.id, 1, LampiranMasukan(("a",), (), ())),
    ]
    for call in calls:
        error = await refused(Forbidden, call)
        assert "UBAH_SKP" in error.message and "PEGAWAI" in error.message


async def _submitted(k, plans) -> tuple[Skp, RencanaHasilKerja, IndikatorKinerja]:
    s1 = await draft(k.s1, plans.p.rhk)
    skp = await alur.ajukan(await actor(k.s1), s1.skp.id, s1.skp.version)
    return skp, s1.rhk, s1.indikator


@pytest.mark.parametrize("status", [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI])
async def test_a_submitted_or_approved_skp_is_not_edited(k, status):
    plans = await pohon(k)
    skp, own, ind = await _submitted(k, plans)
    if status is StatusSkp.DISETUJUI:
        skp = await alur.setujui(await actor(k.p), skp.id, skp.version)
    who = await actor(k.s1)
    calls = [
        perencanaan.tambah_rhk(who, skp.id, rhk(jenis=JenisRhk.TAMBAHAN)),
        perencanaan.ubah_rhk(who, own.id, own.version, rhk(atasan=plans.p.rhk.id)),
        perencanaan.hapus_rhk(who, own.id, own.version),
        perencanaan.tambah_indikator(who, own.id, replace(KUANTITAS,
                                                          aspek=AspekIndikator.BIAYA)),
        perencanaan.ubah_indikator(who, ind.id, ind.version, KUANTITAS),
        perencanaan.hapus_indikator(who, ind.id, ind.version),
        perencanaan.ubah_lampiran(who, skp.id, skp.version, LampiranMasukan(("a",), (), ())),
    ]
    for call in calls:
        error = await refused(Conflict, call)
        assert error.extensions["currentStatus"] == status
        assert error.extensions["currentVersion"] == skp.version
        assert "only from DRAFT" in error.message


async def test_missing_records_are_not_found(tree):
    k, _, _, _ = tree
    who = await actor(k.s1)
    for call in (perencanaan.tambah_rhk(who, MISSING, rhk()),
                 perencanaan.ubah_rhk(who, MISSING, 1, rhk()),
                 perencanaan.hapus_rhk(who, MISSING, 1),
                 perencanaan.tambah_indikator(who, MISSING, KUANTITAS),
                 perencanaan.ubah_indikator(who, MISSING, 1, KUANTITAS),
                 perencanaan.hapus_indikator(who, MISSING, 1),
                 perencanaan.ubah_lampiran(who, MISSING, 1, LampiranMasukan((), (), ())),
                 perencanaan.ubah_ekspektasi_khusus(who, MISSING, NilaiBerakhlak.LOYAL, 1, "x")):
        error = await refused(NotFound, call)
        assert str(MISSING) in error.message


# --- ekspektasi khusus and lampiran ----------------------------------------------------


async def test_the_penilai_writes_and_clears_an_ekspektasi_khusus(tree):
    k, _, s1, _ = tree
    who = await actor(k.p)
    perilaku = await PerilakuKerja.get(skp_id=s1.id, nilai=NilaiBerakhlak.AKUNTABEL)
    before = await stored(perilaku)
    marks = await Marks.take()
    await perencanaan.ubah_ekspektasi_khusus(who, s1.id, NilaiBerakhlak.AKUNTABEL, 1,
                                             "  Laporan tepat waktu  ")  # fmt: skip
    row = await PerilakuKerja.get(id=perilaku.id)
    assert (row.ekspektasi_khusus, row.version) == ("Laporan tepat waktu", 2)
    await one_audit(marks, who, "ubahEkspektasiKhusus", row, before=before)
    before = await stored(row)
    marks = await Marks.take()
    await perencanaan.ubah_ekspektasi_khusus(who, s1.id, NilaiBerakhlak.AKUNTABEL, 2, "   ")
    row = await PerilakuKerja.get(id=perilaku.id)
    assert row.ekspektasi_khusus is None
    await one_audit(marks, who, "ubahEkspektasiKhusus", row, before=before)
    # Written over by someone who read it before: CONFLICT with the current version.
    error = await refused(Conflict, perencanaan.ubah_ekspektasi_khusus(
        who, s1.id, NilaiBerakhlak.AKUNTABEL, 2, "Basi"))
    assert error.extensions["currentVersion"] == 3


async def test_ekspektasi_khusus_rules(k):
    plans = await pohon(k)
    skp, _, _ = await _submitted(k, plans)
    penilai = await actor(k.p)
    # Still possible while DIAJUKAN.
    await perencanaan.ubah_ekspektasi_khusus(penilai, skp.id, NilaiBerakhlak.LOYAL, 1, "Setia")
    error = await refused(BadUserInput, perencanaan.ubah_ekspektasi_khusus(
        penilai, skp.id, NilaiBerakhlak.LOYAL, 2, "e" * (PANJANG_URAIAN + 1)))
    assert_bad_input(error, "ekspektasiKhusus", f"at most {PANJANG_URAIAN} characters")
    for who in (k.s1, k.h, k.admin_pusat):
        error = await refused(Forbidden, perencanaan.ubah_ekspektasi_khusus(
            await actor(who), skp.id, NilaiBerakhlak.LOYAL, 2, "Bukan saya"))
        assert "PENILAI" in error.message
    approved = await alur.setujui(penilai, skp.id, skp.version)
    error = await refused(Conflict, perencanaan.ubah_ekspektasi_khusus(
        penilai, skp.id, NilaiBerakhlak.LOYAL, 2, "Terlambat"))
    assert error.extensions["currentStatus"] == StatusSkp.DISETUJUI
    assert error.extensions["currentVersion"] == approved.version


async def test_the_lampiran_is_replaced_at_its_version(tree):
    k, _, s1, _ = tree
    who = await actor(k.s1)
    before = await stored(s1)
    marks = await Marks.take()
    await perencanaan.ubah_lampiran(who, s1.id, 1, LampiranMasukan(
        (" Anggaran ", "", "  "), ("Laporan bulanan",), ("Teguran",)))
    row = await Skp.get(id=s1.id)
    assert (row.dukungan_sumber_daya, row.skema_pertanggungjawaban, row.konsekuensi) == (
        ["Anggaran"], ["Laporan bulanan"], ["Teguran"])
    assert row.version == 2
    await one_audit(marks, who, "ubahLampiran", row, before=before)
    assert await marks.new(SkpRiwayat) == []
    error = await refused(Conflict, perencanaan.ubah_lampiran(who, s1.id, 1, LampiranMasukan(
        (), (), ())))
    assert error.extensions["currentVersion"] == 2


@pytest.mark.parametrize(("masukan", "field"), [
    (LampiranMasukan(("a",) * (MAKS_LAMPIRAN + 1), (), ()), "input.dukunganSumberDaya"),
    (LampiranMasukan((), ("s" * 501,), ()), "input.skemaPertanggungjawaban"),
    (LampiranMasukan((), (), ("ok", "k" * 501)), "input.konsekuensi"),
])
async def test_bad_lampiran_names_the_list(tree, masukan, field):
    k, _, s1, _ = tree
    error = await refused(BadUserInput, perencanaan.ubah_lampiran(await actor(k.s1), s1.id, 1,
                                                                  masukan))  # fmt: skip
    assert_bad_input(error, field, f"at most {MAKS_LAMPIRAN} items of at most 500 characters")


async def test_audit_rows_name_the_pegawai_whose_record_it_is(tree):
    k, _, s1, _ = tree
    await perencanaan.ubah_ekspektasi_khusus(await actor(k.p), s1.id, NilaiBerakhlak.ADAPTIF, 1,
                                             "x")  # fmt: skip
    entry = await AuditLog.filter(action="ubahEkspektasiKhusus").get()
    assert (entry.subject, entry.pegawai_id) == (k.p.nip, k.s1.id)
