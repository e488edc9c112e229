"""The PermenPANRB 6/2022 predikat matrix and SIASN's codes (spec/domain.md §4), cell by cell."""

import pytest

from ekinerja_graphql.domain.predikat import (
    SIASN_KUADRAN_CODE,
    SIASN_RATING_CODE,
    Predikat,
    Rating,
    predikat_kinerja,
)

ATAS, SESUAI, BAWAH = (Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI,
                       Rating.DI_BAWAH_EKSPEKTASI)


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), [
    (ATAS, BAWAH, Predikat.KURANG),
    (ATAS, SESUAI, Predikat.BAIK),
    (ATAS, ATAS, Predikat.SANGAT_BAIK),
    (SESUAI, BAWAH, Predikat.KURANG),
    (SESUAI, SESUAI, Predikat.BAIK),
    (SESUAI, ATAS, Predikat.BAIK),
    (BAWAH, BAWAH, Predikat.SANGAT_KURANG),
    (BAWAH, SESUAI, Predikat.BUTUH_PERBAIKAN),
    (BAWAH, ATAS, Predikat.BUTUH_PERBAIKAN),
])
def test_every_cell_of_the_matrix(hasil, perilaku, predikat):
    assert predikat_kinerja(hasil, perilaku) is predikat


def test_siasn_codes():
    assert SIASN_RATING_CODE == {ATAS: 1, SESUAI: 2, BAWAH: 3}
    assert SIASN_KUADRAN_CODE == {
        Predikat.SANGAT_BAIK: 1, Predikat.BAIK: 2, Predikat.BUTUH_PERBAIKAN: 3,
        Predikat.KURANG: 4, Predikat.SANGAT_KURANG: 5,
    }
