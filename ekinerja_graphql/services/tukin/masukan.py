"""The inputs of a month's tukin for a set of pegawai, read set-wise: one statement per
kind of input (pegawai, SKP segments, status periods, hukuman, evaluations, attendance),
however many pegawai the batch holds. Raw SQL: at 5,000 ids per IN list the ORM's query
building cost more than the queries (services/tukin/sql.py)."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from tortoise import connections

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.kepegawaian import JenisPegawai, StatusPegawai
from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.domain.tukin.absensi import Keterangan, braket_of
from ekinerja_graphql.domain.tukin.aturan import AturanTukin, TingkatHukuman
from ekinerja_graphql.domain.tukin.bulan import akhir_bulan
from ekinerja_graphql.domain.tukin.hitung import (
    MasukanTukin,
    PeriodeStatus,
    RingkasanAbsensi,
    Segmen,
    hari_dibayar,
)
from ekinerja_graphql.services.tukin.sql import as_date, ids_in, tanggal

# Still employed, so computed (paid or not, with the reason in the breakdown).
STATUS_DIHITUNG = tuple(s for s in StatusPegawai if s not in {
    StatusPegawai.PENSIUN, StatusPegawai.MENINGGAL, StatusPegawai.NONAKTIF})  # fmt: skip


@dataclass(frozen=True, slots=True)
class PegawaiBulan:
    pegawai_id: int
    unit_id: int
    masukan: MasukanTukin


async def baca_masukan(pegawai_ids: list[int], bulan: date, aturan: AturanTukin,
                       hari_kerja: tuple[date, ...]) -> list[PegawaiBulan]:  # fmt: skip
    awal, akhir = bulan, akhir_bulan(bulan)
    read = _Reader(connections.get("default"), awal, akhir)
    statuses = ", ".join(f"'{s}'" for s in STATUS_DIHITUNG)
    # Still employed, or computed for the month before (retired since: the month stays).
    pegawai = await read.rows(
        "SELECT p.id, p.unit_id, p.jenis, p.status, p.tunjangan_profesi, j.kelas_jabatan "
        "FROM pegawai p LEFT JOIN jabatan j ON j.id = p.jabatan_id "
        f"WHERE p.id {ids_in(pegawai_ids)} AND (p.status IN ({statuses}) OR EXISTS ("
        f"SELECT 1 FROM tukin t WHERE t.pegawai_id = p.id AND t.bulan = {read.awal})) "
        "ORDER BY p.id")
    ids = [row["id"] for row in pegawai]
    segments = await _segments(read, ids)
    periods_of = await _statuses(read, ids)
    hukuman = await _hukuman(read, ids, bulan)
    predikat = await _predikat(read, ids)
    tahunan = (await _predikat_tahunan(read, ids, bulan.year - 1)
               if bulan.month == aturan.bonus_sangat_baik_bulan else {})  # fmt: skip
    attendance = await _attendance(read, ids, hari_kerja, aturan)
    result, special = [], set()
    for row in pegawai:
        pid = row["id"]
        periods = periods_of.get(pid, [])
        if row["status"] in aturan.status_tidak_dibayar and not periods:
            # The status without a recorded period: the whole month. [D]
            periods = [PeriodeStatus(awal, None, StatusPegawai(row["status"]))]
        segmen = _fill(segments.get(pid, []), awal, akhir, row["kelas_jabatan"])
        result.append(PegawaiBulan(pid, row["unit_id"], MasukanTukin(
            bulan=bulan, hari_kerja=hari_kerja, jenis=JenisPegawai(row["jenis"]),
            segmen=tuple(segmen), status=tuple(periods), absensi=attendance.get(pid),
            predikat=predikat.get(pid), hukuman=tuple(hukuman.get(pid, ())),
            tunjangan_profesi=Decimal(row["tunjangan_profesi"] or 0),
            predikat_tahunan_lalu=tahunan.get(pid),
        )))  # fmt: skip
        summary = attendance.get(pid)
        if periods or any(s.kelas is None for s in segmen) or (summary and any(
                summary.hari.get(k) for k in aturan.keterangan_tidak_dibayar)):
            special.add(pid)
    if special:  # their attendance counts only on the days that are paid
        by_day = await _attendance_by_day(read, result, special, aturan)
        result = [PegawaiBulan(p.pegawai_id, p.unit_id, by_day.get(p.pegawai_id, p.masukan))
                  for p in result]  # fmt: skip
    return result


class _Reader:
    def __init__(self, connection, awal: date, akhir: date) -> None:
        self.connection = connection
        self.postgres = connection.capabilities.dialect == "postgres"
        self.awal, self.akhir = tanggal(awal, self.postgres), tanggal(akhir, self.postgres)

    async def rows(self, sql: str) -> list[dict]:
        return await self.connection.execute_query_dict(sql)


async def _segments(read: _Reader, ids: list[int]) -> dict[int, list[Segmen]]:
    rows = await read.rows(
        "SELECT s.pegawai_id, s.periode_awal, s.periode_akhir, j.kelas_jabatan FROM skp s "
        f"LEFT JOIN jabatan j ON j.id = s.jabatan_id WHERE s.pegawai_id {ids_in(ids)} "
        f"AND s.periode_awal <= {read.akhir} AND s.periode_akhir >= {read.awal} "
        "ORDER BY s.pegawai_id, s.periode_awal")
    segments: dict[int, list[Segmen]] = defaultdict(list)
    for row in rows:
        segments[row["pegawai_id"]].append(Segmen(as_date(row["periode_awal"]),
                                                  as_date(row["periode_akhir"]),
                                                  row["kelas_jabatan"]))  # fmt: skip
    return segments


def _fill(segments: list[Segmen], awal: date, akhir: date, kelas_now: int | None) -> list[Segmen]:
    """The SKPs' stretches of the month, the gaps (and a month without SKP) in the current
    jabatan. [D]"""
    filled, day = [], awal
    for segmen in segments:
        segmen = Segmen(max(segmen.mulai, day), min(segmen.selesai, akhir), segmen.kelas)
        if segmen.selesai < segmen.mulai:
            continue
        if segmen.mulai > day:
            filled.append(Segmen(day, segmen.mulai - timedelta(days=1), kelas_now))
        filled.append(segmen)
        day = segmen.selesai + timedelta(days=1)
    if day <= akhir:
        filled.append(Segmen(day, akhir, kelas_now))
    return filled


async def _statuses(read: _Reader, ids: list[int]) -> dict[int, list[PeriodeStatus]]:
    rows = await read.rows(
        f"SELECT pegawai_id, mulai, selesai, status FROM periode_status WHERE pegawai_id "
        f"{ids_in(ids)} AND mulai <= {read.akhir} AND (selesai IS NULL OR selesai >= "
        f"{read.awal}) ORDER BY pegawai_id, mulai")
    periods: dict[int, list[PeriodeStatus]] = defaultdict(list)
    for row in rows:
        periods[row["pegawai_id"]].append(PeriodeStatus(
            as_date(row["mulai"]), as_date(row["selesai"]), StatusPegawai(row["status"])))
    return periods


async def _hukuman(read: _Reader, ids: list[int], bulan: date) -> dict[int, list[TingkatHukuman]]:
    """Hukuman running in the month: from the month of their tmt, for `bulan` months."""
    month = bulan.year * 12 + bulan.month
    rows = await read.rows(f"SELECT pegawai_id, tmt, bulan, tingkat FROM hukuman_disiplin "
                           f"WHERE pegawai_id {ids_in(ids)} AND tmt <= {read.akhir}")
    running: dict[int, list[TingkatHukuman]] = defaultdict(list)
    for row in rows:
        tmt = as_date(row["tmt"])
        if 0 <= month - (tmt.year * 12 + tmt.month) < row["bulan"]:
            running[row["pegawai_id"]].append(TingkatHukuman(row["tingkat"]))
    return running


async def _predikat(read: _Reader, ids: list[int]) -> dict[int, Predikat]:
    """The predikat of the FINAL periodic evaluation covering the month (the latest one,
    where a mutasi split it)."""
    rows = await read.rows(
        f"SELECT pegawai_id, predikat FROM evaluasi WHERE pegawai_id {ids_in(ids)} "
        f"AND status = '{StatusEvaluasi.FINAL}' AND jenis_periode <> '{JenisPeriode.TAHUNAN}' "
        f"AND periode_awal <= {read.akhir} AND periode_akhir >= {read.awal} "
        "AND predikat IS NOT NULL ORDER BY periode_akhir, id")
    return {row["pegawai_id"]: Predikat(row["predikat"]) for row in rows}


async def _predikat_tahunan(read: _Reader, ids: list[int], tahun: int) -> dict[int, Predikat]:
    rows = await read.rows(
        f"SELECT pegawai_id, predikat FROM evaluasi WHERE pegawai_id {ids_in(ids)} "
        f"AND status = '{StatusEvaluasi.FINAL}' AND jenis_periode = '{JenisPeriode.TAHUNAN}' "
        f"AND tahun = {int(tahun)} AND predikat IS NOT NULL ORDER BY periode_akhir, id")
    return {row["pegawai_id"]: Predikat(row["predikat"]) for row in rows}


def _bracket_sql(column: str, brackets) -> str:
    """The bracket index of a HADIR day's minutes (a missing time, or beyond the last limit:
    the last bracket), else NULL — absensi.braket_of in SQL."""
    last = len(brackets) - 1
    cases = [f"WHEN {column} IS NULL THEN {last}", f"WHEN {column} <= 0 THEN NULL"]
    cases += [f"WHEN {column} <= {bracket.sampai_menit} THEN {index}"
              for index, bracket in enumerate(brackets[:-1])]  # fmt: skip
    return f"CASE WHEN keterangan <> 'HADIR' THEN NULL {' '.join(cases)} ELSE {last} END"


async def _attendance(read: _Reader, ids: list[int], hari_kerja: tuple[date, ...],
                      aturan: AturanTukin) -> dict[int, RingkasanAbsensi]:  # fmt: skip
    """One GROUP BY over the working days: days per keterangan and lateness/early-leave
    bracket; working days without a record count as TK once the pegawai has any record."""
    if not ids or not hari_kerja:
        return {}
    days = ", ".join(tanggal(day, read.postgres) for day in hari_kerja)
    # PostgreSQL: the batch's ids as a relation joined on the (pegawai_id, tanggal) index;
    # with an IN list of 5,000 ids it misjudged the rows and scanned the whole table
    # (390 ms a batch against 75 ms).
    source = (f"unnest('{{{', '.join(map(str, map(int, ids)))}}}'::int[]) AS x(id) JOIN absensi "
              "ON absensi.pegawai_id = x.id" if read.postgres else "absensi")
    in_batch = "TRUE" if read.postgres else f"pegawai_id {ids_in(ids)}"
    rows = await read.connection.execute_query(
        f"SELECT pegawai_id, keterangan, {_bracket_sql('menit_terlambat', aturan.terlambat)}, "
        f"{_bracket_sql('menit_pulang_cepat', aturan.pulang_cepat)}, COUNT(*) FROM {source} "
        f"WHERE {in_batch} AND tanggal >= {read.awal} AND tanggal <= {read.akhir} "
        f"AND tanggal IN ({days}) GROUP BY 1, 2, 3, 4")
    counted: dict[int, tuple[list[int], list[int], dict]] = {}
    for pegawai_id, keterangan, late, early, n in rows[1]:
        tl, psw, hari = counted.setdefault(pegawai_id, (
            [0] * len(aturan.terlambat), [0] * len(aturan.pulang_cepat), defaultdict(int)))
        hari[Keterangan(keterangan)] += n
        if late is not None:
            tl[late] += n
        if early is not None:
            psw[early] += n
    summaries = {}
    for pegawai_id, (tl, psw, hari) in counted.items():
        missing = len(hari_kerja) - sum(hari.values())
        if missing:
            hari[Keterangan.TK] += missing
        summaries[pegawai_id] = RingkasanAbsensi(tuple(tl), tuple(psw), dict(hari))
    return summaries


async def _attendance_by_day(read: _Reader, items: list[PegawaiBulan], special: set[int],
                             aturan: AturanTukin) -> dict[int, MasukanTukin]:  # fmt: skip
    """For the few pegawai with unpaid days (a status period, no position, a day recorded
    as CLTN or tugas belajar): their records day by day — the unpaid ones by date, the
    summary over the days that are paid."""
    wanted = {p.pegawai_id: p.masukan for p in items if p.pegawai_id in special}
    rows = await read.rows(
        "SELECT pegawai_id, tanggal, keterangan, menit_terlambat, menit_pulang_cepat "
        f"FROM absensi WHERE pegawai_id {ids_in(wanted)} AND tanggal >= {read.awal} "
        f"AND tanggal <= {read.akhir}")
    by_pegawai = defaultdict(list)
    for row in rows:
        by_pegawai[row["pegawai_id"]].append({**row, "tanggal": as_date(row["tanggal"])})
    updated = {}
    for pid, masukan in wanted.items():
        records = by_pegawai.get(pid, [])
        working = set(masukan.hari_kerja)
        unpaid = frozenset(r["tanggal"] for r in records if r["tanggal"] in working
                           and r["keterangan"] in aturan.keterangan_tidak_dibayar)  # fmt: skip
        masukan = replace(masukan, hari_tanpa_bayar=unpaid)
        summary = ringkas(records, masukan.hari_kerja, hari_dibayar(masukan, aturan), aturan)
        updated[pid] = replace(masukan, absensi=summary)
    return updated


def ringkas(records: list[dict], hari_kerja: tuple[date, ...], paid_days: set[date],
            aturan: AturanTukin) -> RingkasanAbsensi | None:  # fmt: skip
    """The attendance summary over `paid_days` (None: no record on any working day, as
    the set-wise summary above)."""
    working = set(hari_kerja)
    if not any(record["tanggal"] in working for record in records):
        return None
    tl, psw = [0] * len(aturan.terlambat), [0] * len(aturan.pulang_cepat)
    hari: dict[Keterangan, int] = defaultdict(int)
    recorded = 0
    for record in records:
        if record["tanggal"] not in paid_days:
            if record["tanggal"] in working and record["keterangan"] in \
                    aturan.keterangan_tidak_dibayar:  # shown, not paid
                hari[Keterangan(record["keterangan"])] += 1
            continue
        recorded += 1
        keterangan = Keterangan(record["keterangan"])
        hari[keterangan] += 1
        if keterangan is Keterangan.HADIR:
            for counts, minutes, brackets in ((tl, record["menit_terlambat"], aturan.terlambat),
                                              (psw, record["menit_pulang_cepat"],
                                               aturan.pulang_cepat)):  # fmt: skip
                index = braket_of(minutes, brackets)
                if index is not None:
                    counts[index] += 1
    if len(paid_days) > recorded:
        hari[Keterangan.TK] += len(paid_days) - recorded
    return RingkasanAbsensi(tuple(tl), tuple(psw), dict(hari))
