"""A month of daily attendance for every employed pegawai of a seeded ministry, so that tukin
runs on real inputs (`ekinerja seed --absensi YYYY-MM`).

One row per working day of the configured calendar per pegawai not PENSIUN, MENINGGAL or
NONAKTIF; CLTN and tugas belajar have that keterangan every day. Minutes late and early come
from the domain functions against the day's hours (Ramadan included). Every pegawai draws
from a stream seeded by (seed, month, pegawai id), so chunks are generated independently and
the same seed gives the same rows. Re-running a month replaces its rows.

Pegawai are streamed by id in chunks: chunk n + 1 is generated in a worker thread while
chunk n is written (COPY on PostgreSQL, all of it one transaction; executemany in one
transaction per chunk on SQLite).
"""

import asyncio
import random
import time as clock
from bisect import bisect
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, time
from itertools import accumulate

from ekinerja_graphql.domain.kepegawaian import JenisKelamin, StatusPegawai
from ekinerja_graphql.domain.tukin.absensi import Keterangan, menit_pulang_cepat, menit_terlambat
from ekinerja_graphql.domain.tukin.bulan import akhir_bulan, format_bulan
from ekinerja_graphql.domain.tukin.jadwal import JadwalKerja
from ekinerja_graphql.seed import kepegawaian_periode as periode
from ekinerja_graphql.seed.kepegawaian_periode import NOT_EMPLOYED, PegawaiRow
from ekinerja_graphql.seed.loader import insert_sql, open_raw
from ekinerja_graphql.seed.result import SeedError

# --- The mix. Synthetic and plausible, NOT measured: no attendance data was available. ---
# Runs of a kind of day per pegawai-month: weights of 0, 1, 2 runs, then weights of a run's
# length 1, 2, 3 … working days. Applied in this order, each only over days still HADIR.
RUNS = (
    (Keterangan.CUTI_TAHUNAN, (62, 30, 8), (55, 30, 15)),  # ≈ 9 of the 12 days a year
    (Keterangan.DINAS_LUAR, (85, 12, 3), (30, 30, 25, 15)),
    (Keterangan.CUTI_SAKIT, (955, 40, 5), (50, 30, 20)),
    (Keterangan.CUTI_ALASAN_PENTING, (990, 10), (50, 30, 20)),
    (Keterangan.TK, (975, 20, 5), (1,)),
)
# Leave of months: part or all of the month (whole, from a day on, or up to a day).
SHARE_CUTI_BESAR = 0.005  # of pegawai-months
SHARE_CUTI_MELAHIRKAN = 0.012  # of PEREMPUAN pegawai-months
# A HADIR day's arrival, per mille: on time, late by 1–30, 31–60, 61–90, 91–180 minutes,
# no record (jam_masuk missing). Departure likewise: on time, early by 1–30 … 91–180, none.
DATANG = (905, 60, 16, 7, 4, 8)
PULANG = (933, 35, 12, 5, 3, 12)
BRACKETS = ((1, 30), (31, 60), (61, 90), (91, 180))  # minutes; rules: 1–30 … >90
DATANG_AWAL = 60 * 60  # seconds: an on-time arrival is up to an hour before the start
PULANG_AKHIR = 150 * 60  # seconds: an on-time departure up to 2.5 hours after the end
# Within each band, times crowd towards the start or end of the day (a square of a uniform).

CHUNK = 5_000  # pegawai per chunk
COLUMNS = ("pegawai_id", "tanggal", "keterangan", "jam_masuk", "jam_pulang", "menit_terlambat",
           "menit_pulang_cepat")  # fmt: skip
SELURUH_BULAN = {StatusPegawai.CLTN.value: Keterangan.CLTN.value,
                 StatusPegawai.TUGAS_BELAJAR.value: Keterangan.TUGAS_BELAJAR.value}  # fmt: skip
