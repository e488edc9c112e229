"""Attendance import: all or nothing with every bad row named, the admin's units only, and
a corrected file replacing the days it gives."""

from datetime import date, timedelta

import pytest

from ekinerja_graphql.errors import Forbidden
from ekinerja_graphql.models import Absensi, AdminAssignment, AuditLog, ImporAbsensi, Pegawai, Tukin
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services.tukin import absensi, hitung
from tests.services.skp_support import actor
from tests.services.tukin.support import (
    OKTOBER,
    admin_pusat_actor,
    admin_unit_actor,
    berkas,
    bulan_penuh,
)


async def _aktif(count: int) -> list[Pegawai]:
    return await Pegawai.filter(status="AKTIF").order_by("id").limit(count)


async def test_a_good_file_is_imported_with_minutes_from_the_calendar(seeded_db):
    admin = await admin_pusat_actor()
    (p,) = await _aktif(1)
    data = berkas(f"{p.nip},2026-10-01,07:45:30,16:00,HADIR",  # 16 min late (a started minute)
                  f"{p.nip},2026-10-02,07:30,16:10,HADIR",  # a Friday ends at 16:30: 20 early
                  f"{p.nip},2026-10-05,,,CUTI_TAHUNAN",
                  f"{p.nip},2026-10-06,,16:00,hadir")  # no arrival: the last bracket
    hasil = await absensi.impor_absensi(admin, "oktober.csv", data, seeded_db)
    assert hasil.impor is not None and hasil.kesalahan == []
    assert (hasil.impor.baris, hasil.impor.diganti, hasil.impor.pegawai, hasil.impor.bulan) == (
        4, 0, 1, ["2026-10"])
    rows = await Absensi.filter(pegawai_id=p.id).order_by("tanggal").values(
        "keterangan", "jam_masuk", "menit_terlambat", "menit_pulang_cepat")
    assert rows == [
        {"keterangan": "HADIR", "jam_masuk": "07:45:30", "menit_terlambat": 16,
         "menit_pulang_cepat": 0},
        {"keterangan": "HADIR", "jam_masuk": "07:30:00", "menit_terlambat": 0,
         "menit_pulang_cepat": 20},
        {"keterangan": "CUTI_TAHUNAN", "jam_masuk": None, "menit_terlambat": None,
         "menit_pulang_cepat": None},
        {"keterangan": "HADIR", "jam_masuk": None, "menit_terlambat": None,
         "menit_pulang_cepat": 0},
    ]  # fmt: skip
    assert await AuditLog.filter(action="imporAbsensi", object_id=hasil.impor.id).exists()
    await Absensi.all().delete()


async def test_a_bad_file_names_every_bad_row_and_writes_nothing(seeded_db):
    admin = await admin_pusat_actor()
    (p,) = await _aktif(1)
    data = berkas(f"{p.nip},2026-10-01,07:30,16:00,HADIR",
                  "12345,2026-10-01,07:30,16:00,HADIR",
                  f"{p.nip},2026-10-32,07:30,16:00,HADIR",
                  f"{p.nip},2026-10-02,7.30,16:00,HADIR",
                  f"{p.nip},2026-10-05,07:30,07:00,HADIR",
                  f"{p.nip},2026-10-06,07:30,16:00,SAKIT",
                  f"{p.nip},2026-10-01,07:31,16:00,HADIR",
                  f"{p.nip},2026-10-07,07:30,16:00",
                  "199001012020011999,2026-10-07,07:30,16:00,HADIR")
    before = (await Absensi.all().count(), await ImporAbsensi.all().count())
    hasil = await absensi.impor_absensi(admin, "salah.csv", data, seeded_db)
    assert hasil.impor is None
    assert [(e.baris, e.kolom) for e in hasil.kesalahan] == [
        (3, "nip"), (4, "tanggal"), (5, "jam_masuk"), (6, "jam_pulang"), (7, "keterangan"),
        (8, "tanggal"), (9, ""), (10, "nip")]
    assert "already on line 2" in hasil.kesalahan[5].alasan
    assert hasil.kesalahan[7].alasan == ("no pegawai with NIP 199001012020011999 in the units "
                                         "you administer")  # fmt: skip
    assert "HADIR, TK, CUTI_TAHUNAN" in hasil.kesalahan[4].alasan
    assert (await Absensi.all().count(), await ImporAbsensi.all().count()) == before


