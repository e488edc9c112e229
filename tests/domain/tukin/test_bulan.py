"""A payroll month: written "YYYY-MM", kept as its first day."""

from datetime import date

import pytest

from ekinerja_graphql.domain.tukin.bulan import (
    akhir_bulan,
    format_bulan,
    hari_dalam,
    parse_bulan,
    tambah_bulan,
)


@pytest.mark.parametrize(("text", "bulan"), [
    ("2026-10", date(2026, 10, 1)),
    ("2026-01", date(2026, 1, 1)),
    ("2026-12", date(2026, 12, 1)),
    ("2000-01", date(2000, 1, 1)),
    ("2100-12", date(2100, 12, 1)),
    (" 2026-10 ", date(2026, 10, 1)),  # surrounding blanks are ignored
])
def test_a_month_is_read_as_yyyy_mm(text, bulan):
    assert parse_bulan(text) == bulan


@pytest.mark.parametrize("text", [
    "2026-13", "2026-00", "26-10", "2026-1", " x", "", "2026/10", "2026-10-01", "10-2026",
    "202610", "2026-1O",
])
def test_anything_but_yyyy_mm_is_refused_with_the_form_allowed(text):
    with pytest.raises(ValueError) as info:
        parse_bulan(text)
    assert str(info.value) == f"a month as YYYY-MM (for example 2026-10), not {text!r}"


def test_a_month_that_is_not_text_is_refused():
    with pytest.raises(ValueError, match=r"a month as YYYY-MM \(for example 2026-10\), not 202610"):
        parse_bulan(202610)


@pytest.mark.parametrize(("text", "year"), [("1999-12", 1999), ("2101-01", 2101),
                                            ("0000-01", 0), ("9999-12", 9999)])
def test_a_year_outside_2000_to_2100_is_refused_with_the_range_allowed(text, year):
    with pytest.raises(ValueError) as info:
        parse_bulan(text)
    assert str(info.value) == f"a year from 2000 to 2100, not {year}"


@pytest.mark.parametrize(("bulan", "months", "hasil"), [
    (date(2026, 10, 1), 0, date(2026, 10, 1)),
    (date(2026, 10, 1), 2, date(2026, 12, 1)),
    (date(2026, 12, 1), 1, date(2027, 1, 1)),  # across the year end
    (date(2026, 11, 1), 3, date(2027, 2, 1)),
    (date(2026, 1, 1), -1, date(2025, 12, 1)),  # back across the year end
    (date(2026, 10, 1), 12, date(2027, 10, 1)),
    (date(2026, 10, 1), -22, date(2024, 12, 1)),
    (date(2026, 1, 31), 1, date(2026, 2, 1)),  # the first day, whatever day it starts from
])
def test_adding_months_crosses_year_ends(bulan, months, hasil):
    assert tambah_bulan(bulan, months) == hasil


def test_format_is_the_inverse_of_parse():
    assert format_bulan(date(2026, 3, 1)) == "2026-03"
    assert parse_bulan(format_bulan(date(2026, 3, 1))) == date(2026, 3, 1)


@pytest.mark.parametrize(("bulan", "akhir"), [
    (date(2026, 2, 1), date(2026, 2, 28)), (date(2028, 2, 1), date(2028, 2, 29)),
    (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 11, 1), date(2026, 11, 30)),
])
def test_the_last_day_of_a_month(bulan, akhir):
    assert akhir_bulan(bulan) == akhir


def test_the_days_of_a_range_include_both_ends():
    assert list(hari_dalam(date(2026, 12, 30), date(2027, 1, 2))) == [
        date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)]
    assert list(hari_dalam(date(2026, 1, 2), date(2026, 1, 1))) == []