_NOT_EMPLOYED = frozenset(status.value for status in NOT_EMPLOYED)
_PEREMPUAN = JenisKelamin.PEREMPUAN.value
_HADIR = Keterangan.HADIR.value
_SALT_ABSENSI = 0
_MARGIN = 4 * 3600  # second tables reach this far outside the day, clamped to 00:00/23:59:59
_DAY = 24 * 3600

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class AbsensiSummary:
    """What `seed_absensi` wrote: rows per table, and the wall-clock seconds it took."""

    bulan: str
    hari_kerja: int
    pegawai: int  # pegawai with rows
    absensi: int
    diganti: int  # rows of the month deleted first (a re-run)
    hukuman_disiplin: int
    periode_status: int
    tunjangan_profesi: int
    elapsed_seconds: float


@dataclass(slots=True)
class Chunk:
    """Rows generated for one chunk of pegawai."""

    absensi: list[tuple] = field(default_factory=list)
    hukuman: list[tuple] = field(default_factory=list)
    periode: list[tuple] = field(default_factory=list)
    profesi: list[tuple[int, int]] = field(default_factory=list)  # (amount, pegawai id)
    pegawai: int = 0


def _cumulative(weights: Sequence[float]) -> list[float]:
    """Cumulative shares ending at exactly 1.0, for bisect(table, random())."""
    total = sum(weights)
    table = [value / total for value in accumulate(weights)]
    table[-1] = 1.0
    return table


def _bands(weights: Sequence[float], on_time: int, outward: int) -> tuple:
    """(cumulative, lower edges, 1/width, base, span) per band of DATANG or PULANG: a time
    is ref + base + int(f² · span) seconds for f uniform in [0, 1). `outward` is +1 for
    lateness (after the start) and -1 for leaving early (before the end)."""
    cumulative = _cumulative(weights)
    lower = [0.0, *cumulative[:-1]]
    scale = [1 / (high - low) if high > low else 0.0
             for low, high in zip(lower, cumulative, strict=True)]  # fmt: skip
    base, span = [0], [on_time]
    for low, high in BRACKETS:  # late by L seconds is ceil(L / 60) minutes: L in (low-1, high]·60
        base.append(outward * ((low - 1) * 60 + 1))
        span.append(outward * ((high - low + 1) * 60 - 1))
    return cumulative, lower, scale, base, span


