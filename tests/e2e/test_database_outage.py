"""A database that refuses connections, or accepts them and never answers: the API still
starts, answers 503 SERVICE_UNAVAILABLE with Retry-After within its timeouts, and its
health check names no driver detail. A real uvicorn process, a real socket."""

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager

import httpx
import pytest

from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.config import Settings

SECRET = "outage-test-secret-with-enough-bytes-0123456789"
NIP = "199001012015031001"


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def black_hole():
    """Accepts TCP connections and never sends a byte (a hung database server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        server.close()


@contextmanager
def api_on(database_port: int):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database_port}/x",
           "EKINERJA_JWT_SECRET": SECRET, "EKINERJA_DATABASE_CONNECT_TIMEOUT_SECONDS": "1",
           "EKINERJA_REQUEST_TIMEOUT_SECONDS": "4", "EKINERJA_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "ekinerja_graphql.app:create_app",
         "--port", str(port), "--log-level", "warning"], env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/healthz", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize("kind", ["refused", "hung"])
def test_database_outage_is_503_not_500_and_never_a_hang(kind):
    with black_hole() as hung_port:
        database_port = free_port() if kind == "refused" else hung_port
        with api_on(database_port) as base:
            health = httpx.get(f"{base}/healthz", timeout=10)
            assert health.status_code == 503
            assert health.json() == {"status": "error", "database": "unavailable"}

            token = mint_token(NIP, Settings(jwt_secret=SECRET))
            started = time.monotonic()
            response = httpx.post(f"{base}/graphql", json={"query": "{ me { nip } }"},
                                  headers={"Authorization": f"Bearer {token}"}, timeout=30)
            elapsed = time.monotonic() - started
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"] == "5"
            assert response.headers["content-type"].startswith("application/json")
            (error,) = response.json()["errors"]
            assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
            assert "127.0.0.1" not in error["message"]
            assert elapsed < 8  # connect timeout 1 s, request budget 4 s

            anonymous = httpx.post(f"{base}/graphql", json={"query": "{ __typename }"}, timeout=10)
            assert anonymous.status_code == 200  # nothing asked of the database
