"""Sync batches (issue 14): a pegawai run's NIPs in slices, each one message and one
checkpoint, marked DONE in the transaction that applies it."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from ekinerja_graphql.models.sync_run import StatusBatch
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_sync_records')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SyncBatch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('models.SyncRun', source_field='run_id', db_index=True, db_constraint=True, to_field='id', related_name='batches', on_delete=OnDelete.CASCADE)),
                ('nomor', fields.IntField()),
                ('nips', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('status', fields.CharEnumField(default=StatusBatch.PENDING, description='PENDING: PENDING\nDONE: DONE', enum_type=StatusBatch, max_length=8)),
                ('claimed_by', fields.CharField(null=True, max_length=64)),
                ('claimed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'sync_batch', 'app': 'models', 'unique_together': (('run', 'nomor'),), 'pk_attr': 'id', 'table_description': "A slice of a pegawai run's NIPs: the unit of work of one message and the run's"},
            bases=['Model'],
        ),
    ]
