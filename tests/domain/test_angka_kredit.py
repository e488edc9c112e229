"""Angka kredit of a jabatan fungsional and the months an SKP earns it (spec/domain.md §4)."""

import itertools
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekinerja_graphql import ref
from ekinerja_graphql.domain.angka_kredit import (
    KOEFISIEN_TAHUNAN,
    PERSEN_PREDIKAT,
    angka_kredit,
    bulan_dinilai,
)
from ekinerja_graphql.domain.jabatan import JENJANG_BY_KODE, Jenjang
from ekinerja_graphql.domain.periode import JenisPeriode, Periode
from ekinerja_graphql.domain.predikat import Predikat

SB, B, BP, K, SK = Predikat
BULANAN, TRIWULANAN, SEMESTERAN, TAHUNAN = JenisPeriode


def test_persen_and_koefisien_are_the_spec_tables():
    assert PERSEN_PREDIKAT == {SB: 150, B: 100, BP: 75, K: 50, SK: 25}
    spec = {
        Jenjang.AHLI_PERTAMA: "12.5", Jenjang.AHLI_MUDA: "25", Jenjang.AHLI_MADYA: "37.5",
        Jenjang.AHLI_UTAMA: "50", Jenjang.PEMULA: "3.75", Jenjang.TERAMPIL: "5",
        Jenjang.MAHIR: "12.5", Jenjang.PENYELIA: "25",
    }  # fmt: skip
    expected = {jenjang: Decimal(nilai) for jenjang, nilai in spec.items()}
    assert expected == KOEFISIEN_TAHUNAN


def test_koefisien_equals_siasn_reference_table():
    siasn = {JENJANG_BY_KODE[row["jenjang_kode"]]: Decimal(row["koefisien_tahunan"])
             for row in ref.table("siasn_koefisien")}
    assert siasn == KOEFISIEN_TAHUNAN


# Worked by hand: koefisien × persen/100 × bulan/12, then half up to 3 places.
@pytest.mark.parametrize(("jenjang", "predikat", "bulan", "ak"), [
    (Jenjang.AHLI_PERTAMA, SB, 3, "4.688"),     # 12.5 × 1.5 × 3/12 = 4.6875
    (Jenjang.AHLI_PERTAMA, B, 12, "12.500"),    # 12.5 × 1 × 12/12
    (Jenjang.AHLI_PERTAMA, BP, 7, "5.469"),     # 9.375 × 7/12 = 5.46875
    (Jenjang.AHLI_PERTAMA, K, 1, "0.521"),      # 6.25 / 12 = 0.52083…
    (Jenjang.AHLI_PERTAMA, SK, 10, "2.604"),    # 3.125 × 10/12 = 2.60416…
    (Jenjang.AHLI_MUDA, SB, 6, "18.750"),       # 37.5 × 6/12
    (Jenjang.AHLI_MUDA, B, 12, "25.000"),       # 25 × 1
    (Jenjang.AHLI_MUDA, BP, 5, "7.813"),        # 18.75 × 5/12 = 7.8125
    (Jenjang.AHLI_MUDA, K, 11, "11.458"),       # 12.5 × 11/12 = 11.4583…
    (Jenjang.AHLI_MUDA, SK, 2, "1.042"),        # 6.25 × 2/12 = 1.04166…
    (Jenjang.AHLI_MADYA, SB, 1, "4.688"),       # 56.25 / 12 = 4.6875
    (Jenjang.AHLI_MADYA, B, 9, "28.125"),       # 37.5 × 9/12
    (Jenjang.AHLI_MADYA, BP, 12, "28.125"),     # 37.5 × 0.75
    (Jenjang.AHLI_MADYA, K, 4, "6.250"),        # 18.75 × 4/12
    (Jenjang.AHLI_MADYA, SK, 7, "5.469"),       # 9.375 × 7/12 = 5.46875
    (Jenjang.AHLI_UTAMA, SB, 12, "75.000"),     # 50 × 1.5
    (Jenjang.AHLI_UTAMA, B, 1, "4.167"),        # 50 / 12 = 4.1666…
    (Jenjang.AHLI_UTAMA, BP, 8, "25.000"),      # 37.5 × 8/12
    (Jenjang.AHLI_UTAMA, K, 5, "10.417"),       # 25 × 5/12 = 10.4166…
    (Jenjang.AHLI_UTAMA, SK, 3, "3.125"),       # 12.5 × 3/12
    (Jenjang.PEMULA, SB, 12, "5.625"),          # 3.75 × 1.5
    (Jenjang.PEMULA, B, 5, "1.563"),            # 3.75 × 5/12 = 1.5625
    (Jenjang.PEMULA, BP, 12, "2.813"),          # 3.75 × 0.75 = 2.8125
    (Jenjang.PEMULA, K, 7, "1.094"),            # 1.875 × 7/12 = 1.09375
    (Jenjang.PEMULA, SK, 1, "0.078"),           # 0.9375 / 12 = 0.078125
    (Jenjang.TERAMPIL, SB, 2, "1.250"),         # 7.5 × 2/12
    (Jenjang.TERAMPIL, B, 6, "2.500"),          # 5 × 6/12
    (Jenjang.TERAMPIL, BP, 11, "3.438"),        # 3.75 × 11/12 = 3.4375
    (Jenjang.TERAMPIL, K, 12, "2.500"),         # 5 × 0.5
    (Jenjang.TERAMPIL, SK, 9, "0.938"),         # 1.25 × 9/12 = 0.9375
    (Jenjang.MAHIR, SB, 12, "18.750"),          # 12.5 × 1.5
    (Jenjang.MAHIR, B, 4, "4.167"),             # 12.5 × 4/12 = 4.1666…
    (Jenjang.MAHIR, BP, 1, "0.781"),            # 9.375 / 12 = 0.78125
    (Jenjang.MAHIR, K, 3, "1.563"),             # 6.25 × 3/12 = 1.5625
    (Jenjang.MAHIR, SK, 12, "3.125"),           # 12.5 × 0.25
    (Jenjang.PENYELIA, SB, 7, "21.875"),        # 37.5 × 7/12
    (Jenjang.PENYELIA, B, 10, "20.833"),        # 25 × 10/12 = 20.8333…
    (Jenjang.PENYELIA, BP, 6, "9.375"),         # 18.75 × 6/12
    (Jenjang.PENYELIA, K, 12, "12.500"),        # 25 × 0.5
    (Jenjang.PENYELIA, SK, 11, "5.729"),        # 6.25 × 11/12 = 5.72916…
])  # fmt: skip
def test_angka_kredit_by_hand(jenjang, predikat, bulan, ak):
    hasil = angka_kredit(predikat, jenjang, bulan)
    assert isinstance(hasil, Decimal)
    assert str(hasil) == ak  # the value and its 3 places


