from tortoise import fields

from ekinerja_graphql.domain.kepegawaian import (
    Golongan,
    JenisKelamin,
    JenisPegawai,
    StatusPegawai,
)
from ekinerja_graphql.models.base import VersionedModel


class Pegawai(VersionedModel):
    id = fields.IntField(primary_key=True)
    nip = fields.CharField(max_length=18, unique=True)
    nip_lama = fields.CharField(max_length=9, null=True)
    nama = fields.CharField(max_length=255)
    gelar_depan = fields.CharField(max_length=60, null=True)
    gelar_belakang = fields.CharField(max_length=60, null=True)
    jenis_kelamin = fields.CharEnumField(JenisKelamin, max_length=10)
    tanggal_lahir = fields.DateField()
    jenis = fields.CharEnumField(JenisPegawai, max_length=4, db_index=True)
    golongan = fields.CharEnumField(Golongan, max_length=2, null=True, db_index=True)
    status = fields.CharEnumField(StatusPegawai, max_length=24, db_index=True)
    jabatan = fields.ForeignKeyField(
        "models.Jabatan",
        related_name="pegawai",
        null=True,
        db_index=True,
        on_delete=fields.SET_NULL,
    )
    unit = fields.ForeignKeyField(
        "models.UnitOrganisasi", related_name="pegawai", db_index=True, on_delete=fields.RESTRICT
    )
    pejabat_penilai = fields.ForeignKeyField(
        "models.Pegawai",
        related_name="bawahan",
        null=True,
        db_index=True,
        on_delete=fields.SET_NULL,
    )
    tmt_cpns = fields.DateField(null=True)
    tmt_jabatan = fields.DateField(null=True)
    # Personal data: visible to the pegawai and admins only (spec/domain.md §8).
    nik = fields.CharField(max_length=16, null=True)
    alamat = fields.TextField(null=True)
    email = fields.CharField(max_length=255, null=True)
    nomor_hp = fields.CharField(max_length=20, null=True)
    siasn_pns_id = fields.CharField(max_length=42, unique=True, null=True)
    last_synced_at = fields.DatetimeField(null=True)

    class Meta:
        table = "pegawai"
        # Keyset pagination orders by (nama, id).
        indexes = (("nama", "id"), ("unit_id", "nama", "id"))
