"""The migrations describe the models exactly: a model change without a migration fails."""

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from ekinerja_graphql.db import tortoise_config


async def test_models_have_no_unmigrated_changes(database):
    apps = tortoise_config(database.resolved_database_url)["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, apps).changes()
    pending = [operation.describe() for w in writers for operation in w.operations]
    assert pending == [], f"run `tortoise makemigrations` for: {pending}"



async def test_the_closed_skp_indexes_hold_closed_skps_only(database):
    from importlib import import_module

    names = import_module("ekinerja_graphql.migrations.0010_closed_skp_indexes").INDEXES
    client = Tortoise.get_connection("default")
    if client.capabilities.dialect == "postgres":
        rows = await client.execute_query_dict(
            "SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename = 'skp'")
    else:
        rows = await client.execute_query_dict(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'skp'")
    found = {row["name"]: row["sql"] for row in rows if row["name"] in names}
    assert found.keys() == names.keys()
    assert all("WHERE" in sql and "ditutup_pada IS NOT NULL" in sql for sql in found.values())
