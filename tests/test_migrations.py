"""The migrations describe the models exactly: a model change without a migration fails."""

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from ekinerja_graphql.db import tortoise_config


async def test_models_have_no_unmigrated_changes(database):
    apps = tortoise_config(database.resolved_database_url)["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, apps).changes()
    pending = [operation.describe() for w in writers for operation in w.operations]
    assert pending == [], f"run `tortoise makemigrations` for: {pending}"
