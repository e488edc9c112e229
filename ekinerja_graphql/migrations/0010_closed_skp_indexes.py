"""The SKPs a mutasi closed, by their pejabat penilai and atasan: every request reads them
(services/access/viewer_rows.py, the bawahan an appraiser still rates after a mutasi). The
full indexes on those columns also hold every open SKP of the appraiser's bawahan, which
the heap then filters out: the statement's round trip took 142-190 µs on the benchmark
database, 118-127 µs with these. Partial, so they hold the closed SKPs only; the same SQL
on both databases."""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "idx_skp_closed_pejabat_penilai": "pejabat_penilai_id",
    "idx_skp_closed_atasan_penilai": "atasan_pejabat_penilai_id",
}


async def create_indexes(apps, schema_editor) -> None:
    await schema_editor.client.execute_script("".join(
        f"CREATE INDEX IF NOT EXISTS {name} ON skp ({column}) WHERE ditutup_pada IS NOT NULL;"
        for name, column in INDEXES.items()
    ))


async def drop_indexes(apps, schema_editor) -> None:
    await schema_editor.client.execute_script(
        "".join(f"DROP INDEX IF EXISTS {name};" for name in INDEXES))


class Migration(migrations.Migration):
    dependencies = [("models", "0009_tukin")]

    operations = [ops.RunPython(create_indexes, drop_indexes)]
