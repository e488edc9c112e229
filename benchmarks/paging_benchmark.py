"""Paging through the whole ministry: every pegawai, 100 a page, over HTTP.

Each page's time should not depend on its depth (keyset pages are index ranges), so
the first, middle and last tenth of the pages are reported apart.

    python benchmarks/paging_benchmark.py [--database postgres://...] [--order NIP]
"""

import argparse
import asyncio
import statistics
import time

import httpx
from server import DEFAULT_DATABASE, admin_token, bench_settings, running_api

from ekinerja_graphql.db import close_db, init_db

QUERY = """query($after: String, $order: PegawaiOrder!) {
  pegawaiList(first: 100, after: $after, orderBy: $order) {
    pageInfo { hasNextPage endCursor }
    nodes { nip nama golongan }
  }
}"""


async def page_through(url: str, token: str, order: str) -> tuple[list[float], int]:
    headers = {"Authorization": f"Bearer {token}"}
    times, rows, after = [], 0, None
    async with httpx.AsyncClient(timeout=60) as client:
        while True:
            started = time.perf_counter()
            response = await client.post(url, headers=headers, json={
                "query": QUERY, "variables": {"after": after, "order": order}})
            times.append(time.perf_counter() - started)
            page = response.json()["data"]["pegawaiList"]
            rows += len(page["nodes"])
            if not page["pageInfo"]["hasNextPage"]:
                return times, rows
            after = page["pageInfo"]["endCursor"]


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


async def main(args) -> None:
    settings = bench_settings(args.database)
    await init_db(settings)
    token = await admin_token(settings)
    await close_db()
    async with running_api(args.database, args.port) as server:
        for order in args.order:
            started = time.perf_counter()
            times, rows = await page_through(f"{server.base}/graphql", token, order)
            total = time.perf_counter() - started
            tenth = max(len(times) // 10, 1)
            print(f"orderBy {order}: {rows:,} pegawai in {len(times):,} pages, {total:.1f} s; "
                  f"median page {median_ms(times[:tenth]):.1f} ms (first tenth), "
                  f"{median_ms(times[len(times) // 2 - tenth // 2:][:tenth]):.1f} ms (middle), "
                  f"{median_ms(times[-tenth:]):.1f} ms (last tenth)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--order", nargs="+", default=["NIP", "NAMA"])
    asyncio.run(main(parser.parse_args()))
