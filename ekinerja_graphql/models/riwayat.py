"""Every step of the workflow, as it was taken: who, when, from which state to which, why."""

from tortoise import fields
from tortoise.models import Model

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.domain.workflow import Aksi


class _Riwayat(Model):
    id = fields.IntField(primary_key=True)
    aksi = fields.CharEnumField(Aksi, max_length=40)
    oleh = fields.CharField(max_length=64)  # the token's subject: a NIP or a service account
    oleh_pegawai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    pada = fields.DatetimeField(auto_now_add=True)
    catatan = fields.TextField(null=True)

    class Meta:
        abstract = True


class SkpRiwayat(_Riwayat):
    skp = fields.ForeignKeyField(
        "models.Skp", related_name="riwayat", db_index=True, on_delete=fields.CASCADE
    )
    dari_status = fields.CharEnumField(StatusSkp, max_length=10, null=True)  # null: created
    ke_status = fields.CharEnumField(StatusSkp, max_length=10)

    class Meta:
        table = "skp_riwayat"


class EvaluasiRiwayat(_Riwayat):
    evaluasi = fields.ForeignKeyField(
        "models.Evaluasi", related_name="riwayat", db_index=True, on_delete=fields.CASCADE
    )
    dari_status = fields.CharEnumField(StatusEvaluasi, max_length=10, null=True)
    ke_status = fields.CharEnumField(StatusEvaluasi, max_length=10)

    class Meta:
        table = "evaluasi_riwayat"
