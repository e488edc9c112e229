"""PerilakuKerja gets a version: the ekspektasi khusus is edited under optimistic concurrency."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_write_side')]

    initial = False

    operations = [
        ops.AddField(
            model_name='PerilakuKerja',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
    ]
