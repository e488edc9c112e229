"""Execution (services/skp/pelaksanaan.py, spec/domain.md §4, §8): the pegawai records
realisasi per indicator and period, with evidence links, on an approved SKP; the pegawai,
the penilai and the atasan write umpan balik per RHK. Each bad input names its field; a
refused write leaves every row as it was; a write leaves exactly one audit row."""

from decimal import Decimal

import pytest

from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.skp import MAKS_UMPAN_BALIK, PANJANG_URAIAN, StatusSkp
from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden, NotFound
from ekinerja_graphql.models import Realisasi, SkpRiwayat, UmpanBalik
from ekinerja_graphql.services.skp import alur, pelaksanaan
from ekinerja_graphql.services.skp.pelaksanaan import (
    MAKS_BUKTI,
    PANJANG_BUKTI,
    RealisasiMasukan,
)
from tests.services.skp_support import (
    GRANULARITY,
    Marks,
    actor,
    approve,
    assert_bad_input,
    draft,
    one_audit,
    pohon,
    refused,
    stored,
)
from tests.support.kementerian import build_kementerian

MISSING = 2**31 - 1
TW = JenisPeriode.TRIWULANAN
BUKTI = ("https://bukti.example/tw1.pdf", "http://arsip.example/foto?id=7")


@pytest.fixture
async def k(empty_db):
    return await build_kementerian()


@pytest.fixture
async def s1(k):
    """S1's approved SKP under P (rated by P, atasan H)."""
    plans = await pohon(k)
    rencana = await draft(k.s1, plans.p.rhk)
    await approve(k.s1, k.p, rencana)
    return rencana


def realisasi(jenis=TW, nomor=1, nilai=Decimal("30"), deskripsi=None, bukti=BUKTI,
              version=None) -> RealisasiMasukan:  # fmt: skip
    return RealisasiMasukan(jenis, nomor, nilai, deskripsi, bukti, version)


# --- realisasi ---------------------------------------------------------------------------


async def test_realisasi_per_indicator_and_period_with_evidence(k, s1):
    who = await actor(k.s1)
    periods = [(TW, n) for n in (1, 2, 3, 4)] + [(JenisPeriode.TAHUNAN, 1)]
    for n, (jenis, nomor) in enumerate(periods, start=1):
        marks = await Marks.take()
        written = await pelaksanaan.catat_realisasi(who, s1.indikator.id, realisasi(
            jenis, nomor, Decimal(30 * n), "  Sesuai rencana ", (f" https://b.example/{n} ",)),
            GRANULARITY)  # fmt: skip
        row = await Realisasi.get(id=written.id)
        assert (row.indikator_id, row.jenis_periode, row.nomor_periode, row.version) == (
            s1.indikator.id, jenis, nomor, 1)
        assert (row.nilai, row.deskripsi, row.bukti) == (
            Decimal(30 * n), "Sesuai rencana", [f"https://b.example/{n}"])
        entry = await one_audit(marks, who, "catatRealisasi", row, before=None)
        assert entry.pegawai_id == k.s1.id
        assert await marks.new(SkpRiwayat) == []  # not a workflow step
    assert await Realisasi.filter(indikator_id=s1.indikator.id).count() == 5


async def test_a_description_alone_is_a_realisasi(k, s1):
    written = await pelaksanaan.catat_realisasi(await actor(k.s1), s1.indikator.id, realisasi(
        nilai=None, deskripsi="Terlaksana dengan baik", bukti=()), GRANULARITY)
    row = await Realisasi.get(id=written.id)
    assert (row.nilai, row.deskripsi, row.bukti) == (None, "Terlaksana dengan baik", [])


async def test_a_recorded_period_is_changed_only_at_its_version(k, s1):
    who = await actor(k.s1)
    first = await pelaksanaan.catat_realisasi(who, s1.indikator.id, realisasi(), GRANULARITY)
    error = await refused(Conflict, pelaksanaan.catat_realisasi(
        who, s1.indikator.id, realisasi(nilai=Decimal("31")), GRANULARITY))
    assert error.extensions["currentVersion"] == 1 and "send its version" in error.message
    before = await stored(first)
    marks = await Marks.take()
    changed = await pelaksanaan.catat_realisasi(who, s1.indikator.id, realisasi(
        nilai=Decimal("35.5"), bukti=BUKTI[:1], version=1), GRANULARITY)
    row = await Realisasi.get(id=first.id)
    assert changed.id == first.id
    assert (row.version, row.nilai, row.bukti) == (2, Decimal("35.50"), list(BUKTI[:1]))
    await one_audit(marks, who, "catatRealisasi", row, before=before)
    error = await refused(Conflict, pelaksanaan.catat_realisasi(
        who, s1.indikator.id, realisasi(nilai=Decimal("40"), version=1), GRANULARITY))
    assert error.extensions["currentVersion"] == 2 and "changed since you read it" in error.message
    assert await Realisasi.filter(indikator_id=s1.indikator.id).count() == 1


