"""Tunjangan kinerja (issue 15): rule set versions, daily attendance and its imports,
hukuman disiplin and status periods, monthly results with their history, runs and
batches, and the tunjangan profesi of a pegawai."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from ekinerja_graphql.domain.kepegawaian import JenisPegawai, StatusPegawai
from ekinerja_graphql.domain.tukin.absensi import Keterangan
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman
from ekinerja_graphql.models.sync_run import StatusBatch, SyncStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0008_sync_batches')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AturanTukin',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('nama', fields.CharField(max_length=255)),
                ('berlaku_mulai', fields.DateField(db_index=True)),
                ('isi', fields.TextField(unique=False)),
                ('sha256', fields.CharField(max_length=64)),
                ('diunggah_oleh', fields.CharField(null=True, max_length=64)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'aturan_tukin', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A rule set as uploaded, whose id is its version. A month is computed with the one of'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HukumanDisiplin',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pegawai', fields.ForeignKeyField('models.Pegawai', source_field='pegawai_id', db_index=True, db_constraint=True, to_field='id', related_name='hukuman_disiplin', on_delete=OnDelete.CASCADE)),
                ('tingkat', fields.CharEnumField(description='RINGAN: RINGAN\nSEDANG: SEDANG\nBERAT: BERAT', enum_type=TingkatHukuman, max_length=8)),
                ('nomor_sk', fields.CharField(max_length=100)),
                ('tmt', fields.DateField()),
                ('bulan', fields.SmallIntField()),
                ('dicatat_oleh', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'hukuman_disiplin', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Runs `bulan` months from the month of `tmt`.'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='ImporAbsensi',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('nama_berkas', fields.CharField(max_length=255)),
                ('sha256', fields.CharField(max_length=64)),
                ('diunggah_oleh', fields.CharField(null=True, max_length=64)),
                ('baris', fields.IntField()),
                ('diganti', fields.IntField()),
                ('pegawai', fields.IntField()),
                ('bulan', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'impor_absensi', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An accepted attendance file: a rejected one writes nothing.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Absensi',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pegawai', fields.ForeignKeyField('models.Pegawai', source_field='pegawai_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('tanggal', fields.DateField()),
                ('keterangan', fields.CharEnumField(description='HADIR: HADIR\nTK: TK\nCUTI_TAHUNAN: CUTI_TAHUNAN\nCUTI_SAKIT: CUTI_SAKIT\nCUTI_BESAR: CUTI_BESAR\nCUTI_MELAHIRKAN: CUTI_MELAHIRKAN\nCUTI_ALASAN_PENTING: CUTI_ALASAN_PENTING\nCLTN: CLTN\nDINAS_LUAR: DINAS_LUAR\nTUGAS_BELAJAR: TUGAS_BELAJAR', enum_type=Keterangan, max_length=20)),
                ('jam_masuk', fields.CharField(null=True, max_length=8)),
                ('jam_pulang', fields.CharField(null=True, max_length=8)),
                ('menit_terlambat', fields.SmallIntField(null=True)),
                ('menit_pulang_cepat', fields.SmallIntField(null=True)),
                ('impor', fields.ForeignKeyField('models.ImporAbsensi', source_field='impor_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'absensi', 'app': 'models', 'unique_together': (('pegawai', 'tanggal'),), 'pk_attr': 'id', 'table_description': "One pegawai's day. Minutes late and early are derived at import from the times and"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PeriodeStatus',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pegawai', fields.ForeignKeyField('models.Pegawai', source_field='pegawai_id', db_index=True, db_constraint=True, to_field='id', related_name='periode_status', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(description='AKTIF: AKTIF\nCLTN: CLTN\nDIBERHENTIKAN_SEMENTARA: DIBERHENTIKAN_SEMENTARA\nUANG_TUNGGU: UANG_TUNGGU\nMPP: MPP\nTUGAS_BELAJAR: TUGAS_BELAJAR\nPENSIUN: PENSIUN\nMENINGGAL: MENINGGAL\nNONAKTIF: NONAKTIF', enum_type=StatusPegawai, max_length=24)),
                ('mulai', fields.DateField()),
                ('selesai', fields.DateField(null=True)),
                ('nomor_sk', fields.CharField(null=True, max_length=100)),
                ('dicatat_oleh', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'periode_status', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A stretch in a status other than AKTIF (CLTN, tugas belajar, MPP …).'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='TukinRiwayat',
            fields=[
                ('bulan', fields.DateField()),
                ('jenis', fields.CharEnumField(description='PNS: PNS\nCPNS: CPNS\nPPPK: PPPK\nPPPK_PARUH_WAKTU: PPPK_PARUH_WAKTU', enum_type=JenisPegawai, max_length=16)),
                ('kelas', fields.SmallIntField(null=True)),
                ('jumlah', fields.BigIntField()),
                ('tukin_bulan', fields.DecimalField(max_digits=16, decimal_places=2)),
                ('persen_dibayar', fields.DecimalField(max_digits=8, decimal_places=3)),
                ('potongan_persen', fields.DecimalField(max_digits=10, decimal_places=3)),
                ('provisional', fields.BooleanField()),
                ('masukan', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('rincian', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('dihitung_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pegawai_id', fields.IntField()),
                ('unit_id', fields.IntField()),
                ('aturan_id', fields.IntField()),
                ('run_id', fields.IntField(null=True)),
                ('diganti_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'tukin_riwayat', 'app': 'models', 'indexes': [Index(fields=['pegawai_id', 'bulan'])], 'pk_attr': 'id', 'table_description': 'A result a later computation replaced: an archive, so its ids are plain columns (no'},
            bases=['_TukinColumns'],
        ),
        ops.CreateModel(
            name='TukinRun',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('bulan', fields.DateField()),
                ('unit', fields.ForeignKeyField('models.UnitOrganisasi', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(db_index=True, description='PENDING: PENDING\nRUNNING: RUNNING\nSUCCEEDED: SUCCEEDED\nFAILED: FAILED\nCANCELLED: CANCELLED', enum_type=SyncStatus, max_length=10)),
                ('requested_by', fields.CharField(null=True, max_length=64)),
                ('total', fields.IntField(null=True)),
                ('done', fields.IntField(default=0)),
                ('batches', fields.IntField(default=0)),
                ('batches_done', fields.IntField(default=0)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('heartbeat_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('error_summary', fields.TextField(null=True, unique=False)),
                ('active_key', fields.CharField(null=True, unique=True, max_length=40)),
            ],
            options={'table': 'tukin_run', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One computation of a month for a unit subtree, in batches of units.'},
            bases=['TimestampedModel'],
        ),
        ops.CreateModel(
            name='Tukin',
            fields=[
                ('bulan', fields.DateField()),
                ('jenis', fields.CharEnumField(description='PNS: PNS\nCPNS: CPNS\nPPPK: PPPK\nPPPK_PARUH_WAKTU: PPPK_PARUH_WAKTU', enum_type=JenisPegawai, max_length=16)),
                ('kelas', fields.SmallIntField(null=True)),
                ('jumlah', fields.BigIntField()),
                ('tukin_bulan', fields.DecimalField(max_digits=16, decimal_places=2)),
                ('persen_dibayar', fields.DecimalField(max_digits=8, decimal_places=3)),
                ('potongan_persen', fields.DecimalField(max_digits=10, decimal_places=3)),
                ('provisional', fields.BooleanField()),
                ('masukan', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('rincian', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('dihitung_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pegawai', fields.ForeignKeyField('models.Pegawai', source_field='pegawai_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('unit', fields.ForeignKeyField('models.UnitOrganisasi', source_field='unit_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('aturan', fields.ForeignKeyField('models.AturanTukin', source_field='aturan_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('run', fields.ForeignKeyField('models.TukinRun', source_field='run_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('stale', fields.BooleanField(default=False)),
                ('stale_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'tukin', 'app': 'models', 'unique_together': (('pegawai', 'bulan'),), 'indexes': [Index(fields=['bulan', 'unit_id'])], 'pk_attr': 'id', 'table_description': "A pegawai's month as last computed. `stale`: an input changed since."},
            bases=['_TukinColumns'],
        ),
        ops.CreateModel(
            name='TukinBatch',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('models.TukinRun', source_field='run_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('nomor', fields.IntField()),
                ('unit_ids', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('pegawai', fields.IntField()),
                ('status', fields.CharEnumField(default=StatusBatch.PENDING, description='PENDING: PENDING\nDONE: DONE', enum_type=StatusBatch, max_length=8)),
                ('claimed_by', fields.CharField(null=True, max_length=64)),
                ('claimed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'tukin_batch', 'app': 'models', 'unique_together': (('run', 'nomor'),), 'pk_attr': 'id', 'table_description': "A run's slice of units: one message, applied once (DONE in its transaction)."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Pegawai',
            name='tunjangan_profesi',
            field=fields.IntField(null=True),
        ),
    ]
