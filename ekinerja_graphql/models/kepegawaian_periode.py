"""Dated facts about a pegawai that tukin reads: hukuman disiplin and status periods."""

from tortoise import fields

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman
from ekinerja_graphql.models.base import TimestampedModel


class HukumanDisiplin(TimestampedModel):
    """Runs `bulan` months from the month of `tmt`."""

    id = fields.IntField(primary_key=True)
    pegawai = fields.ForeignKeyField("models.Pegawai", related_name="hukuman_disiplin",
                                     db_index=True, on_delete=fields.CASCADE)  # fmt: skip
    tingkat = fields.CharEnumField(TingkatHukuman, max_length=8)
    nomor_sk = fields.CharField(max_length=100)
    tmt = fields.DateField()
    bulan = fields.SmallIntField()
    dicatat_oleh = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "hukuman_disiplin"


class PeriodeStatus(TimestampedModel):
    """A stretch in a status other than AKTIF (CLTN, tugas belajar, MPP …)."""

    id = fields.IntField(primary_key=True)
    pegawai = fields.ForeignKeyField("models.Pegawai", related_name="periode_status",
                                     db_index=True, on_delete=fields.CASCADE)  # fmt: skip
    status = fields.CharEnumField(StatusPegawai, max_length=24)
    mulai = fields.DateField()
    selesai = fields.DateField(null=True)  # None: still going
    nomor_sk = fields.CharField(max_length=100, null=True)
    dicatat_oleh = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "periode_status"
