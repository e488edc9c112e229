"""`ekinerja worker` stops all of dramatiq when asked to, and gives its worker processes
the longest actor time limit to finish; past that grace, no process of it outlives it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ekinerja_graphql.cli import processes
from workers.maintenance import ANALYZE_TIME_LIMIT_MS

READY = "Worker process is ready for action."
SECRET = "a-test-secret-of-at-least-32-bytes-long"


@pytest.fixture
def worker_env(redis_settings, tmp_path) -> dict[str, str]:
    return {**os.environ, "EKINERJA_JWT_SECRET": SECRET, "REDIS_URL": redis_settings.redis_url,
            "EKINERJA_DATA_DIR": str(tmp_path),
            "EKINERJA_DATABASE_URL": f"sqlite://{tmp_path / 'worker.sqlite3'}"}  # fmt: skip


def wait_for(log: Path, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            pytest.fail(f"no {text!r} within {timeout}s:\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


def alive(pids: list[int], within: float = 10) -> list[int]:
    """The pids still running (zombies aside) after up to `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        found = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    found.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_the_grace_is_the_longest_actor_time_limit():
    assert processes.worker_grace_ms() >= ANALYZE_TIME_LIMIT_MS


def test_sigterm_stops_the_cli_and_every_dramatiq_process(worker_env, tmp_path):
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        cli = subprocess.Popen(
            [sys.executable, "-m", "ekinerja_graphql", "worker", "--threads", "1"],
            env=worker_env, stdout=output, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_for(log, READY)
        family = [p.pid for p in psutil.Process(cli.pid).children(recursive=True)]
        assert len(family) >= 2  # dramatiq's main process and its worker process
        cli.send_signal(signal.SIGTERM)
        assert cli.wait(60) == 0
        assert alive(family) == []
    finally:
        if cli.poll() is None:
            cli.kill()


def test_past_the_grace_the_whole_session_is_killed(worker_env, tmp_path, monkeypatch):
    for name, value in worker_env.items():
        monkeypatch.setenv(name, value)
    log = tmp_path / "dramatiq.log"
    with log.open("wb") as output:
        monkeypatch.setattr(subprocess, "Popen", _writing_to(output))
        dramatiq_main = processes.start_dramatiq(worker_env["REDIS_URL"], 1, 1, 60_000)
    try:
        wait_for(log, READY)
        (worker,) = psutil.Process(dramatiq_main.pid).children(recursive=True)
        worker.suspend()  # busy beyond any grace: it cannot act on SIGTERM
        started = time.monotonic()
        processes.stop(dramatiq_main, grace_seconds=2)
        assert time.monotonic() - started < 30
        assert alive([dramatiq_main.pid, worker.pid]) == []
    finally:
        if dramatiq_main.poll() is None:
            os.killpg(dramatiq_main.pid, signal.SIGKILL)


def _writing_to(output):
    popen = subprocess.Popen

    def start(*args, **kwargs):
        return popen(*args, **kwargs, stdout=output, stderr=subprocess.STDOUT)

    return start
