"""The dramatiq broker: Redis at settings.redis_url, or the embedded server of data_dir.

Importing this module sets the global broker, which `dramatiq workers` and every
actor declared afterwards use. Nothing connects until a message is sent or a
worker starts, so importing it needs no running Redis.
"""

import dramatiq
from dramatiq.middleware import AsyncIO, Retries, default_middleware

from ekinerja_graphql.config import Settings, get_settings
from workers.database import TortoiseLifecycle
from workers.dead_letters import DeadLetteringRedisBroker
from workers.embedded_redis import socket_url
from workers.retries import RetriesUnlessDeterministic
from workers.siasn_client import SiasnClientLifecycle


def redis_url(settings: Settings) -> str:
    return settings.redis_url or socket_url(settings.data_dir)


def build_broker(settings: Settings | None = None, namespace: str = "dramatiq"
                 ) -> DeadLetteringRedisBroker:  # fmt: skip
    """namespace: prefix of every Redis key, so tests can share a Redis without collisions."""
    settings = settings or get_settings()
    middleware = [RetriesUnlessDeterministic() if m is Retries else m()
                  for m in default_middleware]  # fmt: skip
    url = redis_url(settings)
    # AsyncIO first: the database and the SIASN client open on its event loop.
    middleware += [AsyncIO(), TortoiseLifecycle(settings), SiasnClientLifecycle(settings, url)]
    return DeadLetteringRedisBroker(url=url, middleware=middleware,
                                    namespace=namespace)  # fmt: skip


def use_broker(broker: dramatiq.Broker) -> dramatiq.Broker:
    """Makes `broker` the global one and moves the already declared actors onto it (tests)."""
    previous = dramatiq.get_broker()
    for name in previous.get_declared_actors():
        actor = previous.get_actor(name)
        actor.broker = broker
        broker.declare_actor(actor)
    dramatiq.set_broker(broker)
    return broker


broker = build_broker()
dramatiq.set_broker(broker)
