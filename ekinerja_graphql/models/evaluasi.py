"""Realisasi per indicator and period, and periodic/annual evaluations."""

from tortoise import fields

from ekinerja_graphql.domain.evaluasi import KeputusanKeberatan, StatusEvaluasi
from ekinerja_graphql.domain.golongan import Golongan, GolonganPppk
from ekinerja_graphql.domain.jabatan import JenjangJabatanFungsional
from ekinerja_graphql.domain.kepegawaian import StatusPenilai
from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.domain.predikat import Predikat, Rating
from ekinerja_graphql.models.base import VersionedModel


class Realisasi(VersionedModel):
    id = fields.IntField(primary_key=True)
    indikator = fields.ForeignKeyField(
        "models.IndikatorKinerja", related_name="realisasi", db_index=True, on_delete=fields.CASCADE
    )
    jenis_periode = fields.CharEnumField(JenisPeriode, max_length=10)
    nomor_periode = fields.SmallIntField()
    nilai = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    deskripsi = fields.TextField(null=True)
    bukti = fields.JSONField(default=list)  # evidence links

    class Meta:
        table = "realisasi"
        unique_together = (("indikator", "jenis_periode", "nomor_periode"),)


class Evaluasi(VersionedModel):
    id = fields.IntField(primary_key=True)
    skp = fields.ForeignKeyField(
        "models.Skp", related_name="evaluasi", db_index=True, on_delete=fields.RESTRICT
    )
    pegawai = fields.ForeignKeyField(
        "models.Pegawai", related_name="evaluasi", db_index=True, on_delete=fields.RESTRICT
    )
    tahun = fields.SmallIntField()
    jenis_periode = fields.CharEnumField(JenisPeriode, max_length=10)
    nomor_periode = fields.SmallIntField()
    periode_awal = fields.DateField()
    periode_akhir = fields.DateField()
    rating_hasil_kerja = fields.CharEnumField(Rating, max_length=20, null=True)
    rating_perilaku_kerja = fields.CharEnumField(Rating, max_length=20, null=True)
    predikat = fields.CharEnumField(Predikat, max_length=16, null=True, db_index=True)
    status = fields.CharEnumField(StatusEvaluasi, max_length=10, db_index=True)
    catatan = fields.TextField(null=True)
    # Snapshot at the period's end: later transfers must not rewrite history.
    jabatan = fields.ForeignKeyField(
        "models.Jabatan", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    jabatan_nama = fields.CharField(max_length=255, null=True)
    unit = fields.ForeignKeyField(
        "models.UnitOrganisasi", related_name=False, db_index=True, on_delete=fields.RESTRICT
    )
    unit_nama = fields.CharField(max_length=255)
    golongan = fields.CharEnumField(Golongan, max_length=2, null=True)
    golongan_pppk = fields.CharEnumField(GolonganPppk, max_length=4, null=True)
    status_penilai = fields.CharEnumField(
        StatusPenilai, max_length=8, default=StatusPenilai.ASN, db_default=StatusPenilai.ASN
    )
    pejabat_penilai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, db_index=True, on_delete=fields.SET_NULL
    )
    pejabat_penilai_nip = fields.CharField(max_length=18, null=True)
    pejabat_penilai_nama = fields.CharField(max_length=255, null=True)
    # What SIASN's payload says of the penilai (penilaiJabatan, penilaiUnorNama,
    # penilaiGolongan) and who the atasan pejabat penilai was.
    pejabat_penilai_jabatan = fields.CharField(max_length=255, null=True)
    pejabat_penilai_unit_nama = fields.CharField(max_length=255, null=True)
    pejabat_penilai_golongan = fields.CharEnumField(Golongan, max_length=2, null=True)
    pejabat_penilai_golongan_pppk = fields.CharEnumField(GolonganPppk, max_length=4, null=True)
    atasan_pejabat_penilai = fields.ForeignKeyField(
        "models.Pegawai", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    atasan_pejabat_penilai_nip = fields.CharField(max_length=18, null=True)
    atasan_pejabat_penilai_nama = fields.CharField(max_length=255, null=True)
    # Jabatan fungsional: the jenjang then, the months the SKP covers and the angka kredit.
    jenjang = fields.CharEnumField(JenjangJabatanFungsional, max_length=20, null=True)
    bulan_dinilai = fields.SmallIntField(null=True)
    angka_kredit = fields.DecimalField(max_digits=8, decimal_places=3, null=True)
    ditetapkan_at = fields.DatetimeField(null=True)
    final_at = fields.DatetimeField(null=True)

    class Meta:
        table = "evaluasi"
        unique_together = (("skp", "jenis_periode", "nomor_periode"),)
        indexes = (("pegawai_id", "tahun"),)


class Keberatan(VersionedModel):
    """A pegawai's objection to a predikat (at most one per evaluation) and the atasan
    pejabat penilai's final decision, with the ratings before it."""

    id = fields.IntField(primary_key=True)
    evaluasi = fields.OneToOneField(
        "models.Evaluasi", related_name="keberatan", on_delete=fields.CASCADE
    )
    alasan = fields.TextField()
    diajukan_at = fields.DatetimeField(auto_now_add=True)
    keputusan = fields.CharEnumField(KeputusanKeberatan, max_length=10, null=True)
    catatan_keputusan = fields.TextField(null=True)
    diputus_oleh = fields.CharField(max_length=64, null=True)
    diputus_at = fields.DatetimeField(null=True)
    rating_hasil_kerja_semula = fields.CharEnumField(Rating, max_length=20)
    rating_perilaku_kerja_semula = fields.CharEnumField(Rating, max_length=20)
    predikat_semula = fields.CharEnumField(Predikat, max_length=16)

    class Meta:
        table = "keberatan"
