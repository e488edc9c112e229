"""Tukin: rule set versions, monthly results with their history, and computation runs."""

from tortoise import fields
from tortoise.models import Model

from ekinerja_graphql.domain.kepegawaian import JenisPegawai
from ekinerja_graphql.models.base import TimestampedModel
from ekinerja_graphql.models.sync_run import StatusBatch, SyncStatus


class AturanTukin(Model):
    """A rule set as uploaded, whose id is its version. A month is computed with the one of
    the latest berlaku_mulai not after the month (the latest upload among equals)."""

    id = fields.IntField(primary_key=True)
    nama = fields.CharField(max_length=255)
    berlaku_mulai = fields.DateField(db_index=True)
    isi = fields.TextField()  # the TOML file, kept whole
    sha256 = fields.CharField(max_length=64)
    diunggah_oleh = fields.CharField(max_length=64, null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "aturan_tukin"


class TukinRun(TimestampedModel):
    """One computation of a month for a unit subtree, in batches of units."""

    id = fields.IntField(primary_key=True)
    bulan = fields.DateField()
    unit = fields.ForeignKeyField("models.UnitOrganisasi", related_name=False, null=True,
                                  on_delete=fields.SET_NULL)  # fmt: skip
    status = fields.CharEnumField(SyncStatus, max_length=10, db_index=True)
    requested_by = fields.CharField(max_length=64, null=True)
    total = fields.IntField(null=True)  # pegawai to compute, once planned
    done = fields.IntField(default=0)
    batches = fields.IntField(default=0)
    batches_done = fields.IntField(default=0)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    heartbeat_at = fields.DatetimeField(null=True)
    error_summary = fields.TextField(null=True)
    # "bulan:unit" while going, null after: one run per month and subtree at a time.
    active_key = fields.CharField(max_length=40, null=True, unique=True)

    class Meta:
        table = "tukin_run"


class TukinBatch(Model):
    """A run's slice of units: one message, applied once (DONE in its transaction)."""

    id = fields.IntField(primary_key=True)
    run = fields.ForeignKeyField("models.TukinRun", related_name=False, db_index=True,
                                 on_delete=fields.CASCADE)  # fmt: skip
    nomor = fields.IntField()
    unit_ids = fields.JSONField()
    pegawai = fields.IntField()
    status = fields.CharEnumField(StatusBatch, max_length=8, default=StatusBatch.PENDING)
    claimed_by = fields.CharField(max_length=64, null=True)
    claimed_at = fields.DatetimeField(null=True)
    attempts = fields.SmallIntField(default=0)  # claims so far: past the limit the run fails
    done_at = fields.DatetimeField(null=True)

    class Meta:
        table = "tukin_batch"
        unique_together = (("run", "nomor"),)


class _TukinColumns(Model):
    bulan = fields.DateField()
    jenis = fields.CharEnumField(JenisPegawai, max_length=16)
    kelas = fields.SmallIntField(null=True)
    jumlah = fields.BigIntField()  # whole rupiah paid
    tukin_bulan = fields.DecimalField(max_digits=16, decimal_places=2)
    persen_dibayar = fields.DecimalField(max_digits=8, decimal_places=3)
    potongan_persen = fields.DecimalField(max_digits=10, decimal_places=3)
    provisional = fields.BooleanField()
    masukan = fields.JSONField()  # kelas, status, attendance summary, predikat …
    rincian = fields.JSONField()  # the breakdown, line by line
    dihitung_at = fields.DatetimeField()

    class Meta:
        abstract = True


class Tukin(_TukinColumns):
    """A pegawai's month as last computed. `stale`: an input changed since."""

    id = fields.BigIntField(primary_key=True)
    pegawai = fields.ForeignKeyField("models.Pegawai", related_name=False, db_index=False,
                                     on_delete=fields.CASCADE)  # fmt: skip
    unit = fields.ForeignKeyField("models.UnitOrganisasi", related_name=False, db_index=False,
                                  on_delete=fields.RESTRICT)  # the pegawai's unit then
    aturan = fields.ForeignKeyField("models.AturanTukin", related_name=False, db_index=False,
                                    on_delete=fields.RESTRICT)  # fmt: skip
    run = fields.ForeignKeyField("models.TukinRun", related_name=False, null=True,
                                 db_index=False, on_delete=fields.SET_NULL)  # fmt: skip
    stale = fields.BooleanField(default=False)
    # When an input changed: a computation that read its inputs before keeps the row stale.
    stale_at = fields.DatetimeField(null=True)

    class Meta:
        table = "tukin"
        unique_together = (("pegawai", "bulan"),)
        indexes = (("bulan", "unit_id"),)


class TukinRiwayat(_TukinColumns):
    """A result a later computation replaced: an archive, so its ids are plain columns (no
    foreign-key checks on the 350,000 rows a re-run of the ministry moves here)."""

    id = fields.BigIntField(primary_key=True)
    pegawai_id = fields.IntField()
    unit_id = fields.IntField()
    aturan_id = fields.IntField()
    run_id = fields.IntField(null=True)
    diganti_at = fields.DatetimeField()

    class Meta:
        table = "tukin_riwayat"
        indexes = (("pegawai_id", "bulan"),)
