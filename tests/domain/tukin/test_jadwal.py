"""The working calendar (configuration, spec/domain.md §5): working days of a month, holidays,
and a date-range schedule (Ramadan) replacing the usual hours; an invalid calendar is refused
with the path of each problem. Each invalid file below is the default with one change."""

from datetime import date, time

import pytest

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.tukin.absensi import menit_terlambat
from ekinerja_graphql.domain.tukin.jadwal import muat_jadwal
from ekinerja_graphql.domain.tukin.validasi import BerkasTidakValid

TEKS = defaults.jadwal_kerja()
JADWAL = muat_jadwal(TEKS)
BIASA = (time(7, 30), time(16, 0))
JUMAT = (time(7, 30), time(16, 30))
RAMADAN = (time(8, 0), time(15, 0))
RAMADAN_JUMAT = (time(8, 0), time(15, 30))


def ubah(lama: str, baru: str) -> str:
    assert TEKS.count(lama) == 1, f"{lama!r} must occur once in the default"
    return TEKS.replace(lama, baru)


def masalah(teks: str) -> list[tuple[str, str]]:
    with pytest.raises(BerkasTidakValid) as info:
        muat_jadwal(teks)
    return [(problem.path, problem.message) for problem in info.value.problems]


# Working days ---------------------------------------------------------------------------

def test_october_2026_has_22_working_days_monday_to_friday():
    days = JADWAL.hari_kerja(date(2026, 10, 1))
    assert len(days) == 22
    assert [d.day for d in days] == [1, 2, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 19, 20, 21, 22,
                                     23, 26, 27, 28, 29, 30]
    assert all(d.weekday() < 5 for d in days)


def test_march_2026_loses_its_weekday_holidays():
    # 22 weekdays, less Nyepi (Thursday 19) and Idul Fitri (Friday 20); Idul Fitri's second
    # day (21) is a Saturday anyway.
    days = JADWAL.hari_kerja(date(2026, 3, 1))
    assert len(days) == 20
    assert date(2026, 3, 19) not in days and date(2026, 3, 20) not in days
    assert JADWAL.libur[date(2026, 3, 19)] == "Hari Suci Nyepi"


def test_a_holiday_inside_the_ramadan_range_is_still_a_holiday():
    # Imlek (17 February) is before Ramadan; Nyepi (19 March) is its last day.
    assert JADWAL.jam(date(2026, 2, 17)) is None
    assert JADWAL.jam(date(2026, 3, 19)) is None
    assert len(JADWAL.hari_kerja(date(2026, 2, 1))) == 19


def test_weekends_are_not_working_days():
    assert JADWAL.jam(date(2026, 10, 3)) is None  # Saturday
    assert JADWAL.jam(date(2026, 10, 4)) is None  # Sunday


# Ramadan hours -------------------------------------------------------------------------

@pytest.mark.parametrize(("tanggal", "jam"), [
    (date(2026, 2, 18), BIASA),  # Wednesday, the day before Ramadan
    (date(2026, 2, 19), RAMADAN),  # Thursday, its first day
    (date(2026, 2, 20), RAMADAN_JUMAT),  # Friday
    (date(2026, 3, 13), RAMADAN_JUMAT),  # Friday
    (date(2026, 3, 18), RAMADAN),  # Wednesday, its last working day
    (date(2026, 3, 23), BIASA),  # Monday after Idul Fitri
    (date(2026, 3, 27), JUMAT),  # Friday after
    (date(2026, 10, 2), JUMAT),
])
def test_ramadan_hours_apply_inside_the_range_and_not_outside(tanggal, jam):
    assert JADWAL.jam(tanggal) == jam


def test_the_ramadan_range_includes_its_last_day():
    # Without the Nyepi holiday, 19 March (the range's selesai) is a Ramadan working day.
    jadwal = muat_jadwal(ubah('2026-03-19 = "Hari Suci Nyepi"\n', ""))
    assert jadwal.jam(date(2026, 3, 19)) == RAMADAN


def test_arriving_at_eight_is_on_time_in_ramadan_and_late_before_it():
    mulai_ramadan, _ = JADWAL.jam(date(2026, 2, 19))
    mulai_biasa, _ = JADWAL.jam(date(2026, 2, 18))
    assert menit_terlambat(time(8, 0), mulai_ramadan) == 0
    assert menit_terlambat(time(8, 0), mulai_biasa) == 30


# Invalid calendars ---------------------------------------------------------------------

