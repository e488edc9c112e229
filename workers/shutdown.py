"""How long a worker gets to finish its messages when asked to stop: the longest time limit
of its actors, after which dramatiq's TimeLimit would end the message anyway."""

import dramatiq
from dramatiq.middleware import TimeLimit

SHUTDOWN_MARGIN_MS = 5_000  # to ack the last message and close connections


def shutdown_grace_ms(broker: dramatiq.Broker) -> int:
    default = next(m.time_limit for m in broker.middleware if isinstance(m, TimeLimit))
    limits = [broker.get_actor(name).options.get("time_limit", default)
              for name in broker.get_declared_actors()]  # fmt: skip
    return max([default, *limits]) + SHUTDOWN_MARGIN_MS
