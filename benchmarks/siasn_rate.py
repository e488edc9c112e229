"""The SIASN client against the simulator over a real socket, at a simulated latency:
requests per second achieved against the configured limit, with the limits shared through
Redis as in the workers. Usage: .venv/bin/python benchmarks/siasn_rate.py [--calls 1000]
[--rps 20] [--concurrency 8] [--latency-ms 50] [--pegawai 20000]"""

import argparse
import asyncio
import socket
import threading
import time
from datetime import date

import redis.asyncio as aioredis
import uvicorn

from ekinerja_graphql.config import Settings
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.limits import SharedLimiter
from ekinerja_graphql.siasn.simulator.app import Simulator, create_simulator_app
from ekinerja_graphql.siasn.simulator.dataset import SimulatedSiasn
from ekinerja_graphql.siasn.simulator.faults import Faults
from ekinerja_graphql.siasn.simulator.transport import pointed_at
from ekinerja_graphql.siasn.tokens import RedisTokenCache

REDIS_URL = "redis://127.0.0.1:6379/9"


def serve(simulator: Simulator) -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_simulator_app(simulator), log_level="critical"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


async def main(args) -> None:
    started = time.perf_counter()
    data = SimulatedSiasn.from_seed(args.pegawai, 2026, date(2026, 11, 23))
    print(f"simulator: {len(data.pns):,} pegawai in {time.perf_counter() - started:.1f} s")
    simulator = Simulator(data, faults=Faults(base_latency_seconds=args.latency_ms / 1000))
    settings = pointed_at(Settings(siasn_requests_per_second=args.rps,
                                   siasn_max_concurrency=args.concurrency),
                          serve(simulator), simulator.credentials)  # fmt: skip
    redis = aioredis.from_url(REDIS_URL)
    await redis.flushdb()
    limiter = SharedLimiter(REDIS_URL, args.concurrency, args.rps, key="bench:siasn")
    nips = sorted(data.pns)[: args.calls]
    async with SiasnClient(settings, token_cache=RedisTokenCache(redis, "bench:siasn"),
                           limiter=limiter) as client:  # fmt: skip
        await client.data_utama(nips[0])  # tokens
        started = time.perf_counter()
        found = await asyncio.gather(*(client.data_utama(nip) for nip in nips))
        elapsed = time.perf_counter() - started
    await redis.flushdb()
    await redis.aclose()
    achieved = len(nips) / elapsed
    print(f"{len(nips):,} data-utama calls, {sum(f is not None for f in found):,} found, "
          f"{elapsed:.1f} s: {achieved:.1f} requests/s against a limit of {args.rps} "
          f"({100 * achieved / args.rps:.1f} %), concurrency {args.concurrency}, latency "
          f"{args.latency_ms} ms, most in flight at the simulator {simulator.most_in_flight}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rps", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--pegawai", type=int, default=20000)
    asyncio.run(main(parser.parse_args()))