def test_a_range_that_ends_before_it_starts_is_refused():
    assert masalah(ubah("selesai = 2026-03-19", "selesai = 2026-02-18")) == [
        ("jadwal_khusus[0].selesai", "must not be before mulai")]


def test_hours_that_end_before_they_start_are_refused():
    assert masalah(ubah('senin = ["07:30", "16:00"]', 'senin = ["16:00", "07:30"]')) == [
        ("jam_kerja.senin", "the end must be after the start")]


@pytest.mark.parametrize(("lama", "baru", "path"), [
    ('jumat = ["07:30", "16:30"]', 'jumaat = ["07:30", "16:30"]', "jam_kerja.jumaat"),
    ('jumat = ["08:00", "15:30"]', 'friday = ["08:00", "15:30"]',
     "jadwal_khusus[0].jam_kerja.friday"),
])
def test_an_unknown_weekday_is_refused_with_the_weekdays_allowed(lama, baru, path):
    assert masalah(ubah(lama, baru)) == [
        (path, "unknown key; allowed: jumat, kamis, minggu, rabu, sabtu, selasa, senin")]


@pytest.mark.parametrize(("lama", "baru", "path", "message"), [
    ('senin = ["07:30", "16:00"]', 'senin = ["7:30", "16:00"]', "jam_kerja.senin[0]",
     "a time of day as HH:MM is required, not '7:30'"),
    ('kamis = ["08:00", "15:00"]', 'kamis = ["08:00", "sore"]',
     "jadwal_khusus[0].jam_kerja.kamis[1]", "a time of day as HH:MM is required, not 'sore'"),
    ('selasa = ["07:30", "16:00"]', 'selasa = ["07:30", 16]', "jam_kerja.selasa[1]",
     "a time of day as HH:MM is required, not 16"),
    ('rabu = ["07:30", "16:00"]', 'rabu = "07:30-16:00"', "jam_kerja.rabu",
     'a pair ["HH:MM", "HH:MM"] (start, end) is required'),
])
def test_a_bad_time_is_named_by_its_place(lama, baru, path, message):
    assert (path, message) in masalah(ubah(lama, baru))


@pytest.mark.parametrize("key", ["2026-02-30", "natal", "2026-12-25T00:00"])
def test_a_holiday_key_that_is_not_a_date_is_refused(key):
    assert masalah(ubah("2026-12-25 =", f'"{key}" =')) == [
        (f"libur.{key}", "the key must be a date YYYY-MM-DD")]


def test_a_calendar_without_a_working_day_is_refused():
    teks = TEKS.split("# A different schedule")[0]
    for hari in ("senin", "selasa", "rabu", "kamis", "jumat"):
        teks = "\n".join(line for line in teks.splitlines() if not line.startswith(hari))
    assert masalah(teks) == [("jam_kerja", "at least one working day is required")]


def test_several_calendar_problems_are_reported_at_once():
    teks = (TEKS.replace("selesai = 2026-03-19", "selesai = 2026-02-18")
            .replace("2026-12-25 =", "natal ="))
    assert masalah(teks) == [("jadwal_khusus[0].selesai", "must not be before mulai"),
                             ("libur.natal", "the key must be a date YYYY-MM-DD")]


def test_a_calendar_that_is_not_toml_is_refused():
    [(path, message)] = masalah(ubah("[libur]", "[libur"))
    assert path == "" and message.startswith("not TOML: ")


def test_a_time_with_a_dot_is_refused_not_read_as_seven_o_clock():
    assert masalah(ubah('senin = ["07:30", "16:00"]', 'senin = ["07.30", "16:00"]')) == [
        ("jam_kerja.senin[0]", "a time of day as HH:MM is required, not '07.30'")]


def test_a_time_with_an_offset_is_refused():
    problems = masalah(ubah('senin = ["07:30", "16:00"]', 'senin = ["07:30+07:00", "16:00"]'))
    assert [path for path, _ in problems] == ["jam_kerja.senin[0]"]


MINIMAL = '[jam_kerja]\nsenin = ["07:30", "16:00"]\n'


@pytest.mark.parametrize(("teks", "path"), [
    ('libur = ["2026-01-01"]\n' + MINIMAL, "libur"),
    ("jadwal_khusus = 3\n" + MINIMAL, "jadwal_khusus"),
], ids=["libur-a-list", "jadwal_khusus-a-number"])
def test_a_section_of_the_wrong_type_is_refused(teks, path):
    assert path in [where for where, _ in masalah(teks)]
