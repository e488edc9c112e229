"""Daily attendance as imported (spec/domain.md §5), and each accepted import."""

from tortoise import fields
from tortoise.models import Model

from ekinerja_graphql.domain.tukin.absensi import Keterangan


class ImporAbsensi(Model):
    """An accepted attendance file: a rejected one writes nothing."""

    id = fields.IntField(primary_key=True)
    nama_berkas = fields.CharField(max_length=255)
    sha256 = fields.CharField(max_length=64)
    diunggah_oleh = fields.CharField(max_length=64, null=True)
    baris = fields.IntField()  # records in the file
    diganti = fields.IntField()  # of those, days that replaced an earlier record
    pegawai = fields.IntField()  # distinct pegawai
    bulan = fields.JSONField()  # ["2026-10", …]: the months it touches
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "impor_absensi"


class Absensi(Model):
    """One pegawai's day. Minutes late and early are derived at import from the times and
    the working calendar; None with a HADIR means the time is missing (the last bracket)."""

    id = fields.BigIntField(primary_key=True)
    pegawai = fields.ForeignKeyField("models.Pegawai", related_name=False, db_index=False,
                                     on_delete=fields.CASCADE)  # fmt: skip
    tanggal = fields.DateField()
    keterangan = fields.CharEnumField(Keterangan, max_length=20)
    # "HH:MM:SS" as the file gave it: Tortoise's TimeField would attach its UTC zone to a
    # local time of day, and SQLite has no time type.
    jam_masuk = fields.CharField(max_length=8, null=True)
    jam_pulang = fields.CharField(max_length=8, null=True)
    menit_terlambat = fields.SmallIntField(null=True)
    menit_pulang_cepat = fields.SmallIntField(null=True)
    impor = fields.ForeignKeyField("models.ImporAbsensi", related_name=False, null=True,
                                   db_index=False, on_delete=fields.SET_NULL)  # fmt: skip

    class Meta:
        table = "absensi"
        # Also the index of a month's summary: pegawai_id = ? AND tanggal BETWEEN ….
        unique_together = (("pegawai", "tanggal"),)
