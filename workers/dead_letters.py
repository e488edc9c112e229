"""A Redis broker whose consumer dead-letters a message it cannot decode.

dramatiq's consumer lets the DecodeError escape: the consumer restarts, and the message
(with whatever else it had prefetched) stays in the worker's ack set until the worker
dies, when it is handed to the next worker to crash on. Here the raw message is found
among the worker's unacknowledged ones and moved to the queue's dead letters.
"""

from dramatiq.brokers.redis import RedisBroker, _RedisConsumer
from dramatiq.errors import DecodeError
from dramatiq.logging import get_logger

logger = get_logger(__name__)


class _DeadLetteringConsumer(_RedisConsumer):
    def __next__(self):
        while True:
            try:
                return super().__next__()
            except DecodeError as error:
                self._dead_letter(error.data)

    def _dead_letter(self, data: bytes) -> None:
        broker = self.broker
        acks = f"{broker.namespace}:__acks__.{broker.broker_id}.{self.queue_name}"
        messages = f"{broker.namespace}:{self.queue_name}.msgs"
        ids = sorted(broker.client.smembers(acks))
        stored = broker.client.hmget(messages, ids) if ids else []
        found = [message_id for message_id, value in zip(ids, stored, strict=True)
                 if value == data]  # fmt: skip
        for message_id in found[:1]:
            broker.do_nack(self.queue_name, message_id.decode())
        logger.error("Dead-lettered an undecodable message on %r (%d bytes): %r",
                     self.queue_name, len(data), data[:200])  # fmt: skip


class DeadLetteringRedisBroker(RedisBroker):
    @property
    def consumer_class(self):
        return _DeadLetteringConsumer