def test_every_case_equals_exact_fraction_arithmetic_rounded_half_up():
    for predikat, jenjang, bulan in itertools.product(Predikat, Jenjang, range(1, 13)):
        exact = (Fraction(bulan, 12) * Fraction(PERSEN_PREDIKAT[predikat], 100)
                 * Fraction(KOEFISIEN_TAHUNAN[jenjang]))
        thousandths = int(exact * 1000 + Fraction(1, 2))  # half up; exact is positive
        assert angka_kredit(predikat, jenjang, bulan) == Decimal(thousandths).scaleb(-3)


@pytest.mark.parametrize("bulan", [1, 12])
def test_bulan_bounds_are_included(bulan):
    assert angka_kredit(B, Jenjang.AHLI_MUDA, bulan) > 0


@pytest.mark.parametrize("bulan", [0, 13, -1, 24, True, 6.0, "6"])
def test_bulan_not_a_whole_number_from_1_to_12_is_refused(bulan):
    with pytest.raises(ValueError, match="bulan"):
        angka_kredit(B, Jenjang.AHLI_MUDA, bulan)


@given(st.sampled_from(Predikat), st.sampled_from(Jenjang), st.integers(1, 11))
def test_angka_kredit_grows_with_each_month(predikat, jenjang, bulan):
    assert angka_kredit(predikat, jenjang, bulan) < angka_kredit(predikat, jenjang, bulan + 1)


# Predikat lists the best first.
@given(st.integers(0, len(Predikat) - 2), st.sampled_from(Jenjang), st.integers(1, 12))
def test_a_better_predikat_earns_more(index, jenjang, bulan):
    lebih_baik, lebih_buruk = list(Predikat)[index], list(Predikat)[index + 1]
    assert angka_kredit(lebih_baik, jenjang, bulan) > angka_kredit(lebih_buruk, jenjang, bulan)


