"""The SKP workflow (services/skp/alur.py, spec/domain.md §2, §8): DRAFT -ajukan-> DIAJUKAN
-setujui-> DISETUJUI, -kembalikan(catatan)-> DRAFT, DISETUJUI -revisi-> DRAFT. Only the
pegawai submits and asks a revisi, only the pejabat penilai approves or returns; each step
checks the version and the state and leaves one riwayat row and one audit row; a refused
step leaves every row as it was."""

import asyncio
from contextlib import suppress
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from ekinerja_graphql.domain.skp import (
    AspekIndikator,
    JenisRhk,
    Pendekatan,
    PerspektifJpt,
    StatusSkp,
)
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden, NotFound
from ekinerja_graphql.models import AuditLog, Realisasi, Skp, SkpRiwayat
from ekinerja_graphql.services.skp import alur, pelaksanaan, perencanaan
from ekinerja_graphql.services.skp.alur import PANJANG_CATATAN
from ekinerja_graphql.services.skp.pelaksanaan import RealisasiMasukan
from ekinerja_graphql.services.skp.perencanaan import IndikatorMasukan, RhkMasukan
from tests.services.skp_support import (
    GRANULARITY,
    TAHUN,
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


@pytest.fixture
async def k(empty_db):
    return await build_kementerian()


@pytest.fixture
async def s1(k):
    """S1's complete draft, cascading from P's approved SKP."""
    plans = await pohon(k)
    return await draft(k.s1, plans.p.rhk)


async def _step(who, skp_id: int, call, aksi: Aksi, dari: StatusSkp, ke: StatusSkp,
                action: str, catatan: str | None = None) -> Skp:  # fmt: skip
    """Takes one step (`call`, on SKP `skp_id`) and checks its one riwayat and audit row."""
    before = await stored(await Skp.get(id=skp_id))
    marks = await Marks.take()
    started = datetime.now(UTC)
    skp = await call
    row = await Skp.get(id=skp_id)
    assert (row.status, row.version) == (ke, before["version"] + 1)
    assert (skp.status, skp.version) == (row.status, row.version)
    (riwayat,) = await marks.new(SkpRiwayat)
    assert (riwayat.skp_id, riwayat.aksi, riwayat.dari_status, riwayat.ke_status) == (
        skp_id, aksi, dari, ke)
    assert (riwayat.oleh, riwayat.oleh_pegawai_id, riwayat.catatan) == (
        who.subject, who.pegawai_id, catatan)
    assert started <= riwayat.pada <= datetime.now(UTC)
    entry = await one_audit(marks, who, action, row, before=before)
    assert entry.pegawai_id == row.pegawai_id
    assert (entry.before["status"], entry.after["status"]) == (dari, ke)
    return row


async def test_submit_return_submit_approve_revise_each_leave_riwayat_and_audit(k, s1):
    pegawai, penilai = await actor(k.s1), await actor(k.p)
    skp_id = s1.skp.id
    await _step(pegawai, skp_id, alur.ajukan(pegawai, skp_id, 1), Aksi.AJUKAN_SKP, StatusSkp.DRAFT,
                StatusSkp.DIAJUKAN, "ajukanSkp")  # fmt: skip
    await _step(penilai, skp_id, alur.kembalikan(penilai, skp_id, 2, "  Target terlalu rendah "),
                Aksi.KEMBALIKAN_SKP, StatusSkp.DIAJUKAN, StatusSkp.DRAFT, "kembalikanSkp",
                "Target terlalu rendah")  # fmt: skip
    await _step(pegawai, skp_id, alur.ajukan(pegawai, skp_id, 3), Aksi.AJUKAN_SKP, StatusSkp.DRAFT,
                StatusSkp.DIAJUKAN, "ajukanSkp")  # fmt: skip
    approved = await _step(penilai, skp_id, alur.setujui(penilai, skp_id, 4), Aksi.SETUJUI_SKP,
                           StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, "setujuiSkp")
    assert approved.disetujui_at is not None
    revised = await _step(pegawai, skp_id, alur.revisi(pegawai, skp_id, 5, "Perubahan target"),
                          Aksi.REVISI_SKP, StatusSkp.DISETUJUI, StatusSkp.DRAFT, "revisiSkp",
                          "Perubahan target")  # fmt: skip
    assert revised.disetujui_at is None
    # The content is kept through the steps and editable again after the revisi.
    await perencanaan.ubah_rhk(pegawai, s1.rhk.id, 1, RhkMasukan(
        JenisRhk.UTAMA, "Direvisi", s1.rhk.rhk_atasan_id))
    history = await SkpRiwayat.filter(skp_id=skp_id).order_by("id").values_list(
        "aksi", "dari_status", "ke_status", "oleh")
    assert history == [
        (Aksi.BUAT_SKP, None, StatusSkp.DRAFT, k.s1.nip),
        (Aksi.AJUKAN_SKP, StatusSkp.DRAFT, StatusSkp.DIAJUKAN, k.s1.nip),
        (Aksi.KEMBALIKAN_SKP, StatusSkp.DIAJUKAN, StatusSkp.DRAFT, k.p.nip),
        (Aksi.AJUKAN_SKP, StatusSkp.DRAFT, StatusSkp.DIAJUKAN, k.s1.nip),
        (Aksi.SETUJUI_SKP, StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, k.p.nip),
        (Aksi.REVISI_SKP, StatusSkp.DISETUJUI, StatusSkp.DRAFT, k.s1.nip),
    ]


async def test_the_menteris_approval_is_given_by_admin_pusat(k):
    h = await draft(k.h, perspektif=PerspektifJpt.PENERIMA_LAYANAN)
    skp = await alur.ajukan(await actor(k.h), h.skp.id, 1)
    for who in (k.h, k.admin_unit, k.p):  # ADMIN_UNIT of the Kanwil does not act for the Menteri
        error = await refused(Forbidden, alur.setujui(await actor(who), skp.id, skp.version))
        assert "ADMIN_PUSAT" in error.message
    admin = await actor(k.admin_pusat)
    await _step(admin, skp.id, alur.setujui(admin, skp.id, skp.version), Aksi.SETUJUI_SKP,
                StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, "setujuiSkp")  # fmt: skip


# --- who ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["s1", "h", "s2", "p2", "admin_pusat", "admin_unit"])
async def test_only_the_pejabat_penilai_approves_or_returns(k, s1, who):
    skp = await alur.ajukan(await actor(k.s1), s1.skp.id, 1)
    caller = await actor(getattr(k, who))
    for call in (alur.setujui(caller, skp.id, skp.version),
                 alur.kembalikan(caller, skp.id, skp.version, "Tidak")):
        error = await refused(Forbidden, call)
        assert error.code == "FORBIDDEN" and "PENILAI" in error.message


@pytest.mark.parametrize("who", ["p", "h", "s2", "admin_pusat", "admin_unit"])
async def test_only_the_pegawai_submits_and_asks_a_revisi(k, s1, who):
    caller = await actor(getattr(k, who))
    error = await refused(Forbidden, alur.ajukan(caller, s1.skp.id, 1))
    assert "PEGAWAI" in error.message
    skp = await alur.ajukan(await actor(k.s1), s1.skp.id, 1)
    skp = await alur.setujui(await actor(k.p), skp.id, skp.version)
    error = await refused(Forbidden, alur.revisi(caller, skp.id, skp.version, "Ubah"))
    assert "PEGAWAI" in error.message


async def test_a_missing_skp_is_not_found(k):
    error = await refused(NotFound, alur.ajukan(await actor(k.s1), 2**31 - 1, 1))
    assert error.code == "NOT_FOUND"


# --- state and version ---------------------------------------------------------------------


async def _to(k, s1, status: StatusSkp) -> Skp:
    skp = s1.skp
    if status is not StatusSkp.DRAFT:
        skp = await alur.ajukan(await actor(k.s1), skp.id, skp.version)
    if status is StatusSkp.DISETUJUI:
        skp = await alur.setujui(await actor(k.p), skp.id, skp.version)
    return skp


IMPOSSIBLE = [
    (StatusSkp.DRAFT, "p", alur.setujui, ()),  # approve a DRAFT
    (StatusSkp.DRAFT, "p", alur.kembalikan, ("Kembali",)),
    (StatusSkp.DRAFT, "s1", alur.revisi, ("Ubah",)),
    (StatusSkp.DIAJUKAN, "s1", alur.ajukan, ()),
    (StatusSkp.DIAJUKAN, "s1", alur.revisi, ("Ubah",)),
    (StatusSkp.DISETUJUI, "s1", alur.ajukan, ()),  # submit a DISETUJUI
    (StatusSkp.DISETUJUI, "p", alur.setujui, ()),
    (StatusSkp.DISETUJUI, "p", alur.kembalikan, ("Kembali",)),
]


@pytest.mark.parametrize(("status", "who", "step", "args"), IMPOSSIBLE)
async def test_an_impossible_step_is_conflict_with_the_current_status(k, s1, status, who, step,
                                                                      args):
    skp = await _to(k, s1, status)
    error = await refused(Conflict, step(await actor(getattr(k, who)), skp.id, skp.version,
                                         *args))  # fmt: skip
    assert error.extensions["currentStatus"] == status
    assert error.extensions["currentVersion"] == skp.version
    assert f"cannot be taken on a record in {status}" in error.message


@pytest.mark.parametrize(("status", "who", "step", "args"), [
    (StatusSkp.DRAFT, "s1", alur.ajukan, ()),
    (StatusSkp.DIAJUKAN, "p", alur.setujui, ()),
    (StatusSkp.DIAJUKAN, "p", alur.kembalikan, ("Kembali",)),
    (StatusSkp.DISETUJUI, "s1", alur.revisi, ("Ubah",)),
])  # fmt: skip
async def test_a_stale_version_is_conflict_with_the_current_version(k, s1, status, who, step,
                                                                    args):
    skp = await _to(k, s1, status)
    for stale in (skp.version - 1, skp.version + 1, 0):
        error = await refused(Conflict, step(await actor(getattr(k, who)), skp.id, stale, *args))
        assert error.extensions["currentVersion"] == skp.version
        assert f"version {stale}, now {skp.version}" in error.message


@pytest.mark.parametrize("catatan", ["", "   \n", "c" * (PANJANG_CATATAN + 1)])
async def test_a_return_or_revisi_says_why(k, s1, catatan):
    skp = await _to(k, s1, StatusSkp.DIAJUKAN)
    error = await refused(BadUserInput, alur.kembalikan(await actor(k.p), skp.id, skp.version,
                                                        catatan))  # fmt: skip
    assert_bad_input(error, "catatan", f"1 to {PANJANG_CATATAN} characters saying why")
    skp = await alur.setujui(await actor(k.p), skp.id, skp.version)
    error = await refused(BadUserInput, alur.revisi(await actor(k.s1), skp.id, skp.version,
                                                    catatan))  # fmt: skip
    assert_bad_input(error, "catatan", f"1 to {PANJANG_CATATAN} characters")


async def test_two_steps_at_once_one_wins_and_the_other_is_conflict(k, s1):
    skp = await _to(k, s1, StatusSkp.DIAJUKAN)
    penilai = await actor(k.p)
    marks = await Marks.take()
    results = await asyncio.gather(alur.setujui(penilai, skp.id, skp.version),
                                   alur.kembalikan(penilai, skp.id, skp.version, "Ulangi"),
                                   return_exceptions=True)  # fmt: skip
    (won,) = [r for r in results if isinstance(r, Skp)]
    (lost,) = [r for r in results if isinstance(r, Conflict)]
    row = await Skp.get(id=skp.id)
    assert (row.status, row.version) == (won.status, skp.version + 1)
    assert lost.extensions["currentVersion"] == skp.version + 1
    assert lost.extensions["currentStatus"] == row.status
    assert len(await marks.new(SkpRiwayat)) == 1 and len(await marks.new(AuditLog)) == 1


async def test_a_revisi_keeps_the_realisasi_already_recorded(k, s1):
    await alur.ajukan(await actor(k.s1), s1.skp.id, 1)
    approved = await alur.setujui(await actor(k.p), s1.skp.id, 2)
    recorded = await pelaksanaan.catat_realisasi(await actor(k.s1), s1.indikator.id,
                                                 RealisasiMasukan("TRIWULANAN", 1, Decimal("30"),
                                                                  bukti=("https://b.example/1",)),
                                                 GRANULARITY)  # fmt: skip
    pegawai = await actor(k.s1)
    await alur.revisi(pegawai, s1.skp.id, approved.version, "Perubahan target")
    with suppress(Conflict):  # refusing the deletion is one way to keep it
        await perencanaan.hapus_indikator(pegawai, s1.indikator.id, s1.indikator.version)
    with suppress(Conflict):
        await perencanaan.hapus_rhk(pegawai, s1.rhk.id, s1.rhk.version)
    assert await Realisasi.exists(id=recorded.id)


async def test_a_revisi_keeps_the_umpan_balik_given_on_the_approved_plan(k, s1):
    await alur.ajukan(await actor(k.s1), s1.skp.id, 1)
    approved = await alur.setujui(await actor(k.p), s1.skp.id, 2)
    await pelaksanaan.tulis_umpan_balik(await actor(k.p), s1.rhk.id, "Pertahankan")
    pegawai = await actor(k.s1)
    await alur.revisi(pegawai, s1.skp.id, approved.version, "Perubahan target")
    error = await refused(Conflict, perencanaan.hapus_rhk(pegawai, s1.rhk.id, s1.rhk.version))
    assert "umpan balik" in error.message


@pytest.mark.parametrize("version", [2**31 - 1, 2**31])
async def test_a_version_out_of_range_is_bad_input(k, s1, version):
    error = await refused(BadUserInput, alur.ajukan(await actor(k.s1), s1.skp.id, version))
    assert_bad_input(error, "version", "the version you read")


# --- an incomplete draft is not submitted -------------------------------------------------


def _rhk(jenis=JenisRhk.UTAMA, atasan=None, perspektif=None) -> RhkMasukan:
    return RhkMasukan(jenis, "Terlaksananya layanan", atasan, perspektif)


def _ind(aspek=AspekIndikator.KUANTITAS, nilai=Decimal("10"), satuan="dokumen",
         deskripsi=None) -> IndikatorMasukan:  # fmt: skip
    return IndikatorMasukan(aspek, "Jumlah dokumen", nilai, satuan, deskripsi)


# (pegawai, pendekatan, RHK with their indicators; "p" = cascade from P's RHK, words)
INCOMPLETE = [
    ("s1", Pendekatan.KUANTITATIF, [], "an SKP needs at least one UTAMA RHK"),
    ("s1", Pendekatan.KUANTITATIF, [(_rhk(JenisRhk.TAMBAHAN), [_ind()])],
     "at least one UTAMA RHK"),
    ("s1", Pendekatan.KUANTITATIF, [(_rhk(), [_ind()])], "UTAMA RHK of a JF must name the RHK "
     "of the pejabat penilai it intervenes (rhkAtasanId)"),
    ("s2", Pendekatan.KUANTITATIF, [(_rhk(), [_ind()])], "UTAMA RHK of a JA must name the RHK"),
    ("s2", Pendekatan.KUANTITATIF, [(_rhk(atasan="p"), [])], "needs at least one indikator"),
    ("s2", Pendekatan.KUANTITATIF, [(_rhk(atasan="p"), [_ind(AspekIndikator.KUALITAS)])],
     "a KUANTITATIF RHK needs a KUANTITAS indikator"),
    ("s2", Pendekatan.KUANTITATIF, [(_rhk(atasan="p"), [_ind(nilai=None)])],
     "indikator KUANTITAS needs a target value and satuan"),
    ("s2", Pendekatan.KUANTITATIF, [(_rhk(atasan="p"), [_ind(satuan=None)])],
     "indikator KUANTITAS needs a target value and satuan"),
    ("s2", Pendekatan.KUALITATIF, [(_rhk(atasan="p"), [_ind()])],
     "indikator KUANTITAS of a KUALITATIF SKP needs a target description"),
    ("h", Pendekatan.KUANTITATIF, [(_rhk(), [_ind()])], "an UTAMA RHK of a JPT needs its "
     "perspektif"),
]  # fmt: skip


@pytest.mark.parametrize(("who", "pendekatan", "rencana", "words"), INCOMPLETE)
async def test_an_incomplete_draft_is_bad_input_listing_what_is_missing(k, who, pendekatan,
                                                                        rencana, words):
    plans = await pohon(k) if who != "h" else None
    pegawai = getattr(k, who)
    caller = await actor(pegawai)
    skp = await perencanaan.buat_skp(caller, TAHUN, pendekatan)
    for masukan, indikator in rencana:
        if masukan.rhk_atasan_id == "p":
            masukan = RhkMasukan(masukan.jenis, masukan.uraian, plans.p.rhk.id)
        rhk = await perencanaan.tambah_rhk(caller, skp.id, masukan)
        for item in indikator:
            await perencanaan.tambah_indikator(caller, rhk.id, item)
    error = await refused(BadUserInput, alur.ajukan(caller, skp.id, 1))
    assert_bad_input(error, "id", "an SKP ready to submit", words)
    problems = error.extensions["problems"]
    assert any(words in problem for problem in problems), problems
    assert error.message.count(";") == len(problems) - 1


async def test_every_problem_is_listed_at_once(k):
    caller = await actor(k.s2)
    skp = await perencanaan.buat_skp(caller, TAHUN, Pendekatan.KUANTITATIF)
    first = await perencanaan.tambah_rhk(caller, skp.id, _rhk())
    await perencanaan.tambah_indikator(caller, first.id, _ind(AspekIndikator.WAKTU))
    await perencanaan.tambah_rhk(caller, skp.id, _rhk(JenisRhk.TAMBAHAN))
    error = await refused(BadUserInput, alur.ajukan(caller, skp.id, 1))
    assert [p.split(": ", 1)[1] for p in error.extensions["problems"]] == [
        "an UTAMA RHK of a JA must name the RHK of the pejabat penilai it intervenes "
        "(rhkAtasanId)",
        "a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)",
        "needs at least one indikator",
        "a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)",
    ]
