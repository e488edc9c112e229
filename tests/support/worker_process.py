"""`ekinerja worker` (and other verbs) as real processes, and killing one with SIGKILL."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

READY = "Worker process is ready for action."


def start_worker(env: dict[str, str], log: Path, threads: int = 2) -> subprocess.Popen:
    """`ekinerja worker` writing to `log`, once its worker process is ready."""
    ready_before = log.read_text(errors="replace").count(READY) if log.exists() else 0
    with log.open("ab") as output:
        worker = subprocess.Popen([sys.executable, "-m", "ekinerja_graphql", "worker",
                                   "--threads", str(threads)], env=env, stdout=output,
                                  stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 60
    while log.read_text(errors="replace").count(READY) <= ready_before:
        assert worker.poll() is None and time.monotonic() < deadline, log.read_text()[-4000:]
        time.sleep(0.1)
    return worker


def stop(worker: subprocess.Popen | None) -> None:
    if worker is not None and worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)


def kill_9(worker: subprocess.Popen) -> None:
    """SIGKILL to the CLI, dramatiq's main process and its worker processes at once."""
    family = [worker, *psutil.Process(worker.pid).children(recursive=True)]
    for process in family:
        os.kill(process.pid, signal.SIGKILL)
    worker.wait(10)
