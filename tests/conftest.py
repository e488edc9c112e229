"""Test database: SQLite by default, PostgreSQL when EKINERJA_TEST_DATABASE_URL says so.

The schema is always built by the real migrations. Read-only tests share one
seeded dataset (`seeded_db`, with the demo's admin assignments); tests that write
start from `empty_db`.
"""

import os
import tempfile
from pathlib import Path

import pytest
from tortoise import Tortoise, connections

from ekinerja_graphql.auth import installation_secret
from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import close_db, init_db, is_postgres, migrate_db
from workers.embedded_redis import EmbeddedRedis

SEEDED_PEGAWAI = 300
SEED = 2026

_dataset: dict[str, object] = {"key": None}


def _test_database_url() -> str:
    url = os.environ.get("EKINERJA_TEST_DATABASE_URL", "")
    if url:
        return url
    directory = Path(tempfile.mkdtemp(prefix="ekinerja-test-"))
    return f"sqlite://{directory / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    directory = Path(tempfile.mkdtemp(prefix="ekinerja-data-"))
    return Settings(
        database_url=_test_database_url(),
        redis_url=os.environ.get("EKINERJA_TEST_REDIS_URL", ""),
        data_dir=directory,
        jwt_secret=installation_secret(directory),  # random, per test run
    )


async def _reset_postgres_schema(url: str) -> None:
    await Tortoise.init(db_url=url, modules={"models": ["ekinerja_graphql.models"]})
    await connections.get("default").execute_script(
        "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
    )
    await Tortoise.close_connections()


@pytest.fixture(scope="session")
async def database(test_settings: Settings):
    url = test_settings.resolved_database_url
    if is_postgres(url):
        await _reset_postgres_schema(url)
    await migrate_db(test_settings)
    await init_db(test_settings)
    yield test_settings
    await close_db()


async def truncate_all() -> None:
    connection = connections.get("default")
    tables = [model._meta.db_table for model in Tortoise.apps["models"].values()]
    if connection.capabilities.dialect == "postgres":
        await connection.execute_script(
            f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE;"
        )
    else:
        deletes = "".join(f"DELETE FROM {t};" for t in tables)
        await connection.execute_script(
            f"PRAGMA foreign_keys = OFF;{deletes}DELETE FROM sqlite_sequence;"
            "PRAGMA foreign_keys = ON;"
        )
    _dataset["key"] = None


@pytest.fixture
async def empty_db(database):
    await truncate_all()
    return database


@pytest.fixture
async def seeded_db(database):
    """A deterministic ministry of SEEDED_PEGAWAI pegawai, seeded once and shared."""
    from ekinerja_graphql.seed import seed_database
    from ekinerja_graphql.services.demo_accounts import find_demo_accounts, grant_demo_admins

    key = (SEEDED_PEGAWAI, SEED)
    if _dataset["key"] != key:
        await truncate_all()
        await seed_database(SEEDED_PEGAWAI, random_seed=SEED)
        await grant_demo_admins(await find_demo_accounts())
        _dataset["key"] = key
    return database


@pytest.fixture(scope="session")
def redis_settings(test_settings: Settings):
    """test_settings with a live Redis: EKINERJA_TEST_REDIS_URL, else an embedded server."""
    if test_settings.redis_url:
        yield test_settings
        return
    with EmbeddedRedis(test_settings.data_dir) as server:
        yield test_settings.model_copy(update={"redis_url": server.url})