class RencanaBulan:
    """The month's working days and their hours, with tables built once: the time value of
    every second of the day and the domain's minutes late / early for each start / end."""

    def __init__(self, bulan: date, jadwal: JadwalKerja) -> None:
        self.bulan = bulan
        self.days = jadwal.hari_kerja(bulan)
        # Index second + _MARGIN: the clock time, and as the column holds it ("HH:MM:SS").
        clocks = [_second_time(second) for second in range(-_MARGIN, _DAY + _MARGIN)]
        self._times = [value.isoformat() for value in clocks]
        late: dict[time, list[int]] = {}
        early: dict[time, list[int]] = {}
        self.schedule = []  # per day: (start s, end s, minutes late by s, minutes early by s)
        for day in self.days:
            start, end = jadwal.jam(day)
            if start not in late:
                late[start] = [menit_terlambat(value, start) for value in clocks]
            if end not in early:
                early[end] = [menit_pulang_cepat(value, end) for value in clocks]
            self.schedule.append((_seconds(start) + _MARGIN, _seconds(end) + _MARGIN,
                                  late[start], early[end]))  # fmt: skip
        self._runs = [(ket.value, _cumulative(counts), _cumulative(lengths))
                      for ket, counts, lengths in RUNS]  # fmt: skip
        self._datang = _bands(DATANG, -DATANG_AWAL, 1)
        self._pulang = _bands(PULANG, PULANG_AKHIR, -1)

    def generate(self, pegawai: Sequence[PegawaiRow], random_seed: int, *,
                 kepegawaian: bool, profesi: bool) -> Chunk:  # fmt: skip
        """The chunk's rows; with `kepegawaian` also hukuman disiplin and status periods,
        with `profesi` the tunjangan profesi of certified guru and dosen."""
        chunk = Chunk()
        rng = random.Random()
        for row in pegawai:
            if kepegawaian:
                hukuman = periode.hukuman_disiplin(rng, random_seed, self.bulan, row)
                if hukuman:
                    chunk.hukuman.append(hukuman)
                status = periode.periode_status(rng, random_seed, self.bulan, row)
                if status:
                    chunk.periode.append(status)
            if profesi:
                amount = periode.tunjangan_profesi(rng, random_seed, row)
                if amount:
                    chunk.profesi.append((amount, row.id))
            if row.status in _NOT_EMPLOYED or not self.days:
                continue
            chunk.pegawai += 1
            whole = SELURUH_BULAN.get(row.status)
            if whole:
                chunk.absensi += [(row.id, day, whole, None, None, None, None)
                                  for day in self.days]  # fmt: skip
                continue
            periode.stream(rng, random_seed, _SALT_ABSENSI, self.bulan, row.id)
            self._days_of(row.id, self._keterangan(rng, row.jenis_kelamin == _PEREMPUAN), rng,
                          chunk.absensi)  # fmt: skip
        return chunk

    def _keterangan(self, rng: random.Random, perempuan: bool) -> list[str]:
        """What each working day is: HADIR unless a run of leave or duty covers it."""
        count = len(self.days)
        kinds = [_HADIR] * count
        draw = rng.random()
        if draw < SHARE_CUTI_BESAR:
            _long_leave(kinds, rng, Keterangan.CUTI_BESAR.value)
        elif perempuan and draw < SHARE_CUTI_BESAR + SHARE_CUTI_MELAHIRKAN:
            _long_leave(kinds, rng, Keterangan.CUTI_MELAHIRKAN.value)
        random_ = rng.random
        for keterangan, counts, lengths in self._runs:
            for _ in range(bisect(counts, random_())):
                length = bisect(lengths, random_()) + 1
                first = int(random_() * count)
                for index in range(first, min(count, first + length)):
                    if kinds[index] is _HADIR:
                        kinds[index] = keterangan
        return kinds

    def _days_of(self, pegawai_id: int, kinds: list[str], rng: random.Random,
                 out: list[tuple]) -> None:  # fmt: skip
        """Appends the pegawai's rows; a HADIR day gets arrival and departure times."""
        random_, times, append = rng.random, self._times, out.append
        d_cum, d_low, d_scale, d_base, d_span = self._datang
        p_cum, p_low, p_scale, p_base, p_span = self._pulang
        missing = len(d_cum) - 1
        days = zip(self.days, kinds, self.schedule, strict=True)
        for day, keterangan, (start, end, late, early) in days:
            if keterangan is not _HADIR:
                append((pegawai_id, day, keterangan, None, None, None, None))
                continue
            draw = random_()
            band = bisect(d_cum, draw)
            if band == missing:
                masuk = None
            else:
                share = (draw - d_low[band]) * d_scale[band]
                masuk = start + d_base[band] + int(share * share * d_span[band])
            draw = random_()
            band = bisect(p_cum, draw)
            if band == missing:
                pulang = None
            else:
                share = (draw - p_low[band]) * p_scale[band]
                pulang = end + p_base[band] + int(share * share * p_span[band])
                if masuk is not None and pulang <= masuk:  # only on very short days
                    pulang = masuk + 60
            append((
                pegawai_id, day, _HADIR,
                None if masuk is None else times[masuk],
                None if pulang is None else times[pulang],
                None if masuk is None else late[masuk],
                None if pulang is None else early[pulang],
            ))  # fmt: skip


def _long_leave(kinds: list[str], rng: random.Random, keterangan: str) -> None:
    """A leave of months seen from one month: all of it, from a day on, or up to a day."""
    count = len(kinds)
    cut = rng.randrange(count)
    shape = rng.randrange(3)
    first, last = (0, count) if shape == 0 else (cut, count) if shape == 1 else (0, cut + 1)
    kinds[first:last] = [keterangan] * (last - first)


