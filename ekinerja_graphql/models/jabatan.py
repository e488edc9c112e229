from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.validators import MaxValueValidator, MinValueValidator

from ekinerja_graphql.domain.jabatan import (
    KELAS_JABATAN_TERENDAH,
    KELAS_JABATAN_TERTINGGI,
    Eselon,
    JenisJabatan,
    JenjangJabatanFungsional,
)
from ekinerja_graphql.models.base import TimestampedModel


class Jabatan(TimestampedModel):
    id = fields.IntField(primary_key=True)
    siasn_id = fields.CharField(max_length=42, unique=True, null=True)
    nama = fields.CharField(max_length=255, db_index=True)
    jenis = fields.CharEnumField(JenisJabatan, max_length=20, db_index=True)
    kelas_jabatan = fields.SmallIntField(
        validators=[
            MinValueValidator(KELAS_JABATAN_TERENDAH),
            MaxValueValidator(KELAS_JABATAN_TERTINGGI),
        ]
    )
    eselon = fields.CharEnumField(Eselon, max_length=2, null=True)
    jenjang = fields.CharEnumField(JenjangJabatanFungsional, max_length=20, null=True)

    class Meta:
        table = "jabatan"
        # Also in the database: the bulk load and SQL writes bypass the ORM's validators.
        constraints = (
            CheckConstraint(
                check=f"kelas_jabatan BETWEEN {KELAS_JABATAN_TERENDAH}"
                f" AND {KELAS_JABATAN_TERTINGGI}",
                name="jabatan_kelas_range",
            ),
        )
