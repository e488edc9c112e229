"""A seeded month of attendance (`ekinerja seed --absensi`): one row per working day per
employed pegawai, a realistic mix, minutes that agree with the times and the calendar,
determinism, replacement on a re-run, and the facts generated beside it."""

import hashlib
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, time

import pytest
from conftest import truncate_all
from tortoise import connections
from typer.testing import CliRunner

from ekinerja_graphql.cli import app
from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.tukin.absensi import Keterangan, menit_pulang_cepat, menit_terlambat
from ekinerja_graphql.domain.tukin.bulan import tambah_bulan
from ekinerja_graphql.domain.tukin.jadwal import JadwalKerja
from ekinerja_graphql.seed import SeedError, seed_database
from ekinerja_graphql.seed import kepegawaian_periode as periode
from ekinerja_graphql.seed.absensi import AbsensiSummary, seed_absensi
from ekinerja_graphql.seed.kepegawaian_periode import PegawaiRow
from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja

PEGAWAI = 600
SEED = 2026
OKTOBER = date(2026, 10, 1)
MARET = date(2026, 3, 1)
NOT_EMPLOYED = {"PENSIUN", "MENINGGAL", "NONAKTIF"}
BRACKETS = ((1, 30), (31, 60), (61, 90), (91, None))


@dataclass
class Month:
    jadwal: JadwalKerja
    summary: AbsensiSummary
    refused: str
    forced: dict[int, str]


async def rows(sql: str) -> list[dict]:
    return await connections.get("default").execute_query_dict(sql)


def as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def as_time(value: str | None) -> time | None:
    """The column holds "HH:MM:SS" text."""
    return None if value is None else time.fromisoformat(value)


def between(bulan: date) -> str:
    last = tambah_bulan(bulan, 1).toordinal() - 1
    return f"tanggal BETWEEN '{bulan.isoformat()}' AND '{date.fromordinal(last).isoformat()}'"


async def absensi(bulan: date) -> list[dict]:
    found = await rows("SELECT a.*, p.status, p.jenis_kelamin FROM absensi a JOIN pegawai p"
                       f" ON p.id = a.pegawai_id WHERE {between(bulan)}")  # fmt: skip
    for row in found:
        row["tanggal"] = as_date(row["tanggal"])
        row["jam_masuk"], row["jam_pulang"] = as_time(row["jam_masuk"]), as_time(row["jam_pulang"])
    return found


async def digest(bulan: date) -> str:
    sha = hashlib.sha256()
    for row in await rows(
        "SELECT pegawai_id, tanggal, keterangan, jam_masuk, jam_pulang, menit_terlambat,"
        f" menit_pulang_cepat FROM absensi WHERE {between(bulan)} ORDER BY pegawai_id, tanggal"
    ):
        sha.update(repr((row["pegawai_id"], as_date(row["tanggal"]), row["keterangan"],
                         as_time(row["jam_masuk"]), as_time(row["jam_pulang"]),
                         row["menit_terlambat"], row["menit_pulang_cepat"])).encode())  # fmt: skip
    return sha.hexdigest()


def bracket(menit: int | None) -> str:
    if menit is None:
        return "missing"
    if menit == 0:
        return "on time"
    for low, high in BRACKETS:
        if high is None or menit <= high:
            return f"{low}-{high or ''}"
    raise AssertionError(menit)


@pytest.fixture(scope="module")
async def month(database) -> Month:
    """A ministry of PEGAWAI pegawai (a few forced into CLTN, tugas belajar, death and
    deactivation) with October 2026 seeded; shared by this module's tests."""
    await truncate_all()
    with pytest.raises(SeedError) as refused:
        await seed_absensi(OKTOBER, jadwal_kerja(database), random_seed=SEED)
    await seed_database(PEGAWAI, random_seed=SEED)
    aktif = [row["id"] for row in await rows(
        "SELECT id FROM pegawai WHERE status = 'AKTIF' ORDER BY id")]  # fmt: skip
    forced = dict(zip(aktif[100:106], ("CLTN", "CLTN", "TUGAS_BELAJAR", "TUGAS_BELAJAR",
                                       "MENINGGAL", "NONAKTIF"), strict=True))  # fmt: skip
    for pegawai_id, status in forced.items():
        await connections.get("default").execute_query(
            f"UPDATE pegawai SET status = '{status}' WHERE id = {pegawai_id}")
    summary = await seed_absensi(OKTOBER, jadwal_kerja(database), random_seed=SEED)
    return Month(jadwal_kerja(database), summary, str(refused.value), forced)


async def test_an_unseeded_database_is_refused(month):
    assert "seed the ministry first" in month.refused


