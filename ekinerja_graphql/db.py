"""Tortoise set-up shared by the API, the workers, the CLI and the tests."""

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.migrations.api import migrate as run_migrations

from ekinerja_graphql.config import Settings, get_settings

MODELS_MODULE = "ekinerja_graphql.models"
MIGRATIONS_MODULE = "ekinerja_graphql.migrations"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def tortoise_config(database_url: str, pool_size: int = 10) -> dict[str, Any]:
    if is_postgres(database_url):
        separator = "&" if "?" in database_url else "?"
        connection = f"{database_url}{separator}minsize=1&maxsize={pool_size}"
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
    await Tortoise.init(
        config=tortoise_config(settings.resolved_database_url, settings.database_pool_size),
        _enable_global_fallback=True,
    )


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate_db(settings: Settings | None = None) -> None:
    """Apply every pending migration (the only way the schema is created)."""
    settings = settings or get_settings()
    await run_migrations(config=tortoise_config(settings.resolved_database_url))
    await Tortoise.close_connections()


@asynccontextmanager
async def database(settings: Settings | None = None):
    await init_db(settings)
    try:
        yield
    finally:
        await close_db()
