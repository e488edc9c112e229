"""The capaian of a unit for a period, set by the leader one level up (SE MenPANRB 3/2023),
and the override of the distribution curve where the pegawai's predikat do not fit it."""

from tortoise import fields

from ekinerja_graphql.domain.kurva import PredikatOrganisasi as Predikat
from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.models.base import VersionedModel


class PredikatOrganisasi(VersionedModel):
    id = fields.IntField(primary_key=True)
    unit = fields.ForeignKeyField(
        "models.UnitOrganisasi", related_name=False, db_index=True, on_delete=fields.RESTRICT
    )
    tahun = fields.SmallIntField()
    jenis_periode = fields.CharEnumField(JenisPeriode, max_length=10)
    nomor_periode = fields.SmallIntField()
    predikat = fields.CharEnumField(Predikat, max_length=16)
    catatan = fields.TextField(null=True)
    ditetapkan_oleh = fields.CharField(max_length=64)
    # Penetapan may go ahead although the curve is not met: recorded, with the reason.
    override_alasan = fields.TextField(null=True)
    override_oleh = fields.CharField(max_length=64, null=True)
    override_at = fields.DatetimeField(null=True)

    class Meta:
        table = "predikat_organisasi"
        unique_together = (("unit", "tahun", "jenis_periode", "nomor_periode"),)
