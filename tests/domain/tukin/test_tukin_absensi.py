"""Attendance against the day's hours (spec/domain.md §5): whole minutes late or early (a
started minute counts) and the bracket they fall in; a missing time is the last bracket."""

from datetime import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.tukin.absensi import (
    Braket,
    braket_of,
    menit_pulang_cepat,
    menit_terlambat,
)
from ekinerja_graphql.domain.tukin.aturan import muat_aturan

MULAI, SELESAI = time(7, 30), time(16, 0)
BRAKET = muat_aturan(defaults.aturan_tukin()).terlambat  # 1–30, 31–60, 61–90, beyond


@pytest.mark.parametrize(("jam_masuk", "menit"), [
    (time(7, 0), 0),  # early
    (time(7, 29, 59), 0),
    (time(7, 30), 0),  # on time
    (time(7, 30, 1), 1),  # one second late is a started minute
    (time(7, 31), 1),
    (time(8, 0), 30),
    (time(8, 0, 1), 31),
    (time(8, 1), 31),
    (time(9, 0), 90),
    (time(9, 0, 1), 91),
    (time(9, 1), 91),
    (time(13, 0), 330),
])
def test_minutes_late_count_every_started_minute(jam_masuk, menit):
    assert menit_terlambat(jam_masuk, MULAI) == menit


@pytest.mark.parametrize(("jam_pulang", "menit"), [
    (time(17, 0), 0),  # late leave
    (time(16, 0, 30), 0),
    (time(16, 0), 0),  # on time
    (time(15, 59, 59), 1),  # one second early is a started minute
    (time(15, 59), 1),
    (time(15, 30), 30),
    (time(15, 29, 59), 31),
    (time(15, 29), 31),
    (time(14, 30), 90),
    (time(14, 29, 59), 91),
    (time(14, 29), 91),
])
def test_minutes_early_count_every_started_minute(jam_pulang, menit):
    assert menit_pulang_cepat(jam_pulang, SELESAI) == menit


@pytest.mark.parametrize(("menit", "braket"), [
    (0, None),  # on time: no bracket
    (1, 0), (30, 0),
    (31, 1), (60, 1),
    (61, 2), (90, 2),
    (91, 3), (24 * 60, 3),
    (None, 3),  # no record of the time: the last bracket
])
def test_the_bracket_of_minutes_late(menit, braket):
    assert braket_of(menit, BRAKET) == braket


def test_the_default_brackets_cost_what_the_spec_says():
    assert [b.persen for b in BRAKET] == [Decimal("0.5"), 1, Decimal("1.25"), Decimal("1.5")]


def test_one_second_late_costs_the_first_bracket():
    assert braket_of(menit_terlambat(time(7, 30, 1), MULAI), BRAKET) == 0


@st.composite
def brackets(draw) -> tuple[Braket, ...]:
    """Increasing limits, the last bracket open."""
    limits = sorted(draw(st.sets(st.integers(1, 24 * 60), max_size=6)))
    return (*(Braket(limit, Decimal(1)) for limit in limits), Braket(None, Decimal(1)))


def _rank(index: int | None) -> int:
    return -1 if index is None else index  # on time ranks below every bracket


@given(st.one_of(st.just(BRAKET), brackets()), st.integers(-10, 2 * 24 * 60),
       st.integers(-10, 2 * 24 * 60))
def test_the_bracket_never_falls_as_the_minutes_rise(braket, a, b):
    low, high = sorted((a, b))
    missing = braket_of(None, braket)
    assert _rank(braket_of(low, braket)) <= _rank(braket_of(high, braket)) <= missing