@pytest.mark.parametrize(("data", "column", "reason"), [
    (b"", "header", "the columns must be exactly nip, tanggal, jam_masuk, jam_pulang, keterangan"),
    (b"nip;tanggal\n", "header", "not nip, tanggal"),
    (b"\xff\xfe\x00n", "", "UTF-8"),
    (berkas(), "", "holds no attendance rows"),
])  # fmt: skip
async def test_a_file_that_is_not_an_attendance_file_is_refused(seeded_db, data, column, reason):
    hasil = await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", data, seeded_db)
    assert hasil.impor is None and hasil.kesalahan[0].kolom == column
    assert reason in hasil.kesalahan[0].alasan


@pytest.mark.parametrize(("row", "column", "reason"), [
    ("{nip},2026-10-01,07:30,16:00," + "H" * 200 * 1024, "", "field larger than field limit"),
    ("{nip},2026-10-01,0٧:30,16:00,HADIR", "jam_masuk", "a time as HH:MM"),  # Arabic-Indic 7
    ("{nip},２０２６-10-01,07:30,16:00,HADIR", "tanggal", "YYYY-MM-DD"),  # full-width
    ("１９９００１０１２０２００１１００１,2026-10-01,07:30,16:00,HADIR", "nip", "18-digit NIP"),
])  # fmt: skip
async def test_a_field_csv_or_the_clock_cannot_read_is_a_row_error(seeded_db, row, column,
                                                                   reason):  # fmt: skip
    (p,) = await _aktif(1)
    data = berkas(f"{p.nip},2026-10-02,07:30,16:00,HADIR", row.format(nip=p.nip))
    hasil = await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", data, seeded_db)
    assert hasil.impor is None
    assert [(e.baris, e.kolom) for e in hasil.kesalahan] == [(3, column)]
    assert reason in hasil.kesalahan[0].alasan


async def test_rows_are_named_by_the_line_they_start_on_across_quoted_newlines(seeded_db):
    (p,) = await _aktif(1)
    data = berkas(f'{p.nip},2026-10-01,07:30,16:00,"HADIR\r\n"',  # lines 2 and 3
                  f"{p.nip},2026-10-02,07:30,16:00,HADIR",
                  f"{p.nip},2026-10-05,07:30,16:00,HADIR,",  # line 5: six columns
                  f'"{p.nip}",2026-10-01,07:30,16:00,"H\nA\nD\nI\nR"',  # lines 6 to 10
                  f"{p.nip},2026-10-06,07:30,16:00,HADIR")  # fmt: skip
    hasil = await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", data, seeded_db)
    assert [(e.baris, e.kolom) for e in hasil.kesalahan] == [(5, ""), (6, "keterangan")]
    data = berkas(f'{p.nip},2026-10-01,07:30,16:00,"HADIR\n"', f"{p.nip},2026-10-02,,,TK")
    hasil = await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", data, seeded_db)
    assert hasil.impor.baris == 2
    await Absensi.all().delete()


async def test_a_large_file_is_imported_and_a_second_one_replaces_the_days_it_shares(seeded_db):
    """50,100 rows: 300 pegawai over 167 days; then 150 of them again over the last 100
    days and 20 more."""
    admin = await admin_pusat_actor()
    pegawai = await Pegawai.all().order_by("id")
    assert len(pegawai) == 300
    days = [date(2026, 4, 1) + timedelta(days=n) for n in range(187)]  # to 2026-10-04
    first = [f"{p.nip},{day},07:25,16:05,HADIR" for p in pegawai for day in days[:167]]
    hasil = await absensi.impor_absensi(admin, "besar.csv", berkas(*first), seeded_db)
    assert (hasil.impor.baris, hasil.impor.diganti, hasil.impor.pegawai) == (50_100, 0, 300)
    first_id = hasil.impor.id
    assert await Absensi.all().count() == 50_100
    again = pegawai[::2]
    second = [f"{p.nip},{day},,,TK" for p in again for day in days[67:]]
    hasil = await absensi.impor_absensi(admin, "koreksi.csv", berkas(*second), seeded_db)
    assert (hasil.impor.baris, hasil.impor.diganti, hasil.impor.pegawai) == (
        150 * 120, 150 * 100, 150)
    assert await Absensi.all().count() == 50_100 + 150 * 20
    assert await Absensi.filter(keterangan="TK").count() == 150 * 120
    assert await Absensi.filter(impor_id=hasil.impor.id, keterangan="TK").count() == 150 * 120
    kept = await Absensi.get(pegawai_id=pegawai[1].id, tanggal=days[100])  # not in the second
    assert (kept.keterangan, kept.jam_masuk, kept.impor_id) == ("HADIR", "07:25:00", first_id)
    await Absensi.all().delete()