async def test_one_row_per_working_day_per_employed_pegawai(month):
    working = month.jadwal.hari_kerja(OKTOBER)
    assert len(working) == 22
    days = defaultdict(list)
    for row in await absensi(OKTOBER):
        days[row["pegawai_id"]].append(row["tanggal"])
    pegawai = await rows("SELECT id, status FROM pegawai")
    employed = {row["id"] for row in pegawai if row["status"] not in NOT_EMPLOYED}
    assert set(days) == employed
    assert all(sorted(found) == working for found in days.values())
    assert {row["status"] for row in pegawai} & NOT_EMPLOYED >= {"MENINGGAL", "NONAKTIF"}
    assert month.summary.absensi == 22 * len(employed) and month.summary.pegawai == len(employed)
    assert month.summary.hari_kerja == 22 and month.summary.diganti == 0


async def test_no_rows_on_weekends_or_holidays(month):
    for row in await absensi(OKTOBER):
        assert row["tanggal"].weekday() < 5 and month.jadwal.jam(row["tanggal"]) is not None


async def test_every_keterangan_and_every_bracket_appears(month):
    found = await absensi(OKTOBER)
    assert {row["keterangan"] for row in found} == set(Keterangan)
    hadir = [row for row in found if row["keterangan"] == "HADIR"]
    for column in ("menit_terlambat", "menit_pulang_cepat"):
        mix = Counter(bracket(row[column]) for row in hadir)
        assert set(mix) == {"on time", "1-30", "31-60", "61-90", "91-", "missing"}, column
        assert mix["on time"] > 0.85 * len(hadir)
        assert mix["1-30"] > mix["31-60"] > mix["61-90"] > mix["91-"], (column, mix)
    kinds = Counter(row["keterangan"] for row in found)
    assert kinds["HADIR"] > 0.85 * len(found)
    assert kinds["CUTI_TAHUNAN"] > kinds["CUTI_SAKIT"] > kinds["TK"]


async def test_leave_comes_in_runs_and_maternity_only_for_women(month):
    found = await absensi(OKTOBER)
    assert {row["jenis_kelamin"] for row in found
            if row["keterangan"] == "CUTI_MELAHIRKAN"} == {"PEREMPUAN"}  # fmt: skip
    working = month.jadwal.hari_kerja(OKTOBER)
    by_pegawai = defaultdict(dict)
    for row in found:
        by_pegawai[row["pegawai_id"]][row["tanggal"]] = row["keterangan"]
    longest = Counter()
    for days in by_pegawai.values():
        run = 0
        for index, day in enumerate(working):
            run = run + 1 if index and days[day] == days[working[index - 1]] else 1
            longest[days[day]] = max(longest[days[day]], run)
    assert longest["CUTI_TAHUNAN"] <= 6  # runs of 1–3, two of them may touch
    assert longest["DINAS_LUAR"] >= 2 and longest["CUTI_BESAR"] >= 5


async def test_minutes_agree_with_times_and_the_calendar(month):
    for row in await absensi(OKTOBER):
        masuk, pulang = row["jam_masuk"], row["jam_pulang"]
        if row["keterangan"] != "HADIR":
            assert masuk is pulang is row["menit_terlambat"] is row["menit_pulang_cepat"] is None
            continue
        start, end = month.jadwal.jam(row["tanggal"])
        assert row["menit_terlambat"] == (None if masuk is None else menit_terlambat(masuk, start))
        assert row["menit_pulang_cepat"] == (
            None if pulang is None else menit_pulang_cepat(pulang, end))
        if masuk and pulang:
            assert masuk < pulang


async def test_cltn_and_tugas_belajar_have_only_that_keterangan(month):
    found = await absensi(OKTOBER)
    per_status = defaultdict(set)
    for row in found:
        per_status[row["status"]].add(row["keterangan"])
    assert per_status["CLTN"] == {"CLTN"} and per_status["TUGAS_BELAJAR"] == {"TUGAS_BELAJAR"}
    assert {row["pegawai_id"] for row in found if row["status"] == "CLTN"} >= {
        pegawai_id for pegawai_id, status in month.forced.items() if status == "CLTN"}


async def test_hukuman_status_periods_and_tunjangan_profesi(month):
    pegawai = [PegawaiRow(*row.values()) for row in await rows(
        "SELECT p.id, p.status, p.jenis_kelamin, p.jenis, p.golongan, p.golongan_pppk, j.nama"
        " FROM pegawai p LEFT JOIN jabatan j ON j.id = p.jabatan_id ORDER BY p.id")]  # fmt: skip
    rng = random.Random()
    expected = [periode.hukuman_disiplin(rng, SEED, OKTOBER, row) for row in pegawai]
    hukuman = await rows("SELECT pegawai_id, tingkat, tmt, bulan FROM hukuman_disiplin"
                         " ORDER BY pegawai_id")  # fmt: skip
    assert [(row["pegawai_id"], row["tingkat"], as_date(row["tmt"]), row["bulan"])
            for row in hukuman] == [(h[2], h[3], h[5], h[6]) for h in expected if h]  # fmt: skip
    assert month.summary.hukuman_disiplin == len(hukuman)

    periods = await rows("SELECT p.status AS now, s.* FROM periode_status s"
                         " JOIN pegawai p ON p.id = s.pegawai_id")  # fmt: skip
    open_status = {"CLTN", "TUGAS_BELAJAR", "MPP", "UANG_TUNGGU", "DIBERHENTIKAN_SEMENTARA"}
    assert sorted(row["pegawai_id"] for row in periods) == sorted(
        row.id for row in pegawai if row.status in open_status)
    assert {"CLTN", "TUGAS_BELAJAR"} <= {row["status"] for row in periods}
    for row in periods:
        assert row["status"] == row["now"] and row["selesai"] is None
        assert as_date(row["mulai"]) < OKTOBER and row["nomor_sk"]

    profesi = await rows("SELECT p.tunjangan_profesi, p.status, j.nama FROM pegawai p"
                         " JOIN jabatan j ON j.id = p.jabatan_id"
                         " WHERE p.tunjangan_profesi IS NOT NULL")  # fmt: skip
    assert profesi and len(profesi) == month.summary.tunjangan_profesi
    assert all("Guru" in row["nama"] or "Dosen" in row["nama"] for row in profesi)
    assert {row["status"] for row in profesi} == {"AKTIF"}
    assert {row["tunjangan_profesi"] for row in profesi} <= {2_200_000, 2_900_000, 3_700_000,
                                                             4_500_000}  # fmt: skip


