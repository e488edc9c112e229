"""SKP vocabulary and the rules of its content (spec/domain.md §2, §3): the order RHK are
listed in, its limits, and every problem that keeps a draft from being submitted."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ekinerja_graphql.domain.skp import (
    MAKS_INDIKATOR,
    MAKS_RHK,
    NAMA_BERAKHLAK,
    URUTAN_JENIS_RHK,
    AspekIndikator,
    IndikatorRencana,
    JenisJabatanSkp,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    RhkRencana,
    StatusSkp,
    jenis_jabatan_skp,
    masalah_pengajuan,
    rhk_atasan_wajib,
)


def test_utama_rhk_come_before_tambahan_whatever_the_text_order():
    assert JenisRhk.TAMBAHAN.value < JenisRhk.UTAMA.value  # what sorting the text gave
    rhk = [(JenisRhk.TAMBAHAN, 1), (JenisRhk.UTAMA, 2), (JenisRhk.UTAMA, 1)]
    ordered = sorted(rhk, key=lambda item: (URUTAN_JENIS_RHK[item[0]], item[1]))
    assert ordered == [(JenisRhk.UTAMA, 1), (JenisRhk.UTAMA, 2), (JenisRhk.TAMBAHAN, 1)]
    assert set(URUTAN_JENIS_RHK) == set(JenisRhk)


def test_seven_berakhlak_values_in_their_official_order():
    assert [v.value for v in NilaiBerakhlak][0] == "BERORIENTASI_PELAYANAN"
    assert len(NilaiBerakhlak) == 7


@pytest.mark.parametrize(("jabatan", "rhk", "wajib"), [
    (JenisJabatanSkp.JA, JenisRhk.UTAMA, True),
    (JenisJabatanSkp.JF, JenisRhk.UTAMA, True),
    (JenisJabatanSkp.JPT, JenisRhk.UTAMA, False),
    (JenisJabatanSkp.JA, JenisRhk.TAMBAHAN, False),
    (JenisJabatanSkp.JF, JenisRhk.TAMBAHAN, False),
    (JenisJabatanSkp.JPT, JenisRhk.TAMBAHAN, False),
])
def test_rhk_atasan_is_required_for_utama_rhk_of_ja_and_jf(jabatan, rhk, wajib):
    assert rhk_atasan_wajib(jabatan, rhk) is wajib


# --- vocabulary of §2 and §3 ----------------------------------------------------------------

def test_enumerations_are_those_of_section_2():
    assert [p.value for p in Pendekatan] == ["KUANTITATIF", "KUALITATIF"]
    assert [j.value for j in JenisJabatanSkp] == ["JPT", "JA", "JF"]
    assert [s.value for s in StatusSkp] == ["DRAFT", "DIAJUKAN", "DISETUJUI"]
    assert [a.value for a in AspekIndikator] == ["KUANTITAS", "KUALITAS", "WAKTU", "BIAYA"]
    assert [p.value for p in PerspektifJpt] == [
        "PENERIMA_LAYANAN", "PROSES_BISNIS", "PENGUATAN_INTERNAL", "ANGGARAN"]


def test_berakhlak_codes_and_names_are_the_table_of_section_3():
    assert [(v.value, NAMA_BERAKHLAK[v]) for v in NilaiBerakhlak] == [
        ("BERORIENTASI_PELAYANAN", "Berorientasi Pelayanan"),
        ("AKUNTABEL", "Akuntabel"),
        ("KOMPETEN", "Kompeten"),
        ("HARMONIS", "Harmonis"),
        ("LOYAL", "Loyal"),
        ("ADAPTIF", "Adaptif"),
        ("KOLABORATIF", "Kolaboratif"),
    ]


@given(st.lists(st.tuples(st.sampled_from(list(JenisRhk)), st.integers(1, MAKS_RHK)),
                max_size=MAKS_RHK))
def test_sorting_by_urutan_puts_every_utama_before_every_tambahan(rhk):
    ordered = sorted(rhk, key=lambda item: URUTAN_JENIS_RHK[item[0]])
    kinds = [jenis for jenis, _ in ordered]
    assert kinds == sorted(kinds, key=lambda jenis: jenis != JenisRhk.UTAMA)
    # a stable sort keeps the pegawai's own order within each kind
    for jenis in JenisRhk:
        assert [item for item in ordered if item[0] == jenis] == [
            item for item in rhk if item[0] == jenis]


@pytest.mark.parametrize(("jpt", "fungsional", "jenis"), [
    (True, False, JenisJabatanSkp.JPT),
    (True, True, JenisJabatanSkp.JPT),  # a JPT is rated as one whatever else it holds
    (False, True, JenisJabatanSkp.JF),  # also a kepala madrasah: a guru with a tugas tambahan
    (False, False, JenisJabatanSkp.JA),  # administrasi and pelaksana
])
def test_jenis_jabatan_skp(jpt, fungsional, jenis):
    assert jenis_jabatan_skp(jpt, fungsional) is jenis


# --- plans to submit -----------------------------------------------------------------------

KUANTITATIF, KUALITATIF = Pendekatan.KUANTITATIF, Pendekatan.KUALITATIF
JA, JF, JPT = JenisJabatanSkp.JA, JenisJabatanSkp.JF, JenisJabatanSkp.JPT
UTAMA, TAMBAHAN = JenisRhk.UTAMA, JenisRhk.TAMBAHAN
KUANTITAS, KUALITAS, WAKTU = (AspekIndikator.KUANTITAS, AspekIndikator.KUALITAS,
                              AspekIndikator.WAKTU)
URAIAN = "Terlaksananya bimbingan manasik haji"


def indikator(aspek=KUANTITAS, nilai=Decimal("12"), satuan="kegiatan", deskripsi=None):
    return IndikatorRencana(aspek, nilai, satuan, deskripsi)


def indikator_kualitatif(aspek=KUALITAS, deskripsi="Jamaah memahami manasik"):
    return IndikatorRencana(aspek, None, None, deskripsi)


def rhk(jenis=UTAMA, uraian=URAIAN, rhk_atasan=True, perspektif=False, indikator=None):
    if indikator is None:
        indikator = (IndikatorRencana(KUANTITAS, Decimal("12"), "kegiatan", None),)
    return RhkRencana(jenis, uraian, rhk_atasan, perspektif, indikator)


def rhk_jpt(jenis=UTAMA, **kwargs):
    return rhk(jenis, rhk_atasan=False, perspektif=True, **kwargs)


NAMA = f"RHK 1 ({URAIAN})"


# --- limits of one SKP ----------------------------------------------------------------------

def test_limits_of_one_skp():
    assert MAKS_RHK == 10
    assert MAKS_INDIKATOR == 4 == len(set(AspekIndikator))  # one indikator per aspek


def test_an_skp_at_both_limits_may_be_submitted():
    lengkap = tuple(rhk(indikator=tuple(indikator(a) for a in AspekIndikator))
                    for _ in range(MAKS_RHK))
    assert len(lengkap) == MAKS_RHK
    assert all(len(item.indikator) == MAKS_INDIKATOR for item in lengkap)
    assert masalah_pengajuan(KUANTITATIF, JA, lengkap) == []


# --- masalah_pengajuan: what keeps a draft from being submitted ----------------------------

@pytest.mark.parametrize("pendekatan", list(Pendekatan))
@pytest.mark.parametrize("jabatan", list(JenisJabatanSkp))
def test_a_complete_skp_has_no_problem(jabatan, pendekatan):
    isi = (indikator() if pendekatan == KUANTITATIF else indikator_kualitatif(),)
    buat = rhk_jpt if jabatan == JPT else rhk
    rencana = (buat(indikator=isi), buat(TAMBAHAN, indikator=isi))
    assert masalah_pengajuan(pendekatan, jabatan, rencana) == []


@pytest.mark.parametrize("rencana", [(), (rhk(TAMBAHAN),), (rhk(TAMBAHAN), rhk(TAMBAHAN))])
def test_an_skp_needs_an_utama_rhk(rencana):
    assert masalah_pengajuan(KUANTITATIF, JA, rencana) == ["an SKP needs at least one UTAMA RHK"]


@pytest.mark.parametrize("jabatan", [JA, JF])
def test_an_utama_rhk_of_ja_or_jf_names_the_rhk_it_intervenes(jabatan):
    assert masalah_pengajuan(KUANTITATIF, jabatan, (rhk(rhk_atasan=False),)) == [
        f"{NAMA}: an UTAMA RHK of a {jabatan.value} must name the RHK of the pejabat penilai "
        "it intervenes (rhkAtasanId)"]
    tambahan_alone = (rhk(), rhk(TAMBAHAN, rhk_atasan=False))
    assert masalah_pengajuan(KUANTITATIF, jabatan, tambahan_alone) == []


def test_an_utama_rhk_of_a_jpt_needs_its_perspektif_not_an_rhk_atasan():
    assert masalah_pengajuan(KUANTITATIF, JPT, (rhk_jpt(),)) == []
    assert masalah_pengajuan(KUANTITATIF, JPT, (rhk(rhk_atasan=False),)) == [
        f"{NAMA}: an UTAMA RHK of a JPT needs its perspektif"]
    assert masalah_pengajuan(KUANTITATIF, JPT, (rhk_jpt(), rhk(TAMBAHAN, rhk_atasan=False))) == []


def test_an_rhk_without_indikator():
    assert masalah_pengajuan(KUANTITATIF, JA, (rhk(indikator=()),)) == [
        f"{NAMA}: needs at least one indikator",
        f"{NAMA}: a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)",
    ]
    assert masalah_pengajuan(KUALITATIF, JA, (rhk(indikator=()),)) == [
        f"{NAMA}: needs at least one indikator"]


def test_a_kuantitatif_rhk_needs_a_kuantitas_indikator():
    # §2: KUANTITAS is required on every quantitative RHK, the other aspects are optional
    tanpa = (indikator(KUALITAS), indikator(WAKTU))
    assert masalah_pengajuan(KUANTITATIF, JA, (rhk(indikator=tanpa),)) == [
        f"{NAMA}: a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)"]
    assert masalah_pengajuan(KUANTITATIF, JA, (rhk(indikator=(indikator(),)),)) == []


@pytest.mark.parametrize(("nilai", "satuan"), [
    (None, "kegiatan"), (Decimal("12"), None), (Decimal("12"), ""), (None, None)])
def test_a_kuantitatif_target_needs_value_and_satuan(nilai, satuan):
    isi = (indikator(), indikator(WAKTU, nilai, satuan))
    assert masalah_pengajuan(KUANTITATIF, JA, (rhk(indikator=isi),)) == [
        f"{NAMA}: indikator WAKTU needs a target value and satuan"]


@pytest.mark.parametrize("deskripsi", [None, ""])
def test_a_kualitatif_target_needs_its_description(deskripsi):
    isi = (indikator_kualitatif(), indikator_kualitatif(WAKTU, deskripsi))
    assert masalah_pengajuan(KUALITATIF, JA, (rhk(indikator=isi),)) == [
        f"{NAMA}: indikator WAKTU of a KUALITATIF SKP needs a target description"]


def test_a_kualitatif_skp_needs_neither_kuantitas_nor_values():
    isi = (indikator_kualitatif(KUALITAS), indikator_kualitatif(WAKTU))
    assert masalah_pengajuan(KUALITATIF, JA, (rhk(indikator=isi),)) == []


def test_every_problem_of_every_rhk_is_reported_in_order_with_a_short_name():
    panjang = "Meningkatnya kualitas layanan pencatatan nikah di seluruh KUA kabupaten"
    rencana = (
        rhk(uraian=panjang, rhk_atasan=False, indikator=(indikator(KUALITAS, nilai=None),)),
        rhk(TAMBAHAN, uraian="Laporan", indikator=()),
    )
    pendek = f"RHK 1 ({panjang[:40]})"
    assert masalah_pengajuan(KUANTITATIF, JF, rencana) == [
        f"{pendek}: an UTAMA RHK of a JF must name the RHK of the pejabat penilai it "
        "intervenes (rhkAtasanId)",
        f"{pendek}: a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)",
        f"{pendek}: indikator KUALITAS needs a target value and satuan",
        "RHK 2 (Laporan): needs at least one indikator",
        "RHK 2 (Laporan): a KUANTITATIF RHK needs a KUANTITAS indikator (spec §2)",
    ]


# An independent reading of §2, to hold masalah_pengajuan to over any plan.
def siap_diajukan(pendekatan, jabatan, rencana) -> bool:
    def target_lengkap(i):
        if pendekatan == KUALITATIF:  # "descriptive text when pendekatan = KUALITATIF"
            return bool(i.target_deskripsi)
        return i.target_nilai is not None and bool(i.target_satuan)  # "value + satuan"

    def rhk_lengkap(r):
        utama = r.jenis == UTAMA
        if utama and jabatan in (JA, JF) and not r.rhk_atasan:
            return False
        if utama and jabatan == JPT and not r.perspektif:
            return False
        if pendekatan == KUANTITATIF and KUANTITAS not in {i.aspek for i in r.indikator}:
            return False
        return bool(r.indikator) and all(target_lengkap(i) for i in r.indikator)

    return any(r.jenis == UTAMA for r in rencana) and all(rhk_lengkap(r) for r in rencana)


indikator_apa_saja = st.builds(
    IndikatorRencana,
    st.sampled_from(list(AspekIndikator)),
    st.sampled_from([None, Decimal("0"), Decimal("12.5")]),
    st.sampled_from([None, "", "dokumen"]),
    st.sampled_from([None, "", "Tepat waktu"]),
)
rhk_apa_saja = st.builds(
    RhkRencana,
    st.sampled_from(list(JenisRhk)),
    st.sampled_from(["Laporan", URAIAN]),
    st.booleans(),
    st.booleans(),
    st.lists(indikator_apa_saja, max_size=MAKS_INDIKATOR, unique_by=lambda i: i.aspek)
    .map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(Pendekatan)), st.sampled_from(list(JenisJabatanSkp)),
       st.lists(rhk_apa_saja, max_size=4).map(tuple))
def test_problems_are_reported_exactly_when_the_spec_finds_the_plan_incomplete(
        pendekatan, jabatan, rencana):
    problems = masalah_pengajuan(pendekatan, jabatan, rencana)
    assert (problems == []) is siap_diajukan(pendekatan, jabatan, rencana)
    # each problem names the RHK it is about, or is the one about the whole SKP
    names = {f"RHK {n} ({r.uraian[:40]}): " for n, r in enumerate(rencana, start=1)}
    for problem in problems:
        assert problem == "an SKP needs at least one UTAMA RHK" or any(
            problem.startswith(name) for name in names), problem
