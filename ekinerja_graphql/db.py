"""Tortoise set-up shared by the API, the workers, the CLI and the tests."""

import sqlite3
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import DBConnectionError, OperationalError
from tortoise.migrations.api import migrate as run_migrations

from ekinerja_graphql.config import Settings, get_settings

MODELS_MODULE = "ekinerja_graphql.models"
MIGRATIONS_MODULE = "ekinerja_graphql.migrations"
POSTGRES_ENGINE = "ekinerja_graphql.db_pool"  # Tortoise's asyncpg client, idle connections parked


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


async def _keep_session(connection) -> None:
    """A connection goes back to the pool without asyncpg's RESET ALL, UNLISTEN, CLOSE ALL
    and advisory unlock: one round trip per statement, for session state nothing here
    creates (locks are transaction-scoped). asyncpg still rolls back an open transaction."""


def tortoise_config(
    database_url: str,
    pool_size: int = 10,
    connect_timeout: float = 5.0,
    statement_timeout: float = 10.0,
) -> dict[str, Any]:
    """timeouts in seconds: to open a connection, and for one statement (PostgreSQL stops it
    server-side; the client gives up a second later, which also catches a hung server)."""
    if is_postgres(database_url):
        connection = expand_db_url(database_url)
        connection["engine"] = POSTGRES_ENGINE
        connection["credentials"].update(
            minsize=1,
            maxsize=pool_size,
            timeout=connect_timeout,
            command_timeout=statement_timeout + 1,
            reset=_keep_session,
            server_settings={
                "statement_timeout": str(int(statement_timeout * 1000)),
                "idle_in_transaction_session_timeout": str(int(statement_timeout * 3000)),
            },
        )
    else:
        Path(database_url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
        connection = database_url
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(settings: Settings | None = None) -> None:
    """Initialise for the whole process: Tortoise 1.x binds its context to the calling task,
    and the ASGI lifespan task is not the one that serves requests."""
    settings = settings or get_settings()
    await Tortoise.init(config=settings_config(settings), _enable_global_fallback=True)


def settings_config(settings: Settings) -> dict[str, Any]:
    return tortoise_config(
        settings.resolved_database_url,
        settings.database_pool_size,
        settings.database_connect_timeout_seconds,
        settings.database_statement_timeout_seconds,
    )


def database_unavailable(error: BaseException) -> bool:
    """Whether `error` means the database is down, unreachable, overloaded or too slow —
    worth a 503 and a retry — rather than a bug or a bad query."""
    if isinstance(error, OSError | TimeoutError | DBConnectionError):
        return True
    cause = error.args[0] if isinstance(error, OperationalError) and error.args else None
    if isinstance(cause, sqlite3.OperationalError) and "locked" in str(cause):
        return True  # another connection holds the SQLite file beyond its busy timeout
    try:
        import asyncpg
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        return False
    unavailable = (
        asyncpg.PostgresConnectionError,
        asyncpg.CannotConnectNowError,
        asyncpg.TooManyConnectionsError,
        asyncpg.QueryCanceledError,
        asyncpg.ConnectionDoesNotExistError,
    )
    return isinstance(error, unavailable) or isinstance(error.__cause__, unavailable)


async def close_db() -> None:
    await Tortoise.close_connections()


class MigrationRefused(RuntimeError):
    """A migration will not run on this database; the message says why and what to do."""


async def migrate_db(settings: Settings | None = None) -> None:
    """Apply every pending migration (the only way the schema is created)."""
    settings = settings or get_settings()
    try:
        await run_migrations(config=tortoise_config(settings.resolved_database_url))
    finally:  # a failed migration must not leave SQLite's thread keeping the process alive
        await Tortoise.close_connections()


@asynccontextmanager
async def database(settings: Settings | None = None):
    await init_db(settings)
    try:
        yield
    finally:
        await close_db()
