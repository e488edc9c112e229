"""A pegawai sweep (PULL_FULL) of a seeded database by `ekinerja worker` against the
simulator over HTTP at a simulated latency: NIPs swept per second (one data-utama call
each) against the configured limit, and the peak memory of the worker's processes.

Usage: EKINERJA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ekinerja_bench \
  .venv/bin/python benchmarks/siasn_sweep.py --rps 50 [--concurrency 8] [--latency-ms 50]
  [--threads 4] [--window 90 | --whole] [--pegawai 350000]

The database must be seeded with the same --pegawai (seed 2026, tahun 2026) so SIASN and
it agree; --window measures the steady rate over that many seconds and cancels the run,
--whole sweeps every NIP."""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis
from processes import family_rss

from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import database
from ekinerja_graphql.models import SyncKind, SyncRun, SyncStatus
from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.siasn.simulator.app import Credentials
from ekinerja_graphql.siasn.simulator.transport import simulator_settings

REDIS_URL = "redis://127.0.0.1:6379/8"
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_simulator(args, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with log.open("wb") as output:
        sim = subprocess.Popen([sys.executable, "-m", "ekinerja_graphql", "siasn-sim",
                                "--port", str(port), "--pegawai", str(args.pegawai),
                                "--latency-ms", str(args.latency_ms)],
                               stdout=output, stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return sim, f"http://127.0.0.1:{port}"
        except OSError:
            if sim.poll() is not None:
                sys.exit(log.read_text())
            time.sleep(1)


async def cancel_going() -> None:
    async with database(Settings()):
        for going in await SyncRun.filter(status=SyncStatus.RUNNING):
            await runs.selesai(going, SyncStatus.CANCELLED, "benchmark start")


async def follow(args, worker: subprocess.Popen) -> dict:
    async with database(Settings()):
        return await _follow(args, worker)


async def _follow(args, worker: subprocess.Popen) -> dict:
    """Samples the run each second: progress, and the worker's memory. `done` moves a batch
    at a time, so the rate is taken between two moments it moved (to within a second)."""
    run_id, peak, window_start, moved, last = None, 0, None, None, None
    started = time.perf_counter()
    while True:
        peak = max(peak, family_rss(worker))
        run = await SyncRun.filter(kind=SyncKind.PULL_FULL).order_by("-id").first()
        now = time.perf_counter()
        if run is not None:
            run_id = run.id
            if moved is None or run.done != moved[1]:
                moved = (now, run.done)
                if window_start is None and run.done >= 2 * args.batch:  # past planning
                    window_start = moved
            last = (now, run.done, run)
            over = run.status is not SyncStatus.RUNNING
            if (window_start and not args.whole and moved[0] == now
                    and now - window_start[0] >= args.window):  # fmt: skip
                await runs.selesai(run, SyncStatus.CANCELLED, "benchmark window over")
                over = True
            if over:
                break
        if now - started > args.timeout:
            sys.exit(f"no end after {args.timeout} s: {last}")
        await asyncio.sleep(1)
    (t0, done0), (t1, done1), run = window_start, moved, last[2]
    return {"run": run_id, "rate": (done1 - done0) / (t1 - t0), "seconds": last[0] - started,
            "done": last[1], "total": run.total, "status": run.status, "peak_rss": peak,
            "counts": (run.created_count, run.updated_count, run.unchanged_count,
                       run.deactivated_count, run.quarantined_count, run.failed_count)}


def main(args) -> None:
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    redis.Redis.from_url(REDIS_URL).flushdb()
    started = time.perf_counter()
    sim, base = start_simulator(args, logs / "simulator.log")
    print(f"simulator up in {time.perf_counter() - started:.0f} s at {base}")
    siasn = {f"EKINERJA_{k.upper()}": v for k, v in simulator_settings(base, Credentials()).items()}
    env = {**os.environ, **siasn, "REDIS_URL": REDIS_URL, "EKINERJA_JWT_SECRET": "b" * 40,
           "EKINERJA_SIASN_REQUESTS_PER_SECOND": str(args.rps),
           "EKINERJA_SIASN_MAX_CONCURRENCY": str(args.concurrency),
           "EKINERJA_SYNC_BATCH_SIZE": str(args.batch)}  # fmt: skip
    with (logs / "worker.log").open("wb") as output:
        worker = subprocess.Popen([sys.executable, "-m", "ekinerja_graphql", "worker",
                                   "--threads", str(args.threads)], env=env, stdout=output,
                                  stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
    try:
        asyncio.run(cancel_going())
        subprocess.run([sys.executable, "-m", "ekinerja_graphql", "sync", "full", "--no-wait"],
                       env=env, check=True, cwd=ROOT)  # fmt: skip
        result = asyncio.run(follow(args, worker))
    finally:
        worker.terminate()
        worker.wait(120)
        sim.terminate()
        sim.wait(30)
        redis.Redis.from_url(REDIS_URL).flushdb()
    share = 100 * result["rate"] / args.rps
    print(f"SyncRun {result['run']} {result['status']}: {result['done']:,}/{result['total']:,} "
          f"NIPs in {result['seconds']:.0f} s; steady {result['rate']:.1f} NIPs/s against a "
          f"limit of {args.rps}/s ({share:.0f} %), concurrency {args.concurrency}, "
          f"{args.threads} threads, latency {args.latency_ms} ms; worker peak RSS "
          f"{result['peak_rss'] / 2**20:.0f} MiB; counts (created, updated, unchanged, "
          f"deactivated, quarantined, failed) {result['counts']}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rps", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--pegawai", type=int, default=350_000)
    parser.add_argument("--window", type=float, default=90)
    parser.add_argument("--whole", action="store_true")
    parser.add_argument("--timeout", type=float, default=4 * 3600)
    parser.add_argument("--logs", default="/tmp/siasn-sweep")
    main(parser.parse_args())
