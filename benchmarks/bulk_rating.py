"""Bulk rating: the pejabat penilai with the most approved SKPs to rate rates 100 of their
bawahan in one nilaiEvaluasiMassal over HTTP, on the seeded `ekinerja_bench`.

Two cases, each repeated: the first rating of a period (the evaluations are created; the
script deletes them again between repetitions) and rating again (the same 100 with their
versions: updated). Prints the median and worst latency and the SQL statements one bulk
rating issues (counted in-process on the same data).

Usage: python benchmarks/bulk_rating.py [--database postgres://.../ekinerja_bench]
       [--items 100] [--repeat 10]
The database keeps nothing of the run: the evaluations, riwayat and audit rows it wrote
are deleted at the end.
"""

import argparse
import asyncio
import logging
import statistics
import time
from datetime import date

import asyncpg
import httpx
from server import DEFAULT_DATABASE, bench_settings, running_api
from strawberry.relay import to_base64

from ekinerja_graphql.auth import mint_token

TAHUN = date.today().year
# The head with the most approved, open SKPs naming them as penilai that have no
# evaluation yet for the period.
BUSIEST_PENILAI = """
SELECT s.pejabat_penilai_id AS penilai, count(*) AS waiting
  FROM skp s
 WHERE s.tahun = $1 AND s.status = 'DISETUJUI' AND s.ditutup_pada IS NULL
   AND s.pejabat_penilai_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM evaluasi e WHERE e.skp_id = s.id
                   AND e.jenis_periode = 'TRIWULANAN' AND e.nomor_periode = $2)
 GROUP BY s.pejabat_penilai_id ORDER BY waiting DESC LIMIT 1
"""
PENILAI = """
SELECT p.nip, j.nama AS jabatan, u.nama AS unit FROM pegawai p
  JOIN jabatan j ON j.id = p.jabatan_id JOIN unit_organisasi u ON u.id = p.unit_id
 WHERE p.id = $1
"""
SKP_TO_RATE = """
SELECT s.id FROM skp s
 WHERE s.tahun = $1 AND s.status = 'DISETUJUI' AND s.ditutup_pada IS NULL
   AND s.pejabat_penilai_id = $3
   AND NOT EXISTS (SELECT 1 FROM evaluasi e WHERE e.skp_id = s.id
                   AND e.jenis_periode = 'TRIWULANAN' AND e.nomor_periode = $2)
 ORDER BY s.id LIMIT $4
"""
RATE = """mutation($items: [PenilaianInput!]!) { nilaiEvaluasiMassal(items: $items) {
  evaluasi { id version predikat } kesalahan { index code message } } }"""
MATRIX = ["SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"]


def skp_gid(skp_id: int) -> str:
    return to_base64("Skp", skp_id)