def test_hukuman_is_rare_mixed_and_within_the_last_year():
    rng = random.Random()
    pegawai = [PegawaiRow(pegawai_id, "AKTIF", "LAKI_LAKI", "PNS", "32", None, "Penghulu")
               for pegawai_id in range(1, 40_001)]  # fmt: skip
    found = [h for row in pegawai if (h := periode.hukuman_disiplin(rng, SEED, OKTOBER, row))]
    assert 0.002 < len(found) / len(pegawai) < 0.004
    assert {h[3] for h in found} == {"RINGAN", "SEDANG", "BERAT"}
    assert {h[6] for h in found} == {3, 6, 12}
    assert {(h[5].year, h[5].month) for h in found} == {
        (m.year, m.month) for m in (tambah_bulan(OKTOBER, -k) for k in range(12))}
    retired = PegawaiRow(1, StatusPegawai.PENSIUN.value, "LAKI_LAKI", "PNS", "32", None, None)
    assert periode.hukuman_disiplin(rng, SEED, OKTOBER, retired) is None


async def test_same_seed_same_rows_any_chunking_and_a_rerun_replaces(month):
    before = await digest(OKTOBER)
    counts = {table: (await rows(f"SELECT count(*) AS n FROM {table}"))[0]["n"]
              for table in ("absensi", "hukuman_disiplin", "periode_status")}  # fmt: skip
    profesi = await rows("SELECT id, tunjangan_profesi FROM pegawai ORDER BY id")

    again = await seed_absensi(OKTOBER, month.jadwal, random_seed=SEED, chunk_size=37)
    assert await digest(OKTOBER) == before
    assert again.diganti == again.absensi == month.summary.absensi
    assert (again.hukuman_disiplin, again.periode_status, again.tunjangan_profesi) == (0, 0, 0)
    assert {table: (await rows(f"SELECT count(*) AS n FROM {table}"))[0]["n"]
            for table in counts} == counts  # fmt: skip
    assert await rows("SELECT id, tunjangan_profesi FROM pegawai ORDER BY id") == profesi

    await seed_absensi(OKTOBER, month.jadwal, random_seed=SEED + 1)
    assert await digest(OKTOBER) != before
    await seed_absensi(OKTOBER, month.jadwal, random_seed=SEED)
    assert await digest(OKTOBER) == before


async def test_ramadan_hours_are_used_in_march(month):
    summary = await seed_absensi(MARET, month.jadwal, random_seed=SEED)
    found = await absensi(MARET)
    assert summary.absensi == len(found) == month.summary.absensi // 22 * summary.hari_kerja
    days = {row["tanggal"] for row in found}
    assert date(2026, 3, 19) not in days and date(2026, 3, 20) not in days  # Nyepi, Idul Fitri
    assert month.jadwal.jam(date(2026, 3, 10)) == (time(8), time(15))
    ramadan = [row for row in found if row["tanggal"] <= date(2026, 3, 18)
               and row["jam_masuk"] is not None]  # fmt: skip
    five_late = [row for row in ramadan if time(8, 4, 1) <= row["jam_masuk"] <= time(8, 5)]
    assert five_late and all(row["menit_terlambat"] == 5 for row in five_late)
    # 07:30–08:00 is on time in Ramadan, late the rest of the year.
    assert any(time(7, 31) <= row["jam_masuk"] <= time(8) and row["menit_terlambat"] == 0
               for row in ramadan)  # fmt: skip
    after = [row for row in found if row["tanggal"] >= date(2026, 3, 23)
             and row["jam_masuk"] is not None]  # fmt: skip
    assert all(row["menit_terlambat"] == menit_terlambat(row["jam_masuk"], time(7, 30))
               for row in after)  # fmt: skip
    assert await digest(OKTOBER) and len(await absensi(OKTOBER)) == month.summary.absensi


def test_the_month_must_be_yyyy_mm():
    result = CliRunner().invoke(app, ["seed", "--absensi", "2026-13"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output
