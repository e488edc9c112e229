"""A month of tunjangan kinerja for the whole ministry (or a unit subtree) computed by real
`ekinerja worker` processes on PostgreSQL and Redis: wall time from the run's start to its
end, pegawai per second, the workers' peak memory — and, in the same run, one set-based
SQL statement computing the base-and-deductions part for the same month, its time, the
ratio, and how many pegawai the two agree on to the rupiah.

Usage: .venv/bin/python benchmarks/tukin_month.py [--bulan 2026-10] [--unit ID]
  [--no-fresh] [--processes 2] [--threads 2] [--batch 5000] [--database postgres://…]

The database must be seeded with attendance for the month:
  EKINERJA_DATABASE_URL=… ekinerja seed --pegawai 350000 --absensi 2026-10"""

import argparse
import asyncio
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import redis
from processes import family_rss
from tortoise import connections

from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import database
from ekinerja_graphql.domain.tukin.aturan import AturanTukin
from ekinerja_graphql.domain.tukin.bulan import akhir_bulan, parse_bulan
from ekinerja_graphql.models import SyncStatus, TukinRun
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.access.viewer import operator_viewer
from ekinerja_graphql.services.tukin import runs
from ekinerja_graphql.services.tukin.aturan import aturan_berlaku
from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja

REDIS_URL = "redis://127.0.0.1:6379/7"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ekinerja_bench"
# What the statement can compute too: one kelas all month, no status period.
SIMPLE = ("jsonb_array_length(t.masukan->'segmen') = 1 "
          "AND jsonb_array_length(t.masukan->'status') = 0")


async def clear(settings: Settings, bulan: date) -> None:
    """--fresh: the month as never computed (its results and their history gone)."""
    async with database(settings):
        connection = connections.get("default")
        for table in ("tukin", "tukin_riwayat"):
            await connection.execute_script(f"DELETE FROM {table} WHERE bulan = '{bulan}'")
            await connection.execute_script(f"VACUUM ANALYZE {table}")


async def start(settings: Settings, bulan: date, unit: int | None) -> int:
    from workers.tukin import hitung_tukin

    async with database(settings):
        await TukinRun.filter(status=SyncStatus.RUNNING).update(
            status=SyncStatus.CANCELLED, active_key=None, error_summary="benchmark start")
        run = await runs.mulai(Actor(operator_viewer("benchmark"), date.today()), bulan, unit)
        await asyncio.to_thread(hitung_tukin.send, run.id)
        return run.id


async def follow(settings: Settings, run_id: int, worker: subprocess.Popen,
                 limit_seconds: float) -> dict:  # fmt: skip
    peak, started, first_done = 0, time.perf_counter(), None
    async with database(settings):
        while True:
            peak = max(peak, family_rss(worker))
            run = await TukinRun.get(id=run_id)
            now = time.perf_counter()
            if first_done is None and run.done:
                first_done = now - started
            if run.status is not SyncStatus.RUNNING:
                return {"seconds": now - started, "first_batch": first_done, "peak_rss": peak,
                        "done": run.done, "total": run.total, "batches": run.batches,
                        "status": run.status, "error": run.error_summary}
            if now - started > limit_seconds:
                sys.exit(f"no end after {limit_seconds} s: {run.done}/{run.total}")
            await asyncio.sleep(0.2)


