"""A real threaded dramatiq worker on a real Redis broker, in a namespace of its own."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import dramatiq
from dramatiq import Middleware, Worker

from ekinerja_graphql.config import Settings
from workers.broker import build_broker, use_broker


@contextmanager
def running_worker(settings: Settings, *middleware: Middleware, threads: int = 2
                   ) -> Iterator[Worker]:  # fmt: skip
    previous = dramatiq.get_broker()
    broker = use_broker(build_broker(settings, namespace=f"test-{uuid.uuid4().hex}"))
    for extra in middleware:
        broker.add_middleware(extra)
    worker = Worker(broker, worker_timeout=100, worker_threads=threads)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        broker.flush_all()
        broker.close()
        use_broker(previous)


def drain(worker: Worker, queue_name: str = "siasn", timeout_ms: int = 60_000) -> None:
    """Waits until the queue is empty and the worker idle."""
    worker.broker.join(queue_name, timeout=timeout_ms)
    worker.join()
