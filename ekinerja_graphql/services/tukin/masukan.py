"""The inputs of a month's tukin for a set of pegawai, read set-wise: one statement per
kind of input (pegawai, SKP segments, status periods, hukuman, evaluations, attendance),
however many pegawai the batch holds."""

from collections import defaultdict
from dataclasses import dataclass
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
)
from ekinerja_graphql.models import Absensi, Evaluasi, HukumanDisiplin, Pegawai, Skp
from ekinerja_graphql.models import PeriodeStatus as PeriodeStatusRow

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
    pegawai = await Pegawai.filter(id__in=pegawai_ids, status__in=STATUS_DIHITUNG).order_by(
        "id").values("id", "unit_id", "jenis", "status", "tunjangan_profesi",
                     kelas="jabatan__kelas_jabatan")  # fmt: skip
    ids = [row["id"] for row in pegawai]
    segments = await _segments(ids, awal, akhir)
    statuses = await _statuses(ids, awal, akhir)
    hukuman = await _hukuman(ids, bulan)
    predikat = await _predikat(ids, awal, akhir)
    tahunan = (await _predikat_tahunan(ids, bulan.year - 1)
               if bulan.month == aturan.bonus_sangat_baik_bulan else {})  # fmt: skip
    result = []
    special = []
    for row in pegawai:
        pid = row["id"]
        periods = list(statuses.get(pid, ()))
        if row["status"] in aturan.status_tidak_dibayar and not periods:
            # The status without a recorded period: the whole month. [D]
            periods.append(PeriodeStatus(awal, None, StatusPegawai(row["status"])))
        segmen = _fill(segments.get(pid, []), awal, akhir, row["kelas"])
        masukan = MasukanTukin(
            bulan=bulan, hari_kerja=hari_kerja, jenis=JenisPegawai(row["jenis"]),
            segmen=tuple(segmen), status=tuple(periods), predikat=predikat.get(pid),
            hukuman=tuple(hukuman.get(pid, ())),
            tunjangan_profesi=Decimal(row["tunjangan_profesi"] or 0),
            predikat_tahunan_lalu=tahunan.get(pid),
        )
        result.append(PegawaiBulan(pid, row["unit_id"], masukan))
        if periods or any(s.kelas is None for s in segmen):
            special.append(pid)
    attendance = await _attendance(ids, hari_kerja, aturan)
    attendance.update(await _attendance_by_day(result, special, aturan))
    return [PegawaiBulan(p.pegawai_id, p.unit_id, _with(p.masukan, attendance.get(p.pegawai_id)))
            for p in result]  # fmt: skip


def _with(masukan: MasukanTukin, absensi: RingkasanAbsensi | None) -> MasukanTukin:
    return MasukanTukin(**{**{f: getattr(masukan, f) for f in MasukanTukin.__slots__},
                           "absensi": absensi})  # fmt: skip


async def _segments(ids: list[int], awal: date, akhir: date) -> dict[int, list[Segmen]]:
    rows = await Skp.filter(pegawai_id__in=ids, periode_awal__lte=akhir,
                            periode_akhir__gte=awal).order_by("pegawai_id", "periode_awal").values(
        "pegawai_id", "periode_awal", "periode_akhir", kelas="jabatan__kelas_jabatan")  # fmt: skip
    segments: dict[int, list[Segmen]] = defaultdict(list)
    for row in rows:
        segments[row["pegawai_id"]].append(Segmen(max(row["periode_awal"], awal),
                                                  min(row["periode_akhir"], akhir), row["kelas"]))
    return segments


def _fill(segments: list[Segmen], awal: date, akhir: date, kelas_now: int | None) -> list[Segmen]:
    """The SKPs' stretches of the month, the gaps (and a month without SKP) in the current
    jabatan. [D]"""
    filled, day = [], awal
    for segmen in segments:
        if segmen.mulai < day:  # overlapping SKPs: the later one wins from here
            segmen = Segmen(day, segmen.selesai, segmen.kelas)
        if segmen.selesai < segmen.mulai:
            continue
        if segmen.mulai > day:
            filled.append(Segmen(day, segmen.mulai - timedelta(days=1), kelas_now))
        filled.append(segmen)
        day = segmen.selesai + timedelta(days=1)
    if day <= akhir:
        filled.append(Segmen(day, akhir, kelas_now))
    return filled


async def _statuses(ids: list[int], awal: date, akhir: date) -> dict[int, list[PeriodeStatus]]:
    rows = await PeriodeStatusRow.filter(pegawai_id__in=ids, mulai__lte=akhir).values(
        "pegawai_id", "mulai", "selesai", "status")
    periods: dict[int, list[PeriodeStatus]] = defaultdict(list)
    for row in rows:
        if row["selesai"] is None or row["selesai"] >= awal:
            periods[row["pegawai_id"]].append(
                PeriodeStatus(row["mulai"], row["selesai"], StatusPegawai(row["status"])))
    return periods


async def _hukuman(ids: list[int], bulan: date) -> dict[int, list[TingkatHukuman]]:
    """Hukuman running in the month: from the month of their tmt, for `bulan` months."""
    month = bulan.year * 12 + bulan.month
    rows = await HukumanDisiplin.filter(pegawai_id__in=ids, tmt__lte=akhir_bulan(bulan)).values(
        "pegawai_id", "tmt", "bulan", "tingkat")
    running: dict[int, list[TingkatHukuman]] = defaultdict(list)
    for row in rows:
        since = month - (row["tmt"].year * 12 + row["tmt"].month)
        if 0 <= since < row["bulan"]:
            running[row["pegawai_id"]].append(TingkatHukuman(row["tingkat"]))
    return running


