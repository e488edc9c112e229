"""Ratings and the PermenPANRB 6/2022 predikat matrix (spec/domain.md §4)."""

from enum import StrEnum


class Rating(StrEnum):
    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI"
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI"
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI"


class Predikat(StrEnum):
    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


_ATAS, _SESUAI, _BAWAH = Rating

# (hasil kerja, perilaku kerja) -> predikat
PREDIKAT_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    (_ATAS, _BAWAH): Predikat.KURANG,
    (_ATAS, _SESUAI): Predikat.BAIK,
    (_ATAS, _ATAS): Predikat.SANGAT_BAIK,
    (_SESUAI, _BAWAH): Predikat.KURANG,
    (_SESUAI, _SESUAI): Predikat.BAIK,
    (_SESUAI, _ATAS): Predikat.BAIK,
    (_BAWAH, _BAWAH): Predikat.SANGAT_KURANG,
    (_BAWAH, _SESUAI): Predikat.BUTUH_PERBAIKAN,
    (_BAWAH, _ATAS): Predikat.BUTUH_PERBAIKAN,
}

SIASN_RATING_CODE = {_ATAS: 1, _SESUAI: 2, _BAWAH: 3}
SIASN_KUADRAN_CODE = {
    Predikat.SANGAT_BAIK: 1,
    Predikat.BAIK: 2,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.KURANG: 4,
    Predikat.SANGAT_KURANG: 5,
}


def predikat_kinerja(hasil_kerja: Rating, perilaku_kerja: Rating) -> Predikat:
    return PREDIKAT_MATRIX[(hasil_kerja, perilaku_kerja)]