def _seconds(value: time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _second_time(second: int) -> time:
    """The clock time `second` seconds after midnight, held within the day."""
    second = min(max(second, 0), _DAY - 1)
    return time(second // 3600, second // 60 % 60, second % 60)


async def seed_absensi(
    bulan: date,
    jadwal: JadwalKerja,
    *,
    random_seed: int = 2026,
    chunk_size: int = CHUNK,
    progress: Progress | None = None,
) -> AbsensiSummary:
    """Generates `bulan`'s attendance for every employed pegawai of a seeded database
    (Tortoise initialised), replacing the month's rows. Hukuman disiplin and status periods
    are generated only when both tables are empty, tunjangan profesi only when no pegawai
    has one: a re-run of the month, or another month, leaves them as they are. Tukin results
    of the month (and all of them, when those facts were generated) are marked stale.

    progress(stage, done, total): "absensi" per chunk of pegawai, then "analyze".
    """
    started = clock.perf_counter()
    report = progress or (lambda stage, done, total: None)
    written: Counter[str] = Counter()
    async with open_raw(_Postgres, _Sqlite) as db:
        total = await db.scalar("SELECT count(*) FROM pegawai")
        if not total:
            raise SeedError("the database holds no pegawai: seed the ministry first")
        plan = await asyncio.to_thread(RencanaBulan, bulan, jadwal)
        kepegawaian = not (await db.scalar("SELECT count(*) FROM hukuman_disiplin")
                           or await db.scalar("SELECT count(*) FROM periode_status"))
        profesi = not await db.scalar(
            "SELECT count(*) FROM pegawai WHERE tunjangan_profesi IS NOT NULL")
        diganti = await db.delete_month(bulan, akhir_bulan(bulan))
        report("absensi", 0, total)
        done, after, pending = 0, 0, None
        while pegawai := await db.pegawai_after(after, chunk_size):
            after = pegawai[-1].id
            generating = asyncio.to_thread(plan.generate, pegawai, random_seed,
                                           kepegawaian=kepegawaian, profesi=profesi)  # fmt: skip
            pending, _ = await asyncio.gather(generating, _write(db, pending, written))
            done += len(pegawai)
            report("absensi", done - len(pegawai), total)
        await _write(db, pending, written)
        report("absensi", done, total)
        report("analyze", 0, 1)
        await db.mark_stale(bulan, every_month=kepegawaian or profesi)
        await db.analyze(("absensi", "hukuman_disiplin", "periode_status", "pegawai")
                         if kepegawaian or profesi else ("absensi",))  # fmt: skip
        report("analyze", 1, 1)
    return AbsensiSummary(
        bulan=format_bulan(bulan), hari_kerja=len(plan.days), pegawai=written["pegawai"],
        absensi=written["absensi"], diganti=diganti, hukuman_disiplin=written["hukuman"],
        periode_status=written["periode"], tunjangan_profesi=written["profesi"],
        elapsed_seconds=round(clock.perf_counter() - started, 3),
    )


async def _write(db: "_Postgres | _Sqlite", chunk: Chunk | None, written: Counter[str]) -> None:
    if chunk is None:
        return
    await db.write(chunk)
    written.update(absensi=len(chunk.absensi), hukuman=len(chunk.hukuman),
                   periode=len(chunk.periode), profesi=len(chunk.profesi),
                   pegawai=chunk.pegawai)  # fmt: skip


_PEGAWAI = ("SELECT p.id, p.status, p.jenis_kelamin, p.jenis, p.golongan, p.golongan_pppk,"
            " j.nama FROM pegawai p LEFT JOIN jabatan j ON j.id = p.jabatan_id"
            " WHERE p.id > {} ORDER BY p.id LIMIT {}")  # fmt: skip
_STALE = "UPDATE tukin SET stale = TRUE WHERE NOT stale"


class _Postgres:
    """One connection, one transaction: a failed run leaves the month as it was."""


    def __init__(self, raw) -> None:  # an asyncpg connection
        self._raw = raw

    async def scalar(self, sql: str) -> int:
        return await self._raw.fetchval(sql)

    async def pegawai_after(self, after: int, limit: int) -> list[PegawaiRow]:
        rows = await self._raw.fetch(_PEGAWAI.format("$1", "$2"), after, limit)
        return [PegawaiRow(*row) for row in rows]

    async def delete_month(self, first: date, last: date) -> int:
        status = await self._raw.execute(
            "DELETE FROM absensi WHERE tanggal BETWEEN $1 AND $2", first, last)
        return int(status.split()[-1])

    async def write(self, chunk: Chunk) -> None:
        copy = self._raw.copy_records_to_table
        await copy("absensi", records=chunk.absensi, columns=COLUMNS)
        if chunk.hukuman:
            await copy("hukuman_disiplin", records=chunk.hukuman,
                       columns=periode.HUKUMAN_COLUMNS)  # fmt: skip
        if chunk.periode:
            await copy("periode_status", records=chunk.periode,
                       columns=periode.PERIODE_COLUMNS)  # fmt: skip
        if chunk.profesi:
            await self._raw.execute(
                "UPDATE pegawai AS p SET tunjangan_profesi = v.amount"
                " FROM unnest($1::int[], $2::int[]) AS v(amount, id) WHERE p.id = v.id",
                [amount for amount, _ in chunk.profesi], [id_ for _, id_ in chunk.profesi])

    async def mark_stale(self, bulan: date, *, every_month: bool) -> None:
        if every_month:
            await self._raw.execute(_STALE)
        else:
            await self._raw.execute(f"{_STALE} AND bulan = $1", bulan)

    async def analyze(self, tables: Sequence[str]) -> None:
        await self._raw.execute(f"ANALYZE {', '.join(tables)}")


class _Sqlite:
    """executemany in one transaction per chunk."""


    def __init__(self, raw) -> None:  # an aiosqlite connection in autocommit mode
        self._raw = raw

    async def scalar(self, sql: str, *args) -> int:
        async with self._raw.execute(sql, args) as cursor:
            return (await cursor.fetchone())[0]

    async def pegawai_after(self, after: int, limit: int) -> list[PegawaiRow]:
        async with self._raw.execute(_PEGAWAI.format("?", "?"), (after, limit)) as cursor:
            return [PegawaiRow(*row) for row in await cursor.fetchall()]

    async def delete_month(self, first: date, last: date) -> int:
        async with self._transaction():
            cursor = await self._raw.execute(
                "DELETE FROM absensi WHERE tanggal BETWEEN ? AND ?", (first, last))
            return cursor.rowcount

    async def write(self, chunk: Chunk) -> None:
        async with self._transaction():
            await self._raw.executemany(insert_sql("absensi", COLUMNS), chunk.absensi)
            await self._raw.executemany(
                insert_sql("hukuman_disiplin", periode.HUKUMAN_COLUMNS), chunk.hukuman)
            await self._raw.executemany(
                insert_sql("periode_status", periode.PERIODE_COLUMNS), chunk.periode)
            await self._raw.executemany(
                "UPDATE pegawai SET tunjangan_profesi = ? WHERE id = ?", chunk.profesi)

    async def mark_stale(self, bulan: date, *, every_month: bool) -> None:
        async with self._transaction():
            if every_month:
                await self._raw.execute(_STALE)
            else:
                await self._raw.execute(f"{_STALE} AND bulan = ?", (bulan,))

    async def analyze(self, tables: Sequence[str]) -> None:
        for table in tables:
            await self._raw.execute(f"ANALYZE {table}")

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[None]:
        await self._raw.execute("BEGIN")
        try:
            yield
        except BaseException:
            await self._raw.rollback()
            raise
        await self._raw.commit()