async def _predikat(ids: list[int], awal: date, akhir: date) -> dict[int, Predikat]:
    """The predikat of the FINAL periodic evaluation covering the month (the latest one,
    where a mutasi split it)."""
    rows = await Evaluasi.filter(
        pegawai_id__in=ids, status=StatusEvaluasi.FINAL, periode_awal__lte=akhir,
        periode_akhir__gte=awal,
    ).exclude(jenis_periode=JenisPeriode.TAHUNAN).order_by("periode_akhir", "id").values(
        "pegawai_id", "predikat")  # fmt: skip
    return {row["pegawai_id"]: Predikat(row["predikat"]) for row in rows if row["predikat"]}


async def _predikat_tahunan(ids: list[int], tahun: int) -> dict[int, Predikat]:
    rows = await Evaluasi.filter(pegawai_id__in=ids, status=StatusEvaluasi.FINAL, tahun=tahun,
                                 jenis_periode=JenisPeriode.TAHUNAN).order_by(
        "periode_akhir", "id").values("pegawai_id", "predikat")  # fmt: skip
    return {row["pegawai_id"]: Predikat(row["predikat"]) for row in rows if row["predikat"]}


async def _attendance(ids: list[int], hari_kerja: tuple[date, ...],
                      aturan: AturanTukin) -> dict[int, RingkasanAbsensi]:  # fmt: skip
    """One GROUP BY: occurrences per bracket and days per keterangan over working days;
    working days without a record count as TK once the pegawai has any record."""
    if not ids or not hari_kerja:
        return {}
    columns, names = [], []
    for prefix, column, brackets in (("tl", "menit_terlambat", aturan.terlambat),
                                     ("psw", "menit_pulang_cepat", aturan.pulang_cepat)):
        low = 1
        for index, bracket in enumerate(brackets):
            if bracket.sampai_menit is None:
                condition = f"({column} >= {low} OR {column} IS NULL)"
            else:
                condition = f"{column} BETWEEN {low} AND {bracket.sampai_menit}"
                low = bracket.sampai_menit + 1
            columns.append(f"SUM(CASE WHEN keterangan = 'HADIR' AND {condition} "
                           "THEN 1 ELSE 0 END)")
            names.append((prefix, index))
    for keterangan in Keterangan:
        columns.append(f"SUM(CASE WHEN keterangan = '{keterangan}' THEN 1 ELSE 0 END)")
        names.append(("hari", keterangan))
    days = ", ".join(f"'{day.isoformat()}'" for day in hari_kerja)
    postgres = connections.get("default").capabilities.dialect == "postgres"
    if postgres:
        days = ", ".join(f"DATE '{day.isoformat()}'" for day in hari_kerja)
    named = ", ".join(f"{column} AS c{index}" for index, column in enumerate(columns))
    sql = (f"SELECT pegawai_id, COUNT(*) AS n, {named} FROM absensi "
           f"WHERE pegawai_id IN ({', '.join(map(str, ids))}) AND tanggal IN ({days}) "
           "GROUP BY pegawai_id")  # ids are ints and days ISO dates: no user text
    rows = await connections.get("default").execute_query_dict(sql)
    summaries = {}
    brackets = (len(aturan.terlambat), len(aturan.pulang_cepat))
    for row in rows:
        values = list(row.values())
        pegawai_id, recorded, counts = values[0], values[1], values[2:]
        tl, psw, hari = [0] * brackets[0], [0] * brackets[1], {}
        for (kind, key), count in zip(names, counts, strict=True):
            if kind == "tl":
                tl[key] = int(count)
            elif kind == "psw":
                psw[key] = int(count)
            elif count:
                hari[key] = int(count)
        missing = len(hari_kerja) - int(recorded)
        if missing:
            hari[Keterangan.TK] = hari.get(Keterangan.TK, 0) + missing
        summaries[pegawai_id] = RingkasanAbsensi(tuple(tl), tuple(psw), hari)
    return summaries


async def _attendance_by_day(items: list[PegawaiBulan], special: list[int],
                             aturan: AturanTukin) -> dict[int, RingkasanAbsensi]:  # fmt: skip
    """For the few pegawai with unpaid days (a status period, no position): their records
    day by day, counting only the days that are paid."""
    if not special:
        return {}
    wanted = {p.pegawai_id: p.masukan for p in items if p.pegawai_id in set(special)}
    first = next(iter(wanted.values()))
    rows = await Absensi.filter(pegawai_id__in=list(wanted), tanggal__gte=first.bulan,
                                tanggal__lte=akhir_bulan(first.bulan)).values(
        "pegawai_id", "tanggal", "keterangan", "menit_terlambat", "menit_pulang_cepat")
    by_pegawai = defaultdict(list)
    for row in rows:
        by_pegawai[row["pegawai_id"]].append(row)
    return {pid: summary for pid, masukan in wanted.items()
            if (summary := ringkas(by_pegawai.get(pid, []), masukan.hari_kerja,
                                   hari_dibayar(masukan, aturan), aturan)) is not None}  # fmt: skip


def hari_dibayar(masukan: MasukanTukin, aturan: AturanTukin) -> set[date]:
    """The working days in a position and not in an unpaid status."""
    paid = set()
    for day in masukan.hari_kerja:
        if any(s.mulai <= day <= s.selesai and s.kelas is not None for s in masukan.segmen) and \
                not any(p.status in aturan.status_tidak_dibayar and p.mulai <= day and
                        (p.selesai is None or day <= p.selesai) for p in masukan.status):
            paid.add(day)
    return paid


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
