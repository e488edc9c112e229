"""Starlette app factory: /graphql (+GraphiQL and its assets), /ekspor/tukin.{xlsx,csv}
(the bendahara's exports, with the same bearer token), /healthz, /metrics.

/healthz and /metrics are open like any load-balancer probe: they hold no data of
the database (a status word; process and Python counters), and /metrics can be
switched off with EKINERJA_METRICS=false. Production should still keep both off
the public ingress.
"""

import gc
import logging
from contextlib import asynccontextmanager

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from tortoise import connections

from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.db import close_db, init_db
from ekinerja_graphql.logging_setup import configure_logging

logger = logging.getLogger(__name__)


async def healthz(request: Request) -> Response:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as error:  # noqa: BLE001 - health reports any failure
        logger.warning("health check failed: %r", error)
        return JSONResponse({"status": "error", "database": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


async def metrics(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


# A collection of the youngest generation once 200,000 more objects live than at the last
# one (not 700): a nested query holds ~30,000 until it is answered, eight at once
# ~240,000, and they are freed without the collector (the request's DataLoaders are
# closed, api/loaders.py); what cycles leave (~40 objects a request) waits for a
# collection every few thousand requests, ~15 MB. The older generations a twentieth as
# often (benchmarks/RESULTS.md, "Compiled read path, second stop").
GC_THRESHOLDS = (200_000, 20, 20)


def settle_heap() -> None:
    """Moves what start-up allocated (schema, models, modules) out of the collector's
    sight and makes collections rarer: the collector was a third of a nested query's CPU."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def create_app(settings: Settings | None = None, manage_database: bool = True) -> Starlette:
    """manage_database=False when the caller (tests) has already initialised Tortoise.

    Refuses to build without a key to verify tokens with (config.MissingTokenKey).
    """
    settings = settings or get_settings()
    settings.require_token_key()
    from ekinerja_graphql.api.ekspor import ekspor_routes
    from ekinerja_graphql.api.graphiql import DEFAULT_ASSETS_PATH, graphiql_assets_app
    from ekinerja_graphql.api.http import create_graphql_app

    if manage_database:  # a real server, not a test harness that owns logging
        configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        if manage_database:
            await init_db(settings)
            settle_heap()
        try:
            yield
        finally:
            if manage_database:
                await close_db()

    routes = [
        Route("/graphql", create_graphql_app(settings), methods=["GET", "POST"]),
        Route("/healthz", healthz),
        *ekspor_routes(settings),
    ]
    if settings.metrics:
        routes.append(Route("/metrics", metrics))
    if settings.graphiql and not settings.graphiql_assets_url:
        routes.append(Mount(DEFAULT_ASSETS_PATH, graphiql_assets_app()))
    return Starlette(routes=routes, lifespan=lifespan)
