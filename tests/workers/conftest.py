"""A real Redis broker (tests/conftest.py's redis_settings) in a namespace of its own per
test, and a real threaded dramatiq worker on it."""

import uuid

import dramatiq
import pytest
from dramatiq import Middleware, Worker

from ekinerja_graphql.config import Settings
from workers.broker import build_broker, use_broker


class Outcomes(Middleware):
    """What each processed message ended with: None, or the exception's text."""

    def __init__(self) -> None:
        self.seen: list[str | None] = []

    def after_process_message(self, broker, message, *, result=None, exception=None):
        self.seen.append(None if exception is None else repr(exception))


@pytest.fixture
def outcomes() -> Outcomes:
    return Outcomes()


@pytest.fixture
def worker(redis_settings: Settings, database, outcomes):
    previous = dramatiq.get_broker()
    broker = use_broker(build_broker(redis_settings, namespace=f"test-{uuid.uuid4().hex}"))
    broker.add_middleware(outcomes)
    worker = Worker(broker, worker_timeout=100, worker_threads=3)
    worker.start()
    yield worker
    worker.stop()
    broker.flush_all()
    broker.close()
    use_broker(previous)
