"""Child processes of `demo` and `worker`: the embedded Redis and dramatiq."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import redis

import workers
from ekinerja_graphql.config import Settings
from workers.embedded_redis import EmbeddedRedis, socket_url
from workers.shutdown import shutdown_grace_ms

STOP_TIMEOUT = 15  # seconds a child gets to finish its current work after SIGTERM


def redis_answers(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except (redis.ConnectionError, OSError):
        return False
    finally:
        client.close()


@contextmanager
def redis_for(settings: Settings) -> Iterator[str]:
    """settings.redis_url if set; else the embedded server of data_dir, started if not running."""
    url = settings.redis_url or socket_url(settings.data_dir)
    if settings.redis_url or redis_answers(url):
        yield url
        return
    with EmbeddedRedis(settings.data_dir) as server:
        yield server.url


def worker_grace_ms() -> int:
    """What a worker gets to finish its messages: the longest time limit of any actor."""
    return shutdown_grace_ms(workers.broker)


def start_dramatiq(redis_url: str, processes: int, threads: int, shutdown_grace_ms: int
                   ) -> subprocess.Popen:  # fmt: skip
    """`dramatiq workers` for the `workers` package, in its own session so that a
    terminal's Ctrl-C reaches only us and we stop the children in order; its worker
    processes get `shutdown_grace_ms` to finish their messages when stopped."""
    command = [
        sys.executable, "-m", "dramatiq", "workers",
        "--processes", str(processes), "--threads", str(threads),
        "--worker-shutdown-timeout", str(shutdown_grace_ms),
    ]  # fmt: skip
    environment = {**os.environ, "REDIS_URL": redis_url}
    return subprocess.Popen(command, env=environment, start_new_session=True)


def start_simulator(pegawai: int, port: int) -> subprocess.Popen:
    """`ekinerja siasn-sim` on 127.0.0.1:port, for a database seeded with `pegawai`."""
    command = [sys.executable, "-m", "ekinerja_graphql", "siasn-sim", "--pegawai",
               str(pegawai), "--port", str(port)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 600) -> None:
    """Until the child listens (the simulator generates its ministry first: ~70 s at 350k)."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} (exit code {process.poll()})")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen, grace_seconds: float = STOP_TIMEOUT) -> None:
    """SIGTERM, `grace_seconds` to finish, then SIGKILL to the whole session the process
    leads (started with start_new_session): none of its children outlives it."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(grace_seconds)
    with suppress(ProcessLookupError):  # nothing of it is left
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def exit_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so every `finally` stops its child process."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