async def test_a_semicolon_file_with_a_bom_and_quoted_nips_is_read(seeded_db):
    (p,) = await _aktif(1)
    data = ("\ufeffnip;tanggal;jam_masuk;jam_pulang;keterangan\n"
            f"'{p.nip};2026-10-01;07:30;16:00;HADIR\n").encode()
    hasil = await absensi.impor_absensi(await admin_pusat_actor(), "x.csv", data, seeded_db)
    assert hasil.impor is not None and hasil.impor.baris == 1
    await Absensi.all().delete()


async def test_a_corrected_file_replaces_the_days_it_gives_and_marks_the_month_stale(seeded_db):
    admin = await admin_pusat_actor()
    first, second = await _aktif(2)
    await absensi.impor_absensi(admin, "a.csv", berkas(*bulan_penuh(first.nip),
                                                        *bulan_penuh(second.nip)), seeded_db)
    await hitung.hitung([first.id, second.id], OKTOBER, seeded_db)
    corrected = berkas(f"{first.nip},2026-10-01,08:45,16:00,HADIR",
                       f"{first.nip},2026-10-02,,,TK")
    hasil = await absensi.impor_absensi(admin, "b.csv", corrected, seeded_db)
    assert (hasil.impor.baris, hasil.impor.diganti) == (2, 2)
    assert await Absensi.filter(pegawai_id=first.id).count() == 22  # replaced, not added
    day = await Absensi.get(pegawai_id=first.id, tanggal=OKTOBER)
    assert (day.jam_masuk, day.menit_terlambat) == ("08:45:00", 75)
    stale = dict(await Tukin.filter(bulan=OKTOBER).values_list("pegawai_id", "stale"))
    assert stale == {first.id: True, second.id: False}
    await Absensi.all().delete()
    await Tukin.all().delete()


async def test_admin_unit_imports_only_its_units_and_pegawai_not_at_all(seeded_db):
    admin, unit_id = await admin_unit_actor()
    from ekinerja_graphql.models import UnitOrganisasi

    path = (await UnitOrganisasi.get(id=unit_id)).path
    admins = await AdminAssignment.all().values_list("pegawai_id", flat=True)
    inside = await Pegawai.filter(in_subtree(path), status="AKTIF").exclude(
        id__in=admins).order_by("id").first()  # fmt: skip
    outside = await Pegawai.filter(status="AKTIF").exclude(in_subtree(path)).order_by(
        "id").first()  # fmt: skip
    unknown = "199001012020011999"
    hasil = await absensi.impor_absensi(admin, "x.csv", berkas(
        f"{inside.nip},2026-10-01,07:30,16:00,HADIR",
        f"{outside.nip},2026-10-01,07:30,16:00,HADIR",
        f"{unknown},2026-10-01,07:30,16:00,HADIR"), seeded_db)  # fmt: skip
    assert hasil.impor is None
    assert [(e.baris, e.kolom) for e in hasil.kesalahan] == [(3, "nip"), (4, "nip")]
    # One reason for both: the import does not tell whether a NIP exists outside the units.
    assert [e.alasan for e in hasil.kesalahan] == [
        f"no pegawai with NIP {nip} in the units you administer" for nip in (outside.nip, unknown)]
    hasil = await absensi.impor_absensi(admin, "x.csv", berkas(
        f"{inside.nip},2026-10-01,07:30,16:00,HADIR"), seeded_db)  # fmt: skip
    assert hasil.impor is not None
    with pytest.raises(Forbidden):
        await absensi.impor_absensi(await actor(inside), "x.csv", berkas(
            f"{inside.nip},2026-10-01,07:30,16:00,HADIR"), seeded_db)  # fmt: skip
    await Absensi.all().delete()


