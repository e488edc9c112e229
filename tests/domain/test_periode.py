"""Evaluation periods: months and dates of each BULANAN, TRIWULANAN, SEMESTERAN, TAHUNAN period."""

from datetime import date

import pytest

from ekinerja_graphql.domain.periode import JenisPeriode, Periode


@pytest.mark.parametrize(("jenis", "nomor", "awal", "akhir"), [
    (JenisPeriode.BULANAN, 2, date(2024, 2, 1), date(2024, 2, 29)),
    (JenisPeriode.BULANAN, 12, date(2026, 12, 1), date(2026, 12, 31)),
    (JenisPeriode.TRIWULANAN, 1, date(2026, 1, 1), date(2026, 3, 31)),
    (JenisPeriode.TRIWULANAN, 4, date(2026, 10, 1), date(2026, 12, 31)),
    (JenisPeriode.SEMESTERAN, 2, date(2026, 7, 1), date(2026, 12, 31)),
    (JenisPeriode.TAHUNAN, 1, date(2026, 1, 1), date(2026, 12, 31)),
])
def test_period_bounds(jenis, nomor, awal, akhir):
    periode = Periode(awal.year, jenis, nomor)
    assert (periode.awal, periode.akhir) == (awal, akhir)


@pytest.mark.parametrize(("jenis", "nomor"), [
    (JenisPeriode.BULANAN, 13), (JenisPeriode.TRIWULANAN, 5), (JenisPeriode.SEMESTERAN, 0),
    (JenisPeriode.TAHUNAN, 2),
])
def test_a_period_number_outside_the_year_is_refused(jenis, nomor):
    with pytest.raises(ValueError, match="must be between 1 and"):
        Periode(2026, jenis, nomor)
