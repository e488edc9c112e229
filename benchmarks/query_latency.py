"""Latency of the client operations in schema/operations/ against a running API.

Starts uvicorn (production settings) on a seeded PostgreSQL database, drives each
operation at a fixed concurrency with one async HTTP client, and prints
p50/p95/p99, requests/second and errors as a Markdown table.

    python benchmarks/query_latency.py --database postgres://postgres@127.0.0.1:5432/ekinerja_bench
"""

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import httpx
from server import DEFAULT_DATABASE, admin_token, bench_settings, running_api
from strawberry.relay import to_base64
from tortoise import Tortoise

from ekinerja_graphql.db import close_db, init_db
from ekinerja_graphql.models import Pegawai, UnitOrganisasi

OPERATIONS = Path(__file__).resolve().parents[1] / "schema" / "operations"


async def scenario_variables() -> dict[str, dict]:
    """Variables for each operation, picked from the seeded data."""
    kankemenag = await UnitOrganisasi.filter(jenis="KANKEMENAG").order_by("id").first()
    madrasah = await UnitOrganisasi.filter(jenis="MADRASAH").order_by("id").first()
    pegawai = await Pegawai.filter(unit_id=madrasah.id).order_by("id").first()
    return {
        "PegawaiByNip": {"nip": pegawai.nip},
        "UnitPegawai": {"unitId": to_base64("UnitOrganisasi", kankemenag.id), "tahun": 2026},
        "UnitKinerja": {"unitId": to_base64("UnitOrganisasi", kankemenag.id), "tahun": 2026},
        "PegawaiReport": {"unitId": to_base64("UnitOrganisasi", kankemenag.id)},
    }


async def drive(url, token, query, variables, requests, concurrency) -> dict:
    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    body = {"query": query, "variables": variables}
    remaining = iter(range(requests))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for _ in remaining:
            started = time.perf_counter()
            response = await client.post(url, json=body, headers=headers)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200 or "errors" in response.json():
                errors += 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        for _ in range(min(concurrency, 4)):  # warm-up: caches, pools
            await client.post(url, json=body, headers=headers)
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000,
        "rps": len(latencies) / elapsed, "errors": errors, "requests": len(latencies),
    }


async def main(args) -> None:
    settings = bench_settings(args.database)
    await init_db(settings)
    variables = await scenario_variables()
    token = await admin_token(settings)
    pegawai_count = await Pegawai.all().count()
    await close_db()
    await Tortoise.close_connections()
    async with running_api(args.database, args.port, args.workers) as server:
        print(f"{pegawai_count} pegawai; concurrency {args.concurrency}; "
              f"{args.requests} requests per operation; {args.workers} uvicorn workers\n")
        print("| operation | p50 ms | p95 ms | p99 ms | req/s | errors |")
        print("|---|---|---|---|---|---|")
        for name, values in variables.items():
            query = (OPERATIONS / f"{name}.graphql").read_text()
            result = await drive(f"{server.base}/graphql", token, query, values,
                                 args.requests, args.concurrency)
            print(f"| {name} | {result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} "
                  f"| {result['rps']:.1f} | {result['errors']} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=400)
    asyncio.run(main(parser.parse_args()))
