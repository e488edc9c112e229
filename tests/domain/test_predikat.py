"""The PermenPANRB 6/2022 predikat matrix and SIASN's codes (spec/domain.md §4), cell by cell."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ekinerja_graphql.domain.predikat import (
    PREDIKAT_MATRIX,
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


# The matrix of §4 as written there: rows hasil kerja, columns perilaku kerja
# (DI_BAWAH, SESUAI, DI_ATAS).
MATRIKS_SPEC = {
    (ATAS, BAWAH): Predikat.KURANG, (ATAS, SESUAI): Predikat.BAIK,
    (ATAS, ATAS): Predikat.SANGAT_BAIK,
    (SESUAI, BAWAH): Predikat.KURANG, (SESUAI, SESUAI): Predikat.BAIK,
    (SESUAI, ATAS): Predikat.BAIK,
    (BAWAH, BAWAH): Predikat.SANGAT_KURANG, (BAWAH, SESUAI): Predikat.BUTUH_PERBAIKAN,
    (BAWAH, ATAS): Predikat.BUTUH_PERBAIKAN,
}  # fmt: skip
# §4: "rating 1 = di atas, 2 = sesuai, 3 = di bawah; predikat ("kuadran") 1 SANGAT_BAIK,
# 2 BAIK, 3 BUTUH_PERBAIKAN, 4 KURANG, 5 SANGAT_KURANG"
KODE_RATING_SPEC = {1: ATAS, 2: SESUAI, 3: BAWAH}
KODE_KUADRAN_SPEC = {1: Predikat.SANGAT_BAIK, 2: Predikat.BAIK, 3: Predikat.BUTUH_PERBAIKAN,
                     4: Predikat.KURANG, 5: Predikat.SANGAT_KURANG}
ratings = st.sampled_from(list(Rating))


def test_the_matrix_has_exactly_the_nine_cells_and_yields_every_predikat():
    assert PREDIKAT_MATRIX == MATRIKS_SPEC
    assert set(PREDIKAT_MATRIX.values()) == set(Predikat)


@settings(max_examples=50, deadline=None)
@given(ratings, ratings)
def test_predikat_and_its_siasn_codes_follow_the_spec_for_every_pair(hasil, perilaku):
    predikat = predikat_kinerja(hasil, perilaku)
    assert predikat is MATRIKS_SPEC[(hasil, perilaku)]
    assert KODE_KUADRAN_SPEC[SIASN_KUADRAN_CODE[predikat]] is predikat
    assert KODE_RATING_SPEC[SIASN_RATING_CODE[hasil]] is hasil
    assert KODE_RATING_SPEC[SIASN_RATING_CODE[perilaku]] is perilaku


@settings(max_examples=50, deadline=None)
@given(st.sampled_from([SIASN_RATING_CODE, SIASN_KUADRAN_CODE]))
def test_siasn_code_maps_are_bijections_onto_the_spec_codes(codes):
    spec = KODE_RATING_SPEC if codes is SIASN_RATING_CODE else KODE_KUADRAN_SPEC
    assert set(codes) == set(spec.values())  # every value has a code
    assert sorted(codes.values()) == sorted(spec)  # onto the spec's codes, none twice
    assert {code: value for value, code in codes.items()} == spec


PERINGKAT_RATING = {rating: code for code, rating in KODE_RATING_SPEC.items()}
PERINGKAT_KUADRAN = {predikat: code for code, predikat in KODE_KUADRAN_SPEC.items()}


@settings(max_examples=100, deadline=None)
@given(ratings, ratings, ratings, ratings)
def test_better_ratings_never_give_a_worse_kuadran(hasil, perilaku, hasil_lain, perilaku_lain):
    # a consequence of the matrix (code 1 is best on both scales), guarding a mistyped cell
    if (PERINGKAT_RATING[hasil] <= PERINGKAT_RATING[hasil_lain]
            and PERINGKAT_RATING[perilaku] <= PERINGKAT_RATING[perilaku_lain]):
        assert (PERINGKAT_KUADRAN[predikat_kinerja(hasil, perilaku)]
                <= PERINGKAT_KUADRAN[predikat_kinerja(hasil_lain, perilaku_lain)])
