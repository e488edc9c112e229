"""Name search (`filter.nama`) on PostgreSQL: a trigram index on the expression Tortoise's
`icontains` compares, UPPER(CAST(nama AS VARCHAR)). SQLite has no trigram index; it scans."""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEX = "idx_pegawai_nama_trigram"


async def create_trigram_index(apps, schema_editor) -> None:
    client = schema_editor.client
    if client.capabilities.dialect != "postgres":
        return
    await client.execute_script(
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON pegawai "
        "USING gin ((UPPER(CAST(nama AS VARCHAR))) gin_trgm_ops);"
    )


async def drop_trigram_index(apps, schema_editor) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "postgres":
        await client.execute_script(f"DROP INDEX IF EXISTS {INDEX};")


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    operations = [ops.RunPython(create_trigram_index, drop_trigram_index)]
