from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

from ekinerja_graphql.domain.golongan import Golongan, GolonganPppk
from ekinerja_graphql.domain.jabatan import TugasTambahan
from ekinerja_graphql.domain.kepegawaian import JenisKelamin, JenisPegawai, StatusPegawai
from ekinerja_graphql.models.base import VersionedModel

_PPPK = "('PPPK', 'PPPK_PARUH_WAKTU')"


class Pegawai(VersionedModel):
    id = fields.IntField(primary_key=True)
    nip = fields.CharField(max_length=18, unique=True)  # NIP of a PNS or NI PPPK
    nip_lama = fields.CharField(max_length=9, null=True)
    nama = fields.CharField(max_length=255)
    gelar_depan = fields.CharField(max_length=60, null=True)
    gelar_belakang = fields.CharField(max_length=60, null=True)
    jenis_kelamin = fields.CharEnumField(JenisKelamin, max_length=10)
    tanggal_lahir = fields.DateField()
    jenis = fields.CharEnumField(JenisPegawai, max_length=16, db_index=True)
    # Two scales, never mixed: PNS/CPNS have a golongan/ruang, PPPK a golongan I–XVII.
    golongan = fields.CharEnumField(Golongan, max_length=2, null=True, db_index=True)
    golongan_awal = fields.CharEnumField(Golongan, max_length=2, null=True)  # at TMT CPNS
    golongan_pppk = fields.CharEnumField(GolonganPppk, max_length=4, null=True, db_index=True)
    status = fields.CharEnumField(StatusPegawai, max_length=24, db_index=True)
    jabatan = fields.ForeignKeyField(
        "models.Jabatan",
        related_name="pegawai",
        null=True,
        db_index=True,
        on_delete=fields.SET_NULL,
    )
    # Kepala KUA, kepala madrasah, rektor, ketua, dekan: held beside a jabatan fungsional.
    tugas_tambahan = fields.CharEnumField(TugasTambahan, max_length=20, null=True)
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
    # Where the penilai is no ASN (the Menteri rates the eselon I heads).
    pejabat_penilai_negara = fields.ForeignKeyField(
        "models.PejabatNegara",
        related_name=False,
        null=True,
        db_index=True,
        on_delete=fields.RESTRICT,
    )
    tmt_cpns = fields.DateField(null=True)  # PNS: TMT CPNS; PPPK: TMT of the first contract
    tmt_jabatan = fields.DateField(null=True)
    # Rp per month of tunjangan profesi (a certified guru or dosen): offset against tukin.
    tunjangan_profesi = fields.IntField(null=True)
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
        constraints = (
            CheckConstraint(
                check=f"(jenis IN {_PPPK} AND golongan IS NULL AND golongan_awal IS NULL)"
                f" OR (jenis NOT IN {_PPPK} AND golongan_pppk IS NULL)",
                name="pegawai_golongan_scale",
            ),
            CheckConstraint(
                check="pejabat_penilai_id IS NULL OR pejabat_penilai_negara_id IS NULL",
                name="pegawai_one_penilai",
            ),
        )
