"""The SKP aggregate: Skp, its RHK tree, indicators and BerAKHLAK perilaku."""

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from ekinerja_graphql.domain.kepegawaian import StatusPenilai
from ekinerja_graphql.domain.skp import (
    AspekIndikator,
    JenisJabatanSkp,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    StatusSkp,
)
from ekinerja_graphql.models.base import VersionedModel


class Skp(VersionedModel):
    id = fields.IntField(primary_key=True)
    pegawai = fields.ForeignKeyField(
        "models.Pegawai", related_name="skp", db_index=True, on_delete=fields.RESTRICT
    )
    pejabat_penilai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    atasan_pejabat_penilai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    # NON_ASN: the penilai is a pejabat negara (the Menteri), SIASN's statusPenilai "NON ASN".
    status_penilai = fields.CharEnumField(
        StatusPenilai, max_length=8, default=StatusPenilai.ASN, db_default=StatusPenilai.ASN
    )
    pejabat_penilai_negara = fields.ForeignKeyField(
        "models.PejabatNegara", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    atasan_pejabat_penilai_negara = fields.ForeignKeyField(
        "models.PejabatNegara", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    # Position and unit the SKP was drawn up for; a mutasi opens a new SKP.
    jabatan = fields.ForeignKeyField(
        "models.Jabatan", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    unit = fields.ForeignKeyField(
        "models.UnitOrganisasi", related_name=False, db_index=True, on_delete=fields.RESTRICT
    )
    tahun = fields.SmallIntField(db_index=True)
    periode_awal = fields.DateField()
    periode_akhir = fields.DateField()
    pendekatan = fields.CharEnumField(Pendekatan, max_length=12)
    jenis_jabatan = fields.CharEnumField(JenisJabatanSkp, max_length=3)
    status = fields.CharEnumField(StatusSkp, max_length=10, db_index=True)
    dukungan_sumber_daya = fields.JSONField(default=list)
    skema_pertanggungjawaban = fields.JSONField(default=list)
    konsekuensi = fields.JSONField(default=list)
    disetujui_at = fields.DatetimeField(null=True)
    # A mutasi closed the SKP on this day (its periode_akhir); a new one plans what follows.
    ditutup_pada = fields.DateField(null=True)

    class Meta:
        table = "skp"
        unique_together = (("pegawai", "tahun", "periode_awal"),)
        constraints = (
            CheckConstraint(
                check="(status_penilai = 'NON_ASN' AND pejabat_penilai_negara_id IS NOT NULL"
                " AND pejabat_penilai_id IS NULL)"
                " OR (status_penilai = 'ASN' AND pejabat_penilai_negara_id IS NULL)",
                name="skp_status_penilai",
            ),
        )


class RencanaHasilKerja(VersionedModel):
    id = fields.IntField(primary_key=True)
    skp = fields.ForeignKeyField(
        "models.Skp", related_name="rencana_hasil_kerja", db_index=True, on_delete=fields.CASCADE
    )
    jenis = fields.CharEnumField(JenisRhk, max_length=8)
    uraian = fields.TextField()
    # The superior's RHK this one intervenes: the edges of the pohon kinerja. Required for
    # UTAMA RHK of JA/JF (domain.skp.rhk_atasan_wajib: the seed keeps it; the write side is
    # to check it); an RHK cascaded to cannot be deleted.
    rhk_atasan = fields.ForeignKeyField(
        "models.RencanaHasilKerja",
        related_name="rhk_turunan",
        null=True,
        db_index=True,
        on_delete=fields.RESTRICT,
    )
    perspektif = fields.CharEnumField(PerspektifJpt, max_length=20, null=True)
    urutan = fields.SmallIntField(default=1)

    class Meta:
        table = "rencana_hasil_kerja"


class IndikatorKinerja(VersionedModel):
    id = fields.IntField(primary_key=True)
    rhk = fields.ForeignKeyField(
        "models.RencanaHasilKerja",
        related_name="indikator",
        db_index=True,
        on_delete=fields.CASCADE,
    )
    aspek = fields.CharEnumField(AspekIndikator, max_length=10)
    uraian = fields.TextField()
    target_nilai = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    target_satuan = fields.CharField(max_length=60, null=True)
    # Descriptive target, used when the SKP's pendekatan is KUALITATIF.
    target_deskripsi = fields.TextField(null=True)
    urutan = fields.SmallIntField(default=1)

    class Meta:
        table = "indikator_kinerja"


class PerilakuKerja(Model):
    id = fields.IntField(primary_key=True)
    skp = fields.ForeignKeyField(
        "models.Skp", related_name="perilaku_kerja", db_index=True, on_delete=fields.CASCADE
    )
    nilai = fields.CharEnumField(NilaiBerakhlak, max_length=24)
    ekspektasi_khusus = fields.TextField(null=True)
    version = fields.IntField(default=1, db_default=1)  # a default fills rows that exist

    class Meta:
        table = "perilaku_kerja"
        unique_together = (("skp", "nilai"),)


class UmpanBalik(Model):
    """Continuous feedback on an RHK during the year, from the pegawai or their appraisers."""

    id = fields.IntField(primary_key=True)
    rhk = fields.ForeignKeyField(
        "models.RencanaHasilKerja", related_name="umpan_balik", db_index=True,
        on_delete=fields.CASCADE,
    )
    penulis = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    penulis_nama = fields.CharField(max_length=255)
    isi = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "umpan_balik"