@pytest.mark.parametrize(("periode", "awal", "akhir", "bulan"), [
    # A full year.
    (Periode(2025, TAHUNAN, 1), date(2025, 1, 1), date(2025, 12, 31), 12),
    # A CPNS appointed 1 March.
    (Periode(2025, TAHUNAN, 1), date(2025, 3, 1), date(2025, 12, 31), 10),
    # A quarter inside a year-long SKP; an SKP reaching past the year on both sides.
    (Periode(2025, TRIWULANAN, 2), date(2025, 1, 1), date(2025, 12, 31), 3),
    (Periode(2025, TAHUNAN, 1), date(2024, 7, 1), date(2026, 6, 30), 12),
    (Periode(2025, TAHUNAN, 1), date(2024, 7, 1), date(2025, 6, 30), 6),
    # An SKP starting mid-quarter: a month counts when the SKP holds its last day.
    (Periode(2025, TRIWULANAN, 2), date(2025, 5, 15), date(2025, 12, 31), 2),
    (Periode(2025, TRIWULANAN, 2), date(2025, 6, 30), date(2025, 12, 31), 1),
    # An SKP ending mid-quarter (closed by a mutasi on 15 February): February is the next
    # SKP's.
    (Periode(2025, TRIWULANAN, 1), date(2025, 1, 1), date(2025, 2, 14), 1),
    (Periode(2025, TRIWULANAN, 1), date(2025, 2, 15), date(2025, 12, 31), 2),
    (Periode(2025, TRIWULANAN, 1), date(2025, 1, 1), date(2025, 1, 1), 0),
    # Both ends inside one semester.
    (Periode(2025, SEMESTERAN, 2), date(2025, 8, 20), date(2025, 10, 3), 2),
    # No overlap: before, after, another year, the day before the period starts.
    (Periode(2025, TRIWULANAN, 3), date(2025, 1, 1), date(2025, 6, 30), 0),
    (Periode(2025, TRIWULANAN, 1), date(2025, 4, 1), date(2025, 12, 31), 0),
    (Periode(2025, TAHUNAN, 1), date(2024, 1, 1), date(2024, 12, 31), 0),
    (Periode(2025, BULANAN, 3), date(2025, 1, 1), date(2025, 2, 28), 0),
    # February: its last day in a common and in a leap year, and one day of it.
    (Periode(2025, BULANAN, 2), date(2025, 2, 28), date(2025, 12, 31), 1),
    (Periode(2024, BULANAN, 2), date(2024, 2, 29), date(2024, 12, 31), 1),
    (Periode(2024, BULANAN, 2), date(2024, 1, 1), date(2024, 2, 1), 0),
    (Periode(2024, BULANAN, 2), date(2024, 1, 1), date(2024, 2, 29), 1),
    (Periode(2024, BULANAN, 2), date(2024, 1, 1), date(2024, 1, 31), 0),
    (Periode(2024, BULANAN, 2), date(2024, 3, 1), date(2024, 12, 31), 0),
])  # fmt: skip
def test_bulan_dinilai(periode, awal, akhir, bulan):
    assert bulan_dinilai(periode, awal, akhir) == bulan


def test_an_skp_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="before"):
        bulan_dinilai(Periode(2025, TAHUNAN, 1), date(2025, 5, 1), date(2025, 4, 30))


PERIODE_2025 = [Periode(2025, jenis, nomor)
                for jenis, count in [(BULANAN, 12), (TRIWULANAN, 4), (SEMESTERAN, 2), (TAHUNAN, 1)]
                for nomor in range(1, count + 1)]


def months_with_a_day(awal: date, akhir: date) -> set[tuple[int, int]]:
    days = range(awal.toordinal(), akhir.toordinal() + 1)
    return {(day.year, day.month) for day in map(date.fromordinal, days)}


def months_ending_within(awal: date, akhir: date) -> set[tuple[int, int]]:
    days = map(date.fromordinal, range(awal.toordinal(), akhir.toordinal() + 1))
    return {(day.year, day.month) for day in days if (day + timedelta(days=1)).day == 1}


@given(st.sampled_from(PERIODE_2025), st.dates(date(2024, 1, 1), date(2026, 12, 31)),
       st.dates(date(2024, 1, 1), date(2026, 12, 31)))
def test_bulan_dinilai_counts_the_months_of_the_period_whose_last_day_the_skp_holds(
        periode, a, b):  # fmt: skip
    awal, akhir = min(a, b), max(a, b)
    expected = months_ending_within(awal, akhir) & months_with_a_day(periode.awal, periode.akhir)
    assert bulan_dinilai(periode, awal, akhir) == len(expected)


@given(st.sampled_from(PERIODE_2025), st.dates(date(2025, 1, 2), date(2025, 12, 31)))
def test_a_mutasi_splits_the_months_without_counting_one_twice(periode, tanggal):
    before = bulan_dinilai(periode, date(2025, 1, 1), tanggal - timedelta(days=1))
    after = bulan_dinilai(periode, tanggal, date(2025, 12, 31))
    assert before + after == bulan_dinilai(periode, date(2025, 1, 1), date(2025, 12, 31))
