"""Pejabat negara who head units without being ASN: the Menteri (spec/domain.md §6)."""

from tortoise import fields

from ekinerja_graphql.models.base import TimestampedModel


class PejabatNegara(TimestampedModel):
    """No NIP, no SKP, no golongan. Where one is the pejabat penilai, the SKP records
    statusPenilai NON ASN with this name and jabatan. Rows are kept when the office changes
    hands (`selesai` is set), so SKPs keep the penilai they had."""

    id = fields.IntField(primary_key=True)
    nama = fields.CharField(max_length=255)
    gelar_depan = fields.CharField(max_length=60, null=True)
    gelar_belakang = fields.CharField(max_length=60, null=True)
    jabatan = fields.CharField(max_length=255)
    unit = fields.ForeignKeyField(
        "models.UnitOrganisasi", related_name=False, db_index=True, on_delete=fields.RESTRICT
    )
    mulai = fields.DateField()
    selesai = fields.DateField(null=True)  # inclusive; null while in office

    class Meta:
        table = "pejabat_negara"
