"""What hostile documents cost a running API: memory of many distinct large documents and
the time of a document built to make validation quadratic.

    python benchmarks/hostile_documents.py [--database postgres://...]

Prints the API process's resident memory before and after 100 distinct documents of each
size, and the latency of distinct copies of the 490-repeated-selection document (15 KB)
next to a trivial one.
"""

import argparse
import asyncio
import secrets
import statistics
import time
from pathlib import Path

import httpx
from server import DEFAULT_DATABASE, running_api

REPEATED = "{ " + " ".join("pegawaiList { nodes { nip } }" for _ in range(490)) + " }"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def padded_document(size: int) -> str:
    """A distinct document of about `size` bytes, distinct as a syntax tree too (caches
    compare trees): one field whose argument is a long random string."""
    text = secrets.token_hex(size // 2)[: size - 40]
    return f'{{ pegawai(nip: "{text}") {{ nip }} }}'


async def median_ms(client: httpx.AsyncClient, url: str, query: str, times: int = 15) -> float:
    """Each request a distinct document (an extra aliased field; a comment would not do:
    the validation cache compares syntax trees), so no cache answers for it."""
    samples = []
    for n in range(times):
        started = time.perf_counter()
        await client.post(url, json={"query": query.replace("{", f"{{ n{n}: __typename", 1)})
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


async def main(args) -> None:
    async with running_api(args.database, args.port) as server:
        url = f"{server.base}/graphql"
        async with httpx.AsyncClient(timeout=60) as client:
            await client.post(url, json={"query": "{ __typename }"})
            for size in (60_000, 2_000_000):
                before = rss_mib(server.pid)
                statuses = set()
                for _ in range(100):
                    response = await client.post(url, json={"query": padded_document(size)})
                    statuses.add(response.status_code)
                after = rss_mib(server.pid)
                print(f"100 distinct {size:,}-byte documents (HTTP {sorted(statuses)}): "
                      f"RSS {before:.0f} MiB -> {after:.0f} MiB")
            trivial = await median_ms(client, url, "{ __typename }")
            repeated = await median_ms(client, url, REPEATED)
            print(f"repeated-selection document ({len(REPEATED):,} bytes): median "
                  f"{repeated:.1f} ms; trivial document: {trivial:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8767)
    asyncio.run(main(parser.parse_args()))
