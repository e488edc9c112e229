"""The domain's codes equal SIASN's reference tables shipped in ekinerja_graphql/ref
(copied from the project's reference set; its README names each source)."""

from pathlib import Path

import pytest

from ekinerja_graphql import ref
from ekinerja_graphql.domain.golongan import PANGKAT, Golongan, GolonganPppk, golongan_label
from ekinerja_graphql.domain.jabatan import (
    KODE_JENJANG,
    SIASN_JENIS_JABATAN,
    SIASN_KOEFISIEN_ID,
    Eselon,
    JenisJabatan,
)
from ekinerja_graphql.domain.kepegawaian import (
    KEDUDUKAN_HUKUM,
    KEDUDUKAN_HUKUM_PPPK_AKTIF,
    StatusPegawai,
)
from ekinerja_graphql.domain.predikat import SIASN_KUADRAN_CODE, SIASN_RATING_CODE

SHARED_REF = Path(__file__).resolve().parents[3] / "shared" / "ref"


def by_id(table: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in ref.table(table)}


@pytest.mark.parametrize(("eselon", "nama", "jenis"), [
    (Eselon.I_A_JPT_UTAMA, "I.a", "JPT UTAMA"),
    (Eselon.I_A_JPT_MADYA, "I.a", "JPT MADYA"),
    (Eselon.I_B_JPT_MADYA, "I.b", "JPT MADYA"),
    (Eselon.II_A, "II.a", "JPT PRATAMA"),
    (Eselon.II_B, "II.b", "JPT PRATAMA"),
    (Eselon.III_A, "III.a", "ADMINISTRATOR"),
    (Eselon.III_B, "III.b", "ADMINISTRATOR"),
    (Eselon.IV_A, "IV.a", "PENGAWAS"),
    (Eselon.IV_B, "IV.b", "PENGAWAS"),
    (Eselon.V_A, "V.a", ""),
    (Eselon.V_B, "V.b", ""),
    (Eselon.NON_ESELON, "NON", ""),
])
def test_eselon_ids_are_siasn_ids(eselon, nama, jenis):
    row = by_id("siasn_eselon")[eselon.value]
    assert (row["nama"], row["jenis"]) == (nama, jenis)


def test_every_siasn_eselon_but_the_placeholder_is_an_enum_member():
    assert set(by_id("siasn_eselon")) - {"00"} == {eselon.value for eselon in Eselon}
    assert "I_C" not in Eselon.__members__


def test_golongan_ids_and_pangkat_are_siasn_ones():
    table = by_id("siasn_golongan_pns")
    assert set(table) == {golongan.value for golongan in Golongan}
    for golongan in Golongan:
        assert table[golongan.value]["nama"] == golongan_label(golongan)
        assert table[golongan.value]["pangkat"] == PANGKAT[golongan]


def test_pppk_golongan_are_the_reference_scale():
    scale = [row["golongan"] for row in ref.table("pppk_golongan")]
    assert scale == [golongan.value for golongan in GolonganPppk]


def test_jenis_jabatan_ids():
    assert {SIASN_JENIS_JABATAN[jenis]: jenis for jenis in JenisJabatan}.keys() == by_id(
        "siasn_jenis_jabatan").keys()  # fmt: skip
    assert by_id("siasn_jenis_jabatan")[SIASN_JENIS_JABATAN[JenisJabatan.FUNGSIONAL_UMUM]][
        "nama"] == "Jabatan Fungsional Umum"  # fmt: skip


@pytest.mark.parametrize(("status", "nama"), [
    (StatusPegawai.AKTIF, "Aktif"),
    (StatusPegawai.CLTN, "CLTN"),
    (StatusPegawai.TUGAS_BELAJAR, "Tugas Belajar"),
    (StatusPegawai.DIBERHENTIKAN_SEMENTARA, "Pemberhentian Sementara"),
    (StatusPegawai.UANG_TUNGGU, "Penerima Uang Tunggu"),
    (StatusPegawai.MPP, "Masa Persiapan Pensiun"),
    (StatusPegawai.NONAKTIF, "Tidak Aktif"),
    (StatusPegawai.PENSIUN, "Pensiun"),
])
def test_kedudukan_hukum_codes_name_the_status(status, nama):
    assert by_id("siasn_kedudukan_hukum")[KEDUDUKAN_HUKUM[status]]["nama"] == nama


def test_pppk_aktif_has_its_own_kedudukan_hukum():
    assert by_id("siasn_kedudukan_hukum")[KEDUDUKAN_HUKUM_PPPK_AKTIF]["nama"] == "PPPK Aktif"


def test_koefisien_and_jenjang_codes():
    table = by_id("siasn_koefisien")
    assert set(table) == set(SIASN_KOEFISIEN_ID.values())
    for jenjang, koefisien_id in SIASN_KOEFISIEN_ID.items():
        assert table[koefisien_id]["jenjang_kode"] == KODE_JENJANG[jenjang]
        assert table[koefisien_id]["jenjang"].upper().replace(" ", "_") == jenjang.value


def test_kuadran_and_rating_codes():
    kuadran = by_id("siasn_kuadran_kinerja")
    for predikat, code in SIASN_KUADRAN_CODE.items():
        assert kuadran[str(code)]["nama"] == predikat.value.replace("_", " ")
    rating = by_id("siasn_rating_kinerja")
    assert {str(code) for code in SIASN_RATING_CODE.values()} == set(rating)


@pytest.mark.skipif(not SHARED_REF.is_dir(), reason="the shared reference set is not beside")
def test_the_shipped_tables_are_the_reference_set_unchanged():
    for shipped in ref.DIRECTORY.glob("*.csv"):
        assert shipped.read_bytes() == (SHARED_REF / shipped.name).read_bytes(), shipped.name