def items_of(skp_ids: list[int], quarter: int, versions: dict[str, int] | None) -> list[dict]:
    items = []
    for n, skp_id in enumerate(skp_ids):
        item = {"skpId": skp_gid(skp_id), "jenisPeriode": "TRIWULANAN", "nomorPeriode": quarter,
                "ratingHasilKerja": MATRIX[n % 3], "ratingPerilakuKerja": MATRIX[n // 3 % 3]}
        if versions is not None:
            item["version"] = versions[item["skpId"]]
        items.append(item)
    return items


async def rate(client: httpx.AsyncClient, url: str, token: str, items: list[dict]) -> tuple[
        float, list[dict]]:  # fmt: skip
    started = time.perf_counter()
    response = await client.post(url, json={"query": RATE, "variables": {"items": items}},
                                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    elapsed = (time.perf_counter() - started) * 1000
    payload = response.json()
    if "errors" in payload or payload["data"]["nilaiEvaluasiMassal"]["kesalahan"]:
        raise RuntimeError(f"the bulk rating failed: {payload}")
    return elapsed, payload["data"]["nilaiEvaluasiMassal"]["evaluasi"]


async def forget(connection: asyncpg.Connection, skp_ids: list[int], quarter: int) -> None:
    """Deletes what the runs wrote: the period's evaluations of these SKPs and their trail."""
    ids = await connection.fetch(
        "SELECT id FROM evaluasi WHERE skp_id = ANY($1) AND jenis_periode = 'TRIWULANAN' "
        "AND nomor_periode = $2", skp_ids, quarter)  # fmt: skip
    evaluasi_ids = [row["id"] for row in ids]
    async with connection.transaction():
        await connection.execute("DELETE FROM evaluasi_riwayat WHERE evaluasi_id = ANY($1)",
                                 evaluasi_ids)  # fmt: skip
        await connection.execute(
            "DELETE FROM audit_log WHERE action = 'nilaiEvaluasiMassal' "
            "AND object_type = 'Evaluasi' AND object_id = ANY($1)", evaluasi_ids)  # fmt: skip
        await connection.execute("DELETE FROM evaluasi WHERE id = ANY($1)", evaluasi_ids)


async def count_statements(database: str, nip: str, items: list[dict]) -> int:
    """The statements of one bulk rating, run in-process through the schema."""
    from ekinerja_graphql.api.context import build_context
    from ekinerja_graphql.api.schema import schema
    from ekinerja_graphql.auth import Principal
    from ekinerja_graphql.db import close_db, init_db

    settings = bench_settings(database)
    statements = []

    class Counter(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = record.getMessage().lstrip()
            if text.split(" ", 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                statements.append(text)

    await init_db(settings)
    logger = logging.getLogger("tortoise.db_client")
    handler, level = Counter(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        context = await build_context(principal=Principal(nip), settings=settings)
        result = await schema.execute(RATE, variable_values={"items": items},
                                      context_value=context)  # fmt: skip
        assert result.errors is None and not result.data["nilaiEvaluasiMassal"]["kesalahan"]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        await close_db()
    return len(statements)


async def main(args) -> None:
    connection = await asyncpg.connect(args.database)
    quarter = 4
    try:
        busiest = await connection.fetchrow(BUSIEST_PENILAI, TAHUN, quarter)
        penilai = await connection.fetchrow(PENILAI, busiest["penilai"])
        skp_ids = [row["id"] for row in await connection.fetch(
            SKP_TO_RATE, TAHUN, quarter, busiest["penilai"], args.items)]  # fmt: skip
        if len(skp_ids) < args.items:
            raise SystemExit(f"the busiest penilai has only {len(skp_ids)} SKPs to rate")
        print(f"penilai: {penilai['jabatan']}, {penilai['unit']} "
              f"({busiest['waiting']} approved SKPs waiting); {args.items} items, "
              f"TRIWULANAN {quarter} of {TAHUN}; {args.repeat} repetitions\n")
        token = mint_token(penilai["nip"], bench_settings(args.database))
        first, again = [], []
        async with running_api(args.database, args.port) as server, httpx.AsyncClient(
                timeout=120) as client:  # fmt: skip
            url = f"{server.base}/graphql"
            await rate(client, url, token, items_of(skp_ids, quarter, None))  # warm-up
            await forget(connection, skp_ids, quarter)
            for _ in range(args.repeat):
                elapsed, evaluasi = await rate(client, url, token,
                                               items_of(skp_ids, quarter, None))  # fmt: skip
                first.append(elapsed)
                await forget(connection, skp_ids, quarter)
            _, evaluasi = await rate(client, url, token, items_of(skp_ids, quarter, None))
            versions = {skp_gid(skp_id): 1 for skp_id in skp_ids}
            for _ in range(args.repeat):
                elapsed, evaluasi = await rate(client, url, token,
                                               items_of(skp_ids, quarter, versions))
                again.append(elapsed)
                versions = {item["skpId"]: e["version"] for item, e in
                            zip(items_of(skp_ids, quarter, None), evaluasi, strict=True)}
            await forget(connection, skp_ids, quarter)
        created_statements = await count_statements(args.database, penilai["nip"],
                                                    items_of(skp_ids, quarter, None))
        await forget(connection, skp_ids, quarter)
    finally:
        await connection.close()
    print("| case | median ms | worst ms | ms per item | statements |")
    print("|---|---:|---:|---:|---:|")
    for name, times, statements in (("first rating (created)", first, created_statements),
                                    ("rating again (updated)", again, None)):  # fmt: skip
        median = statistics.median(times)
        print(f"| {name} | {median:.0f} | {max(times):.0f} | {median / args.items:.1f} | "
              f"{statements if statements is not None else '–'} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=10)
    asyncio.run(main(parser.parse_args()))