@pytest.mark.parametrize(("masukan", "field", "allowed"), [
    (realisasi(bukti=("https://b.example/x",) * (MAKS_BUKTI + 1)), "input.bukti",
     f"at most {MAKS_BUKTI} links"),
    (realisasi(bukti=("ftp://b.example/x",)), "input.bukti[0]", "an http(s) URL"),
    (realisasi(bukti=(BUKTI[0], "https://")), "input.bukti[1]", "an http(s) URL"),
    (realisasi(bukti=("javascript:alert(1)",)), "input.bukti[0]", "an http(s) URL"),
    (realisasi(bukti=("bukti.pdf",)), "input.bukti[0]", "an http(s) URL"),
    (realisasi(bukti=("https://b.example/" + "x" * PANJANG_BUKTI,)), "input.bukti[0]",
     f"of at most {PANJANG_BUKTI} characters"),
    (realisasi(nilai=None), "input.nilai", "given, or input.deskripsi (one of the two)"),
    (realisasi(nilai=None, deskripsi="  "), "input.nilai", "one of the two"),
    (realisasi(nilai=Decimal("-1")), "input.nilai", "a number from 0 to below 1000000000000"),
    (realisasi(nilai=Decimal("1000000000000")), "input.nilai", "below 1000000000000"),
    (realisasi(deskripsi="d" * (PANJANG_URAIAN + 1)), "input.deskripsi",
     f"at most {PANJANG_URAIAN} characters"),
    (realisasi(JenisPeriode.BULANAN, 1), "input.jenisPeriode",
     "one of TRIWULANAN, TAHUNAN (this instansi's evaluation periods)"),
    (realisasi(JenisPeriode.SEMESTERAN, 1), "input.jenisPeriode", "one of TRIWULANAN, TAHUNAN"),
    (realisasi(TW, 0), "input.nomorPeriode", "between 1 and 4"),
    (realisasi(TW, 5), "input.nomorPeriode", "between 1 and 4"),
    (realisasi(JenisPeriode.TAHUNAN, 2), "input.nomorPeriode", "between 1 and 1"),
])  # fmt: skip
async def test_bad_realisasi_input_names_the_field_and_writes_nothing(k, s1, masukan, field,
                                                                      allowed):
    error = await refused(BadUserInput, pelaksanaan.catat_realisasi(
        await actor(k.s1), s1.indikator.id, masukan, GRANULARITY))
    assert_bad_input(error, field, allowed)


async def test_monthly_periods_where_the_instansi_rates_monthly(k, s1):
    who = await actor(k.s1)
    written = await pelaksanaan.catat_realisasi(who, s1.indikator.id, realisasi(
        JenisPeriode.BULANAN, 12), "BULANAN")
    assert (await Realisasi.get(id=written.id)).nomor_periode == 12
    for masukan, field, allowed in ((realisasi(JenisPeriode.BULANAN, 13), "input.nomorPeriode",
                                     "between 1 and 12"),
                                    (realisasi(TW, 1), "input.jenisPeriode",
                                     "one of BULANAN, TAHUNAN")):  # fmt: skip
        error = await refused(BadUserInput, pelaksanaan.catat_realisasi(
            who, s1.indikator.id, masukan, "BULANAN"))
        assert_bad_input(error, field, allowed)


@pytest.mark.parametrize("nilai", ["1.005", "999999999999.999"])
async def test_a_realisasi_with_more_than_two_decimals_is_bad_input(k, s1, nilai):
    error = await refused(BadUserInput, pelaksanaan.catat_realisasi(
        await actor(k.s1), s1.indikator.id, realisasi(nilai=Decimal(nilai)), GRANULARITY))
    assert_bad_input(error, "input.nilai", "at most 2 decimals")


async def test_a_realisasi_that_is_not_a_number_is_bad_input(k, s1):
    error = await refused(BadUserInput, pelaksanaan.catat_realisasi(
        await actor(k.s1), s1.indikator.id, realisasi(nilai=Decimal("NaN")), GRANULARITY))
    assert_bad_input(error, "input.nilai", "a number from 0 to below")


