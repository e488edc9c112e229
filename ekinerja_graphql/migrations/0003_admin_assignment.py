# CreateModel does not emit CHECK constraints (Tortoise 1.1); AddConstraint does.
from tortoise import migrations
from tortoise.migrations import operations as ops
from ekinerja_graphql.domain.akses import Peran
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0002_pegawai_nama_trigram')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdminAssignment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pegawai', fields.ForeignKeyField('models.Pegawai', source_field='pegawai_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('service_account', fields.CharField(null=True, db_index=True, max_length=64)),
                ('role', fields.CharEnumField(description='PEGAWAI: PEGAWAI\nPENILAI: PENILAI\nATASAN_PENILAI: ATASAN_PENILAI\nADMIN_UNIT: ADMIN_UNIT\nADMIN_PUSAT: ADMIN_PUSAT', enum_type=Peran, max_length=20)),
                ('unit', fields.ForeignKeyField('models.UnitOrganisasi', source_field='unit_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('valid_from', fields.DateField()),
                ('valid_until', fields.DateField(null=True)),
                ('granted_by', fields.CharField(max_length=64)),
                ('granted_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_by', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'admin_assignment', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A grant of an admin role to a pegawai or a service account, for a unit subtree'},
            bases=['Model'],
        ),
        ops.AddConstraint('AdminAssignment', CheckConstraint(check='(pegawai_id IS NULL) <> (service_account IS NULL)', name='admin_assignment_one_subject')),
        ops.AddConstraint('AdminAssignment', CheckConstraint(check="(role = 'ADMIN_UNIT' AND unit_id IS NOT NULL) OR (role = 'ADMIN_PUSAT' AND unit_id IS NULL)", name='admin_assignment_unit_matches_role')),
        ops.AddConstraint('AdminAssignment', CheckConstraint(check='valid_until IS NULL OR valid_until >= valid_from', name='admin_assignment_valid_range')),
    ]
