"""A real Redis broker (tests/conftest.py's redis_settings) in a namespace of its own per
test, and a real threaded dramatiq worker on it."""

import pytest
from dramatiq import Middleware

from ekinerja_graphql.config import Settings
from tests.support.workers import running_worker


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
    with running_worker(redis_settings, outcomes, threads=3) as worker:
        yield worker
