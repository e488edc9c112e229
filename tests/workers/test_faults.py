"""Messages that cannot succeed do not come back: one that cannot be decoded and one with
wrong arguments go to the dead letters at once, and the worker goes on; an error a retry
can fix is still retried. Through a real Redis broker and a real threaded worker."""

import asyncio
import uuid
from collections import Counter

import dramatiq
import pytest
from dramatiq import Worker

from workers.broker import broker as production_broker
from workers.maintenance import analyze_database

JOIN_TIMEOUT_MS = 30_000
ATTEMPTS: Counter[str] = Counter()


@dramatiq.actor(broker=production_broker, queue_name="test-faults", max_retries=3,
                min_backoff=10, max_backoff=50)  # fmt: skip
def fails_once(key: str) -> None:
    ATTEMPTS[key] += 1
    if ATTEMPTS[key] == 1:
        raise ConnectionError("connection reset by peer")


def drain(worker: Worker, queue_name: str) -> None:
    worker.broker.join(queue_name, timeout=JOIN_TIMEOUT_MS)
    worker.join()


def dead_letters(worker: Worker, queue_name: str) -> list[str]:
    broker = worker.broker
    return [m.decode() for m in broker.client.zrange(f"{broker.namespace}:{queue_name}.XQ", 0, -1)]


def unacknowledged(worker: Worker, queue_name: str) -> int:
    broker = worker.broker
    return broker.client.scard(f"{broker.namespace}:__acks__.{broker.broker_id}.{queue_name}")


@pytest.mark.parametrize("data", [b"\xff\x00 not json", b'{"queue_name": "maintenance"}'])
async def test_an_undecodable_message_is_dead_lettered_and_the_worker_goes_on(
    worker, outcomes, data
):
    queue = analyze_database.queue_name
    garbage_id = str(uuid.uuid4())
    worker.broker.do_enqueue(queue, garbage_id, data)
    analyze_database.send_with_options(max_retries=0)
    await asyncio.to_thread(drain, worker, queue)
    assert outcomes.seen == [None]  # the good message after it was processed
    assert dead_letters(worker, queue) == [garbage_id]
    assert unacknowledged(worker, queue) == 0


async def test_wrong_arguments_fail_once_and_are_not_retried(worker, outcomes):
    queue = analyze_database.queue_name
    message = analyze_database.send_with_options(args=("unexpected",), max_retries=5)
    # A retry would come back after dramatiq's 15 s minimum backoff, five times over.
    await asyncio.to_thread(drain, worker, queue)
    (outcome,) = outcomes.seen
    assert outcome.startswith("TypeError(")
    assert len(dead_letters(worker, queue)) == 1
    assert message.options["redis_message_id"] in dead_letters(worker, queue)


async def test_an_error_a_retry_can_fix_is_retried(worker, outcomes):
    key = uuid.uuid4().hex
    fails_once.send(key)
    await asyncio.to_thread(drain, worker, fails_once.queue_name)
    assert ATTEMPTS[key] == 2
    assert outcomes.seen[0].startswith("ConnectionError(") and outcomes.seen[1:] == [None]
    assert dead_letters(worker, fails_once.queue_name) == []