def set_based_sql(aturan: AturanTukin, hari: list[date], bulan: date) -> str:
    """The base and deductions of every employed pegawai in one statement, from the same
    rule set: current kelas, CPNS share, predikat of the FINAL evaluation covering the month,
    lateness and early-leave brackets, days by keterangan (a missing working day is TK),
    hukuman running in the month, the cap, one rounding, tunjangan profesi. It leaves out
    what ours does day by day: a mid-month kelas change (SKP segments), status periods and
    unpaid days pro rata, the annual bonus, and the breakdown and history."""
    besaran = ", ".join(f"({k}, {v})" for k, v in aturan.besaran_kelas.items())
    predikat = ", ".join(f"('{k}', {v})" for k, v in aturan.kinerja_per_predikat.items())
    hukuman = ", ".join(f"('{k}', {v.persen}, {v.bulan})" for k, v in aturan.hukuman.items())
    days = ", ".join(f"DATE '{d.isoformat()}'" for d in hari)

    def brackets(column: str, rules) -> str:
        parts, low = [], 1
        for rule in rules:
            if rule.sampai_menit is None:
                parts.append(f"WHEN {column} >= {low} OR {column} IS NULL THEN {rule.persen}")
            else:
                parts.append(f"WHEN {column} BETWEEN {low} AND {rule.sampai_menit} "
                             f"THEN {rule.persen}")  # fmt: skip
                low = rule.sampai_menit + 1
        return (f"SUM(CASE WHEN keterangan = 'HADIR' THEN CASE {' '.join(parts)} ELSE 0 END "
                "ELSE 0 END)")

    per_day = " + ".join(f"SUM(CASE WHEN keterangan = '{k}' THEN {v} ELSE 0 END)"
                         for k, v in aturan.potongan_per_hari.items() if v)  # fmt: skip
    month_index = bulan.year * 12 + bulan.month
    unpaid = ", ".join(f"'{s}'" for s in aturan.status_tidak_dibayar)
    return f"""
    WITH besaran(kelas, rp) AS (VALUES {besaran}),
    kinerja(predikat, persen) AS (VALUES {predikat}),
    tingkat(tingkat, persen, bulan) AS (VALUES {hukuman}),
    pred AS (
        SELECT DISTINCT ON (pegawai_id) pegawai_id, predikat FROM evaluasi
        WHERE status = 'FINAL' AND jenis_periode <> 'TAHUNAN'
          AND periode_awal <= DATE '{akhir_bulan(bulan)}' AND periode_akhir >= DATE '{bulan}'
        ORDER BY pegawai_id, periode_akhir DESC, id DESC),
    hadir AS (
        SELECT pegawai_id,
               {brackets('menit_terlambat', aturan.terlambat)}
             + {brackets('menit_pulang_cepat', aturan.pulang_cepat)}
             + {per_day}
             + ({len(hari)} - COUNT(*)) * {aturan.potongan_per_hari['TK']} AS potongan
        FROM absensi WHERE tanggal IN ({days}) GROUP BY pegawai_id),
    huk AS (
        SELECT h.pegawai_id, SUM(t.persen) AS persen FROM hukuman_disiplin h
        JOIN tingkat t ON t.tingkat = h.tingkat
        WHERE {month_index} - (EXTRACT(YEAR FROM h.tmt) * 12 + EXTRACT(MONTH FROM h.tmt))
              BETWEEN 0 AND h.bulan - 1
        GROUP BY h.pegawai_id),
    dasar AS (
        SELECT p.id, p.tunjangan_profesi,
               CASE WHEN p.status IN ({unpaid}) THEN 0 ELSE b.rp END
               * CASE WHEN p.jenis = 'CPNS' THEN {aturan.cpns_persen} / 100.0 ELSE 1 END AS t,
               {aturan.kinerja_persen} * COALESCE(k.persen, {aturan.kinerja_tanpa_evaluasi})
               / 100.0 + {aturan.kehadiran_persen}
               - LEAST({aturan.batas_potongan_persen},
                       COALESCE(a.potongan, 0) + COALESCE(h.persen, 0)) AS persen
        FROM pegawai p
        LEFT JOIN jabatan j ON j.id = p.jabatan_id
        LEFT JOIN besaran b ON b.kelas = j.kelas_jabatan
        LEFT JOIN pred ON pred.pegawai_id = p.id
        LEFT JOIN kinerja k ON k.predikat = pred.predikat
        LEFT JOIN hadir a ON a.pegawai_id = p.id
        LEFT JOIN huk h ON h.pegawai_id = p.id
        WHERE p.status NOT IN ('PENSIUN', 'MENINGGAL', 'NONAKTIF'))
    SELECT id AS pegawai_id,
           GREATEST(0, FLOOR(COALESCE(t, 0) * GREATEST(0, persen) / 100 + 0.5)
                       - COALESCE(tunjangan_profesi, 0))::bigint AS jumlah
    FROM dasar"""