@pytest.mark.parametrize("status", [StatusSkp.DRAFT, StatusSkp.DIAJUKAN])
async def test_realisasi_waits_for_the_approval(k, status):
    plans = await pohon(k)
    rencana = await draft(k.s1, plans.p.rhk)
    skp = rencana.skp
    if status is StatusSkp.DIAJUKAN:
        skp = await alur.ajukan(await actor(k.s1), skp.id, skp.version)
    error = await refused(Conflict, pelaksanaan.catat_realisasi(
        await actor(k.s1), rencana.indikator.id, realisasi(), GRANULARITY))
    assert error.extensions["currentStatus"] == status
    assert error.extensions["currentVersion"] == skp.version
    assert "only from DISETUJUI" in error.message


@pytest.mark.parametrize("who", ["p", "h", "s2", "admin_pusat", "admin_unit"])
async def test_only_the_pegawai_records_realisasi(k, s1, who):
    error = await refused(Forbidden, pelaksanaan.catat_realisasi(
        await actor(getattr(k, who)), s1.indikator.id, realisasi(), GRANULARITY))
    assert "CATAT_REALISASI" in error.message and "PEGAWAI" in error.message


async def test_realisasi_of_a_missing_indicator_is_not_found(k):
    error = await refused(NotFound, pelaksanaan.catat_realisasi(
        await actor(k.s1), MISSING, realisasi(), GRANULARITY))
    assert f"IndikatorKinerja {MISSING}" in error.message


# --- umpan balik -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["s1", "p", "h"])
async def test_the_pegawai_penilai_and_atasan_give_feedback(k, s1, who):
    writer = getattr(k, who)
    caller = await actor(writer)
    marks = await Marks.take()
    written = await pelaksanaan.tulis_umpan_balik(caller, s1.rhk.id, "  Pertahankan capaian  ")
    row = await UmpanBalik.get(id=written.id)
    assert (row.rhk_id, row.penulis_id, row.penulis_nama, row.isi) == (
        s1.rhk.id, writer.id, writer.nama, "Pertahankan capaian")
    assert row.created_at is not None
    entry = await one_audit(marks, caller, "tulisUmpanBalik", row, before=None)
    assert entry.pegawai_id == k.s1.id
    assert await marks.new(SkpRiwayat) == []


async def test_feedback_is_given_on_a_draft_too_and_accumulates(k):
    plans = await pohon(k)
    rencana = await draft(k.s1, plans.p.rhk)
    for isi in ("Satu", "Dua"):
        await pelaksanaan.tulis_umpan_balik(await actor(k.p), rencana.rhk.id, isi)
    assert await UmpanBalik.filter(rhk_id=rencana.rhk.id).order_by("id").values_list(
        "isi", flat=True) == ["Satu", "Dua"]


@pytest.mark.parametrize("who", ["s2", "p2", "admin_pusat", "admin_unit"])
async def test_nobody_else_gives_feedback(k, s1, who):
    error = await refused(Forbidden, pelaksanaan.tulis_umpan_balik(
        await actor(getattr(k, who)), s1.rhk.id, "Saran"))
    assert "TULIS_UMPAN_BALIK" in error.message


@pytest.mark.parametrize("isi", ["", "   ", "i" * (PANJANG_URAIAN + 1)])
async def test_feedback_says_something_of_bounded_length(k, s1, isi):
    error = await refused(BadUserInput, pelaksanaan.tulis_umpan_balik(await actor(k.p),
                                                                      s1.rhk.id, isi))
    assert_bad_input(error, "isi", f"1 to {PANJANG_URAIAN} characters")


async def test_an_rhk_takes_a_bounded_number_of_feedback(k, s1):
    # What the read side prices umpanBalik at: the list cannot outgrow the query's cost.
    await UmpanBalik.bulk_create([
        UmpanBalik(rhk_id=s1.rhk.id, penulis_id=k.p.id, penulis_nama="P", isi=f"Saran {n}")
        for n in range(MAKS_UMPAN_BALIK)])
    error = await refused(BadUserInput, pelaksanaan.tulis_umpan_balik(await actor(k.p),
                                                                      s1.rhk.id, "Lagi"))
    assert_bad_input(error, "rhkId", f"fewer than {MAKS_UMPAN_BALIK} umpan balik")


async def test_feedback_on_a_missing_rhk_is_not_found(k):
    error = await refused(NotFound, pelaksanaan.tulis_umpan_balik(await actor(k.p), MISSING,
                                                                  "Saran"))  # fmt: skip
    assert f"RencanaHasilKerja {MISSING}" in error.message
