"""Reading an attendance file: whatever the bytes, every bad row is named by the line it
starts on, a column and a reason — the reader never raises on a bad file."""

from datetime import date

import pytest

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.tukin.berkas_absensi import baca_berkas_absensi
from ekinerja_graphql.domain.tukin.jadwal import muat_jadwal

JADWAL = muat_jadwal(defaults.jadwal_kerja())
TODAY = date(2026, 11, 30)
HEADER = "nip,tanggal,jam_masuk,jam_pulang,keterangan"
NIP = "199001012020011001"
GOOD = f"{NIP},2026-10-01,07:30,16:00,HADIR"


def baca(*lines: str, end: str = "\n", max_rows: int = 1000):
    return baca_berkas_absensi(end.join((HEADER, *lines)), JADWAL, TODAY, max_rows)


def where(errors) -> list[tuple[int, str]]:
    return [(e.baris, e.kolom) for e in errors]


def test_a_field_over_the_csv_size_limit_is_a_row_error_and_the_rest_is_read():
    records, errors = baca(f"{NIP},2026-10-01,07:30,16:00,{'H' * 200 * 1024}",
                           f"{NIP},2026-10-02,07:30,16:00,HADIR",
                           f"{NIP},2026-10-05,07:30,16:00,TK?")  # fmt: skip
    assert where(errors) == [(2, ""), (4, "keterangan")]
    assert "field larger than field limit" in errors[0].alasan
    assert [r.baris for r in records] == [3]


def test_a_header_over_the_csv_size_limit_is_a_header_error():
    records, errors = baca_berkas_absensi("n" * 200 * 1024 + "\n" + GOOD, JADWAL, TODAY, 10)
    assert (records, where(errors)) == ([], [(1, "header")])


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_quoted_newline_stays_in_its_field_and_rows_are_named_by_their_first_line(end):
    records, errors = baca(f'{NIP},2026-10-01,07:30,16:00,"HA{end}DIR"',  # lines 2 and 3
                           f'{NIP},2026-10-02,07:30,16:00,"HADIR{end}"',  # lines 4 and 5
                           f"{NIP},2026-10-05,07:30,16:00,HADIR",
                           "12345,2026-10-06,07:30,16:00,HADIR",
                           end=end)  # fmt: skip
    assert where(errors) == [(2, "keterangan"), (7, "nip")]
    assert [r.baris for r in records] == [4, 6]


def test_a_day_given_twice_names_the_first_line_across_quoted_newlines():
    _, errors = baca(f'"{NIP}\n",2026-10-01,07:30,16:00,HADIR', GOOD)
    assert where(errors) == [(4, "tanggal")]
    assert "already on line 2" in errors[0].alasan


@pytest.mark.parametrize(("row", "column"), [
    ("１９９００１０１２０２００１１００１,2026-10-01,07:30,16:00,HADIR", "nip"),  # full-width
    ("١٩٩٠٠١٠١٢٠٢٠٠١١٠٠١,2026-10-01,07:30,16:00,HADIR", "nip"),  # Arabic-Indic
    (f"{NIP},２０２６-10-01,07:30,16:00,HADIR", "tanggal"),
    (f"{NIP},٢٠٢٦-١٠-٠١,07:30,16:00,HADIR", "tanggal"),
    (f"{NIP},2026-10-01,0٧:30,16:00,HADIR", "jam_masuk"),
    (f"{NIP},2026-10-01,07:30,１６:００,HADIR", "jam_pulang"),
    (f"{NIP},2026-10-01,07:30,16:00,hadır", "keterangan"),  # dotless ı: "HADIR" upper-cased
])  # fmt: skip
def test_digits_and_letters_other_than_ascii_are_row_errors(row, column):
    records, errors = baca(row)
    assert (records, where(errors)) == ([], [(2, column)])


def test_a_nul_or_a_stray_quote_is_a_row_error_never_an_exception():
    _, errors = baca(f"{NIP},2026-10-01,07:30,16:00,HA\0DIR", f'{NIP},2026-10"-02,07:30,16:00,TK')
    assert where(errors) == [(2, "keterangan"), (3, "tanggal")]


def test_the_row_limit_counts_rows_not_errors():
    bad = f"{NIP},2026-10-32,07:30,07:00,HADIR"  # two errors in one row
    _, errors = baca(bad, f"{NIP},2026-10-02,07:30,16:00,HADIR", max_rows=2)
    assert where(errors) == [(2, "tanggal"), (2, "jam_pulang")]
    _, errors = baca(bad, GOOD, GOOD, max_rows=2)
    assert where(errors)[-1] == (4, "") and "more than 2 rows" in errors[-1].alasan


def test_records_share_their_nip_date_and_time_objects():
    records, _ = baca(GOOD, f"{NIP},2026-10-02,07:30,16:00,HADIR")
    first, second = records
    assert first.nip is second.nip and first.jam_masuk is second.jam_masuk
    assert (first.menit_terlambat, second.menit_pulang_cepat) == (0, 30)  # Friday: 16:30