async def run_sql(settings: Settings, bulan: date) -> dict:
    async with database(settings):
        _, aturan = await aturan_berlaku(bulan)
        sql = set_based_sql(aturan, jadwal_kerja(settings).hari_kerja(bulan), bulan)
        connection = connections.get("default")
        await connection.execute_script("DROP TABLE IF EXISTS tukin_sql_benchmark")
        started = time.perf_counter()
        await connection.execute_script(f"CREATE UNLOGGED TABLE tukin_sql_benchmark AS {sql}")
        seconds = time.perf_counter() - started
        rows = await connection.execute_query_dict(
            "SELECT COUNT(*) AS n, SUM(CASE WHEN s.jumlah = t.jumlah THEN 1 ELSE 0 END) AS same, "
            "SUM(CASE WHEN " + SIMPLE + " THEN 1 ELSE 0 END) AS simple, "
            "SUM(CASE WHEN " + SIMPLE + " AND s.jumlah = t.jumlah THEN 1 ELSE 0 END) AS "
            "simple_same FROM tukin_sql_benchmark s JOIN tukin t ON t.pegawai_id = s.pegawai_id "
            f"AND t.bulan = DATE '{bulan}'")
        await connection.execute_script("DROP TABLE tukin_sql_benchmark")
        return {"seconds": seconds, **rows[0]}


def main(args) -> None:
    bulan = parse_bulan(args.bulan)
    os.environ["REDIS_URL"] = REDIS_URL  # the broker this process sends with
    settings = Settings(database_url=args.database, redis_url=REDIS_URL, jwt_secret="b" * 40,
                        tukin_batch_pegawai=args.batch)  # fmt: skip
    redis.Redis.from_url(REDIS_URL).flushdb()
    if args.fresh:
        asyncio.run(clear(settings, bulan))
    env = {**os.environ, "EKINERJA_DATABASE_URL": args.database, "REDIS_URL": REDIS_URL,
           "EKINERJA_JWT_SECRET": "b" * 40, "EKINERJA_TUKIN_BATCH_PEGAWAI": str(args.batch)}
    log = Path(args.log)
    with log.open("wb") as output:
        worker = subprocess.Popen([sys.executable, "-m", "ekinerja_graphql", "worker",
                                   "--processes", str(args.processes), "--threads",
                                   str(args.threads)], env=env, stdout=output,
                                  stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
    try:
        time.sleep(args.boot_seconds)  # the workers open their pools before the clock starts
        run_id = asyncio.run(start(settings, bulan, args.unit))
        result = asyncio.run(follow(settings, run_id, worker, args.timeout))
    finally:
        worker.terminate()
        worker.wait(120)
        redis.Redis.from_url(REDIS_URL).flushdb()
    if result["status"] is not SyncStatus.SUCCEEDED:
        sys.exit(f"TukinRun {run_id} {result['status']}: {result['error']}\n{log.read_text()}")
    sql = asyncio.run(run_sql(settings, bulan))
    rate = result["done"] / result["seconds"]
    kind = "first computation" if args.fresh else "re-run (results moved to history)"
    print(f"TukinRun {run_id} {args.bulan}, {kind}: {result['done']:,} pegawai in "
          f"{result['batches']} "
          f"batches, {result['seconds']:.1f} s ({rate:,.0f}/s; first batch done at "
          f"{result['first_batch']:.1f} s), {args.processes} worker processes × "
          f"{args.threads} threads; workers' peak RSS {result['peak_rss'] / 2**20:.0f} MiB")
    whole = "" if args.unit is None else " (the statement computes the whole ministry)"
    print(f"set-based SQL{whole}: {sql['n']:,} pegawai compared, {sql['seconds']:.1f} s; "
          f"ours ÷ SQL = "
          f"{result['seconds'] / sql['seconds']:.1f}; same rupiah for {sql['same']:,} "
          f"({100 * sql['same'] / max(sql['n'], 1):.1f} %); of the {sql['simple']:,} with one "
          f"kelas all month and no status period, {sql['simple_same']:,}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulan", default="2026-10")
    parser.add_argument("--unit", type=int, default=None)
    parser.add_argument("--fresh", action=argparse.BooleanOptionalAction, default=True,
                        help="delete the month's results first (--no-fresh: a re-run)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--database", default=os.environ.get("EKINERJA_DATABASE_URL",
                                                             DEFAULT_DATABASE))
    parser.add_argument("--boot-seconds", type=float, default=8)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--log", default="/tmp/tukin-month-worker.log")
    main(parser.parse_args())
