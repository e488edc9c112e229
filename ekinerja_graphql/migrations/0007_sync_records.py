"""SIASN sync records (issue 14): what a run found different, set aside or could not take;
a run's progress, one running run per kind and scope (active_key), and the worker task
that has it (claimed_by)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_perilaku_version')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SyncDifference',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('models.SyncRun', source_field='run_id', db_index=True, db_constraint=True, to_field='id', related_name='differences', on_delete=OnDelete.CASCADE)),
                ('code', fields.CharField(max_length=40)),
                ('object_type', fields.CharField(max_length=40)),
                ('object_id', fields.IntField(null=True)),
                ('siasn_id', fields.CharField(null=True, max_length=42)),
                ('field', fields.CharField(max_length=60)),
                ('old', fields.TextField(null=True, unique=False)),
                ('new', fields.TextField(null=True, unique=False)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'sync_difference', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A field SIASN holds otherwise than we did, as the run found (and applied) it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SyncFailure',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('models.SyncRun', source_field='run_id', db_index=True, db_constraint=True, to_field='id', related_name='failures', on_delete=OnDelete.CASCADE)),
                ('code', fields.CharField(max_length=40)),
                ('penanggung', fields.CharField(max_length=24)),
                ('key', fields.CharField(null=True, max_length=120)),
                ('message', fields.TextField(unique=False)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'sync_failure', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An item a run could not take, with a stable code and who can fix it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SyncQuarantine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('models.SyncRun', source_field='run_id', db_index=True, db_constraint=True, to_field='id', related_name='quarantined', on_delete=OnDelete.CASCADE)),
                ('source', fields.CharField(max_length=120)),
                ('reason', fields.TextField(unique=False)),
                ('payload', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'sync_quarantine', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A SIASN payload that did not parse, kept whole with the reason.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='SyncRun',
            name='active_key',
            field=fields.CharField(null=True, unique=True, max_length=160),
        ),
        ops.AddField(
            model_name='SyncRun',
            name='claimed_by',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='SyncRun',
            name='done',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='SyncRun',
            name='total',
            field=fields.IntField(null=True),
        ),
    ]
